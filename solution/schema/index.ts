export * from './types';
export { buildSchema, optionValue, allColumns } from './build-schema';
export { AUDIT_MAX_LENGTH, SYNC_STATE_MAX_LENGTH, REFERRAL_LINK_MAX_LENGTH } from './definition';
export { renderAttributeXml, renderOpportunityAttributesXml, escapeXml } from './attribute-xml';

export * from './types';
export { FIELD_MAPPING } from './field-mapping';
export { validateMapping, resolveColumn, type ColumnCatalog } from './validate';
export { fieldMappingGuide } from './guide';

import { FIELD_MAPPING, fieldMappingGuide } from '../../flows/mapping';
import { salesforceFieldMappingSection } from '../../flows/salesforce';
import type { BuildStep } from './types';

/** docs/FIELD-MAPPING.md: the mapping table for every CRM, then the Salesforce section. */
export const fieldMappingGuideStep: BuildStep = {
  name: 'field mapping guide',
  run({ config }) {
    const text = `${fieldMappingGuide(FIELD_MAPPING, config.publisher.customizationPrefix)}\n${salesforceFieldMappingSection(config)}`;
    return [{ path: 'docs/FIELD-MAPPING.md', bytes: Buffer.from(text, 'utf8') }];
  },
};

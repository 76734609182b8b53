import type { Artifact, BuildStep } from '../../scripts/pipeline/types';
import { salesforceMetadataFiles } from './metadata';
import { salesforceModel } from './model';

/** Build step: the Salesforce DX project (custom fields, Microsoft Solution object, permission sets) under dist/salesforce/. */
export const salesforceMetadataStep: BuildStep = {
  name: 'Salesforce metadata',
  run({ config }): Artifact[] {
    return salesforceMetadataFiles(salesforceModel(config)).map((f) => ({
      path: `salesforce/${f.path}`,
      bytes: Buffer.from(f.content, 'utf8'),
    }));
  },
};

import { defaultConfig } from '../../../scripts/lib/config';
import { buildSchema } from '../../../solution/schema';
import { DataverseError } from '../../../sandbox/dataverse/errors';
import { buildModel } from '../../../sandbox/dataverse/metadata/build-model';

export const schema = buildSchema(defaultConfig('1.0.0'));
export const model = buildModel(schema);
export const opportunity = model.entities.get('opportunity')!;

/** Runs `fn`, expecting a DataverseError; returns it. */
export function dataverseError(fn: () => unknown): DataverseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataverseError) return e;
    throw e;
  }
  throw new Error('expected a DataverseError');
}

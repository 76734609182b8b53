/** The Partner Center data model: import from here. */
export * from './enums';
export * from './iso';
export * from './status-rules';
export * from './referral';
export * from './webhooks';
export * from './patch';
export { collectObjects, type Infer, type ObjectSchema, type Schema } from './schema-dsl';
export { toJsonSchema, toSwaggerDefinition, toSwaggerSchema } from './emit';
export * from './errors';
export { validatorFor, describeErrors } from './validator';
export { resolveModelPath, leafPaths } from './paths';

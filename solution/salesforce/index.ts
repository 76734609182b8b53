export * from './model';
export { salesforceMetadataFiles, fieldXml, objectXml, permissionSetXml, packageXml, SF_API_VERSION } from './metadata';
export { salesforceMetadataStep } from './step';
export { salesforceEnvironmentVariables } from './environment';
export { salesforceSolutionStep, salesforceSolutionContents, SALESFORCE_SOLUTION_SUFFIX } from './packer-step';

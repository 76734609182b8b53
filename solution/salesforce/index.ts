export * from './model';
export { salesforceMetadataFiles, fieldXml, objectXml, permissionSetXml, packageXml, SF_API_VERSION } from './metadata';
export { salesforceMetadataStep } from './step';

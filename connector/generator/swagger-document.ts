import type { ConnectorSpec } from './connector-spec';
import { definitionsFor, type Json, oauthSecurity } from './swagger-builder';

/** The full apiDefinition.swagger.json of a connector. */
export function swaggerDocument(spec: ConnectorSpec, version: string): Json {
  return {
    swagger: '2.0',
    info: { title: spec.displayName, description: spec.description, version },
    host: spec.host,
    basePath: spec.basePath,
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths: spec.paths,
    definitions: definitionsFor(spec.definitionRoots),
    parameters: {},
    responses: {},
    ...oauthSecurity(),
    tags: [],
    'x-ms-connector-metadata': [
      { propertyName: 'Website', propertyValue: 'https://partner.microsoft.com' },
      { propertyName: 'Categories', propertyValue: 'Sales and CRM' },
    ],
  };
}

import type { CosellConfig } from '../../scripts/lib/config';
import type { ConnectorSpec } from './connector-spec';
import type { Json } from './swagger-builder';

/**
 * apiProperties.json: OAuth 2.0 with Entra ID for the connector's resource. Only the client id is
 * here; the client secret is given when the connector is created in an environment and is never
 * written to any file.
 */
export function apiProperties(spec: ConnectorSpec, config: CosellConfig): Json {
  return {
    properties: {
      connectionParameters: {
        token: {
          type: 'oauthSetting',
          oAuthSettings: {
            identityProvider: 'aad',
            clientId: config.connectors.clientId,
            scopes: [],
            redirectMode: 'Global',
            redirectUrl: 'https://global.consent.azure-apim.net/redirect',
            properties: { IsFirstParty: 'False', AzureActiveDirectoryResourceId: spec.resource },
            customParameters: {
              loginUri: { value: 'https://login.microsoftonline.com' },
              tenantId: { value: 'common' },
              resourceUri: { value: spec.resource },
              enableOnbehalfOfLogin: { value: 'false' },
            },
          },
        },
        'token:TenantId': {
          type: 'string',
          metadata: { sourceType: 'AzureActiveDirectoryTenant' },
          uiDefinition: {
            constraints: { required: 'false', hidden: 'true' },
          },
        },
      },
      iconBrandColor: spec.brandColor,
      capabilities: [],
      publisher: config.publisher.displayName,
      stackOwner: 'Microsoft Corporation',
      policyTemplateInstances: [],
    },
  };
}

/**
 * settings.json as the Power Platform Connectors CLI (paconn) reads it. Environment and connector id
 * are left empty: paconn asks for them on create and writes them back after.
 */
export function paconnSettings(): Json {
  return {
    connectorId: null,
    environment: null,
    apiProperties: 'apiProperties.json',
    apiDefinition: 'apiDefinition.swagger.json',
    icon: 'icon.png',
    powerAppsApiVersion: '2016-11-01',
    powerAppsUrl: 'https://api.powerapps.com',
  };
}

import { generateConnectors } from '../../../connector/generator';
import { customConnectorApiName as connectorApiName, connectorLogicalName } from '../../../connector/generator/naming';
import { ASSISTANCE_REQUEST_CODE, REFERRAL_STATUS } from '../../../connector/model';
import { resolveConfig } from '../../../scripts/lib/config';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const config = resolveConfig({ connectors: { clientId: '1b2c3d4e-0000-4000-8000-123456789abc' } }, '1.4.2');
const [referrals, events] = generateConnectors(config) as { swagger: Json; apiProperties: Json; spec: Json }[];

const ops = (doc: Json): Record<string, { method: string; path: string; op: Json }> => {
  const out: Record<string, { method: string; path: string; op: Json }> = {};
  for (const [path, item] of Object.entries(doc.paths as Json))
    for (const [method, op] of Object.entries(item as Json))
      out[(op as Json).operationId] = { method, path, op: op as Json };
  return out;
};

describe('Partner Center Referrals connector', () => {
  const doc = referrals.swagger;
  const byId = ops(doc);

  it('targets the Referrals API over https', () => {
    expect(doc.host).toBe('api.partner.microsoft.com');
    expect(doc.basePath).toBe('/v1.0/engagements');
    expect(doc.schemes).toEqual(['https']);
    expect(doc.info.version).toBe('1.4');
  });

  it('has every operation the issue lists, with the right method and path', () => {
    expect(
      Object.fromEntries(Object.entries(byId).map(([id, o]) => [id, `${o.method.toUpperCase()} ${o.path}`])),
    ).toEqual({
      ListReferrals: 'GET /referrals',
      CreateReferral: 'POST /referrals',
      GetReferral: 'GET /referrals/{id}',
      UpdateReferral: 'PATCH /referrals/{id}',
      ReplaceReferral: 'PUT /referrals/{id}',
      CreateDealRegistration: 'PATCH /referrals/{id}/',
      UpdateDealRegistration: 'PATCH /referrals/{id}//',
    });
  });

  it('lists with OData options and pages through @odata.nextLink', () => {
    const list = byId.ListReferrals.op;
    expect(list.parameters.map((p: Json) => p.name)).toEqual(
      expect.arrayContaining(['$filter', '$orderby', '$top', '$skip', '$select', '$count', '$skiptoken']),
    );
    expect(list['x-ms-pageable']).toEqual({ nextLinkName: '@odata.nextLink' });
    expect(doc.definitions.ReferralList.properties['@odata.nextLink'].type).toBe('string');
  });

  it('patches with JSON Patch, optional If-Match and Prefer, and replaces with a required If-Match', () => {
    const patch = byId.UpdateReferral.op;
    const header = (op: Json, name: string) => op.parameters.find((p: Json) => p.name === name);
    expect(header(patch, 'If-Match').required).toBe(false);
    expect(header(patch, 'Prefer').default).toBe('return=representation');
    const body = patch.parameters.find((p: Json) => p.in === 'body');
    expect(body.schema).toEqual({ type: 'array', items: { $ref: '#/definitions/PatchOperation' } });
    expect(doc.definitions.PatchOperation.properties.op.enum).toEqual(['replace', 'add']);
    expect(header(byId.ReplaceReferral.op, 'If-Match').required).toBe(true);
  });

  it('carries the model enums with display names', () => {
    const status = doc.definitions.Referral.properties.status;
    expect(status.enum).toEqual(REFERRAL_STATUS.map((s) => s.value));
    expect(status['x-ms-enum-values'][0]).toEqual({ value: 'None', displayName: 'None' });
    const help = doc.definitions.InviteContext.properties.assistanceRequestCode;
    expect(help.enum).toEqual(ASSISTANCE_REQUEST_CODE.map((s) => s.value));
    expect(doc.definitions.Referral.required).toEqual(['type', 'customerProfile', 'consent', 'details']);
  });

  it('signs in with OAuth 2.0 to the Referrals resource, with the configured client id and no secret', () => {
    expect(doc.securityDefinitions.oauth2_auth.type).toBe('oauth2');
    const token = referrals.apiProperties.properties.connectionParameters.token;
    expect(token.type).toBe('oauthSetting');
    expect(token.oAuthSettings.clientId).toBe('1b2c3d4e-0000-4000-8000-123456789abc');
    expect(token.oAuthSettings.properties.AzureActiveDirectoryResourceId).toBe('https://api.partner.microsoft.com');
    expect(token.oAuthSettings.customParameters.resourceUri.value).toBe('https://api.partner.microsoft.com');
    expect(JSON.stringify(referrals.apiProperties)).not.toMatch(/secret/i);
  });
});

describe('Partner Center Events connector', () => {
  const doc = events.swagger;
  it('targets the Webhooks API on its own OAuth resource', () => {
    expect(doc.host).toBe('api.partnercenter.microsoft.com');
    expect(doc.basePath).toBe('/webhooks');
    expect(
      events.apiProperties.properties.connectionParameters.token.oAuthSettings.properties
        .AzureActiveDirectoryResourceId,
    ).toBe('https://api.partnercenter.microsoft.com');
  });

  it('has the registration and validation operations', () => {
    expect(Object.keys(ops(doc)).sort()).toEqual(
      [
        'CreateRegistration',
        'CreateValidationEvent',
        'GetRegistration',
        'GetValidationEvent',
        'ListEventTypes',
        'UpdateRegistration',
      ].sort(),
    );
    expect(doc.definitions.WebhookRegistration.properties.WebhookUrl.type).toBe('string');
  });
});

describe('custom connector naming in a solution', () => {
  it('follows the exported pattern', () => {
    expect(connectorLogicalName('cre80', 'Kursy walut NBP')).toBe('cre80_5Fkursy-20walut-20nbp');
    expect(connectorLogicalName('admin', 'Office 365 Management API')).toBe('admin_5Foffice-20365-20management-20api');
    expect(connectorLogicalName('cosell', 'Partner Center Referrals')).toBe('cosell_5Fpartner-20center-20referrals');
    const api = connectorApiName('cre80_5Fkursy-20walut-20nbp');
    expect(api).toMatch(/^shared_cre80-5fkursy-20walut-20nbp-5f[0-9a-f]{16}$/);
    expect(connectorApiName('cre80_5Fkursy-20walut-20nbp')).toBe(api);
  });
});

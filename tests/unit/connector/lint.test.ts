import { lintConnector, lintConnectorRules, RULES } from '../../../connector/lint';
import { generateConnectors } from '../../../connector/generator';
import { defaultConfig } from '../../../scripts/lib/config';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const [referrals, events] = generateConnectors(defaultConfig('1.0.0'));
const fresh = (): Json => structuredClone(referrals.swagger) as Json;

describe('connector lint', () => {
  it('passes both generated connectors with no finding', async () => {
    expect(await lintConnector(referrals.swagger)).toEqual([]);
    expect(await lintConnector(events.swagger)).toEqual([]);
  });

  // One failing fixture per rule: each mutation breaks exactly what the rule guards.
  const fixtures: [rule: string, mutate: (d: Json) => void, path: string][] = [
    ['required-top-level', (d) => delete d.host, '/host'],
    ['required-top-level', (d) => (d.schemes = ['http']), '/schemes'],
    ['required-top-level', (d) => delete d.securityDefinitions, '/securityDefinitions'],
    [
      'oauth-only',
      (d) => (d.securityDefinitions.key = { type: 'apiKey', name: 'k', in: 'header' }),
      '/securityDefinitions/key',
    ],
    [
      'unique-operation-ids',
      (d) => (d.paths['/referrals/{id}'].get.operationId = 'ListReferrals'),
      '/paths/~1referrals~1{id}/get/operationId',
    ],
    ['summary', (d) => (d.paths['/referrals'].get.summary = 'List referrals.'), '/paths/~1referrals/get/summary'],
    ['summary', (d) => (d.paths['/referrals'].get.summary = 'x'.repeat(81)), '/paths/~1referrals/get/summary'],
    ['summary', (d) => delete d.paths['/referrals'].post.summary, '/paths/~1referrals/post/summary'],
    [
      'parameter-summary',
      (d) => delete d.paths['/referrals'].get.parameters[0]['x-ms-summary'],
      '/paths/~1referrals/get/parameters/0',
    ],
    [
      'typed-success-response',
      (d) => delete d.paths['/referrals/{id}'].get.responses['200'].schema,
      '/paths/~1referrals~1{id}/get/responses',
    ],
    [
      'visibility-values',
      (d) => (d.paths['/referrals'].get.parameters[0]['x-ms-visibility'] = 'hidden'),
      '/paths/~1referrals/get/parameters/0/x-ms-visibility',
    ],
    [
      'no-untyped-objects',
      (d) => (d.paths['/referrals'].post.parameters[0].schema = { type: 'object' }),
      '/paths/~1referrals/post/parameters/0/schema',
    ],
    ['no-untyped-objects', (d) => (d.definitions.Consent.properties = {}), '/definitions/Consent'],
  ];

  it.each(fixtures)('rule %s fails its fixture', (rule, mutate, path) => {
    const doc = fresh();
    mutate(doc);
    const findings = lintConnectorRules(doc).filter((f) => f.rule === rule);
    expect(findings.map((f) => f.path)).toContain(path);
  });

  it('has a failing fixture for every rule', () => {
    const covered = new Set(fixtures.map(([rule]) => rule));
    expect(RULES.map((r) => r.name).filter((r) => !covered.has(r))).toEqual([]);
  });

  it('reports invalid Swagger 2.0 through swagger-parser', async () => {
    const doc = fresh();
    doc.paths['/referrals/{id}'].get.parameters = [];
    const findings = await lintConnector(doc);
    expect(findings.some((f) => f.rule === 'valid-swagger' && /id/.test(f.message))).toBe(true);
  });
});

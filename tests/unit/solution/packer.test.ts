import { defaultConfig } from '../../../scripts/lib/config';
import { deploymentSettings } from '../../../solution/packer/deployment-settings';
import { solutionContentsFromBuild } from '../../../solution/packer/from-build';
import { buildSolutionPackage } from '../../../solution/packer/package';
import { parseXml, child, textOf, descendants, attr } from '../../../solution/packer/xml-parse';
import { readZip } from '../../../solution/packer/zip-read';
import { validateSolutionZip } from '../../../solution/validator';
import { fixtureArtifacts, fixtureConfig, fixtureContents, fixtureSources } from './fixture';

const unzip = (b: Buffer) => new Map(readZip(b).map((e) => [e.name, e.data]));

describe('solution package', () => {
  const contents = fixtureContents();
  const unmanaged = buildSolutionPackage(contents, false);
  const managed = buildSolutionPackage(contents, true);
  const files = unzip(unmanaged.bytes);

  it('is named <UniqueName>_<version with underscores>[_managed].zip', () => {
    expect(unmanaged.fileName).toBe('CosellSync_1_2_3_0.zip');
    expect(managed.fileName).toBe('CosellSync_1_2_3_0_managed.zip');
  });

  it('is byte-identical when built twice', () => {
    expect(buildSolutionPackage(fixtureContents(), false).bytes.equals(unmanaged.bytes)).toBe(true);
    expect(buildSolutionPackage(fixtureContents(), true).bytes.equals(managed.bytes)).toBe(true);
  });

  it('writes root XML as exports do: no BOM, no declaration, CRLF; [Content_Types].xml last, with BOM, one line', () => {
    for (const name of ['solution.xml', 'customizations.xml']) {
      const b = files.get(name)!;
      expect(b[0]).toBe('<'.charCodeAt(0));
      const t = b.toString('utf8');
      expect(t.startsWith('<ImportExportXml')).toBe(true);
      expect(t.replace(/\r\n/g, '')).not.toContain('\n');
    }
    const names = [...files.keys()];
    expect(names.slice(0, 2)).toEqual(['customizations.xml', 'solution.xml']);
    expect(names[names.length - 1]).toBe('[Content_Types].xml');
    const ct = files.get('[Content_Types].xml')!;
    expect([...ct.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(ct.toString('utf8')).toMatch(/^\uFEFF<\?xml version="1\.0" encoding="utf-8"\?><Types [^\n]*<\/Types>$/);
    for (const ext of ['xml', 'json', 'js', 'resx', 'Png'])
      expect(ct.toString('utf8')).toContain(`<Default Extension="${ext}" ContentType="application/octet-stream" />`);
  });

  it('differs between managed and unmanaged only in <Managed>', () => {
    const m = unzip(managed.bytes);
    expect([...m.keys()]).toEqual([...files.keys()]);
    for (const [name, data] of files) {
      if (name === 'solution.xml') {
        expect(m.get(name)!.toString('utf8').replace('<Managed>1</Managed>', '<Managed>0</Managed>')).toBe(
          data.toString('utf8'),
        );
      } else expect(m.get(name)!.equals(data)).toBe(true);
    }
  });

  it('lists root components with the reference type codes', () => {
    const sol = parseXml(files.get('solution.xml')!.toString('utf8'));
    const rcs = descendants(sol, 'RootComponent').map(
      (r) => `${attr(r, 'type')}:${attr(r, 'schemaName') ?? attr(r, 'id')}:${attr(r, 'behavior')}`,
    );
    expect(rcs).toContain('1:opportunity:2');
    expect(rcs).toContain('1:cosell_microsoftsolution:0');
    expect(rcs).toContain('66:cosell_Cosell.ReferralPanel:0');
    expect(rcs.filter((r) => r.startsWith('29:{'))).toHaveLength(2);
    expect(rcs.filter((r) => r.startsWith('372:'))).toHaveLength(2);
    expect(rcs.some((r) => r.startsWith('380:'))).toBe(false);
    const m = child(sol, 'SolutionManifest')!;
    expect(textOf(child(m, 'Version'))).toBe('1.2.3.0');
    expect(textOf(child(child(m, 'Publisher')!, 'CustomizationPrefix'))).toBe('cosell');
    expect(textOf(child(child(m, 'Publisher')!, 'CustomizationOptionValuePrefix'))).toBe('31870');
  });

  it('ships flows turned off, as UTF-8 JSON without BOM, CRLF, with schemaVersion', () => {
    const cust = files.get('customizations.xml')!.toString('utf8');
    expect(cust).toContain('<StateCode>0</StateCode>');
    expect(cust).toContain('<StatusCode>1</StatusCode>');
    expect(cust).not.toContain('<StateCode>1</StateCode>');
    const flow = [...files].find(([n]) => n.startsWith('Workflows/PartnerCenterWebhookRegistration-'))!;
    expect(flow[0]).toMatch(/^Workflows\/PartnerCenterWebhookRegistration-[0-9A-F-]{36}\.json$/);
    expect(flow[1][0]).toBe('{'.charCodeAt(0));
    const text = flow[1].toString('utf8');
    expect(text).toContain('\r\n  "properties": {');
    const doc = JSON.parse(text);
    expect(doc.schemaVersion).toBe('1.0.0.0');
    expect(doc.properties.displayName).toBeUndefined();
    expect(Object.keys(doc.properties.connectionReferences)).toEqual(['shared_partnercenterevents']);
  });

  it('writes connectors under Connector/ with the escaped logical name', () => {
    const n = 'cosell_5Fpartner-20center-20referrals';
    for (const suffix of [
      '_openapidefinition.json',
      '_connectionparameters.json',
      '_policytemplateinstances.json',
      '_iconblob.Png',
    ])
      expect(files.has(`Connector/${n}${suffix}`)).toBe(true);
    expect(files.get(`Connector/${n}_policytemplateinstances.json`)!.toString()).toBe('null');
    expect(JSON.parse(files.get(`Connector/${n}_openapidefinition.json`)!.toString()).swagger).toBe('2.0');
    const cust = files.get('customizations.xml')!.toString('utf8');
    expect(cust).toMatch(new RegExp(`<connectorid>[0-9a-f-]{36}</connectorid>`));
    expect(cust).toContain(`<openapidefinition>/Connector/${n}_openapidefinition.json</openapidefinition>`);
  });

  it('writes controls under Controls/<prefix>_<ns>.<ctor>/ with every file', () => {
    expect([...files.keys()].filter((n) => n.startsWith('Controls/'))).toEqual([
      'Controls/cosell_Cosell.ReferralPanel/ControlManifest.xml',
      'Controls/cosell_Cosell.ReferralPanel/bundle.js',
      'Controls/cosell_Cosell.ReferralPanel/strings/ReferralPanel.1033.resx',
    ]);
    expect(files.get('customizations.xml')!.toString()).toContain(
      '<FileName>/Controls/cosell_Cosell.ReferralPanel/ControlManifest.xml</FileName>',
    );
  });

  it('renders every column type with the export element order and option values with the prefix', () => {
    const cust = parseXml(files.get('customizations.xml')!.toString('utf8'));
    const attrs = descendants(cust, 'attribute');
    const types = Object.fromEntries(attrs.map((a) => [attr(a, 'PhysicalName'), textOf(child(a, 'Type'))]));
    expect(types).toMatchObject({
      cosell_SyncWithPartnerCenter: 'bit',
      cosell_ReferralIdentifier: 'nvarchar',
      cosell_ReferralLink: 'nvarchar',
      cosell_Audit: 'ntext',
      cosell_LastSyncedOn: 'datetime',
      cosell_Visibility: 'picklist',
      cosell_HowCanMicrosoftHelp: 'multiselectpicklist',
      cosell_PrimarySolution: 'lookup',
      cosell_MicrosoftSolutionId: 'primarykey',
      cosell_Name: 'nvarchar',
    });
    const link = attrs.find((a) => attr(a, 'PhysicalName') === 'cosell_ReferralLink')!;
    const names = link.children.map((c) => (typeof c === 'string' ? c : c.name));
    expect(names.slice(0, 4)).toEqual(['Type', 'Name', 'LogicalName', 'RequiredLevel']);
    expect(names.slice(-5)).toEqual(['Format', 'MaxLength', 'Length', 'displaynames', 'Descriptions']);
    expect(textOf(child(link, 'Format'))).toBe('url');
    expect(textOf(child(link, 'Length'))).toBe('4000');
    const audit = attrs.find((a) => attr(a, 'PhysicalName') === 'cosell_Audit')!;
    expect(child(audit, 'Length')).toBeUndefined();
    const multi = attrs.find((a) => attr(a, 'PhysicalName') === 'cosell_HowCanMicrosoftHelp')!;
    expect(child(multi, 'AppDefaultValue')).toBeUndefined();
    expect(textOf(child(child(multi, 'optionset')!, 'OptionSetType'))).toBe('picklist');
    expect(descendants(multi, 'option').map((o) => attr(o, 'value'))).toEqual(['318700000', '318700001']);
    const bit = attrs.find((a) => attr(a, 'PhysicalName') === 'cosell_SyncWithPartnerCenter')!;
    expect(textOf(child(bit, 'AppDefaultValue'))).toBe('0');
    expect(attr(child(bit, 'optionset')!, 'Name')).toBe('cosell_opportunity_cosell_syncwithpartnercenter');
    expect(descendants(bit, 'option').map((o) => attr(o, 'value'))).toEqual(['1', '0']);
    const rels = descendants(cust, 'EntityRelationship').map(
      (r) => `${attr(r, 'Name')}:${textOf(child(r, 'EntityRelationshipType'))}`,
    );
    expect(rels).toEqual([
      'cosell_microsoftsolution_opportunity_primary:OneToMany',
      'cosell_opportunity_cosell_microsoftsolution:ManyToMany',
    ]);
    const key = descendants(cust, 'EntityKey')[0];
    expect(textOf(child(child(key, 'EntityKeyAttributes')!, 'AttributeName'))).toBe('cosell_referralidentifier');
  });

  it('binds a PCF control for web, tablet and phone in the form section', () => {
    const cust = parseXml(files.get('customizations.xml')!.toString('utf8'));
    const control = descendants(cust, 'control').find((c) => attr(c, 'id') === 'cosell_referrallink')!;
    expect(attr(control, 'classid')).toBe('{F9A8A302-114E-466A-B582-6771B2AE0D92}');
    expect(attr(control, 'disabled')).toBe('true');
    const desc = descendants(cust, 'controlDescription')[0];
    expect(attr(desc, 'forControl')).toBe(attr(control, 'uniqueid'));
    const bound = descendants(desc, 'customControl').filter((c) => attr(c, 'formFactor'));
    expect(bound.map((c) => attr(c, 'formFactor')).sort()).toEqual(['0', '1', '2']);
    expect(new Set(bound.map((c) => attr(c, 'name')))).toEqual(new Set(['cosell_Cosell.ReferralPanel']));
    const other = descendants(cust, 'control').find((c) => attr(c, 'id') === 'cosell_audit')!;
    expect(attr(other, 'classid')).toBe('{E0DECE4B-6FC8-4a8f-A065-082708572369}');
    expect(attr(other, 'uniqueid')).toBeUndefined();
  });

  it('can instead add the section as a tab diff to an existing form (Strategy A)', () => {
    const sources = fixtureSources();
    const c = solutionContentsFromBuild(fixtureConfig(), fixtureArtifacts(), {
      ...sources,
      tables: (config) =>
        sources.tables!(config).map((t) =>
          t.kind === 'system'
            ? {
                ...t,
                forms: t.forms.map((f) => ({
                  ...f,
                  form: { kind: 'existing' as const, formId: 'A837E4A7-01B8-4F82-A475-BE9ABD67E667', tabOrdinal: 5 },
                })),
              }
            : t,
        ),
    });
    const pkg = buildSolutionPackage(c, false);
    expect(validateSolutionZip(pkg.bytes)).toEqual([]);
    const cust = parseXml(unzip(pkg.bytes).get('customizations.xml')!.toString('utf8'));
    const sf = descendants(cust, 'systemform')[0];
    expect(textOf(child(sf, 'formid'))).toBe('{a837e4a7-01b8-4f82-a475-be9abd67e667}');
    expect(attr(child(sf, 'form')!, 'solutionaction')).toBe('Modified');
    const tab = descendants(sf, 'tab')[0];
    expect([attr(tab, 'solutionaction'), attr(tab, 'ordinalvalue')]).toEqual(['Added', '5']);
    expect(child(sf, 'LocalizedNames')).toBeUndefined();
  });

  it('writes environment variable definitions in their folders, without values', () => {
    const p = 'environmentvariabledefinitions/cosell_DisplayCheckMark/environmentvariabledefinition.xml';
    const doc = parseXml(files.get(p)!.toString('utf8'));
    expect(attr(doc, 'schemaname')).toBe('cosell_DisplayCheckMark');
    expect(textOf(child(doc, 'type'))).toBe('100000002');
    expect(textOf(child(doc, 'defaultvalue'))).toBe('no');
    expect([...files.keys()].some((n) => n.endsWith('environmentvariablevalues.json'))).toBe(false);
  });

  it('lists every connection reference and environment variable in deploymentSettings.json', () => {
    const s = deploymentSettings(contents);
    expect(Object.keys(s)).toEqual(['EnvironmentVariables', 'ConnectionReferences']);
    expect(s.EnvironmentVariables).toEqual([
      { SchemaName: 'cosell_DealValueColumn', Value: '' },
      { SchemaName: 'cosell_DisplayCheckMark', Value: '' },
    ]);
    expect(s.ConnectionReferences.map((c) => c.LogicalName)).toEqual([
      'cosell_Dataverse',
      'cosell_PartnerCenterEvents',
      'cosell_PartnerCenterReferrals',
    ]);
    const cust = files.get('customizations.xml')!.toString('utf8');
    for (const c of s.ConnectionReferences) {
      expect(c.ConnectionId).toBe('');
      expect(cust).toContain(`connectionreferencelogicalname="${c.LogicalName}"`);
      expect(cust).toContain(`<connectorid>${c.ConnectorId}</connectorid>`);
    }
  });

  it('escapes display names XML cannot hold as they are, instead of failing', () => {
    const config = defaultConfig('1.0.0');
    config.solution.displayName = 'R&D <Co-sell> "Sync" \u0001 tab\there';
    config.publisher.displayName = "O'Brien & Söhne 合作";
    const c = solutionContentsFromBuild(config, fixtureArtifacts(config), fixtureSources());
    const pkg = buildSolutionPackage(c, false);
    expect(validateSolutionZip(pkg.bytes)).toEqual([]);
    const sol = parseXml(unzip(pkg.bytes).get('solution.xml')!.toString('utf8'));
    const names = descendants(sol, 'LocalizedName').map((n) => attr(n, 'description'));
    expect(names).toContain('R&D <Co-sell> "Sync" \uFFFD tab\there');
    expect(names).toContain("O'Brien & Söhne 合作");
  });
});

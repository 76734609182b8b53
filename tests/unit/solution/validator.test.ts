import { validateSolutionZip, RULES, type Finding } from '../../../solution/validator';
import { writeZip } from '../../../solution/packer/zip';
import { fixtureZip, mutateZip, replaceIn } from './fixture';

const good = fixtureZip(false);
const goodManaged = fixtureZip(true);

const CT = '[Content_Types].xml';
const CUST = 'customizations.xml';
const SOL = 'solution.xml';
const flowName = (entries: Map<string, Buffer>) => [...entries.keys()].find((n) => n.startsWith('Workflows/'))!;

function expectRule(findings: Finding[], rule: string, text: RegExp | string) {
  const hit = findings.filter((f) => f.rule === rule);
  expect(hit.map((h) => h.message).join('\n')).toMatch(text);
}

describe('structural validator', () => {
  it('accepts the fixture package, unmanaged and managed', () => {
    expect(validateSolutionZip(good)).toEqual([]);
    expect(validateSolutionZip(goodManaged)).toEqual([]);
  });

  const cases: {
    rule: keyof typeof RULES | 'xml-well-formed';
    name: string;
    edit: (e: Map<string, Buffer>) => void;
    expect: RegExp;
  }[] = [
    {
      rule: 'root-files',
      name: 'solution.xml missing',
      edit: (e) => e.delete(SOL),
      expect: /solution\.xml is missing at the zip root/,
    },
    {
      rule: 'root-files',
      name: 'Customizations.xml in the wrong case',
      edit: (e) => {
        const d = e.get(CUST)!;
        e.delete(CUST);
        e.set('Customizations.xml', d);
      },
      expect: /customizations\.xml is missing .*found "Customizations\.xml"/,
    },
    {
      rule: 'root-files',
      name: 'unpacked-tree names',
      edit: (e) => e.set('Other/Solution.xml', e.get(SOL)!),
      expect: /Other\/Solution\.xml is an unpacked-tree name/,
    },
    {
      rule: 'encoding',
      name: 'BOM in flow JSON',
      edit: (e) => {
        const n = flowName(e);
        e.set(n, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), e.get(n)!]));
      },
      expect: /starts with a BOM; import fails with "Flow clientdata/,
    },
    {
      rule: 'encoding',
      name: 'no BOM in [Content_Types].xml',
      edit: (e) => e.set(CT, e.get(CT)!.subarray(3)),
      expect: /must start with a UTF-8 BOM/,
    },
    {
      rule: 'encoding',
      name: 'BOM in solution.xml',
      edit: (e) => e.set(SOL, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), e.get(SOL)!])),
      expect: /solution\.xml starts with a BOM/,
    },
    {
      rule: 'encoding',
      name: 'utf-16 declaration',
      edit: (e) =>
        e.set(CUST, Buffer.from(`<?xml version="1.0" encoding="utf-16"?>\r\n${e.get(CUST)!.toString('utf8')}`)),
      expect: /declares encoding utf-16/,
    },
    {
      rule: 'xml-well-formed',
      name: 'broken customizations.xml',
      edit: (e) => replaceIn(e, CUST, '</Entities>', ''),
      expect: /customizations\.xml is not well-formed XML/,
    },
    {
      rule: 'content-types',
      name: 'missing js Default',
      edit: (e) => replaceIn(e, CT, '<Default Extension="js" ContentType="application/octet-stream" />', ''),
      expect: /No <Default Extension="js">.*PCF import/,
    },
    {
      rule: 'content-types',
      name: 'wrong extension case',
      edit: (e) => replaceIn(e, CT, 'Extension="Png"', 'Extension="png"'),
      expect: /No <Default Extension="Png">/,
    },
    {
      rule: 'content-types',
      name: 'extension-less part without Override',
      edit: (e) => e.set('CanvasApps/x_BackgroundImageUri', Buffer.from('x')),
      expect: /No <Override PartName="\/CanvasApps\/x_BackgroundImageUri">/,
    },
    {
      rule: 'solution-manifest',
      name: 'Version before UniqueName',
      edit: (e) => {
        const t = e.get(SOL)!.toString('utf8');
        const v = /\s*<Version>[^<]*<\/Version>/.exec(t)![0];
        e.set(SOL, Buffer.from(t.replace(v, '').replace('<SolutionManifest>', `<SolutionManifest>${v}`)));
      },
      expect: /<UniqueName> comes after <Version>/,
    },
    {
      rule: 'solution-manifest',
      name: 'one Address',
      edit: (e) => replaceIn(e, SOL, /<Address>(?:(?!<\/Address>)[\s\S])*<\/Address>/, ''),
      expect: /Publisher has 1 <Address> blocks/,
    },
    {
      rule: 'solution-manifest',
      name: 'SolutionPackageVersion too new',
      edit: (e) => replaceIn(e, SOL, 'SolutionPackageVersion="9.2"', 'SolutionPackageVersion="10.0"'),
      expect: /SolutionPackageVersion must be 9\.0–9\.2/,
    },
    {
      rule: 'version',
      name: 'three-part version',
      edit: (e) => replaceIn(e, SOL, /<Version>[^<]*</, '<Version>1.2.3<'),
      expect: /Version "1\.2\.3" must be major\.minor\.build\.revision/,
    },
    {
      rule: 'managed-flag',
      name: 'Managed 2',
      edit: (e) => replaceIn(e, SOL, '<Managed>0</Managed>', '<Managed>2</Managed>'),
      expect: /never 2/,
    },
    {
      rule: 'publisher',
      name: 'reserved prefix',
      edit: (e) => replaceIn(e, SOL, '<CustomizationPrefix>cosell<', '<CustomizationPrefix>mscrmx<'),
      expect: /"mscrmx" is reserved/,
    },
    {
      rule: 'publisher',
      name: 'option value prefix out of range',
      edit: (e) => replaceIn(e, SOL, /<CustomizationOptionValuePrefix>\d+</, '<CustomizationOptionValuePrefix>9999<'),
      expect: /"9999" must be a whole number from 10000 to 99999/,
    },
    {
      rule: 'customizations-order',
      name: 'Languages before Connectors',
      edit: (e) => {
        const t = e.get(CUST)!.toString('utf8');
        const lang = /\s*<Languages>[\s\S]*<\/Languages>/.exec(t)![0];
        e.set(CUST, Buffer.from(t.replace(lang, '').replace('<Connectors>', `${lang.trim()}<Connectors>`)));
      },
      expect: /<Connectors> comes after <Languages>/,
    },
    {
      rule: 'customizations-order',
      name: 'OptionSets in the wrong case',
      edit: (e) => replaceIn(e, CUST, '<optionsets />', '<OptionSets />'),
      expect: /unknown child <OptionSets>/,
    },
    {
      rule: 'customizations-order',
      name: 'Workflow children out of order',
      edit: (e) => {
        const t = e.get(CUST)!.toString('utf8');
        e.set(CUST, Buffer.from(t.replace(/(<Type>1<\/Type>)(\s*)(<Subprocess>0<\/Subprocess>)/, '$3$2$1')));
      },
      expect: /<Type> comes after <Subprocess>/,
    },
    {
      rule: 'languages',
      name: 'a label without Chinese',
      edit: (e) => replaceIn(e, CUST, /\s*<displayname description="[^"]*" languagecode="2052" \/>/, ''),
      expect: /<displaynames> has no label for language 2052/,
    },
    {
      rule: 'languages',
      name: 'language not listed',
      edit: (e) => replaceIn(e, CUST, /\s*<Language>1046<\/Language>/, ''),
      expect: /<Languages> lacks 1046/,
    },
    {
      rule: 'workflow',
      name: 'flow file missing',
      edit: (e) => e.delete(flowName(e)),
      expect: /The flow file \/Workflows\/.* is not in the zip/,
    },
    {
      rule: 'workflow',
      name: 'flow file is not JSON',
      edit: (e) => e.set(flowName(e), Buffer.from('{ "properties": ')),
      expect: /is not valid JSON/,
    },
    {
      rule: 'workflow',
      name: 'Category 0',
      edit: (e) => replaceIn(e, CUST, '<Category>5</Category>', '<Category>0</Category>'),
      expect: /Category of ".*" must be 5/,
    },
    {
      rule: 'workflow',
      name: 'turned on without connections',
      edit: (e) => replaceIn(e, CUST, '<StateCode>0</StateCode>', '<StateCode>1</StateCode>'),
      expect: /StateCode\/StatusCode .* is 1\/1/,
    },
    {
      rule: 'workflow',
      name: 'stray flow file',
      edit: (e) => e.set('Workflows/Extra-00000000-0000-0000-0000-000000000000.json', Buffer.from('{}')),
      expect: /Workflows\/Extra-.* is in the zip but no <Workflow> names it/,
    },
    {
      rule: 'flow-connection-references',
      name: 'flow uses an unknown connection reference',
      edit: (e) => replaceIn(e, flowName(e), '"cosell_Dataverse"', '"new_sharedcommondataserviceforapps_1a2b3"'),
      expect:
        /uses connection reference "new_sharedcommondataserviceforapps_1a2b3", which is not in <connectionreferences>/,
    },
    {
      rule: 'flow-connection-references',
      name: 'action host names a missing connection key',
      edit: (e) =>
        replaceIn(
          e,
          flowName(e),
          /"connectionName": "shared_commondataserviceforapps"/,
          '"connectionName": "shared_other"',
        ),
      expect: /host\.connectionName "shared_other" is not a key/,
    },
    {
      rule: 'flow-connection-references',
      name: 'flow names a custom connector that is not packaged',
      edit: (e) => {
        const n = [...e.keys()].find((k) => k.startsWith('Workflows/PartnerCenterWebhookRegistration-'))!;
        replaceIn(e, n, '"logicalName": "cosell_5Fpartner-20center-20events"', '"logicalName": "cosell_5Fother"');
      },
      expect: /names custom connector "cosell_5Fother" \(api\.logicalName\), which is not in <Connectors>/,
    },
    {
      rule: 'flow-environment-variables',
      name: 'flow reads an environment variable that is not packaged',
      edit: (e) => {
        const d = 'environmentvariabledefinitions/cosell_DealValueColumn/environmentvariabledefinition.xml';
        e.delete(d);
      },
      expect:
        /reads environment variable "cosell_DealValueColumn", which has no environmentvariabledefinitions\/cosell_DealValueColumn\/ folder/,
    },
    {
      rule: 'system-table',
      name: 'system table lists a system column',
      edit: (e) =>
        replaceIn(e, CUST, /(<attribute PhysicalName="cosell_Audit">[\s\S]*?)<IsCustomField>1</, '$1<IsCustomField>0<'),
      expect: /System table Opportunity lists column "cosell_Audit", which is not a new custom column/,
    },
    {
      rule: 'connection-references',
      name: 'connection reference without the prefix',
      edit: (e) =>
        replaceIn(
          e,
          CUST,
          'connectionreferencelogicalname="cosell_PartnerCenterEvents"',
          'connectionreferencelogicalname="new_PartnerCenterEvents"',
        ),
      expect: /"new_PartnerCenterEvents" must start with the publisher prefix "cosell_"/,
    },
    {
      rule: 'connectors',
      name: 'connector file missing',
      edit: (e) => e.delete('Connector/cosell_5Fpartner-20center-20events_openapidefinition.json'),
      expect: /_openapidefinition\.json \(named by connector "cosell_5Fpartner-20center-20events"\) is not in the zip/,
    },
    {
      rule: 'connectors',
      name: 'connectorid with braces',
      edit: (e) => replaceIn(e, CUST, /<connectorid>([0-9a-f-]{36})<\/connectorid>/, '<connectorid>{$1}</connectorid>'),
      expect: /must be a bare lowercase GUID without braces/,
    },
    {
      rule: 'controls',
      name: 'control bundle missing',
      edit: (e) => e.delete('Controls/cosell_Cosell.ReferralPanel/bundle.js'),
      expect: /Resource bundle\.js of "cosell_Cosell\.ReferralPanel".* is not in/,
    },
    {
      rule: 'controls',
      name: 'control name without the publisher prefix',
      edit: (e) => replaceIn(e, CUST, '<Name>cosell_Cosell.ReferralPanel</Name>', '<Name>Cosell.ReferralPanel</Name>'),
      expect: /must be named "cosell_Cosell\.ReferralPanel"/,
    },
    {
      rule: 'form-controls',
      name: 'form binds a control that is not packaged',
      edit: (e) => replaceIn(e, CUST, /name="cosell_Cosell\.ReferralPanel"/g, 'name="cosell_Cosell.AuditTimeline"'),
      expect: /binds control "cosell_Cosell\.AuditTimeline", which is not in <CustomControls>/,
    },
    {
      rule: 'form-controls',
      name: 'phone binding missing',
      edit: (e) => replaceIn(e, CUST, /<customControl formFactor="2"[\s\S]*?<\/customControl>/, ''),
      expect: /no binding for formFactor 2/,
    },
    {
      rule: 'form-controls',
      name: 'binding type differs from the manifest of-type',
      edit: (e) => replaceIn(e, CUST, /<value type="SingleLine\.URL">/g, '<value type="SingleLine.Text">'),
      expect: /is of-type SingleLine\.URL; the form binds it as type="SingleLine\.Text"/,
    },
    {
      rule: 'form-controls',
      name: 'binding names a property the manifest lacks',
      edit: (e) =>
        replaceIn(
          e,
          CUST,
          /<value type="SingleLine\.URL">cosell_referrallink<\/value>/g,
          '<url type="SingleLine.URL">cosell_referrallink</url>',
        ),
      expect: /has no manifest property "url"/,
    },
    {
      rule: 'option-values',
      name: 'option value without the prefix',
      edit: (e) =>
        replaceIn(
          e,
          CUST,
          /<option value="318700001" ExternalValue="" IsHidden="0">/,
          '<option value="1" ExternalValue="" IsHidden="0">',
        ),
      expect: /Option 1 of choice ".*" must be 318700000–318709999/,
    },
    {
      rule: 'schema-prefix',
      name: 'column without the prefix',
      edit: (e) =>
        replaceIn(e, CUST, 'PhysicalName="cosell_ReferralIdentifier"', 'PhysicalName="new_ReferralIdentifier"'),
      expect: /Column "new_ReferralIdentifier" must start with the publisher prefix "cosell_"/,
    },
    {
      rule: 'environment-variables',
      name: 'schemaname differs from its folder',
      edit: (e) =>
        replaceIn(
          e,
          'environmentvariabledefinitions/cosell_DealValueColumn/environmentvariabledefinition.xml',
          'schemaname="cosell_DealValueColumn"',
          'schemaname="cosell_Other"',
        ),
      expect: /schemaname "cosell_Other" must equal its folder name/,
    },
    {
      rule: 'environment-variables',
      name: 'boolean default not yes/no',
      edit: (e) =>
        replaceIn(
          e,
          'environmentvariabledefinitions/cosell_DisplayCheckMark/environmentvariabledefinition.xml',
          '<defaultvalue>no<',
          '<defaultvalue>false<',
        ),
      expect: /Boolean default "false" must be "yes" or "no"/,
    },
    {
      rule: 'root-components',
      name: 'connection reference listed as a root component',
      edit: (e) =>
        replaceIn(
          e,
          SOL,
          '<RootComponents>',
          '<RootComponents><RootComponent type="10437" schemaName="cosell_Dataverse" behavior="0" />',
        ),
      expect: /type "10437" is not one the package uses/,
    },
    {
      rule: 'root-components',
      name: 'flow without a root component',
      edit: (e) => replaceIn(e, SOL, /\s*<RootComponent type="29"[^>]*\/>/, ''),
      expect: /Workflow \{[0-9a-f-]+\} has no RootComponent type 29/,
    },
    {
      rule: 'root-components',
      name: 'connector root component with a wrong type code',
      edit: (e) => replaceIn(e, SOL, 'type="372"', 'type="371"'),
      expect: /has no RootComponent type 372/,
    },
  ];

  it.each(cases)('$rule fires: $name', ({ rule, edit, expect: text }) => {
    const broken = mutateZip(good, edit);
    const findings = validateSolutionZip(broken);
    expectRule(findings, rule, text);
  });

  it('reports every rule by name with a path', () => {
    const broken = mutateZip(good, (e) => replaceIn(e, CUST, '<Category>5</Category>', '<Category>0</Category>'));
    const f = validateSolutionZip(broken).find((x) => x.rule === 'workflow')!;
    expect(f.path).toMatch(/customizations\.xml \(Workflow /);
  });

  it('zip-format fires on a damaged zip, a stored entry and a directory entry', () => {
    expectRule(validateSolutionZip(Buffer.from('not a zip')), 'zip-format', /not a readable zip/);
    const truncated = good.subarray(0, good.length - 30);
    expect(validateSolutionZip(truncated)[0].rule).toBe('zip-format');
    // A stored (method 0) entry: flip the method in both headers of the first entry.
    const stored = Buffer.from(writeZip([{ name: 'a.xml', data: Buffer.from('<a />') }]));
    expectRule(validateSolutionZip(corruptCrc(stored)), 'zip-format', /CRC/);
  });

  it('every rule has at least one failing fixture above', () => {
    const covered = new Set(cases.map((c) => c.rule));
    for (const rule of Object.keys(RULES)) if (rule !== 'zip-format') expect(covered.has(rule as never)).toBe(true);
  });
});

function corruptCrc(zip: Buffer): Buffer {
  const b = Buffer.from(zip);
  b.writeUInt32LE((b.readUInt32LE(14) ^ 1) >>> 0, 14);
  const cd = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  b.writeUInt32LE((b.readUInt32LE(cd + 16) ^ 1) >>> 0, cd + 16);
  return b;
}

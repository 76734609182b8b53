import { defaultConfig } from '../../../scripts/lib/config';
import { buildSchema, escapeXml, renderAttributeXml, renderOpportunityAttributesXml } from '../../../solution/schema';
import type { ResolvedColumn } from '../../../solution/schema';

const schema = buildSchema(defaultConfig('1.0.0'));
const column = (suffix: string): ResolvedColumn =>
  schema.opportunity.columns.find((c) => c.logicalName === `cosell_${suffix}`)!;

/** Tags open and close in nested order (a well-formedness check without an XML library). */
function balanced(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}

describe('attribute XML', () => {
  test('bit column: default, local bit option set with 1 and 0', () => {
    const xml = renderAttributeXml(column('syncwithpartnercenter'), '1.0.0.0');
    expect(balanced(xml)).toBe(true);
    expect(
      xml.startsWith(
        '<attribute PhysicalName="cosell_SyncWithPartnerCenter">\n  <Type>bit</Type>\n  <Name>cosell_syncwithpartnercenter</Name>',
      ),
    ).toBe(true);
    expect(xml).toContain('<AppDefaultValue>0</AppDefaultValue>');
    expect(xml).toContain('<optionset Name="cosell_opportunity_cosell_syncwithpartnercenter">');
    expect(xml).toContain('<OptionSetType>bit</OptionSetType>');
    expect(xml.indexOf('<option value="1"')).toBeLessThan(xml.indexOf('<option value="0"'));
    for (const lang of [1033, 3082, 1046, 2052]) expect(xml).toContain(`languagecode="${lang}"`);
  });

  test('text and URL columns carry MaxLength and Length = 2 x MaxLength; memo has no Length', () => {
    const ref = renderAttributeXml(column('referralidentifier'), '1.0.0.0');
    expect(ref).toContain('<Type>nvarchar</Type>');
    expect(ref).toContain('<Format>text</Format>\n  <MaxLength>100</MaxLength>\n  <Length>200</Length>');
    expect(renderAttributeXml(column('referrallink'), '1.0.0.0')).toContain(
      '<Format>url</Format>\n  <MaxLength>1000</MaxLength>\n  <Length>2000</Length>',
    );
    const audit = renderAttributeXml(column('audit'), '1.0.0.0');
    expect(audit).toContain('<Type>ntext</Type>');
    expect(audit).toContain('<MaxLength>100000</MaxLength>');
    expect(audit).not.toContain('<Length>');
    expect(audit).toContain('<IsAuditEnabled>0</IsAuditEnabled>');
  });

  test('multi-select: no AppDefaultValue, picklist option set with prefixed values, narrower DisplayMask', () => {
    const xml = renderAttributeXml(column('howcanmicrosofthelp'), '2.1.0.0');
    expect(balanced(xml)).toBe(true);
    expect(xml).toContain('<Type>multiselectpicklist</Type>');
    expect(xml).not.toContain('AppDefaultValue');
    expect(xml).toContain('<OptionSetType>picklist</OptionSetType>');
    expect(xml).toContain('<DisplayMask>ValidForForm|ValidForGrid</DisplayMask>');
    expect(xml).toContain('<IntroducedVersion>2.1.0.0</IntroducedVersion>');
    expect([...xml.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([
      318700001, 318700002, 318700003, 318700004, 318700005, 318700006,
    ]);
  });

  test('choice column has its default option value', () => {
    expect(renderAttributeXml(column('syncstatus'), '1.0.0.0')).toContain(
      '<AppDefaultValue>318700000</AppDefaultValue>',
    );
  });

  test('escaping and the whole fragment', () => {
    expect(escapeXml('a & "b" <c>')).toBe('a &amp; &quot;b&quot; &lt;c&gt;');
    const all = renderOpportunityAttributesXml(schema, '1.0.0.0');
    expect(balanced(all)).toBe(true);
    expect((all.match(/<attribute PhysicalName=/g) ?? []).length).toBe(10);
    expect(all).toContain("in Microsoft's CRM");
    expect(all).not.toMatch(/\r/);
  });
});

import { defaultConfig, resolveConfig } from '../../../scripts/lib/config';
import { stableStringify } from '../../../scripts/lib/stable-json';
import { allColumns, buildSchema, optionValue, SCHEMA_LANGUAGES, AUDIT_MAX_LENGTH } from '../../../solution/schema';

const config = defaultConfig('1.0.0');
const custom = resolveConfig(
  { publisher: { customizationPrefix: 'contoso', optionValuePrefix: 12345 }, defaults: { country: 'DE', currency: 'EUR' } },
  '1.0.0',
);

describe('buildSchema', () => {
  const schema = buildSchema(config);

  test('opportunity columns carry the configured prefix in logical and schema names', () => {
    const names = schema.opportunity.columns.map((c) => c.logicalName);
    expect(names).toEqual([
      'cosell_syncwithpartnercenter',
      'cosell_referralidentifier',
      'cosell_referrallink',
      'cosell_howcanmicrosofthelp',
      'cosell_sharedwithmicrosoftsellers',
      'cosell_microsoftcrmidentifier',
      'cosell_syncstatus',
      'cosell_lastsyncedon',
      'cosell_audit',
      'cosell_syncstate',
    ]);
    const other = buildSchema(custom);
    expect(other.opportunity.columns.every((c) => c.logicalName.startsWith('contoso_') && c.schemaName.startsWith('contoso_'))).toBe(true);
    expect(other.names.referralIdentifier).toBe('contoso_referralidentifier');
    expect(other.tables[0].logicalName).toBe('contoso_microsoftsolution');
    expect(other.tables[0].entitySetName).toBe('contoso_microsoftsolutions');
  });

  test('column types, formats and lengths', () => {
    const col = (n: string) => schema.opportunity.columns.find((c) => c.logicalName === `cosell_${n}`)!;
    expect(col('syncwithpartnercenter')).toMatchObject({ type: 'Boolean', xmlType: 'bit', defaultValue: false });
    expect(col('referralidentifier')).toMatchObject({ type: 'String', format: 'text', maxLength: 100, readOnlyOnForm: true });
    expect(col('referrallink')).toMatchObject({ type: 'String', format: 'url', maxLength: 1000 });
    expect(col('howcanmicrosofthelp')).toMatchObject({ type: 'MultiSelectPicklist', xmlType: 'multiselectpicklist' });
    expect(col('howcanmicrosofthelp').defaultValue).toBeUndefined();
    expect(col('lastsyncedon')).toMatchObject({ type: 'DateTime', format: 'datetime' });
    expect(col('audit')).toMatchObject({ type: 'Memo', xmlType: 'ntext', maxLength: AUDIT_MAX_LENGTH });
    expect(col('syncstate')).toMatchObject({ type: 'Memo', hiddenOnForm: true });
    expect(col('microsoftcrmidentifier')).toMatchObject({ type: 'String', maxLength: 100 });
  });

  test('option values are prefix * 10000 + n; the six help values map to the API codes', () => {
    const help = schema.opportunity.columns.find((c) => c.logicalName === 'cosell_howcanmicrosofthelp')!;
    expect(help.options!.map((o) => o.value)).toEqual([318700001, 318700002, 318700003, 318700004, 318700005, 318700006]);
    expect(help.options!.map((o) => o.apiValue)).toEqual([
      'WorkloadSpecificValueProposition',
      'CustomerTechnicalArchitecture',
      'ProofOfConceptOrDemo',
      'QuotesOrLicensing',
      'PostSalesCustomerSuccess',
      'GeneralOrOther',
    ]);
    const status = buildSchema(custom).opportunity.columns.find((c) => c.logicalName === 'contoso_syncstatus')!;
    expect(status.options!.map((o) => [o.value, o.label[1033]])).toEqual([
      [123450000, 'Not synced'],
      [123450001, 'Pending'],
      [123450002, 'Synced'],
      [123450003, 'Error'],
    ]);
    expect(status.defaultValue).toBe(123450000);
    const sync = schema.opportunity.columns.find((c) => c.logicalName === 'cosell_syncwithpartnercenter')!;
    expect(sync.options!.map((o) => o.value)).toEqual([1, 0]);
    expect(help.optionSetName).toBe('cosell_opportunity_cosell_howcanmicrosofthelp');
  });

  test('optionValue rejects values that do not fit int32 and bad option numbers', () => {
    expect(optionValue(99999, 9999)).toBe(999999999);
    expect(() => optionValue(31870, 10000)).toThrow(/0-9999/);
    expect(() => optionValue(300000, 0)).toThrow(/int32/);
  });

  test('every label and description exists in the four languages', () => {
    expect([...SCHEMA_LANGUAGES]).toEqual([1033, 3082, 1046, 2052]);
    const texts: { where: string; text: Record<number, string> }[] = [];
    for (const { entity, column } of allColumns(schema)) {
      texts.push({ where: `${entity}.${column.logicalName} name`, text: column.displayName });
      texts.push({ where: `${entity}.${column.logicalName} description`, text: column.description });
      for (const o of column.options ?? []) texts.push({ where: `${column.logicalName}=${o.value}`, text: o.label });
    }
    for (const t of schema.tables) texts.push({ where: t.logicalName, text: t.displayName }, { where: t.logicalName, text: t.displayCollectionName });
    for (const e of schema.environmentVariables) texts.push({ where: e.schemaName, text: e.displayName }, { where: e.schemaName, text: e.description });
    for (const k of schema.alternateKeys) texts.push({ where: k.logicalName, text: k.displayName });
    for (const t of texts) {
      for (const lang of SCHEMA_LANGUAGES) {
        expect({ where: t.where, lang, ok: typeof t.text[lang] === 'string' && t.text[lang].trim().length > 0 }).toEqual({ where: t.where, lang, ok: true });
      }
    }
    const sync = schema.opportunity.columns[0];
    expect(sync.displayName[3082]).toBe('Sincronizar con el Centro de partners');
    expect(sync.displayName[2052]).toBe('与合作伙伴中心同步');
  });

  test('alternate keys: referral identifier on opportunity, solution id on Microsoft Solution', () => {
    expect(schema.alternateKeys).toEqual([
      expect.objectContaining({ logicalName: 'cosell_referralidentifier_key', entityLogicalName: 'opportunity', keyAttributes: ['cosell_referralidentifier'] }),
      expect.objectContaining({ logicalName: 'cosell_solutionid_key', entityLogicalName: 'cosell_microsoftsolution', keyAttributes: ['cosell_solutionid'] }),
    ]);
  });

  test('Microsoft Solution table and its N:N relationship with opportunity', () => {
    const t = schema.tables[0];
    expect(t).toMatchObject({ primaryIdAttribute: 'cosell_microsoftsolutionid', primaryNameAttribute: 'cosell_name' });
    expect(t.columns.map((c) => c.logicalName)).toEqual(['cosell_name', 'cosell_solutionid', 'cosell_solutiontype']);
    expect(t.columns[2].options!.map((o) => o.apiValue)).toEqual(['None', 'Category', 'Name']);
    expect(schema.manyToManyRelationships).toEqual([
      {
        schemaName: 'cosell_opportunity_cosell_microsoftsolution',
        intersectEntityName: 'cosell_opportunity_microsoftsolution',
        entity1LogicalName: 'opportunity',
        entity1IntersectAttribute: 'opportunityid',
        entity1NavigationPropertyName: 'cosell_opportunity_cosell_microsoftsolution',
        entity2LogicalName: 'cosell_microsoftsolution',
        entity2IntersectAttribute: 'cosell_microsoftsolutionid',
        entity2NavigationPropertyName: 'cosell_opportunity_cosell_microsoftsolution',
      },
    ]);
  });

  test('the shared-with-sellers rules are recorded for flows and controls', () => {
    const shared = schema.opportunity.columns.find((c) => c.logicalName === 'cosell_sharedwithmicrosoftsellers')!;
    expect(shared.rules.map((r) => r.kind)).toEqual(['onceTrueNeverFalse', 'trueWhenOtherHasValue']);
    expect(shared.rules[1]).toMatchObject({ otherColumn: 'cosell_howcanmicrosofthelp' });
  });

  test('environment variables with types and defaults from the config', () => {
    const vars = buildSchema(custom).environmentVariables;
    expect(vars.map((v) => [v.schemaName, v.type, v.typeCode, v.defaultValue])).toEqual([
      ['contoso_DealValueColumn', 'String', 100000000, 'estimatedvalue'],
      ['contoso_DealCurrencyColumn', 'String', 100000000, 'transactioncurrencyid'],
      ['contoso_CustomerCountryColumn', 'String', 100000000, 'address1_country'],
      ['contoso_SyncCosellOpportunitiesOnly', 'Boolean', 100000002, 'no'],
      ['contoso_DefaultCountry', 'String', 100000000, 'DE'],
      ['contoso_DefaultCurrency', 'String', 100000000, 'EUR'],
      ['contoso_WebhookReceiverUrl', 'String', 100000000, ''],
      ['contoso_DisplayCheckMark', 'Boolean', 100000002, 'no'],
    ]);
  });

  test('pure and deterministic', () => {
    expect(stableStringify(buildSchema(config))).toBe(stableStringify(buildSchema(defaultConfig('1.0.0'))));
  });
});

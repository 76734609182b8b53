import { buildSchema } from '../../../solution/schema';
import { defaultConfig } from '../../../scripts/lib/config';
import { child, childElements, descendants, parseXml, textOf } from '../../../solution/packer/xml-parse';
import {
  salesforceMetadataFiles,
  salesforceModelFromSchema,
  SF_TEXT_MAX,
  sfFieldFromColumn,
} from '../../../solution/salesforce';

const config = defaultConfig('1.0.0');
const schema = buildSchema(config);
const model = salesforceModelFromSchema(schema);
const files = salesforceMetadataFiles(model);
const file = (suffix: string) => {
  const f = files.find((x) => x.path.endsWith(suffix));
  if (!f) throw new Error(`no file ending ${suffix}: ${files.map((x) => x.path).join(', ')}`);
  return parseXml(f.content);
};

describe('Salesforce metadata from the schema', () => {
  it('adds one Opportunity field per Dataverse opportunity column, with the same labels', () => {
    expect(model.opportunityFields.map((f) => f.label)).toEqual(
      schema.opportunity.columns.map((c) => c.displayName[1033]),
    );
    for (const f of model.opportunityFields) {
      const xml = file(`objects/Opportunity/fields/${f.fullName}.field-meta.xml`);
      expect(textOf(child(xml, 'fullName'))).toBe(f.fullName);
      expect(textOf(child(xml, 'label'))).toBe(f.label);
      expect(f.fullName).toMatch(/^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*__c$/);
      expect(f.label.length).toBeLessThanOrEqual(40);
    }
  });

  it('makes Referral Identifier a unique external id and the help field a restricted multi-select of the API codes', () => {
    const ref = file(`${model.names.referralId}.field-meta.xml`);
    expect(textOf(child(ref, 'externalId'))).toBe('true');
    expect(textOf(child(ref, 'unique'))).toBe('true');
    const help = file(`${model.names.help}.field-meta.xml`);
    expect(textOf(child(help, 'type'))).toBe('MultiselectPicklist');
    const codes = descendants(help, 'value').map((v) => textOf(child(v, 'fullName')));
    const column = schema.opportunity.columns.find((c) => c.logicalName === schema.names.howCanMicrosoftHelp)!;
    expect(codes).toEqual(column.options!.map((o) => o.apiValue));
    expect(textOf(descendants(help, 'restricted')[0])).toBe('true');
  });

  it('keeps lengths within Salesforce types: Text ≤ 255, long text areas for Audit and sync state', () => {
    for (const f of model.opportunityFields) if (f.type === 'Text') expect(f.length!).toBeLessThanOrEqual(SF_TEXT_MAX);
    const audit = model.opportunityFields.find((f) => f.fullName === model.names.audit)!;
    expect(audit).toMatchObject({ type: 'LongTextArea', length: 100000 });
    expect(model.opportunityFields.find((f) => f.fullName === model.names.syncState)).toMatchObject({
      type: 'LongTextArea',
    });
    const tooLong = { ...schema.opportunity.columns[1], maxLength: 300 };
    expect(() => sfFieldFromColumn(tooLong)).toThrow(/do not fit a Salesforce Text field/);
  });

  it('defines the Microsoft Solution object with a lookup to Opportunity', () => {
    const o = file(`${model.solutionObject.fullName}.object-meta.xml`);
    expect(textOf(child(o, 'label'))).toBe('Microsoft Solution');
    const lookup = file(`${model.names.solutionOpportunity}.field-meta.xml`);
    expect(textOf(child(lookup, 'referenceTo'))).toBe('Opportunity');
    expect(textOf(child(lookup, 'relationshipName')) + '__r').toBe(model.names.solutionsRelationship);
  });

  it('lists every field, the object and both permission sets in package.xml', () => {
    const pkg = file('manifest/package.xml');
    const members = childElements(pkg, 'types').flatMap((t) => childElements(t, 'members').map((m) => textOf(m)));
    const fieldFiles = files.filter((f) => f.path.endsWith('.field-meta.xml'));
    expect(members.length).toBe(fieldFiles.length + 1 + model.permissionSets.length);
    for (const f of fieldFiles) {
      const [, object, , name] = /objects\/([^/]+)\/(fields)\/([^.]+)\.field-meta\.xml$/.exec(f.path)!;
      expect(members).toContain(`${object}.${name}`);
    }
  });

  it('lets sellers read but not edit what the sync sets, and hides the sync state from them', () => {
    const seller = file('_CosellSyncSeller.permissionset-meta.xml');
    const perms = childElements(seller, 'fieldPermissions').map((p) => ({
      field: textOf(child(p, 'field')),
      editable: textOf(child(p, 'editable')),
    }));
    expect(perms.find((p) => p.field === `Opportunity.${model.names.audit}`)?.editable).toBe('false');
    expect(perms.find((p) => p.field === `Opportunity.${model.names.sync}`)?.editable).toBe('true');
    expect(perms.some((p) => p.field === `Opportunity.${model.names.syncState}`)).toBe(false);
    const integration = file('_CosellSyncIntegration.permissionset-meta.xml');
    expect(childElements(integration, 'fieldPermissions').every((p) => textOf(child(p, 'editable')) === 'true')).toBe(
      true,
    );
  });

  it('is deterministic', () => {
    expect(salesforceMetadataFiles(salesforceModelFromSchema(buildSchema(config)))).toEqual(files);
  });
});

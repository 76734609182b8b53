import {
  type ColumnCatalog,
  FIELD_MAPPING,
  fieldMappingGuide,
  type FieldMapping,
  validateMapping,
} from '../../../flows/mapping';
import { UserError } from '../../../scripts/lib/user-error';

/** A catalogue built from the mapping itself plus a few extra columns: every default entry must pass it. */
function catalogOf(crm: 'dynamics365' | 'salesforce', extra: string[] = []): ColumnCatalog {
  const cols = new Set(
    FIELD_MAPPING.flatMap((m) => (m[crm] ? [m[crm]!.replace(/\{prefix\}/g, 'cosell')] : [])).concat(extra),
  );
  return {
    crm,
    has: (t, c) => cols.has(`${t}.${c}`),
    columnsOf: (t) => [...cols].filter((c) => c.startsWith(`${t}.`)).map((c) => c.split('.')[1]),
  };
}

function problem(mapping: FieldMapping[], catalogs = [catalogOf('dynamics365')]): string {
  try {
    validateMapping(mapping, catalogs, 'cosell');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
}

const base = FIELD_MAPPING.find((m) => m.key === 'dealValue')!;

describe('field mapping', () => {
  it('passes with the default mapping', () => {
    expect(() =>
      validateMapping(FIELD_MAPPING, [catalogOf('dynamics365'), catalogOf('salesforce')], 'cosell'),
    ).not.toThrow();
  });

  it('refuses a Partner Center path that is not in the model, listing near paths', () => {
    const message = problem([{ ...base, partnerCenter: 'details/dealvalue' }]);
    expect(message).toContain('"details/dealvalue" is not a property of a referral');
    expect(message).toContain('details/dealValue');
    expect(problem([{ ...base, partnerCenter: 'details' }])).toContain('is not a property');
  });

  it('refuses a column that is not in the CRM schema, listing the table columns', () => {
    const message = problem([{ ...base, dynamics365: 'opportunity.estimatedrevenue' }]);
    expect(message).toContain('column "opportunity.estimatedrevenue" is not in the schema');
    expect(message).toContain('estimatedvalue');
    expect(problem([{ ...base, dynamics365: 'quote.total' }])).toContain('table "quote" is not in the schema');
    expect(problem([{ ...base, dynamics365: 'estimatedvalue' }])).toContain('table.column');
  });

  it('refuses duplicate keys and writing to read-only Partner Center properties', () => {
    expect(problem([base, base])).toContain('used twice');
    const readOnly = { ...base, key: 'msx', partnerCenter: 'trackingInfo/microsoftMsxId', direction: 'both' as const };
    expect(problem([readOnly])).toContain('read-only in Partner Center');
  });

  it('generates the guide from the mapping, with prefixes resolved', () => {
    const guide = fieldMappingGuide(FIELD_MAPPING, 'contoso');
    expect(guide).toContain(
      '| Deal value | `details/dealValue` | `opportunity.estimatedvalue` | `Opportunity.Amount` | both ways |',
    );
    expect(guide).toContain('`opportunity.contoso_howcanmicrosofthelp`');
    expect(guide).toContain('Partner Center → CRM (on create)');
    expect(guide.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Field')).length).toBe(
      FIELD_MAPPING.length,
    );
  });
});

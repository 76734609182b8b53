import { canonicalPc, soakDivergences, WriteLog, type Field } from './shared';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

/** The invariants the soaks check, on hand-made end states: each violation is reported, a clean state is not. */
const referral = (id: string, notes: string, externalReferenceId = `opp-${id}`): Row => ({
  id,
  externalReferenceId,
  name: 'Deal',
  details: { dealValue: 100, notes, closingDateTime: '2026-12-01T00:00:00Z' },
});
const crmOf = (r: Row): Row => ({ referralId: r.id, status: 1, fields: r });
const canonicalCrm = (o: Row, f: Field) => canonicalPc(o.fields, f);

function check(opportunities: [string, Row][], referrals: Row[], writes = new WriteLog()): string[] {
  return soakDivergences({
    crmLabel: 'CRM',
    columns: { referralId: 'referralId', syncStatus: 'status' },
    synced: 1,
    allOpportunities: opportunities.map(([, o]) => o),
    soakOpportunities: opportunities,
    referrals,
    referral: (id) => referrals.find((r) => r.id === id)!,
    canonicalCrm,
    writes,
  });
}

describe('soak invariants', () => {
  const a = referral('a', 'one');
  const b = referral('b', 'two');

  it('finds nothing wrong in a converged end state', () => {
    const writes = new WriteLog();
    writes.record('opp-a', 'notes', 'pc', 'one');
    expect(
      check(
        [
          ['opp-a', crmOf(a)],
          ['opp-b', crmOf(b)],
        ],
        [a, b],
        writes,
      ),
    ).toEqual([]);
  });

  it('reports duplicates on either side, unlinked and unsynced opportunities', () => {
    const messages = check(
      [
        ['opp-a', crmOf(a)],
        ['opp-a2', crmOf(a)],
        ['opp-x', { status: 1 }],
        ['opp-b', { ...crmOf(b), status: 3 }],
      ],
      [a, { ...b, externalReferenceId: 'opp-a' }],
    );
    expect(messages).toEqual([
      'referral a has 2 opportunities',
      'opportunity opp-a has 2 referrals',
      'opportunity opp-x has no referral',
      'opportunity opp-b ends in status 3',
    ]);
  });

  it('reports a field that differs and an update that was lost', () => {
    const writes = new WriteLog();
    writes.record('opp-a', 'notes', 'crm', 'seller wrote this');
    writes.record('opp-a', 'notes', 'pc', 'Microsoft wrote that');
    const drifted = { ...crmOf(a), fields: { ...a, details: { ...a.details, notes: 'stale' } } };
    expect(check([['opp-a', drifted]], [a], writes)).toEqual([
      'opp-a notes: CRM "stale" vs Partner Center "one"',
      'opp-a notes: lost update, ended "stale", last writes ["seller wrote this","Microsoft wrote that"]',
    ]);
  });
});

import { costOf } from '../cost';
import { D365World } from '../world';

/**
 * Every write a sync flow makes reaches the other direction (Dataverse row triggers, Partner Center
 * webhooks); the world must come to rest with no further writes, and an echo of our own write must cost at
 * most one Partner Center read and no write.
 */
describe('echoes and loops', () => {
  let w: D365World;
  beforeEach(async () => {
    w = await D365World.start();
    w.pc.webhooks.create({
      WebhookUrl: 'https://flows.example/receiver',
      WebhookEvents: ['referral-created', 'referral-updated', 'related-referral-created', 'related-referral-updated'],
    });
  });
  afterEach(() => w.stop());

  const since = (from: number) => w.runtime.runs.slice(from);

  it('a CRM update: one Partner Center read and write, one Dataverse read and write, then the echo writes nothing', async () => {
    const opp = await w.sellerCreatesDeal({ [w.columns.sync]: true });
    await w.settle();
    const from = w.runtime.runs.length;
    await w.update('opportunities', opp, { estimatedvalue: 99000 });
    await w.settle();
    const runs = since(from);
    const [update, crmEcho, ...more] = runs.filter((r) => r.flowName === 'opportunity-to-partner-center');
    expect(more).toEqual([]);
    expect(costOf([update])).toMatchObject({
      partnerCenterReads: 1,
      partnerCenterWrites: 1,
      dataverseReads: 1,
      dataverseWrites: 1,
    });
    // Our bookkeeping write (Sync status is watched so Retry works) comes back once: it reads the row and stops.
    expect(costOf([crmEcho])).toMatchObject({
      partnerCenterReads: 0,
      partnerCenterWrites: 0,
      dataverseReads: 1,
      dataverseWrites: 0,
    });
    // Partner Center's webhook for our own PATCH comes back: one read, no write anywhere.
    const echo = runs.filter((r) => r.flowName === 'partner-center-to-dynamics365');
    expect(echo).toHaveLength(1);
    expect(costOf(echo)).toMatchObject({ partnerCenterReads: 1, partnerCenterWrites: 0, dataverseWrites: 0 });
    expect(w.failures()).toEqual([]);
  });

  it('a Partner Center update: one read and one write per side, then the echo stops before Partner Center', async () => {
    const opp = await w.sellerCreatesDeal({ [w.columns.sync]: true });
    await w.settle();
    const referralId = (await w.opportunity(opp))[w.columns.referralId];
    const from = w.runtime.runs.length;
    w.pc.referrals.patch(
      referralId,
      [{ op: 'replace', path: '/details/notes', value: 'Changed in Partner Center.' }],
      undefined,
    );
    await w.settle();
    const runs = since(from);
    const inbound = runs.filter((r) => r.flowName === 'partner-center-to-dynamics365');
    expect(inbound).toHaveLength(1);
    expect(costOf(inbound)).toMatchObject({
      partnerCenterReads: 1,
      partnerCenterWrites: 0,
      dataverseReads: 1,
      dataverseWrites: 1,
    });
    // Our Dataverse write fires the CRM → PC flow, which sees the snapshot agree and calls nobody.
    const echo = runs.filter((r) => r.flowName === 'opportunity-to-partner-center');
    expect(echo).toHaveLength(1);
    expect(costOf(echo)).toMatchObject({ partnerCenterReads: 0, partnerCenterWrites: 0, dataverseWrites: 0 });
    expect((await w.opportunity(opp)).description).toBe('Changed in Partner Center.');
  });

  it('a duplicated webhook delivery changes nothing the second time', async () => {
    const opp = await w.sellerCreatesDeal({ [w.columns.sync]: true });
    await w.settle();
    const referralId = (await w.opportunity(opp))[w.columns.referralId];
    w.pc.faults.add({ kind: 'duplicate', count: 1 });
    w.pc.referrals.patch(referralId, [{ op: 'replace', path: '/name', value: 'Renamed in Partner Center' }], undefined);
    const from = w.runtime.runs.length;
    await w.settle();
    const inbound = since(from).filter((r) => r.flowName === 'partner-center-to-dynamics365');
    expect(inbound).toHaveLength(2);
    expect(costOf([inbound[1]])).toMatchObject({ dataverseWrites: 0, partnerCenterWrites: 0 });
    expect(await w.opportunities(`${w.columns.referralId} eq '${referralId}'`)).toHaveLength(1);
  });

  it('the same new referral delivered twice creates one opportunity', async () => {
    w.pc.faults.add({ kind: 'duplicate', count: 1 });
    const ref = w.pc.microsoft.sendReferral({ name: 'Twice' });
    await w.settle();
    expect(await w.opportunities(`${w.columns.referralId} eq '${ref.id}'`)).toHaveLength(1);
    expect(w.failures()).toEqual([]);
  });

  it('turning sync on twice creates one referral', async () => {
    const opp = await w.sellerCreatesDeal({ [w.columns.sync]: true });
    await w.settle();
    await w.update('opportunities', opp, { [w.columns.sync]: true });
    await w.settle();
    expect(w.pc.referrals.list(new URLSearchParams(`$filter=externalReferenceId eq '${opp}'`)).value).toHaveLength(1);
  });
});

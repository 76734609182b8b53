import { sfCostOf } from './cost';
import { SalesforceWorld } from './world';

/**
 * Every write a sync flow makes reaches the other direction (Salesforce polling triggers, Partner Center
 * webhooks); the world must come to rest with no further writes. The integration user's own writes never
 * start a Salesforce-triggered run; Partner Center's webhook for our own write costs one read per side.
 */
describe('Salesforce echoes and loops', () => {
  let w: SalesforceWorld;
  beforeEach(async () => {
    w = await SalesforceWorld.start();
    w.pc.webhooks.create({
      WebhookUrl: 'https://flows.example/receiver',
      WebhookEvents: ['referral-created', 'referral-updated', 'related-referral-created', 'related-referral-updated'],
    });
  });
  afterEach(() => w.stop());

  const since = (from: number) => w.runtime.runs.slice(from);

  it('a Salesforce update: one read and one write per side, and our own write starts nothing', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    const from = w.runtime.runs.length;
    w.update('Opportunity', opp, { Amount: 99000 });
    await w.settle();
    const runs = since(from);
    const outbound = runs.filter((r) => r.flowName === 'opportunity-to-partner-center');
    expect(outbound).toHaveLength(1);
    expect(sfCostOf(outbound)).toMatchObject({
      partnerCenterReads: 1,
      partnerCenterWrites: 1,
      salesforceReads: 1,
      salesforceWrites: 1,
    });
    // Partner Center's webhook for our own PATCH: one read on each side, no write anywhere.
    const echo = runs.filter((r) => r.flowName === 'partner-center-to-salesforce');
    expect(echo).toHaveLength(1);
    expect(sfCostOf(echo)).toMatchObject({ partnerCenterReads: 1, partnerCenterWrites: 0, salesforceWrites: 0 });
    expect(runs.filter((r) => r.flowName === 'create-referral')).toEqual([]);
    expect(w.failures()).toEqual([]);
  });

  it('a Partner Center update: one write to Salesforce, and no run comes back from it', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    const referralId = w.opportunity(opp)[w.fields.referralId];
    const from = w.runtime.runs.length;
    w.pc.referrals.patch(
      referralId,
      [{ op: 'replace', path: '/details/notes', value: 'Changed in Partner Center.' }],
      undefined,
    );
    await w.settle();
    const runs = since(from);
    const inbound = runs.filter((r) => r.flowName === 'partner-center-to-salesforce');
    expect(inbound).toHaveLength(1);
    expect(sfCostOf(inbound)).toMatchObject({
      partnerCenterReads: 1,
      partnerCenterWrites: 0,
      salesforceReads: 1,
      salesforceWrites: 1,
    });
    // The write is the integration user's: the polling trigger's condition never starts a run for it.
    expect(runs.filter((r) => r.flowName === 'opportunity-to-partner-center')).toEqual([]);
    expect(w.opportunity(opp).Description).toBe('Changed in Partner Center.');
  });

  it('without the trigger condition, the snapshot compare alone still stops the echo before Partner Center', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    const referralId = w.opportunity(opp)[w.fields.referralId];
    w.pc.referrals.patch(referralId, [{ op: 'replace', path: '/name', value: 'Renamed in Partner Center' }], undefined);
    await w.settle();
    // Hand the flow its own write as if the condition had let it through.
    const from = w.runtime.runs.length;
    const row = w.opportunity(opp);
    await w.runtime.trigger(w.flows['opportunity-to-partner-center'], {
      body: { value: [{ ...row, LastModifiedById: w.sf.users.sellerId }] },
    });
    const [echo] = since(from);
    expect(echo.status).toBe('Succeeded');
    expect(sfCostOf([echo])).toMatchObject({ partnerCenterReads: 0, partnerCenterWrites: 0, salesforceWrites: 0 });
  });

  it('a duplicated webhook delivery changes nothing the second time', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    const referralId = w.opportunity(opp)[w.fields.referralId];
    w.pc.faults.add({ kind: 'duplicate', count: 1 });
    w.pc.referrals.patch(referralId, [{ op: 'replace', path: '/name', value: 'Renamed in Partner Center' }], undefined);
    const from = w.runtime.runs.length;
    await w.settle();
    const inbound = since(from).filter((r) => r.flowName === 'partner-center-to-salesforce');
    expect(inbound).toHaveLength(2);
    expect(sfCostOf([inbound[1]])).toMatchObject({ salesforceWrites: 0, partnerCenterWrites: 0 });
    expect(w.opportunities(`${w.fields.referralId} = '${referralId}'`)).toHaveLength(1);
  });

  it('the same new referral delivered twice creates one opportunity (upsert on the external id)', async () => {
    w.pc.faults.add({ kind: 'duplicate', count: 1 });
    const ref = w.pc.microsoft.sendReferral({ name: 'Twice' });
    await w.settle();
    expect(w.opportunities(`${w.fields.referralId} = '${ref.id}'`)).toHaveLength(1);
    expect(w.failures()).toEqual([]);
  });

  it('turning sync on twice creates one referral', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    w.update('Opportunity', opp, { [w.fields.sync]: true });
    await w.settle();
    expect(w.pc.referrals.list(new URLSearchParams(`$filter=externalReferenceId eq '${opp}'`)).value).toHaveLength(1);
  });

  it('a recorded error is written once and never loops', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true }, { contact: false });
    w.update('Opportunity', opp, { [w.fields.help]: 'GeneralOrOther' });
    await w.settle();
    await w.advance(10 * 60_000);
    expect(w.audit(opp).filter((e) => e.result === 'Failed')).toHaveLength(1);
    expect(w.opportunity(opp)[w.fields.syncStatus]).toBe('Error');
  });
});

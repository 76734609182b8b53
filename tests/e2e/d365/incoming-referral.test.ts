import { D365World } from '../world';

describe('Partner Center to Dynamics 365: a new referral from Microsoft', () => {
  let w: D365World;
  beforeEach(async () => {
    w = await D365World.start();
    w.pc.webhooks.create({
      WebhookUrl: 'https://flows.example/receiver',
      WebhookEvents: ['referral-created', 'referral-updated', 'related-referral-created', 'related-referral-updated'],
    });
  });
  afterEach(() => w.stop());

  it('creates one opportunity, with its account and contact, linked both ways', async () => {
    const referral = w.pc.microsoft.sendReferral({
      name: 'Fabrikam Teams rollout',
      details: { dealValue: 25000, currency: 'EUR', closingDateTime: '2026-09-30T00:00:00Z' },
    });
    await w.settle();
    expect(w.failures()).toEqual([]);
    const opps = await w.opportunities(`${w.columns.referralId} eq '${referral.id}'`);
    expect(opps).toHaveLength(1);
    const o = opps[0];
    expect(o.name).toBe('Fabrikam Teams rollout');
    expect(o.estimatedvalue).toBe(25000);
    expect(o.estimatedclosedate).toBe('2026-09-30');
    expect(o[w.columns.sync]).toBe(true);
    expect(o.statuscode).toBe(2); // On Hold until the seller accepts
    expect(o[w.columns.referralLink]).toBe(
      `https://partner.microsoft.com/dashboard/referrals/v2/opportunities/${referral.id}`,
    );
    const after = w.pc.referrals.get(referral.id as string);
    expect(after.externalReferenceId).toBe(o.opportunityid);
  });
});

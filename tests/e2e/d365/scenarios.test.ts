import { D365World, type Row } from '../world';

/**
 * Every documented co-sell scenario, run through the generated flows in the local runtime against the
 * Partner Center sandbox and the local Dataverse. Each ends with the world at rest and no failed run.
 */
describe('Dynamics 365 co-sell scenarios', () => {
  let w: D365World;
  beforeEach(async () => {
    w = await D365World.start();
    w.pc.webhooks.create({
      WebhookUrl: 'https://flows.example/receiver',
      WebhookEvents: ['referral-created', 'referral-updated', 'related-referral-created', 'related-referral-updated'],
    });
  });
  afterEach(() => w.stop());

  const referralOf = async (oppId: string): Promise<Row> => {
    const o = await w.opportunity(oppId);
    const id = o[w.columns.referralId];
    expect(typeof id).toBe('string');
    return w.pc.referrals.get(id);
  };

  it('create in CRM → one co-sell referral, linked back, status Synced', async () => {
    const opp = await w.sellerCreatesDeal({
      [w.columns.sync]: true,
      [w.columns.help]: String(w.ctx.helpOptionValue('ProofOfConceptOrDemo')),
    });
    await w.settle();
    expect(w.failures()).toEqual([]);
    const r = await referralOf(opp);
    expect(r).toMatchObject({
      name: 'Northwind cloud migration',
      externalReferenceId: opp,
      type: 'Shared',
      status: 'Active',
      substatus: 'Accepted',
      details: { dealValue: 120000, currency: 'USD', closingDateTime: '2026-12-15T00:00:00Z' },
      consent: { consentToShareReferralWithMicrosoftSellers: true },
      inviteContext: { assistanceRequestCode: 'ProofOfConceptOrDemo' },
      customerProfile: { name: 'Northwind Traders', address: { country: 'US', city: 'Seattle' } },
    });
    expect(r.details.requirements.solutions).toEqual([expect.objectContaining({ id: 'SOL-15974-MQF' })]);
    const o = await w.opportunity(opp);
    expect(o[w.columns.syncStatus]).toBe(w.ctx.syncStatus.synced);
    expect(o[w.columns.referralLink]).toContain(r.id);
    expect((await w.audit(opp)).map((e) => [e.operation, e.result, e.changedFields])).toEqual([
      ['Create', 'Succeeded', undefined],
    ]);
    expect(w.pc.referrals.list(new URLSearchParams()).value).toHaveLength(1);
  });

  it('create in CRM without Microsoft help and without sharing → a private deal', async () => {
    const opp = await w.sellerCreatesDeal({ [w.columns.sync]: true });
    await w.settle();
    const r = await referralOf(opp);
    expect(r.type).toBe('Independent');
    expect(r.consent.consentToShareReferralWithMicrosoftSellers).toBe(false);
    expect((await w.audit(opp))[0].message).toContain('private');
  });

  it('update in CRM → only the changed fields are patched, with If-Match', async () => {
    const opp = await w.sellerCreatesDeal({ [w.columns.sync]: true });
    await w.settle();
    const before = await referralOf(opp);
    await w.update('opportunities', opp, { estimatedvalue: 150000, description: 'Scope grew.' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    const after = await referralOf(opp);
    expect(after.details.dealValue).toBe(150000);
    expect(after.details.notes).toBe('Scope grew.');
    expect(after.name).toBe(before.name);
    expect(after.eTag).not.toBe(before.eTag);
    const last = (await w.audit(opp)).at(-1)!;
    expect(last).toMatchObject({ direction: 'CrmToPartnerCenter', operation: 'Update', result: 'Succeeded' });
    expect([...last.changedFields].sort()).toEqual(['dealValue', 'notes']);
  });

  it('update in Partner Center → the opportunity follows', async () => {
    const opp = await w.sellerCreatesDeal({ [w.columns.sync]: true });
    await w.settle();
    const r = await referralOf(opp);
    w.pc.referrals.patch(
      r.id,
      [{ op: 'replace', path: '/details/closingDateTime', value: '2027-01-31T00:00:00Z' }],
      undefined,
    );
    await w.settle();
    expect(w.failures()).toEqual([]);
    const o = await w.opportunity(opp);
    expect(o.estimatedclosedate).toBe('2027-01-31');
    expect((await w.audit(opp)).at(-1)).toMatchObject({
      direction: 'PartnerCenterToCrm',
      result: 'Succeeded',
      changedFields: ['closeDate'],
    });
  });

  it('accept: moving an incoming deal from On Hold to In Progress accepts the referral', async () => {
    const ref = w.pc.microsoft.sendReferral({ name: 'Contoso Teams' });
    await w.settle();
    const [o] = await w.opportunities(`${w.columns.referralId} eq '${ref.id}'`);
    expect(o.statuscode).toBe(2);
    await w.update('opportunities', o.opportunityid, { statuscode: 1 });
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(w.pc.referrals.get(ref.id as string)).toMatchObject({ status: 'Active', substatus: 'Accepted' });
  });

  it('decline: closing an incoming deal as lost before accepting declines the referral', async () => {
    const ref = w.pc.microsoft.sendReferral({ name: 'Contoso Teams' });
    await w.settle();
    const [o] = await w.opportunities(`${w.columns.referralId} eq '${ref.id}'`);
    await w.update('opportunities', o.opportunityid, { statecode: 2, statuscode: 4 });
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(w.pc.referrals.get(ref.id as string)).toMatchObject({ status: 'Closed', substatus: 'Declined' });
  });

  it('won and lost map to Closed/Won and Closed/Lost', async () => {
    const won = await w.sellerCreatesDeal({ [w.columns.sync]: true });
    const lost = await w.sellerCreatesDeal({ [w.columns.sync]: true, name: 'Second deal' });
    await w.settle();
    await w.update('opportunities', won, { statecode: 1, statuscode: 3 });
    await w.update('opportunities', lost, { statecode: 2, statuscode: 5 });
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(await referralOf(won)).toMatchObject({ status: 'Closed', substatus: 'Won' });
    expect(await referralOf(lost)).toMatchObject({ status: 'Closed', substatus: 'Lost' });
  });

  it('a Microsoft update to a shared referral brings the Microsoft CRM id in', async () => {
    const opp = await w.sellerCreatesDeal({
      [w.columns.sync]: true,
      [w.columns.help]: String(w.ctx.helpOptionValue('GeneralOrOther')),
    });
    await w.settle();
    const r = await referralOf(opp);
    w.pc.microsoft.updateShared(r.id, { msxId: 'MSX-7-12345' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    const o = await w.opportunity(opp);
    expect(o[w.columns.msxId]).toBe('MSX-7-12345');
  });

  it('validation failures: a bad country stops before Partner Center, with a clear audit entry', async () => {
    const opp = await w.sellerCreatesDeal({ [w.columns.sync]: true }, { country: 'Germany' });
    await w.settle();
    expect(w.pc.referrals.list(new URLSearchParams()).value).toHaveLength(0);
    const o = await w.opportunity(opp);
    expect(o[w.columns.syncStatus]).toBe(w.ctx.syncStatus.error);
    const [entry] = await w.audit(opp);
    expect(entry).toMatchObject({ operation: 'Create', result: 'Failed' });
    expect(entry.message).toContain("two-letter ISO 3166 code (found 'GERMANY')");
  });

  it('validation failures: help requested without a contact, shared without a solution', async () => {
    const opp = await w.sellerCreatesDeal(
      { [w.columns.sync]: true, [w.columns.help]: String(w.ctx.helpOptionValue('QuotesOrLicensing')) },
      { contact: false, solutions: [] },
    );
    await w.settle();
    expect(w.pc.referrals.list(new URLSearchParams()).value).toHaveLength(0);
    const [entry] = await w.audit(opp);
    expect(entry.message).toContain('customer contact with an email address is required');
    expect(entry.message).toContain('At least one Microsoft solution is required');
  });

  it('retry after error: fixing the data and setting the status back to Pending creates the referral', async () => {
    const opp = await w.sellerCreatesDeal({ [w.columns.sync]: true }, { country: 'Germany' });
    await w.settle();
    const o = await w.opportunity(opp);
    await w.update('accounts', o._customerid_value, { address1_country: 'DE' });
    await w.update('opportunities', opp, { [w.columns.syncStatus]: w.ctx.syncStatus.pending });
    await w.settle();
    const r = await referralOf(opp);
    expect(r.customerProfile.address.country).toBe('DE');
    expect((await w.opportunity(opp))[w.columns.syncStatus]).toBe(w.ctx.syncStatus.synced);
  });
  it('conflict: both sides change the same field before either syncs; the CRM value wins on both sides', async () => {
    const opp = await w.sellerCreatesDeal({ [w.columns.sync]: true });
    await w.settle();
    const r = await referralOf(opp);
    // Partner Center's change is made first but its webhook is delayed behind the seller's edit.
    w.pc.referrals.patch(r.id, [{ op: 'replace', path: '/details/notes', value: 'Partner Center notes' }], undefined);
    await w.update('opportunities', opp, { description: 'Seller notes' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect((await referralOf(opp)).details.notes).toBe('Seller notes');
    expect((await w.opportunity(opp)).description).toBe('Seller notes');
    expect((await w.opportunity(opp))[w.columns.syncStatus]).toBe(w.ctx.syncStatus.synced);
  });
});

import { SalesforceWorld, type Row } from './world';

/**
 * Every documented co-sell scenario on the Salesforce side, run through the generated flows in the local
 * runtime against the Partner Center sandbox and the local Salesforce API. Each ends with the world at
 * rest and no failed run unless the scenario is about a failure.
 */
describe('Salesforce co-sell scenarios', () => {
  let w: SalesforceWorld;
  beforeEach(async () => {
    w = await SalesforceWorld.start();
    w.pc.webhooks.create({
      WebhookUrl: 'https://flows.example/receiver',
      WebhookEvents: ['referral-created', 'referral-updated', 'related-referral-created', 'related-referral-updated'],
    });
  });
  afterEach(() => w.stop());

  const referralOf = (oppId: string): Row => {
    const id = w.opportunity(oppId)[w.fields.referralId];
    expect(typeof id).toBe('string');
    return w.pc.referrals.get(id);
  };

  it('create in Salesforce → one co-sell referral, linked back, status Synced', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true, [w.fields.help]: 'ProofOfConceptOrDemo' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    const r = referralOf(opp);
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
    const o = w.opportunity(opp);
    expect(o[w.fields.syncStatus]).toBe('Synced');
    expect(o[w.fields.shared]).toBe(true);
    expect(o[w.fields.referralLink]).toContain(r.id);
    expect(o.LastModifiedById).toBe(w.sf.users.integrationId);
    expect(w.audit(opp).map((e) => [e.operation, e.result])).toEqual([['Create', 'Succeeded']]);
    expect(w.pc.referrals.list(new URLSearchParams()).value).toHaveLength(1);
  });

  it('a new opportunity created with sync already on is picked up too (the trigger fires for new records)', async () => {
    const account = w.create('Account', {
      Name: 'Fabrikam',
      BillingStreet: '2 Side Road',
      BillingCity: 'Lisbon',
      BillingPostalCode: '1000-001',
      BillingCountry: 'PT',
    });
    const opp = w.create('Opportunity', {
      Name: 'Fabrikam analytics',
      StageName: 'Prospecting',
      CloseDate: '2026-10-01',
      Amount: 5000,
      CurrencyIsoCode: 'EUR',
      AccountId: account,
      [w.fields.sync]: true,
    });
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(referralOf(opp)).toMatchObject({ type: 'Independent', details: { currency: 'EUR', dealValue: 5000 } });
  });

  it('update in Salesforce → only the changed fields are patched', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    const before = referralOf(opp);
    w.update('Opportunity', opp, { Amount: 150000, Description: 'Scope grew.' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    const after = referralOf(opp);
    expect(after.details.dealValue).toBe(150000);
    expect(after.details.notes).toBe('Scope grew.');
    expect(after.name).toBe(before.name);
    const last = w.audit(opp).at(-1)!;
    expect(last).toMatchObject({ direction: 'CrmToPartnerCenter', operation: 'Update', result: 'Succeeded' });
    expect([...last.changedFields].sort()).toEqual(['dealValue', 'notes']);
  });

  it('update in Partner Center → the opportunity follows', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    const r = referralOf(opp);
    w.pc.referrals.patch(
      r.id,
      [{ op: 'replace', path: '/details/closingDateTime', value: '2027-01-31T00:00:00Z' }],
      undefined,
    );
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(w.opportunity(opp).CloseDate).toBe('2027-01-31');
    expect(w.audit(opp).at(-1)).toMatchObject({
      direction: 'PartnerCenterToCrm',
      result: 'Succeeded',
      changedFields: ['closeDate'],
    });
  });

  it('a new referral from Microsoft → an on-hold opportunity with its account and contact', async () => {
    const ref = w.pc.microsoft.sendReferral({ name: 'Contoso Teams' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    const [o] = w.opportunities(`${w.fields.referralId} = '${ref.id}'`);
    expect(o).toMatchObject({ Name: 'Contoso Teams', StageName: 'On Hold', [w.fields.sync]: true });
    expect(o[w.fields.syncStatus]).toBe('Synced');
    expect(o.AccountId).toMatch(/^001/);
    expect(w.pc.referrals.get(ref.id as string).externalReferenceId).toBe(o.Id);
    expect(w.audit(o.Id)[0]).toMatchObject({ operation: 'Create', direction: 'PartnerCenterToCrm' });
  });

  it('accept: moving an incoming deal out of the on-hold stage accepts the referral', async () => {
    const ref = w.pc.microsoft.sendReferral({ name: 'Contoso Teams' });
    await w.settle();
    const [o] = w.opportunities(`${w.fields.referralId} = '${ref.id}'`);
    w.update('Opportunity', o.Id, { StageName: 'Qualification' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(w.pc.referrals.get(ref.id as string)).toMatchObject({ status: 'Active', substatus: 'Accepted' });
  });

  it('accepted in Partner Center → the on-hold opportunity moves to the active stage', async () => {
    const ref = w.pc.microsoft.sendReferral({ name: 'Contoso Teams' });
    await w.settle();
    const [o] = w.opportunities(`${w.fields.referralId} = '${ref.id}'`);
    const current = w.pc.referrals.get(ref.id as string);
    w.pc.referrals.patch(
      ref.id as string,
      [
        { op: 'replace', path: '/status', value: 'Active' },
        { op: 'replace', path: '/substatus', value: 'Accepted' },
      ],
      String(current.eTag),
    );
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(w.opportunity(o.Id).StageName).toBe('Qualification');
  });

  it('decline: closing an incoming deal as lost before accepting declines the referral', async () => {
    const ref = w.pc.microsoft.sendReferral({ name: 'Contoso Teams' });
    await w.settle();
    const [o] = w.opportunities(`${w.fields.referralId} = '${ref.id}'`);
    w.update('Opportunity', o.Id, { StageName: 'Closed Lost' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(w.pc.referrals.get(ref.id as string)).toMatchObject({ status: 'Closed', substatus: 'Declined' });
  });

  it('Closed Won and Closed Lost map to Closed/Won and Closed/Lost', async () => {
    const won = w.sellerCreatesDeal({ [w.fields.sync]: true });
    const lost = w.sellerCreatesDeal({ [w.fields.sync]: true }, { name: 'Second deal' });
    await w.settle();
    w.update('Opportunity', won, { StageName: 'Closed Won' });
    w.update('Opportunity', lost, { StageName: 'Closed Lost' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(referralOf(won)).toMatchObject({ status: 'Closed', substatus: 'Won' });
    expect(referralOf(lost)).toMatchObject({ status: 'Closed', substatus: 'Lost' });
  });

  it('a Microsoft update to a shared referral brings the Microsoft CRM id in', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true, [w.fields.help]: 'GeneralOrOther' });
    await w.settle();
    w.pc.microsoft.updateShared(referralOf(opp).id, { msxId: 'MSX-7-12345' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(w.opportunity(opp)[w.fields.msxId]).toBe('MSX-7-12345');
  });

  it('adding a Microsoft Solution replaces the referral solutions on the next reconciliation run', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    w.addSolution(opp, 'SOL-22222-ABC');
    await w.advance(w.ctx.reconciliationMinutes * 60_000);
    expect(w.failures()).toEqual([]);
    expect(
      referralOf(opp)
        .details.requirements.solutions.map((s: Row) => s.id)
        .sort(),
    ).toEqual(['SOL-15974-MQF', 'SOL-22222-ABC']);
  });

  it('validation failures: a bad country stops before Partner Center, with a clear audit entry', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true }, { country: 'Germany' });
    await w.settle();
    expect(w.pc.referrals.list(new URLSearchParams()).value).toHaveLength(0);
    const o = w.opportunity(opp);
    expect(o[w.fields.syncStatus]).toBe('Error');
    const [entry] = w.audit(opp);
    expect(entry).toMatchObject({ operation: 'Create', result: 'Failed' });
    expect(entry.message).toContain("two-letter ISO 3166 code (found 'GERMANY')");
    // Written once: the error write doesn't start the flow again.
    expect(w.runsOf('create-referral')).toHaveLength(1);
  });

  it('validation failures in Salesforce: its own message in Audit and Sync status, nothing half-written', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    const r = referralOf(opp);
    const before = w.opportunity(opp);
    // The org has no ZAR currency enabled, and Salesforce limits an opportunity name to 120 characters.
    w.pc.referrals.patch(
      r.id,
      [
        { op: 'replace', path: '/details/currency', value: 'ZAR' },
        { op: 'replace', path: '/name', value: 'N'.repeat(150) },
      ],
      undefined,
    );
    await w.settle();
    const o = w.opportunity(opp);
    expect(o[w.fields.syncStatus]).toBe('Error');
    expect(o.Name).toBe(before.Name);
    expect(o.CurrencyIsoCode).toBe('USD');
    const last = w.audit(opp).at(-1)!;
    expect(last).toMatchObject({ direction: 'PartnerCenterToCrm', result: 'Failed' });
    expect(last.message).toContain('Currency ISO Code: bad value for restricted picklist field: ZAR');
    expect(last.message).toContain('Name: data value too large');
  });

  it('retry after error: fixing the data and setting the status back to Pending creates the referral', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true }, { country: 'Germany' });
    await w.settle();
    w.update('Account', w.opportunity(opp).AccountId, { BillingCountry: 'DE' });
    w.update('Opportunity', opp, { [w.fields.syncStatus]: 'Pending' });
    await w.settle();
    expect(referralOf(opp).customerProfile.address.country).toBe('DE');
    expect(w.opportunity(opp)[w.fields.syncStatus]).toBe('Synced');
  });

  it('conflict: both sides change the same field before either syncs; the CRM value wins on both sides', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    const r = referralOf(opp);
    w.pc.referrals.patch(r.id, [{ op: 'replace', path: '/details/notes', value: 'Partner Center notes' }], undefined);
    w.update('Opportunity', opp, { Description: 'Seller notes' });
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(referralOf(opp).details.notes).toBe('Seller notes');
    expect(w.opportunity(opp).Description).toBe('Seller notes');
    expect(w.opportunity(opp)[w.fields.syncStatus]).toBe('Synced');
  });

  it('a seller edit overwritten by the integration user before the poll is still sent (Pending)', async () => {
    const opp = w.sellerCreatesDeal({ [w.fields.sync]: true });
    await w.settle();
    const r = referralOf(opp);
    // The seller edits, then Partner Center's webhook is handled before the next poll.
    w.update('Opportunity', opp, { Amount: 777 });
    w.pc.referrals.patch(r.id, [{ op: 'replace', path: '/details/notes', value: 'From Partner Center' }], undefined);
    await w.runtime.idle();
    await w.pc.dispatcher.tick();
    await w.runtime.idle();
    expect(w.opportunity(opp).LastModifiedById).toBe(w.sf.users.integrationId);
    await w.settle();
    expect(w.failures()).toEqual([]);
    expect(referralOf(opp).details.dealValue).toBe(777);
    expect(w.opportunity(opp).Description).toBe('From Partner Center');
    expect(w.opportunity(opp)[w.fields.syncStatus]).toBe('Synced');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ASSISTANCE_REQUEST_CODE,
  checkTransition,
  collectObjects,
  isIsoCountry,
  isIsoCurrency,
  isTerminal,
  isValidStatusPair,
  Referral,
  type ReferralResource,
  validatorFor,
  WebhookEvent,
} from '../../../connector/model';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures/partner-center', name), 'utf8'));

describe('status rules (reference §4.4)', () => {
  it('pairs substatus with status as the table says', () => {
    expect(isValidStatusPair('New', 'Pending')).toBe(true);
    expect(isValidStatusPair('New', 'Received')).toBe(true);
    expect(isValidStatusPair('Active', 'Accepted')).toBe(true);
    expect(isValidStatusPair('Closed', 'Won')).toBe(true);
    expect(isValidStatusPair('Active', 'Won')).toBe(false);
    expect(isValidStatusPair('Closed', 'Accepted')).toBe(false);
    expect(isValidStatusPair('New', 'Accepted')).toBe(false);
  });

  it('allows accept, decline, win and lose, and nothing after close', () => {
    expect(
      checkTransition({ status: 'New', substatus: 'Pending' }, { status: 'Active', substatus: 'Accepted' }),
    ).toEqual({ ok: true });
    expect(
      checkTransition({ status: 'New', substatus: 'Pending' }, { status: 'Closed', substatus: 'Declined' }),
    ).toEqual({ ok: true });
    expect(
      checkTransition({ status: 'Active', substatus: 'Accepted' }, { status: 'Closed', substatus: 'Won' }),
    ).toEqual({ ok: true });
    const back = checkTransition({ status: 'Active', substatus: 'Accepted' }, { status: 'New', substatus: 'Pending' });
    expect(back).toEqual({ ok: false, reason: expect.stringContaining("Status Active can't change to New") });
    const closed = checkTransition({ status: 'Closed', substatus: 'Won' }, { status: 'Closed', substatus: 'Lost' });
    expect(closed).toEqual({ ok: false, reason: expect.stringContaining('terminal') });
    const mismatch = checkTransition(
      { status: 'Active', substatus: 'Accepted' },
      { status: 'Closed', substatus: 'Accepted' },
    );
    expect(mismatch).toEqual({
      ok: false,
      reason: expect.stringContaining('Substatus Accepted is not allowed with status Closed'),
    });
    expect(isTerminal('Closed')).toBe(true);
    expect(isTerminal('Active')).toBe(false);
  });
});

describe('ISO code lists', () => {
  it('knows real codes and refuses others', () => {
    for (const c of ['US', 'DE', 'BR', 'CN', 'GB', 'IN']) expect(isIsoCountry(c)).toBe(true);
    for (const c of ['UK', 'USA', 'us', '', 42]) expect(isIsoCountry(c)).toBe(false);
    for (const c of ['USD', 'EUR', 'BRL', 'CNY', 'JPY']) expect(isIsoCurrency(c)).toBe(true);
    for (const c of ['US$', 'usd', 'XYZ']) expect(isIsoCurrency(c)).toBe(false);
  });
});

describe('JSON Schema from the model', () => {
  const validateReferral = validatorFor(Referral);

  it('accepts the documented create example and the observed full payload', () => {
    expect(validateReferral(fixture('private-deal-create.json'))).toBe(true);
    const ok = validateReferral(fixture('observed-closed-won.json'));
    expect(validateReferral.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('refuses wrong types and unknown enum values', () => {
    const bad = fixture('observed-closed-won.json') as ReferralResource;
    expect(validateReferral({ ...bad, status: 'Open' })).toBe(false);
    expect(validateReferral({ ...bad, details: { ...bad.details, dealValue: 'lots' } })).toBe(false);
    expect(validateReferral({ ...bad, customerProfile: { address: { country: 'USA' } } })).toBe(false);
    expect(validateReferral({ ...bad, inviteContext: { assistanceRequestCode: 'Pizza' } })).toBe(false);
    expect(validateReferral({ ...bad, createdDateTime: 'yesterday' })).toBe(false);
  });

  it('validates the documented webhook event', () => {
    expect(validatorFor(WebhookEvent)(fixture('webhook-referral-created.json'))).toBe(true);
    expect(validatorFor(WebhookEvent)({ EventName: 5 })).toBe(false);
  });

  it('declares every sub-object of the reference once', () => {
    const names = collectObjects([Referral]).map((o) => o.name);
    for (const n of [
      'CustomerProfile',
      'Address',
      'Member',
      'Consent',
      'ReferralDetails',
      'ReferralRequirements',
      'SolutionTag',
      'InviteContext',
      'ReferralTarget',
      'Registration',
      'TrackingInfo',
      'ReferralLinks',
    ]) {
      expect(names).toContain(n);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('carries the six help codes plus Unknown', () => {
    expect(ASSISTANCE_REQUEST_CODE.map((c) => c.value)).toEqual([
      'Unknown',
      'WorkloadSpecificValueProposition',
      'CustomerTechnicalArchitecture',
      'ProofOfConceptOrDemo',
      'QuotesOrLicensing',
      'PostSalesCustomerSuccess',
      'GeneralOrOther',
    ]);
  });
});

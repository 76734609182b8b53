import { leafPaths, Referral, resolveModelPath } from '../../../connector/model';

describe('model paths', () => {
  it('resolves nested paths through refs and arrays', () => {
    expect(resolveModelPath(Referral, 'details/dealValue')).toMatchObject({ kind: 'number' });
    expect(resolveModelPath(Referral, 'customerProfile/address/country')).toMatchObject({
      kind: 'string',
      pattern: '^[A-Z]{2}$',
    });
    expect(resolveModelPath(Referral, 'team/email')).toMatchObject({ kind: 'string' });
    expect(resolveModelPath(Referral, 'inviteContext/assistanceRequestCode')).toMatchObject({ kind: 'string' });
    expect(resolveModelPath(Referral, 'customerProfile')).toMatchObject({ kind: 'ref' });
  });

  it('refuses paths that are not in the model', () => {
    expect(resolveModelPath(Referral, 'details/dealvalue')).toBeUndefined();
    expect(resolveModelPath(Referral, 'details/dealValue/x')).toBeUndefined();
    expect(resolveModelPath(Referral, 'toString')).toBeUndefined();
    expect(resolveModelPath(Referral, '')).toBeUndefined();
  });

  it('lists leaf paths', () => {
    const leaves = leafPaths(Referral);
    expect(leaves).toContain('details/closingDateTime');
    expect(leaves).toContain('customerProfile/address/postalCode');
    expect(leaves).toContain('trackingInfo/microsoftMsxId');
    expect(leaves).not.toContain('details');
  });
});

import {
  canRetry,
  needsShareConfirmation,
  resolveStatusValues,
  stateOf,
} from '../../../pcf-controls/SyncToggle/SyncToggle/lib/status';

describe('Sync status mapping', () => {
  const options = [{ Value: 40 }, { Value: 10 }, { Value: 30 }, { Value: 20 }];

  it('maps four column options in ascending order to Not synced, Pending, Synced, Error', () => {
    expect(resolveStatusValues({}, options)).toEqual({ notSynced: 10, pending: 20, synced: 30, error: 40 });
  });

  it('lets configured values win over the option order', () => {
    expect(resolveStatusValues({ pending: 99, error: 98 }, options)).toEqual({
      notSynced: 10,
      pending: 99,
      synced: 30,
      error: 98,
    });
  });

  it('maps nothing from a column that does not have exactly four options', () => {
    expect(resolveStatusValues({}, [{ Value: 1 }, { Value: 2 }])).toEqual({});
    expect(resolveStatusValues({}, null)).toEqual({});
    expect(resolveStatusValues({ synced: 5 }, undefined)).toEqual({ synced: 5 });
  });

  it('reads states, treating an empty column as not synced', () => {
    const values = resolveStatusValues({}, options);
    expect(stateOf(null, values)).toBe('notSynced');
    expect(stateOf(undefined, values)).toBe('notSynced');
    expect(stateOf(20, values)).toBe('pending');
    expect(stateOf(40, values)).toBe('error');
    expect(stateOf(77, values)).toBe('unknown');
  });
});

describe('share confirmation and retry rules', () => {
  it('asks before the first share only', () => {
    expect(needsShareConfirmation(true, true, null)).toBe(true);
    expect(needsShareConfirmation(true, true, '  ')).toBe(true);
    expect(needsShareConfirmation(true, true, 'abc')).toBe(false);
    expect(needsShareConfirmation(true, false, null)).toBe(false);
    expect(needsShareConfirmation(true, null, null)).toBe(false);
    expect(needsShareConfirmation(false, true, null)).toBe(false);
  });

  it('offers retry on error when the status can be written and Pending is known', () => {
    expect(canRetry('error', false, { pending: 1 })).toBe(true);
    expect(canRetry('error', true, { pending: 1 })).toBe(false);
    expect(canRetry('error', false, {})).toBe(false);
    expect(canRetry('synced', false, { pending: 1 })).toBe(false);
  });
});

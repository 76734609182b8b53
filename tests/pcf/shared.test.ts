import { fieldAccess } from '../../pcf-controls/shared/field-access';
import { makeTimeFormatter, toUserWallClock, toValidDate } from '../../pcf-controls/shared/dates';
import { fill, loadStrings } from '../../pcf-controls/shared/strings';
import { isPartnerCenterHost, isPowerAutomateHost, toSafeHttpsUrl } from '../../pcf-controls/shared/safe-url';
import { copyToClipboard } from '../../pcf-controls/shared/clipboard';

describe('fieldAccess', () => {
  it('combines read-only mode and field security', () => {
    expect(fieldAccess(false, undefined)).toEqual({ disabled: false, masked: false });
    expect(fieldAccess(true, null)).toEqual({ disabled: true, masked: false });
    expect(fieldAccess(false, { editable: false, readable: true })).toEqual({ disabled: true, masked: false });
    expect(fieldAccess(false, { editable: true, readable: false })).toEqual({ disabled: true, masked: true });
  });
});

describe('dates', () => {
  it('shifts to the user wall clock whatever the browser zone', () => {
    const d = new Date('2026-11-21T10:00:00Z');
    const shifted = toUserWallClock(d, -300);
    expect([shifted.getHours(), shifted.getMinutes()]).toEqual([5, 0]);
  });

  it('accepts Dates and ISO strings only', () => {
    expect(toValidDate('nope')).toBeUndefined();
    expect(toValidDate(new Date(Number.NaN))).toBeUndefined();
    expect(toValidDate(null)).toBeUndefined();
    expect(toValidDate('2026-11-21T10:00:00Z')?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });

  it('falls back to UTC text when the formatting API throws', () => {
    const format = makeTimeFormatter(
      {
        formatDateShort: () => {
          throw new Error('no');
        },
      },
      () => 0,
    );
    expect(format('2026-11-21T10:00:00Z')).toBe('2026-11-21 10:00 UTC');
    expect(format('bad')).toBeUndefined();
  });
});

describe('strings', () => {
  it('fills placeholders and resolves lazily with the key as fallback', () => {
    expect(fill('{0} of {1} {2}', 1, 'two')).toBe('1 of two {2}');
    const getString = jest.fn((k: string) => (k === 'A' ? 'Alpha' : ''));
    const s = loadStrings<'A' | 'B'>(getString);
    expect([s.A, s.A, s.B]).toEqual(['Alpha', 'Alpha', 'B']);
    expect(getString).toHaveBeenCalledTimes(2);
  });
});

describe('safe urls', () => {
  it('allows only exact hosts over https', () => {
    expect(toSafeHttpsUrl('https://partner.microsoft.com/a?b=1#c', isPartnerCenterHost)).toBe(
      'https://partner.microsoft.com/a?b=1#c',
    );
    expect(toSafeHttpsUrl('https://evilpartner.microsoft.com/', isPartnerCenterHost)).toBeUndefined();
    expect(toSafeHttpsUrl(42, isPartnerCenterHost)).toBeUndefined();
    expect(toSafeHttpsUrl('https://make.powerautomate.com/x', isPowerAutomateHost)).toBe(
      'https://make.powerautomate.com/x',
    );
    expect(toSafeHttpsUrl('https://flow.microsoft.com/x', isPowerAutomateHost)).toBeDefined();
    expect(toSafeHttpsUrl('https://notpowerautomate.com/x', isPowerAutomateHost)).toBeUndefined();
    expect(toSafeHttpsUrl('https://127.0.0.1/x', isPowerAutomateHost)).toBeUndefined();
  });
});

describe('copyToClipboard', () => {
  it('uses the Clipboard API, else the textarea route, else reports failure', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    await expect(copyToClipboard('a')).resolves.toBe(true);
    Object.assign(navigator, { clipboard: undefined });
    const execCommand = jest.fn(() => true);
    Object.assign(document, { execCommand });
    await expect(copyToClipboard('b')).resolves.toBe(true);
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(document.querySelector('textarea')).toBeNull();
    execCommand.mockImplementation(() => {
      throw new Error('no');
    });
    await expect(copyToClipboard('c')).resolves.toBe(false);
  });
});

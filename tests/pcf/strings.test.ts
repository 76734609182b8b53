import { SYNC_TOGGLE_STRING_KEYS } from '../../pcf-controls/SyncToggle/SyncToggle/strings';
import { REFERRAL_LINK_STRING_KEYS } from '../../pcf-controls/ReferralLink/ReferralLink/strings';
import { AUDIT_TRAIL_STRING_KEYS } from '../../pcf-controls/AuditTrail/AuditTrail/strings';
import { CONTROLS, LANGUAGES, manifestXml, readResx, resxFiles, type ControlName } from './resx';

const RUNTIME_KEYS: Record<ControlName, readonly string[]> = {
  SyncToggle: SYNC_TOGGLE_STRING_KEYS,
  ReferralLink: REFERRAL_LINK_STRING_KEYS,
  AuditTrail: AUDIT_TRAIL_STRING_KEYS,
};

const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join(',');

describe.each(CONTROLS)('%s strings', (control) => {
  const english = readResx(control, LANGUAGES.en);

  it('ships exactly the four languages, each listed in the manifest', () => {
    const lcids = Object.values(LANGUAGES);
    expect(resxFiles(control)).toEqual(lcids.map((l) => `${control}.${l}.resx`).sort());
    for (const lcid of lcids)
      expect(manifestXml(control)).toContain(`<resx path="strings/${control}.${lcid}.resx" version="1.0.0" />`);
  });

  it('has every run-time key and every manifest key in English', () => {
    const manifestKeys = [...manifestXml(control).matchAll(/(?:display-name-key|description-key)="([^"]+)"/g)].map(
      (m) => m[1],
    );
    for (const key of [...RUNTIME_KEYS[control], ...manifestKeys])
      expect(english.has(key) ? key : `missing ${key}`).toBe(key);
  });

  it.each(Object.entries(LANGUAGES).filter(([, l]) => l !== 1033))(
    '%s has the same keys and placeholders, none empty',
    (_name, lcid) => {
      const other = readResx(control, lcid);
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, value] of other) {
        expect(value.trim()).not.toBe('');
        expect(`${key}: ${placeholders(value)}`).toBe(`${key}: ${placeholders(english.get(key)!)}`);
      }
    },
  );
});

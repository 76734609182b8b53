import type { IInputs } from '../../../pcf-controls/SyncToggle/SyncToggle/generated/ManifestTypes';
import { dateTime, optionSet, text, twoOptions, wholeNumber } from '../mock-context';

export const STATUS = { notSynced: 318700000, pending: 318700001, synced: 318700002, error: 318700003 } as const;
export const STATUS_OPTIONS = [
  { Label: 'Not synced', Value: STATUS.notSynced },
  { Label: 'Pending', Value: STATUS.pending },
  { Label: 'Synced', Value: STATUS.synced },
  { Label: 'Error', Value: STATUS.error },
];

export interface ToggleState {
  value?: boolean;
  status?: number | null;
  statusOptions?: { Label: string; Value: number }[];
  lastSyncedOn?: Date | null;
  referralId?: string | null;
  shared?: boolean;
  audit?: string | null;
  valueSecurity?: ComponentFramework.PropertyHelper.SecurityValues;
  statusSecurity?: ComponentFramework.PropertyHelper.SecurityValues;
  configured?: Partial<Record<keyof typeof STATUS, number>>;
}

export function toggleParams(s: ToggleState = {}): IInputs {
  return {
    value: twoOptions(s.value ?? false, { security: s.valueSecurity, displayName: 'Sync with Partner Center' }),
    syncStatus: optionSet(s.status === undefined ? STATUS.notSynced : s.status, s.statusOptions ?? STATUS_OPTIONS, {
      security: s.statusSecurity,
    }),
    lastSyncedOn: dateTime(s.lastSyncedOn ?? null),
    referralId: text(s.referralId ?? null),
    sharedWithMicrosoft: twoOptions(s.shared ?? false),
    audit: text(s.audit ?? null),
    statusNotSyncedValue: wholeNumber(s.configured?.notSynced ?? null),
    statusPendingValue: wholeNumber(s.configured?.pending ?? null),
    statusSyncedValue: wholeNumber(s.configured?.synced ?? null),
    statusErrorValue: wholeNumber(s.configured?.error ?? null),
  };
}

import { formatAuditEntry, type NewAuditEntry } from '../../../flows/audit';
import type { MountSpec } from './page';

export const LANGS = { en: 1033, es: 3082, 'pt-BR': 1046, 'zh-CN': 2052 } as const;

export const STATUS = { notSynced: 318700000, pending: 318700001, synced: 318700002, error: 318700003 } as const;
const STATUS_OPTIONS = [
  { Label: 'Not synced', Value: STATUS.notSynced },
  { Label: 'Pending', Value: STATUS.pending },
  { Label: 'Synced', Value: STATUS.synced },
  { Label: 'Error', Value: STATUS.error },
];
export const REFERRAL_ID = '4111fffc-f9ee-4d53-bba6-569135228642';
export const PC_URL = `https://partner.microsoft.com/dashboard/referrals/v2/leads/${REFERRAL_ID}/details`;
export const RUN_URL = 'https://make.powerautomate.com/environments/Default-1/flows/abc/runs/08585';
export const FAILURE = 'Customer country must be a 2-letter ISO 3166 code (got "Germany").';

const e = (p: Partial<NewAuditEntry>) =>
  formatAuditEntry({
    time: '2026-11-21T10:00:00Z',
    direction: 'CrmToPartnerCenter',
    operation: 'Update',
    result: 'Succeeded',
    ...p,
  });

export const AUDIT_SAMPLE = [
  'Synced with Partner Center ✔ (written by an earlier tool)',
  e({
    time: '2026-11-18T09:00:00Z',
    direction: 'PartnerCenterToCrm',
    operation: 'Create',
    changedFields: ['name', 'estimatedvalue'],
    referralId: REFERRAL_ID,
    flowRunUrl: RUN_URL,
  }),
  e({ time: '2026-11-19T11:15:00Z', operation: 'Update', changedFields: ['estimatedclosedate'], flowRunUrl: RUN_URL }),
  e({
    time: '2026-11-20T08:05:00Z',
    direction: 'Reconcile',
    operation: 'WebhookCheck',
    result: 'Warning',
    message: 'The webhook registration points to another receiver.',
  }),
  e({
    time: '2026-11-20T16:40:00Z',
    direction: 'PartnerCenterToCrm',
    operation: 'Update',
    result: 'Skipped',
    message: 'No mapped field changed.',
  }),
  e({ time: '2026-11-21T10:00:00Z', operation: 'Update', result: 'Failed', message: FAILURE, flowRunUrl: RUN_URL }),
].join('\n');

function toggle(
  lcid: number,
  p: {
    value: boolean;
    status: number;
    shared: boolean;
    referralId: string | null;
    lastSyncedOn?: string;
    audit?: string;
  },
  disabled = false,
): MountSpec {
  return {
    control: 'SyncToggle',
    lcid,
    disabled,
    userOffsetMinutes: 60,
    params: {
      value: { raw: p.value, type: 'TwoOptions', displayName: 'Sync with Partner Center' },
      syncStatus: { raw: p.status, type: 'OptionSet', options: STATUS_OPTIONS },
      lastSyncedOn: { raw: p.lastSyncedOn ?? null, type: 'DateAndTime.DateAndTime' },
      referralId: { raw: p.referralId, type: 'SingleLine.Text' },
      sharedWithMicrosoft: { raw: p.shared, type: 'TwoOptions' },
      audit: { raw: p.audit ?? null, type: 'Multiple' },
      statusNotSyncedValue: { raw: null, type: 'Whole.None' },
      statusPendingValue: { raw: null, type: 'Whole.None' },
      statusSyncedValue: { raw: null, type: 'Whole.None' },
      statusErrorValue: { raw: null, type: 'Whole.None' },
    },
  };
}

/** First share: off, marked shared with Microsoft, no referral yet. */
export const toggleFirstShare = (lcid: number) =>
  toggle(lcid, { value: false, status: STATUS.notSynced, shared: true, referralId: null });
export const toggleError = (lcid: number) =>
  toggle(lcid, { value: true, status: STATUS.error, shared: true, referralId: REFERRAL_ID, audit: AUDIT_SAMPLE });
export const toggleSynced = (lcid: number) =>
  toggle(
    lcid,
    {
      value: true,
      status: STATUS.synced,
      shared: false,
      referralId: REFERRAL_ID,
      lastSyncedOn: '2026-11-21T10:00:00Z',
    },
    true,
  );

export const referralLink = (lcid: number, url: string | null = PC_URL): MountSpec => ({
  control: 'ReferralLink',
  lcid,
  params: { url: { raw: url, type: 'SingleLine.URL' }, referralId: { raw: REFERRAL_ID, type: 'SingleLine.Text' } },
});

export const auditTrail = (lcid: number, audit: string | null = AUDIT_SAMPLE): MountSpec => ({
  control: 'AuditTrail',
  lcid,
  userOffsetMinutes: 60,
  params: { audit: { raw: audit, type: 'Multiple' } },
});

/** `count` audit entries cycling through results and directions, oldest first. */
export function auditOf(count: number, messageLength = 80): string {
  const results = ['Succeeded', 'Failed', 'Skipped', 'Warning'] as const;
  const directions = ['CrmToPartnerCenter', 'PartnerCenterToCrm', 'Reconcile'] as const;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      e({
        time: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        result: results[i % 4],
        direction: directions[i % 3],
        operation: i % 2 ? 'Update' : 'Create',
        changedFields: ['name', 'estimatedvalue'],
        message: `Entry ${i} `.padEnd(messageLength, '·'),
        flowRunUrl: i % 2 ? RUN_URL : undefined,
      }),
    );
  }
  return lines.join('\n');
}

/** An Audit value of exactly `chars` characters (1 MB = Dataverse's maximum) of entries. */
export function auditOfSize(chars: number): string {
  const one = auditOf(1, 200);
  const value = auditOf(Math.ceil(chars / (one.length + 1)) + 1, 200);
  return value.slice(value.length - chars);
}

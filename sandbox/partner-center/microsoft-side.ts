import type { ReferralStatus, ReferralSubstatus } from '../../connector/model/enums';
import { checkTransition, isTerminal } from '../../connector/model/status-rules';
import { Referral } from '../../connector/model/referral';
import { guidFromName } from '../../scripts/lib/guid';
import { formatTimestamp } from './clock';
import { badRequest } from './errors';
import { cloneJson } from './json-patch';
import type { ReferralService } from './referral-service';
import { readObject } from './schema-walk';

type Doc = Record<string, unknown>;

/** Who owns Microsoft's side of shared engagements in the sandbox. */
export const MICROSOFT_ORGANIZATION = {
  organizationId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  organizationName: 'Microsoft',
  inviteOrganizationId: 'msft',
} as const;

/** "If you don't respond to a lead or opportunity within the allotted time (currently 14 days)" (§3.4). */
export const EXPIRY_MS = 14 * 24 * 60 * 60 * 1000;

export interface MicrosoftUpdate {
  status?: string;
  substatus?: string;
  statusReason?: string;
  msxId?: string;
  team?: unknown;
  notes?: string;
}

const invitedByMicrosoft = () => ({
  organizationId: MICROSOFT_ORGANIZATION.inviteOrganizationId,
  organizationName: MICROSOFT_ORGANIZATION.organizationName,
});

/**
 * What Microsoft does in Partner Center, simulated: sending the partner a referral and working its
 * own side of a shared engagement. Driven by the admin API or directly by tests.
 */
export class MicrosoftSide {
  constructor(private readonly referrals: ReferralService) {}

  /** Microsoft sends the partner a referral: Incoming, New/Pending, invited by msft, expiring in 14 days. */
  sendReferral(body: unknown): Doc {
    const input = readObject(Referral, body ?? {}, '', { stripReadOnly: false, checkRequired: false });
    const partner = this.referrals.partner;
    const now = this.referrals.clock.now();
    const stamp = formatTimestamp(now);
    const doc: Doc = {
      name: 'Referral from Microsoft',
      type: 'Shared',
      qualification: 'SalesQualified',
      customerProfile: {
        name: 'Fabrikam Customer Inc',
        address: {
          addressLine1: 'One Microsoft Way',
          city: 'Redmond',
          state: 'WA',
          postalCode: '98052',
          country: 'US',
        },
        team: [{ firstName: 'Sue', lastName: 'Smith', phoneNumber: '1234567890', email: 'sue.smith@fabrikam.example' }],
      },
      consent: {
        consentToToShareInfoWithOthers: true,
        consentToContact: true,
        consentToShareReferralWithMicrosoftSellers: true,
      },
      details: {
        notes: 'The customer is looking for help deploying Microsoft 365.',
        dealValue: 10000,
        currency: 'USD',
        closingDateTime: formatTimestamp(now + 60 * 24 * 3600 * 1000).replace(/\.\d+Z$/, 'Z'),
        requirements: { solutions: [{ id: 'SOL-Microsoft365', name: 'Microsoft365', type: 'Name' }] },
      },
      ...input,
      inviteContext: {
        notes: 'Hi, hoping you can help this customer. Thanks, Microsoft',
        assistanceRequestCode: 'Unknown',
        ...((input.inviteContext as Doc | undefined) ?? {}),
        invitedBy: invitedByMicrosoft(),
      },
      id: this.referrals.allocateId('referral'),
      engagementId: this.referrals.allocateId('engagement'),
      organizationId: partner.organizationId,
      organizationName: partner.organizationName,
      mpnId: partner.mpnId,
      createdDateTime: stamp,
      updatedDateTime: stamp,
      expirationDateTime: formatTimestamp(now + EXPIRY_MS),
      status: 'New',
      substatus: input.substatus === 'Received' ? 'Received' : 'Pending',
      direction: 'Incoming',
      quality: 'Unknown',
      isSpam: false,
      registrationStatus: 'None',
      dealSensitivity: 'None',
      eTag: this.referrals.allocateEtag(now),
    };
    delete doc.acceptedDateTime;
    delete doc.closedDateTime;
    return this.referrals.present(this.referrals.insertNew(doc).doc);
  }

  /**
   * Microsoft works its side of a shared engagement: creates or updates Microsoft's related referral
   * (same engagementId, Microsoft team, MSX id in trackingInfo). The MSX id is also stamped on the
   * partner's referral, where the co-sell solution reads "Microsoft CRM Identifier".
   */
  updateShared(partnerReferralId: string, update: MicrosoftUpdate): Doc {
    const partner = this.referrals.partner;
    const partnerRecord = this.referrals.find(partnerReferralId);
    if (partnerRecord.doc.organizationId !== partner.organizationId)
      throw badRequest('Name the partner referral whose engagement Microsoft works on.', 'referralId');
    const engagementId = String(partnerRecord.doc.engagementId);
    const existing = this.referrals.store
      .byEngagement(engagementId)
      .find((r) => r.doc.organizationId === MICROSOFT_ORGANIZATION.organizationId);
    const now = this.referrals.clock.now();
    const stamp = formatTimestamp(now);
    const team = update.team ?? [
      { firstName: 'Alex', lastName: 'Seller', email: 'alex.seller@microsoft.example', phoneNumber: '0000000000' },
    ];
    const msxId =
      update.msxId ??
      (existing?.doc.trackingInfo as Doc | undefined)?.microsoftMsxId ??
      `7-${guidFromName(`${this.referrals.seedText}/msx/${engagementId}`).slice(0, 10).toUpperCase()}`;
    const base: Doc = existing
      ? cloneJson(existing.doc)
      : {
          engagementId,
          name: partnerRecord.doc.name,
          organizationId: MICROSOFT_ORGANIZATION.organizationId,
          organizationName: MICROSOFT_ORGANIZATION.organizationName,
          createdDateTime: stamp,
          acceptedDateTime: stamp,
          status: 'Active',
          substatus: 'Accepted',
          type: 'Shared',
          qualification: 'SalesQualified',
          direction: 'Incoming',
          customerProfile: cloneJson(partnerRecord.doc.customerProfile),
          consent: cloneJson(partnerRecord.doc.consent),
          details: cloneJson(partnerRecord.doc.details),
          target: [{ type: 'BusinessProfileLocation', id: partner.organizationId }],
          inviteContext: { invitedBy: invitedByMicrosoft() },
          quality: 'Unknown',
          isSpam: false,
          registrationStatus: 'None',
          dealSensitivity: 'None',
        };
    const next: Doc = {
      ...base,
      team,
      trackingInfo: { ...((base.trackingInfo as Doc | undefined) ?? {}), microsoftMsxId: msxId },
    };
    if (update.status !== undefined) next.status = update.status;
    if (update.substatus !== undefined) next.substatus = update.substatus;
    if (update.statusReason !== undefined) next.statusReason = update.statusReason;
    if (update.notes !== undefined)
      next.details = { ...((next.details as Doc | undefined) ?? {}), notes: update.notes };

    let result: Doc;
    if (existing) {
      result = this.referrals.present(this.referrals.applyChange(existing, next).doc);
    } else {
      // Microsoft's referral starts accepted; a first update may already move it on (e.g. Closed/Won).
      const checked = readObject(Referral, next, '', { stripReadOnly: false, checkRequired: true });
      const verdict = checkTransition(
        { status: 'Active', substatus: 'Accepted' },
        { status: checked.status as ReferralStatus, substatus: checked.substatus as ReferralSubstatus },
      );
      if (!verdict.ok) throw badRequest(verdict.reason, 'status');
      checked.id = this.referrals.allocateId('referral');
      checked.updatedDateTime = stamp;
      if (checked.status === 'Closed') checked.closedDateTime = stamp;
      checked.eTag = this.referrals.allocateEtag(now);
      result = this.referrals.present(this.referrals.insertNew(checked).doc);
    }
    const tracking = (partnerRecord.doc.trackingInfo as Doc | undefined) ?? {};
    if (tracking.microsoftMsxId !== msxId && !isTerminal(partnerRecord.doc.status as ReferralStatus)) {
      this.referrals.applyChange(partnerRecord, {
        ...partnerRecord.doc,
        trackingInfo: { ...tracking, microsoftMsxId: msxId },
      });
    }
    return result;
  }
}

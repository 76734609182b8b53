import { DEAL_REGISTRATION_PATCH_PATHS } from '../../connector/model/patch';
import { Referral } from '../../connector/model/referral';
import type { ReferralStatus, ReferralSubstatus } from '../../connector/model/enums';
import { checkTransition, isTerminal } from '../../connector/model/status-rules';
import { guidFromName } from '../../scripts/lib/guid';
import { formatTimestamp, type Clock } from './clock';
import { ApiError, badRequest } from './errors';
import { formatEtag, ifMatchSatisfied } from './etag';
import { applyPatch, cloneJson, parsePatchDocument } from './json-patch';
import { planList, runList } from './referral-query';
import { ReferralStore, type StoredReferral } from './referral-store';
import { compact } from './compact';
import { densify, ensureParents, readObject, readProperties, resolvePath } from './schema-walk';

export interface PartnerIdentity {
  organizationId: string;
  organizationName: string;
  mpnId: string;
}

/** Who owns Microsoft's side of shared engagements in the sandbox. */
export type ReferralChange = {
  kind: 'created' | 'updated';
  id: string;
  /** True for the partner's own referrals (referral-*), false for Microsoft's side (related-referral-*). */
  ownedByPartner: boolean;
  at: number;
};

export interface ReferralServiceOptions {
  clock: Clock;
  /** Seed for generated ids: the same seed and the same calls give the same ids. */
  seed: string;
  partner: PartnerIdentity;
  /** Base of `links` and `@odata.context` URLs (the sandbox's own address by default). */
  linkBase: () => string;
}

type Doc = Record<string, unknown>;

/**
 * The Referrals API's behaviour without HTTP: create, read, list, JSON Patch, PUT, and the writes
 * Microsoft makes (incoming referrals, its side of shared engagements, expiry). Every method
 * either fully applies or throws an ApiError and changes nothing.
 */
export class ReferralService {
  readonly store = new ReferralStore();
  private readonly listeners = new Set<(c: ReferralChange) => void>();
  /** Unanswered referrals with an expiry time (id → ms), so expiry never scans the whole store. */
  private readonly expiring = new Map<string, number>();

  constructor(private readonly options: ReferralServiceOptions) {}

  onChange(listener: (c: ReferralChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get partner(): PartnerIdentity {
    return this.options.partner;
  }

  // ---- reads ------------------------------------------------------------------------------

  /** The wire form of a stored referral: every property, nulls included, links computed. */
  present(doc: Doc): Doc {
    const out = densify(Referral, doc);
    const base = this.options.linkBase();
    out.links = {
      relatedReferrals: {
        uri: `${base}/v1.0/engagements/referrals?$filter=engagementId eq '${String(doc.engagementId)}'`,
        method: 'GET',
      },
      self: { uri: `${base}/v1.0/engagements/referrals/${String(doc.id)}`, method: 'GET' },
    };
    return out;
  }

  get(id: string): Doc {
    const record = this.require(id);
    return {
      '@odata.context': `${this.options.linkBase()}/v1.0/engagements/referrals/$metadata#Referrals/$entity`,
      ...this.present(record.doc),
    };
  }

  etagOf(id: string): string {
    return String(this.require(id).doc.eTag);
  }

  list(params: URLSearchParams): Doc {
    const plan = planList(params);
    const page = runList(this.store.all(), plan);
    const base = this.options.linkBase();
    const out: Doc = { '@odata.context': `${base}/v1.0/$metadata#Referrals` };
    if (plan.query.count !== false) out['@odata.count'] = page.total;
    out.value = page.items.map((r) => select(this.present(r.doc), plan.query.select));
    if (page.nextQuery) out['@odata.nextLink'] = `${base}/v1.0/engagements/referrals?${page.nextQuery}`;
    return out;
  }

  // ---- partner writes ----------------------------------------------------------------------

  create(body: unknown): Doc {
    return this.present(this.createRecord(body).doc);
  }

  /** Creates without presenting (seeding and the HTTP edge present only when they answer with it). */
  createRecord(body: unknown): StoredReferral {
    const input = readObject(Referral, body, '', { stripReadOnly: true, checkRequired: true });
    checkCoSellContact(input);
    const now = this.options.clock.now();
    const stamp = formatTimestamp(now);
    let engagementId: string;
    if (typeof input.engagementId === 'string') {
      if (!isGuid(input.engagementId))
        throw badRequest(`'engagementId' must be a GUID (got "${input.engagementId}").`, 'engagementId');
      const siblings = this.store.byEngagement(input.engagementId);
      if (siblings.length === 0)
        throw badRequest(
          `No engagement ${input.engagementId} exists; omit engagementId to start a new engagement.`,
          'engagementId',
        );
      engagementId = String(siblings[0].doc.engagementId);
    } else engagementId = this.newId('engagement');
    const doc: Doc = {
      ...input,
      id: this.newId('referral'),
      engagementId,
      organizationId: this.options.partner.organizationId,
      organizationName: this.options.partner.organizationName,
      mpnId: this.options.partner.mpnId,
      createdDateTime: stamp,
      updatedDateTime: stamp,
      acceptedDateTime: stamp,
      // Partner-created referrals are accepted on creation whatever status was posted (§3.2).
      status: 'Active',
      substatus: 'Accepted',
      direction: 'Outgoing',
      quality: 'Unknown',
      isSpam: false,
      registrationStatus: 'None',
      dealSensitivity: 'None',
      eTag: this.nextEtag(now),
    };
    const record = this.store.insert(compact(doc));
    this.emit('created', record);
    return record;
  }

  patch(id: string, body: unknown, ifMatch: string | undefined): Doc {
    return this.present(this.patchRecord(id, body, ifMatch).doc);
  }

  /**
   * JSON Patch on a copy: only the top-level properties the operations touch are cloned, patched and
   * read back through the schema; the rest of the stored document is shared, not copied.
   */
  patchRecord(id: string, body: unknown, ifMatch: string | undefined): StoredReferral {
    const record = this.require(id);
    this.checkOwnership(record);
    const ops = parsePatchDocument(body);
    if (ifMatch !== undefined) this.checkIfMatch(record, ifMatch);
    if (ops.length === 0) return record;

    let registrationOps = 0;
    for (const [i, op] of ops.entries()) {
      const resolved = resolvePath(Referral, op.path, true);
      if (typeof resolved === 'string') throw badRequest(`Operation ${i}: ${resolved}.`, op.pointer);
      const pointer = '/' + resolved.segments.join('/');
      if (resolved.root === 'registrations') {
        const allowed =
          (pointer === '/registrations/-' && op.op === 'add') ||
          (DEAL_REGISTRATION_PATCH_PATHS as readonly string[]).includes(pointer);
        if (!allowed)
          throw badRequest(
            `Operation ${i}: ${op.pointer} is not a deal registration path this API accepts.`,
            op.pointer,
          );
        registrationOps++;
      } else if (resolved.readOnly) {
        throw badRequest(`Operation ${i}: ${op.pointer} is read-only.`, op.pointer);
      }
      if (resolved.segments.includes('-') && resolved.segments[resolved.segments.length - 1] !== '-')
        throw badRequest(`Operation ${i}: "-" may only be the last segment of a path.`, op.pointer);
      op.path = resolved.segments;
    }
    const before = record.doc;
    const registrationOnly = registrationOps === ops.length;
    if (registrationOps > 0) {
      if (!registrationOnly)
        throw badRequest('Deal registration operations cannot be mixed with other changes in one request.', 'body');
      if (before.status !== 'Closed' || before.substatus !== 'Won')
        throw badRequest(
          `Deal registrations can only be added to a won referral (this one is ${String(before.status)}/${String(before.substatus)}).`,
          'registrations',
        );
    } else if (isTerminal(before.status as ReferralStatus)) {
      throw terminalError(before);
    }

    const working: Doc = { ...before };
    const touched = new Set(ops.map((op) => op.path[0]));
    for (const key of touched) working[key] = cloneJson(before[key]);
    for (const op of ops) ensureParents(Referral, working, op.path);
    const registrationsBefore = Array.isArray(before.registrations) ? before.registrations.length : 0;
    applyPatch(working, ops);
    const next = readProperties(Referral, working, touched);
    if (registrationOnly) this.stampRegistrations(next, registrationsBefore);
    for (const key of touched) if (next[key] !== undefined) next[key] = compact(next[key]);
    return this.commitRecord(record, next, before);
  }

  put(id: string, body: unknown, ifMatch: string | undefined): Doc {
    return this.present(this.putRecord(id, body, ifMatch).doc);
  }

  putRecord(id: string, body: unknown, ifMatch: string | undefined): StoredReferral {
    const record = this.require(id);
    this.checkOwnership(record);
    if (ifMatch === undefined)
      throw new ApiError(
        412,
        'preconditionFailed',
        'The If-Match header is required for PUT; send the referral eTag.',
        'If-Match',
      );
    this.checkIfMatch(record, ifMatch);
    const input = readObject(Referral, body, '', { stripReadOnly: true, checkRequired: true });
    const rawId =
      body !== null && typeof body === 'object'
        ? Object.entries(body).find(([k]) => k.toLowerCase() === 'id')?.[1]
        : undefined;
    if (typeof rawId === 'string' && rawId.toLowerCase() !== id.toLowerCase())
      throw badRequest(`The body id ${rawId} does not match the referral ${id} in the URL.`, 'id');
    if (
      typeof input.engagementId === 'string' &&
      input.engagementId.toLowerCase() !== String(record.doc.engagementId).toLowerCase()
    )
      throw badRequest('engagementId cannot be changed.', 'engagementId');
    checkCoSellContact(input);
    const before = record.doc;
    if (isTerminal(before.status as ReferralStatus)) throw terminalError(before);
    const serverOwned: Doc = {};
    for (const [name, s] of Object.entries(Referral.properties)) {
      if ('readOnly' in s && s.readOnly && before[name] !== undefined) serverOwned[name] = before[name];
    }
    const next: Doc = compact({ ...input, ...serverOwned, engagementId: before.engagementId });
    if (input.status === undefined) next.status = before.status;
    if (input.substatus === undefined) next.substatus = before.substatus;
    return this.commitRecord(record, next, before);
  }

  // ---- for Microsoft's side (microsoft-side.ts) and fault injection -------------------------

  get clock(): Clock {
    return this.options.clock;
  }

  get seedText(): string {
    return this.options.seed;
  }

  /** The stored referral, or 404 itemNotFound. */
  find(id: string): StoredReferral {
    return this.require(id);
  }

  /** A new id from the seeded sequence. */
  allocateId(kind: string): string {
    return this.newId(kind);
  }

  /** A new eTag (every write takes one). */
  allocateEtag(now: number): string {
    return this.nextEtag(now);
  }

  /** Validates a complete server-made referral against the model, stores it and announces it. */
  insertNew(doc: Doc): StoredReferral {
    const checked = readObject(Referral, doc, '', { stripReadOnly: false, checkRequired: true });
    const record = this.store.insert(compact(checked));
    this.track(record.doc);
    this.emit('created', record);
    return record;
  }

  /** Validates a changed referral (transition table, consent rule), stamps it, stores it and announces it. */
  applyChange(record: StoredReferral, next: Doc): StoredReferral {
    const checked = readObject(Referral, next, '', { stripReadOnly: false, checkRequired: true });
    return this.commitRecord(record, compact(checked), record.doc);
  }

  /** Closes every unanswered incoming referral whose 14 days are over as Closed/Expired. */
  expireDue(): string[] {
    const now = this.options.clock.now();
    const due = [...this.expiring].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
    const expired: string[] = [];
    for (const [id] of due) {
      const record = this.store.get(id);
      if (!record || record.doc.status !== 'New') {
        this.expiring.delete(id);
        continue;
      }
      const d = record.doc;
      this.commit(record, { ...d, status: 'Closed', substatus: 'Expired' }, d);
      expired.push(String(d.id));
    }
    return expired;
  }

  /** Forgets every referral. */
  reset(): void {
    this.store.clear();
    this.expiring.clear();
  }

  /** Rebuilds derived indexes after the store was restored from a state file. */
  reindex(): void {
    this.expiring.clear();
    for (const r of this.store.all()) this.track(r.doc);
  }

  private track(doc: Doc): void {
    const id = String(doc.id).toLowerCase();
    if (doc.status === 'New' && typeof doc.expirationDateTime === 'string')
      this.expiring.set(id, Date.parse(doc.expirationDateTime));
    else this.expiring.delete(id);
  }

  /** A concurrent writer touches the referral (fault injection's 412 race): new eTag, referral-updated. */
  touch(id: string): void {
    const record = this.store.get(id);
    if (!record) return;
    const now = this.options.clock.now();
    record.doc = { ...record.doc, updatedDateTime: formatTimestamp(now), eTag: this.nextEtag(now) };
    this.emit('updated', record);
  }

  /** Adds a ready-made referral (rehearsal seeding, benchmarks); still validated against the model. */
  seed(count: number, make: (i: number) => unknown): void {
    for (let i = 0; i < count; i++) this.createRecord(make(i));
  }

  // ---- internals --------------------------------------------------------------------------

  private commit(record: StoredReferral, next: Doc, before: Doc): Doc {
    return this.present(this.commitRecord(record, next, before).doc);
  }

  private commitRecord(record: StoredReferral, next: Doc, before: Doc): StoredReferral {
    const from = { status: before.status as ReferralStatus, substatus: before.substatus as ReferralSubstatus };
    const to = { status: next.status as ReferralStatus, substatus: next.substatus as ReferralSubstatus };
    if (to.status === undefined || to.substatus === undefined)
      throw badRequest('status and substatus are required.', 'status');
    if (from.status !== to.status || from.substatus !== to.substatus) {
      const verdict = checkTransition(from, to);
      if (!verdict.ok) throw badRequest(verdict.reason, 'status');
    }
    const consentBefore = (before.consent as Doc | undefined)?.consentToShareReferralWithMicrosoftSellers;
    const consentAfter = (next.consent as Doc | undefined)?.consentToShareReferralWithMicrosoftSellers;
    if (consentBefore === true && consentAfter !== true)
      throw badRequest(
        'consentToShareReferralWithMicrosoftSellers cannot be set back once it is true.',
        'consent.consentToShareReferralWithMicrosoftSellers',
      );
    const now = this.options.clock.now();
    const stamp = formatTimestamp(now);
    if (from.status === 'New' && to.status === 'Active') next.acceptedDateTime = stamp;
    if (from.status !== 'Closed' && to.status === 'Closed') next.closedDateTime = stamp;
    next.updatedDateTime = stamp;
    next.eTag = this.nextEtag(now);
    this.store.replace(record, next);
    this.track(next);
    this.emit('updated', record);
    return record;
  }

  private stampRegistrations(next: Doc, countBefore: number): void {
    const regs = (next.registrations as Doc[] | undefined) ?? [];
    const stamp = formatTimestamp(this.options.clock.now());
    for (let i = countBefore; i < regs.length; i++) {
      regs[i] = {
        ...regs[i],
        id: this.newId('registration'),
        registrationDateTime: stamp,
        status: 'ReviewPending',
        statusHistory: { reviewPendingDateTime: stamp },
      };
    }
    if (regs.length > countBefore) next.registrationStatus = 'ReviewPending';
  }

  private checkIfMatch(record: StoredReferral, ifMatch: string): void {
    if (!ifMatchSatisfied(ifMatch, String(record.doc.eTag)))
      throw new ApiError(
        412,
        'preconditionFailed',
        `The referral was modified since you read it: If-Match ${ifMatch} does not match the current eTag ${String(record.doc.eTag)}. Read it again and retry.`,
        'If-Match',
        { code: 'resourceModified', message: 'eTag mismatch' },
      );
  }

  private checkOwnership(record: StoredReferral): void {
    if (record.doc.organizationId !== this.options.partner.organizationId)
      throw new ApiError(
        403,
        'accessDenied',
        `Referral ${String(record.doc.id)} belongs to ${String(record.doc.organizationName)}; only its owner can change it.`,
      );
  }

  private require(id: string): StoredReferral {
    const record = this.store.get(id);
    if (!record) throw new ApiError(404, 'itemNotFound', `Referral ${id} was not found.`);
    return record;
  }

  private newId(kind: string): string {
    return guidFromName(`${this.options.seed}/${kind}/${++this.store.counters.ids}`);
  }

  private nextEtag(now: number): string {
    return formatEtag(++this.store.counters.writes, now);
  }

  private emit(kind: ReferralChange['kind'], record: StoredReferral): void {
    const change: ReferralChange = {
      kind,
      id: String(record.doc.id),
      ownedByPartner: record.doc.organizationId === this.options.partner.organizationId,
      at: this.options.clock.now(),
    };
    for (const l of [...this.listeners]) l(change);
  }
}

/** Co-sell (help requested from Microsoft) needs a customer contact (reference §3.2, COSELL-BULK/TS). */
function checkCoSellContact(input: Doc): void {
  const code = (input.inviteContext as Doc | undefined)?.assistanceRequestCode;
  if (code === undefined || code === 'Unknown') return;
  const team = (input.customerProfile as Doc | undefined)?.team;
  if (!Array.isArray(team) || team.length === 0)
    throw badRequest(
      'A customer contact (customerProfile.team) is required when help is requested from Microsoft (inviteContext.assistanceRequestCode).',
      'customerProfile.team',
    );
}

function terminalError(doc: Doc): ApiError {
  return new ApiError(
    409,
    'invalidRequest',
    `The referral is ${String(doc.status)}/${String(doc.substatus)}, a terminal state; it can't be changed.`,
    'status',
  );
}

function isGuid(v: string): boolean {
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v);
}

/** Keeps only the `$select`ed paths of a presented referral. */
function select(doc: Doc, paths: string[][] | undefined): Doc {
  if (!paths || paths.some((p) => p.length === 0)) return doc;
  const out: Doc = {};
  for (const path of paths) {
    let src: unknown = doc;
    let dst = out;
    for (let i = 0; i < path.length; i++) {
      if (src === null || typeof src !== 'object') break;
      const value = (src as Doc)[path[i]];
      if (i === path.length - 1) dst[path[i]] = value;
      else {
        dst[path[i]] = (dst[path[i]] as Doc | undefined) ?? {};
        dst = dst[path[i]] as Doc;
        src = value;
      }
    }
  }
  return out;
}

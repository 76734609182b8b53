/**
 * The referrals the sandbox holds, in creation order. Documents are stored sparse (no nulls, no
 * links) to keep 100,000 referrals small; the service densifies them on the way out.
 */
export interface StoredReferral {
  /** Creation sequence: the default order and the paging tie-breaker. */
  seq: number;
  doc: Record<string, unknown>;
}

export interface StoreSnapshot {
  counters: StoreCounters;
  referrals: StoredReferral[];
}

export interface StoreCounters {
  seq: number;
  writes: number;
  ids: number;
}

export class ReferralStore {
  private readonly byId = new Map<string, StoredReferral>();
  private readonly ordered: StoredReferral[] = [];
  counters: StoreCounters = { seq: 0, writes: 0, ids: 0 };

  get size(): number {
    return this.ordered.length;
  }

  get(id: string): StoredReferral | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /** All referrals in creation order. Callers must not modify the array. */
  all(): readonly StoredReferral[] {
    return this.ordered;
  }

  insert(doc: Record<string, unknown>): StoredReferral {
    const record = { seq: ++this.counters.seq, doc };
    this.byId.set(String(doc.id).toLowerCase(), record);
    this.ordered.push(record);
    return record;
  }

  replace(record: StoredReferral, doc: Record<string, unknown>): void {
    record.doc = doc;
  }

  byEngagement(engagementId: string): StoredReferral[] {
    const want = engagementId.toLowerCase();
    return this.ordered.filter((r) => String(r.doc.engagementId).toLowerCase() === want);
  }

  snapshot(): StoreSnapshot {
    return { counters: { ...this.counters }, referrals: this.ordered.map((r) => ({ seq: r.seq, doc: r.doc })) };
  }

  restore(snapshot: StoreSnapshot): void {
    this.clear();
    this.counters = { ...snapshot.counters };
    for (const r of [...snapshot.referrals].sort((a, b) => a.seq - b.seq)) {
      const record = { seq: r.seq, doc: r.doc };
      this.byId.set(String(r.doc.id).toLowerCase(), record);
      this.ordered.push(record);
    }
  }

  clear(): void {
    this.byId.clear();
    this.ordered.length = 0;
    this.counters = { seq: 0, writes: 0, ids: 0 };
  }
}

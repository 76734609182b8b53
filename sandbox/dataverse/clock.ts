/** A clock tests move by hand, so `modifiedon` never depends on wall-clock time. */
export class ManualClock {
  private ms: number;
  constructor(start: string | Date = '2026-01-01T00:00:00Z') {
    this.ms = new Date(start).getTime();
    if (Number.isNaN(this.ms)) throw new Error(`ManualClock: '${String(start)}' is not a date`);
  }
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
  set(at: string | Date): void {
    const ms = new Date(at).getTime();
    if (Number.isNaN(ms)) throw new Error(`ManualClock: '${String(at)}' is not a date`);
    this.ms = ms;
  }
}

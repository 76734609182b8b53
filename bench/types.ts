/** One measured figure. `target` is the issue's target in words; `pass` says whether the figure meets it. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}

/** Every `bench/*.bench.ts` exports `run`, which measures and returns its figures (it never throws for a missed target). */
export type BenchRun = () => Promise<BenchResult[]>;

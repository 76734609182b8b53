import type { CosellConfig } from '../lib/config';

/** A file a build step writes, relative to the output folder (dist/). */
export interface Artifact {
  path: string;
  bytes: Buffer;
}

export interface BuildContext {
  /** Repository root (absolute). */
  root: string;
  /** Output folder (absolute); `dist/` unless `--out` is given. */
  outDir: string;
  config: CosellConfig;
  /** Files already produced by earlier steps, by relative path; later steps (the packer) read them. */
  artifacts: ReadonlyMap<string, Buffer>;
}

/**
 * One generator in the pipeline. It reads definitions (and earlier artifacts), returns files;
 * the pipeline writes them. Steps never write into outDir themselves, so the pipeline can
 * report sizes and keep the output deterministic.
 */
export interface BuildStep {
  name: string;
  run(ctx: BuildContext): Promise<Artifact[]> | Artifact[];
}

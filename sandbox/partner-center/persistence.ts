import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Optional state file: the whole sandbox state as JSON, written atomically (temp file, then rename)
 * so a crash mid-write never leaves a half file and a rehearsal survives restarts.
 */
export const STATE_VERSION = 1;

export function writeStateFile(file: string, state: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: STATE_VERSION, state }));
  renameSync(tmp, file);
}

/** The saved state, or undefined when there is no file yet. Throws on a file of another format. */
export function readStateFile(file: string): unknown {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; state?: unknown };
  if (parsed.version !== STATE_VERSION || parsed.state === undefined)
    throw new Error(`${file} is not a sandbox state file of version ${STATE_VERSION}.`);
  return parsed.state;
}

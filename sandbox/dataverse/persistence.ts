import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { UserError } from '../../scripts/lib/user-error';
import type { Snapshot } from './store/store';

/** Reads a saved state file; a file that is not ours stops the start with a message naming it. */
export function readSnapshot(path: string): Snapshot | undefined {
  if (!existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(`${path}: not valid JSON (${(e as Error).message}); delete it to start empty.`);
  }
  const s = data as Partial<Snapshot>;
  if (
    !s ||
    typeof s !== 'object' ||
    s.format !== 'cosell-dataverse-sandbox/1' ||
    typeof s.version !== 'number' ||
    !s.tables ||
    typeof s.tables !== 'object' ||
    !s.links ||
    typeof s.links !== 'object'
  ) {
    throw new UserError(
      `${path}: not a Dataverse sandbox state file (format cosell-dataverse-sandbox/1); delete it to start empty.`,
    );
  }
  for (const rows of Object.values(s.tables)) {
    if (
      !Array.isArray(rows) ||
      rows.some(
        (r) => !Array.isArray(r) || typeof r[0] !== 'string' || typeof r[1] !== 'number' || typeof r[2] !== 'object',
      )
    ) {
      throw new UserError(`${path}: a table in the state file is malformed; delete the file to start empty.`);
    }
  }
  return s as Snapshot;
}

/** Writes the whole state to a temporary file and renames it over the old one, so a crash never leaves half a file. */
export function writeSnapshot(path: string, snapshot: Snapshot): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(snapshot));
  renameSync(tmp, path);
}

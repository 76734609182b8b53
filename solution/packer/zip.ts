import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';

/**
 * A byte-deterministic zip writer for solution packages (solution-format.md §1.4): every entry
 * DEFLATE (method 8) with general-purpose flag bit 1 (0x2, "maximum compression", as Dataverse
 * exports set it), a fixed DOS timestamp (1980-01-01 00:00), forward-slash names, no directory
 * entries, no extra fields, entries in the order given.
 */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

export const ZIP_FLAGS = 0x0002;
export const ZIP_METHOD_DEFLATE = 8;
/** DOS date for 1980-01-01: (year-1980)<<9 | month<<5 | day. */
export const DOS_DATE = (0 << 9) | (1 << 5) | 1;
export const DOS_TIME = 0;

const VERSION = 20; // 2.0: DEFLATE

export function checkEntryName(name: string): string | undefined {
  if (name.length === 0) return 'an empty entry name';
  if (name.includes('\\')) return `"${name}" has a backslash; zip entries use forward slashes`;
  if (name.startsWith('/')) return `"${name}" starts with "/"`;
  if (name.endsWith('/')) return `"${name}" is a directory entry; solution zips have none`;
  if (name.split('/').some((p) => p === '' || p === '.' || p === '..'))
    return `"${name}" has an empty, "." or ".." segment`;
  if (/[^\x20-\x7e]/.test(name)) return `"${name}" has a character outside printable ASCII`;
  return undefined;
}

export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const problem = checkEntryName(entry.name);
    if (problem) throw new Error(`Zip entry: ${problem}.`);
    if (seen.has(entry.name)) throw new Error(`Zip entry "${entry.name}" appears twice.`);
    seen.add(entry.name);
    const name = Buffer.from(entry.name, 'ascii');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    if (entry.data.length > 0xfffffffe || offset > 0xfffffffe) throw new Error('Zip64 is not supported.');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(ZIP_FLAGS, 6);
    local.writeUInt16LE(ZIP_METHOD_DEFLATE, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION, 4); // made by: MS-DOS host, 2.0
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(ZIP_FLAGS, 8);
    central.writeUInt16LE(ZIP_METHOD_DEFLATE, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk start, internal attrs, external attrs: all zero
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  if (entries.length > 0xffff) throw new Error('Too many zip entries.');
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

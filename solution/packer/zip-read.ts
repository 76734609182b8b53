import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';

/** One entry as read back from a zip's central directory. */
export interface ReadZipEntry {
  name: string;
  method: number;
  flags: number;
  data: Buffer;
}

export class ZipFormatError extends Error {}

/**
 * Reads a zip from its bytes (no Zip64, no encryption): central directory first, then each local
 * entry; sizes and CRC are checked so a damaged package is reported, not half-read.
 */
export function readZip(bytes: Buffer): ReadZipEntry[] {
  const eocd = findEnd(bytes);
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > eocd) throw new ZipFormatError('central directory lies outside the file');
  const entries: ReadZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50)
      throw new ZipFormatError(`central directory entry ${i + 1} is damaged`);
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const crc = bytes.readUInt32LE(p + 16);
    const csize = bytes.readUInt32LE(p + 20);
    const usize = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    const localOffset = bytes.readUInt32LE(p + 42);
    const name = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x1) throw new ZipFormatError(`"${name}" is encrypted`);
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== 0x04034b50)
      throw new ZipFormatError(`local header of "${name}" is damaged`);
    const start = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (start + csize > bytes.length) throw new ZipFormatError(`"${name}" runs past the end of the file`);
    const raw = bytes.subarray(start, start + csize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw);
      } catch (e) {
        throw new ZipFormatError(`"${name}" does not inflate (${(e as Error).message})`);
      }
    } else throw new ZipFormatError(`"${name}" uses compression method ${method}; only 0 and 8 are read`);
    if (data.length !== usize)
      throw new ZipFormatError(`"${name}" has ${data.length} bytes, the directory says ${usize}`);
    if (crc32(data) !== crc) throw new ZipFormatError(`"${name}" fails its CRC check`);
    entries.push({ name, method, flags, data });
  }
  return entries;
}

function findEnd(bytes: Buffer): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  throw new ZipFormatError('not a zip file (no end of central directory record)');
}

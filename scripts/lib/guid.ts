import { createHash } from 'node:crypto';

/**
 * Name-based GUID (RFC 4122 version 5, SHA-1) so every id in an artifact is derived from a stable
 * name and two builds agree byte for byte.
 */
const COSELL_NAMESPACE = '6f1c5a3e-2b7d-5c41-9e0a-5d3c2b1a0f9e';

export function guidFromName(name: string, namespace: string = COSELL_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Byte-level helpers shared by the conversion functions: base64, data URIs, RFC 3986 percent-encoding. */
import { isBinaryContent, toText, type Value } from './values';

/** The bytes a value stands for: binary content objects are decoded, anything else is UTF-8 text. */
export function bytesOf(v: Value): Buffer {
  if (isBinaryContent(v)) return Buffer.from(v.$content, 'base64');
  return Buffer.from(toText(v), 'utf8');
}

export function isValidBase64(s: string): boolean {
  const t = s.replace(/\s+/g, '');
  return t.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(t);
}

/** `Uri.EscapeDataString`: everything but the RFC 3986 unreserved characters is escaped. */
export function escapeDataString(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `Uri.UnescapeDataString`: decodes valid %XX sequences (UTF-8), leaves malformed ones as they are. */
export function unescapeDataString(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

export interface DataUri {
  mediaType: string;
  bytes: Buffer;
}

/** Parses `data:[<mediatype>][;base64],<data>`; undefined when the text is not a data URI. */
export function parseDataUri(s: string): DataUri | undefined {
  const m = /^data:([^,]*?)(;base64)?,(.*)$/is.exec(s);
  if (!m) return undefined;
  const mediaType = m[1] === '' ? 'text/plain;charset=US-ASCII' : m[1];
  if (m[2]) {
    if (!isValidBase64(m[3])) return undefined;
    return { mediaType, bytes: Buffer.from(m[3], 'base64') };
  }
  return { mediaType, bytes: Buffer.from(unescapeDataString(m[3]), 'utf8') };
}

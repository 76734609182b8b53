import type { IncomingMessage } from 'node:http';
import { ApiError } from '../errors';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body of at most 1 MB. Larger bodies get a 413 as soon as the limit is passed
 * (the rest is read and discarded so the connection stays usable).
 */
export function readBody(req: IncomingMessage, style: 'referrals' | 'partnercenter'): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  return new Promise((resolve, reject) => {
    const tooLarge = (): ApiError =>
      new ApiError(
        413,
        'invalidRequest',
        `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MB).`,
        'body',
        undefined,
        {},
        style,
      );
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
    // A client that goes away mid-body: settle, so nothing waits forever (the answer goes nowhere).
    req.on('close', () => {
      if (!req.complete && !failed) {
        failed = true;
        reject(new ApiError(400, 'invalidRequest', 'The request body was cut off.', 'body', undefined, {}, style));
      }
    });
  });
}

/** Parses a JSON body; 400 with the parser's reason when it is not JSON, 415 for other media types. */
export function parseJsonBody(
  raw: Buffer,
  contentType: string | undefined,
  style: 'referrals' | 'partnercenter',
  required: boolean,
): unknown {
  if (contentType && !/^(application|text)\/([\w.+-]*\+)?json(\s*;|$)/i.test(contentType.trim()))
    throw new ApiError(
      415,
      'invalidRequest',
      `Content-Type ${contentType} is not supported; send application/json.`,
      'Content-Type',
      undefined,
      {},
      style,
    );
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    if (required)
      throw new ApiError(
        400,
        'invalidRequest',
        'The request body is empty; a JSON body is required.',
        'body',
        undefined,
        {},
        style,
      );
    return undefined;
  }
  // Far deeper bodies than any referral are refused before anything walks them recursively.
  if (nestingDepth(text) > MAX_NESTING) {
    const message = `The request body nests deeper than ${MAX_NESTING} levels.`;
    throw new ApiError(400, 'invalidRequest', message, 'body', undefined, {}, style);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = `The request body is not valid JSON: ${(e as Error).message}`;
    throw new ApiError(400, 'invalidRequest', message, 'body', undefined, {}, style);
  }
}

/** A referral nests about a dozen levels. */
export const MAX_NESTING = 64;

/** Deepest `{`/`[` nesting outside strings. */
function nestingDepth(json: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

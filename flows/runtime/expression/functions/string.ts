import { toText, type Value } from '../values';
import { formatNumber } from '../number-format';
import {
  def,
  expectInt,
  expectNumber,
  expectString,
  fnError,
  optionalString,
  type CallContext,
  type FunctionDef,
} from './types';

/**
 * .NET invariant casing maps one character to one character (`ToUpperInvariant('ß')` stays `ß`), unlike
 * JavaScript's full case mapping; keeping lengths equal also keeps indexOf positions right.
 */
function mapCase(s: string, upper: boolean): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    out += m.length === ch.length ? m : ch;
  }
  return out;
}

export function toLowerInvariant(s: string): string {
  return mapCase(s, false);
}

export function toUpperInvariant(s: string): string {
  return mapCase(s, true);
}

/** Case-insensitive search, as indexOf/startsWith/endsWith are in the runtime. */
function fold(s: string): string {
  return mapCase(s, false);
}

function nthIndexOf(text: string, search: string, occurrence: number): number {
  const t = fold(text);
  const s = fold(search);
  if (occurrence > 0) {
    let idx = -1;
    for (let k = 0; k < occurrence; k++) {
      idx = t.indexOf(s, idx + 1);
      if (idx < 0) return -1;
    }
    return idx;
  }
  let idx = t.length + 1;
  for (let k = 0; k < -occurrence; k++) {
    if (idx - 1 < 0) return -1;
    idx = t.lastIndexOf(s, idx - 1);
    if (idx < 0) return -1;
  }
  return idx;
}

function hexByte(random: () => number): number {
  return Math.min(255, Math.floor(random() * 256));
}

/** A version-4 GUID from the host's deterministic random source. */
export function newGuid(ctx: CallContext): string {
  const bytes: number[] = [];
  for (let i = 0; i < 16; i++) bytes.push(hexByte(() => ctx.host.random()));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

function formatGuid(hex: string, format: string): string | undefined {
  const d = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  switch (format) {
    case 'N':
    case 'n':
      return hex;
    case 'D':
    case 'd':
      return d;
    case 'B':
    case 'b':
      return `{${d}}`;
    case 'P':
    case 'p':
      return `(${d})`;
    case 'X':
    case 'x': {
      const h = (from: number, to: number): string => `0x${hex.slice(from, to)}`;
      const tail: string[] = [];
      for (let i = 16; i < 32; i += 2) tail.push(h(i, i + 2));
      return `{${h(0, 8)},${h(8, 12)},${h(12, 16)},{${tail.join(',')}}}`;
    }
    default:
      return undefined;
  }
}

export const STRING_FUNCTIONS: FunctionDef[] = [
  def('concat', 1, Infinity, (args) => {
    let out = '';
    for (const a of args) out += toText(a);
    return out;
  }),
  def('substring', 2, 3, (args) => {
    const text = expectString('substring', args, 0);
    const start = expectInt('substring', args, 1);
    const length = args.length > 2 && args[2] !== null ? expectInt('substring', args, 2) : text.length - start;
    if (start < 0 || length < 0 || start > text.length || start + length > text.length) {
      throw fnError(
        'substring',
        `parameters are out of range: 'start index' and 'length' must be non-negative integers and their sum must be no larger than the length of the string.`,
      );
    }
    return text.substr(start, length);
  }),
  def('slice', 2, 3, (args) => {
    const text = expectString('slice', args, 0);
    const start = expectInt('slice', args, 1);
    const end = args.length > 2 && args[2] !== null ? expectInt('slice', args, 2) : undefined;
    return text.slice(start, end);
  }),
  def('replace', 3, 3, (args) => {
    const text = expectString('replace', args, 0);
    const oldText = expectString('replace', args, 1);
    const newText = args[2] === null ? '' : expectString('replace', args, 2);
    if (oldText === '')
      throw fnError('replace', 'expects its second parameter (the text to replace) to be a non-empty string.');
    return text.split(oldText).join(newText);
  }),
  def('split', 2, 2, (args) => {
    const text = expectString('split', args, 0);
    const delimiter = expectString('split', args, 1);
    return delimiter === '' ? [text] : text.split(delimiter);
  }),
  def(
    'toLower',
    1,
    1,
    (args) => toLowerInvariant(expectString('toLower', args, 0)),
    'the string to convert to lower casing',
  ),
  def(
    'toUpper',
    1,
    1,
    (args) => toUpperInvariant(expectString('toUpper', args, 0)),
    'the string to convert to upper casing',
  ),
  def('trim', 1, 1, (args) => expectString('trim', args, 0).trim(), 'the string to trim'),
  def('indexOf', 2, 2, (args) =>
    fold(expectString('indexOf', args, 0)).indexOf(fold(expectString('indexOf', args, 1))),
  ),
  def('lastIndexOf', 2, 2, (args) =>
    fold(expectString('lastIndexOf', args, 0)).lastIndexOf(fold(expectString('lastIndexOf', args, 1))),
  ),
  def('nthIndexOf', 3, 3, (args) => {
    const text = expectString('nthIndexOf', args, 0);
    const search = expectString('nthIndexOf', args, 1);
    const occurrence = expectInt('nthIndexOf', args, 2);
    if (occurrence === 0)
      throw fnError('nthIndexOf', 'expects its third parameter (the occurrence) to be a non-zero integer.');
    return nthIndexOf(text, search, occurrence);
  }),
  def('startsWith', 2, 2, (args) =>
    fold(expectString('startsWith', args, 0)).startsWith(fold(expectString('startsWith', args, 1))),
  ),
  def('endsWith', 2, 2, (args) =>
    fold(expectString('endsWith', args, 0)).endsWith(fold(expectString('endsWith', args, 1))),
  ),
  def('guid', 0, 1, (args, ctx) => {
    const format = optionalString('guid', args, 0) ?? 'D';
    const out = formatGuid(newGuid(ctx), format === '' ? 'D' : format);
    if (out === undefined)
      throw fnError(
        'guid',
        `was invoked with format '${format}'; the format must be one of 'N', 'D', 'B', 'P' or 'X'.`,
      );
    return out;
  }),
  def('formatNumber', 2, 3, (args: Value[]) => {
    const n = expectNumber('formatNumber', args, 0);
    const format = expectString('formatNumber', args, 1);
    return formatNumber('formatNumber', n, format, optionalString('formatNumber', args, 2));
  }),
];

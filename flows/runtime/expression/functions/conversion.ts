import { Decimal } from '../decimal';
import { bytesOf, escapeDataString, isValidBase64, parseDataUri, unescapeDataString } from '../encoding';
import { parseCultureNumber } from '../number-parse';
import {
  binaryContent,
  FloatBox,
  isBinaryContent,
  isInteger,
  isNumeric,
  isObject,
  makeFloat,
  toJsNumber,
  toText,
  type Value,
} from '../values';
import { def, expectString, fnError, optionalString, typeError, type FunctionDef } from './types';
import { parseXml, XmlSyntaxError } from '../xml/dom';
import { jsonToXml, XmlConversionError, xmlToJson } from '../xml/json-convert';

export const XML_CONTENT_TYPE = 'application/xml;charset=utf-8';

/** Is this a binary content object holding XML (what xml() returns)? */
export function isXmlContent(v: Value): v is { [k: string]: Value; $content: string } {
  return isBinaryContent(v) && /xml/i.test(String(v['$content-type']));
}

function xmlFailure(fn: string, err: unknown): never {
  if (err instanceof XmlSyntaxError || err instanceof XmlConversionError) {
    throw fnError(fn, `parameter is not valid. The provided value cannot be converted to XML: ${err.message}`);
  }
  throw err;
}

function expectBase64(fn: string, args: Value[], i: number): Buffer {
  const s = expectString(fn, args, i);
  if (!isValidBase64(s))
    throw fnError(fn, `was invoked with a parameter that is not valid. The value '${s}' is not a valid base64 string.`);
  return Buffer.from(s, 'base64');
}

function expectDataUri(fn: string, args: Value[], i: number): { mediaType: string; bytes: Buffer } {
  const s = expectString(fn, args, i);
  const d = parseDataUri(s);
  if (!d)
    throw fnError(fn, `was invoked with a parameter that is not valid. The value '${s}' is not a valid data URI.`);
  return d;
}

/** .NET Convert.ToInt64(double): round half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function parseJson(fn: string, text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch (err) {
    throw fnError(
      fn,
      `parameter is not valid. The provided value '${text}' cannot be parsed: ${err instanceof Error ? err.message : String(err)}.`,
    );
  }
}

export const CONVERSION_FUNCTIONS: FunctionDef[] = [
  def('array', 1, 1, (args) => [args[0]]),
  def('createArray', 0, Infinity, (args) => [...args]),
  def('base64', 1, 1, (args) => {
    if (args[0] === null) throw typeError('base64', 0, 'a string', null);
    return isBinaryContent(args[0]) ? args[0].$content : bytesOf(args[0]).toString('base64');
  }),
  def('base64ToBinary', 1, 1, (args) => binaryContent(expectBase64('base64ToBinary', args, 0))),
  def('base64ToString', 1, 1, (args) => expectBase64('base64ToString', args, 0).toString('utf8')),
  def('decodeBase64', 1, 1, (args) => expectBase64('decodeBase64', args, 0).toString('utf8')),
  def('binary', 1, 1, (args) => {
    if (args[0] === null) throw typeError('binary', 0, 'a string', null);
    return isBinaryContent(args[0]) ? args[0] : binaryContent(bytesOf(args[0]));
  }),
  def('bool', 1, 1, (args) => {
    const v = args[0];
    if (typeof v === 'boolean') return v;
    if (isNumeric(v)) return toJsNumber(v) !== 0;
    if (typeof v === 'string') {
      const t = v.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
    }
    throw fnError(
      'bool',
      `was invoked with a parameter that is not valid. The value '${toText(v)}' cannot be converted to a Boolean.`,
    );
  }),
  def('dataUri', 1, 1, (args) => {
    const v = args[0];
    if (v === null) throw typeError('dataUri', 0, 'a string', null);
    if (isBinaryContent(v))
      return `data:${String(v['$content-type'] ?? 'application/octet-stream')};base64,${v.$content}`;
    return `data:text/plain;charset=utf-8;base64,${bytesOf(v).toString('base64')}`;
  }),
  def('dataUriToBinary', 1, 1, (args) => {
    const d = expectDataUri('dataUriToBinary', args, 0);
    return binaryContent(d.bytes, d.mediaType);
  }),
  def('decodeDataUri', 1, 1, (args) => {
    const d = expectDataUri('decodeDataUri', args, 0);
    return binaryContent(d.bytes, d.mediaType);
  }),
  def('dataUriToString', 1, 1, (args) => expectDataUri('dataUriToString', args, 0).bytes.toString('utf8')),
  def('decimal', 1, 1, (args) => {
    const v = args[0];
    if (typeof v === 'string') {
      const d = Decimal.parse(v);
      if (!d)
        throw fnError(
          'decimal',
          `was invoked with a parameter that is not valid. The value '${v}' cannot be converted to a decimal number.`,
        );
      return d;
    }
    if (isNumeric(v)) return Decimal.from(v);
    throw typeError('decimal', 0, 'a string or a number', v);
  }),
  def('decodeUriComponent', 1, 1, (args) => unescapeDataString(expectString('decodeUriComponent', args, 0))),
  def('encodeUriComponent', 1, 1, (args) => {
    if (args[0] === null) throw typeError('encodeUriComponent', 0, 'a string', null);
    return escapeDataString(toText(args[0]));
  }),
  def('uriComponent', 1, 1, (args) => {
    if (args[0] === null) throw typeError('uriComponent', 0, 'a string', null);
    return escapeDataString(toText(args[0]));
  }),
  def('uriComponentToBinary', 1, 1, (args) =>
    binaryContent(Buffer.from(unescapeDataString(expectString('uriComponentToBinary', args, 0)), 'utf8')),
  ),
  def('uriComponentToString', 1, 1, (args) => unescapeDataString(expectString('uriComponentToString', args, 0))),
  def('float', 1, 2, (args) => {
    const v = args[0];
    if (isNumeric(v)) return makeFloat(toJsNumber(v));
    if (typeof v === 'string') {
      const n = parseCultureNumber(v, optionalString('float', args, 1), true);
      if (n === undefined)
        throw fnError(
          'float',
          `was invoked with a parameter that is not valid. The value '${v}' cannot be converted to a floating point number.`,
        );
      return makeFloat(Number(n));
    }
    throw typeError('float', 0, 'a string or a number', v);
  }),
  def('int', 1, 1, (args) => {
    const v = args[0];
    if (isInteger(v)) return v;
    if (v instanceof Decimal) return roundHalfEven(v.toNumber());
    if (v instanceof FloatBox) return v.value;
    if (typeof v === 'number') return roundHalfEven(v);
    if (typeof v === 'string') {
      const n = parseCultureNumber(v, undefined, false);
      if (n === undefined)
        throw fnError(
          'int',
          `was invoked with a parameter that is not valid. The value '${v}' cannot be converted to the target type 'Integer'.`,
        );
      return n;
    }
    throw typeError('int', 0, 'a string or a number', v);
  }),
  def('json', 1, 1, (args) => {
    const v = args[0];
    if (typeof v === 'string') return parseJson('json', v);
    if (isXmlContent(v)) {
      try {
        return xmlToJson(Buffer.from(v.$content, 'base64').toString('utf8'));
      } catch (err) {
        return xmlFailure('json', err);
      }
    }
    if (isBinaryContent(v)) return parseJson('json', Buffer.from(v.$content, 'base64').toString('utf8'));
    if (isObject(v) || Array.isArray(v)) return v;
    throw typeError('json', 0, 'a string or an object', v);
  }),
  def('xml', 1, 1, (args) => {
    const v = args[0];
    let text: string;
    try {
      if (typeof v === 'string' || isBinaryContent(v)) {
        text = typeof v === 'string' ? v : Buffer.from(v.$content, 'base64').toString('utf8');
        parseXml(text);
      } else if (isObject(v)) {
        text = jsonToXml(v);
      } else {
        throw typeError('xml', 0, 'a string or an object', v);
      }
    } catch (err) {
      return xmlFailure('xml', err);
    }
    return binaryContent(Buffer.from(text, 'utf8'), XML_CONTENT_TYPE);
  }),
  def('string', 1, 1, (args) => {
    const v = args[0];
    if (isBinaryContent(v)) return Buffer.from(v.$content, 'base64').toString('utf8');
    return toText(v);
  }),
];

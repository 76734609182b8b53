import { binaryContent, cloneValue, isObject, makeFloat, type JsonObject, type Value } from '../values';
import { parseXml, serializeFragment, serializeNode, XmlSyntaxError } from '../xml/dom';
import { evaluateXPath, stringValue, XPathError, type XPathNode } from '../xml/xpath';
import { isXmlContent, XML_CONTENT_TYPE } from './conversion';
import { def, expectString, fnError, typeError, type FunctionDef } from './types';

/** Element (and document) nodes come back as XML content, other nodes as their text. */
function xpathNodeValue(n: XPathNode): Value {
  if (n.type === 'element') return binaryContent(Buffer.from(serializeFragment(n), 'utf8'), XML_CONTENT_TYPE);
  if (n.type === 'document') return binaryContent(Buffer.from(serializeNode(n), 'utf8'), XML_CONTENT_TYPE);
  return stringValue(n);
}

function expectObject(fn: string, args: Value[], i: number): JsonObject {
  const v = args[i];
  if (!isObject(v)) throw typeError(fn, i, 'an object', v);
  return v;
}

/** Shallow copy with one property set, keeping the original order (new properties go last). */
function withProperty(obj: JsonObject, name: string, value: Value): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) out[k] = obj[k];
  out[name] = cloneValue(value);
  return out;
}

export const MANIPULATION_FUNCTIONS: FunctionDef[] = [
  def('coalesce', 1, Infinity, (args) => {
    for (const a of args) if (a !== null && a !== undefined) return a;
    return null;
  }),
  def('addProperty', 3, 3, (args) => {
    const obj = expectObject('addProperty', args, 0);
    const name = expectString('addProperty', args, 1);
    if (Object.prototype.hasOwnProperty.call(obj, name)) {
      throw fnError('addProperty', `cannot add the property '${name}' because it already exists on the object.`);
    }
    return withProperty(obj, name, args[2]);
  }),
  def('setProperty', 3, 3, (args) => {
    const obj = expectObject('setProperty', args, 0);
    return withProperty(obj, expectString('setProperty', args, 1), args[2]);
  }),
  def('xpath', 2, 2, (args) => {
    const xml = args[0];
    if (!isXmlContent(xml)) throw typeError('xpath', 0, 'XML (use the xml() function to convert a string)', xml);
    const expression = expectString('xpath', args, 1);
    try {
      const result = evaluateXPath(parseXml(Buffer.from(xml.$content, 'base64').toString('utf8')), expression);
      if (Array.isArray(result)) return result.map(xpathNodeValue);
      return typeof result === 'number' ? makeFloat(result) : result;
    } catch (err) {
      if (err instanceof XmlSyntaxError || err instanceof XPathError) {
        throw fnError('xpath', `was invoked with a parameter that is not valid: ${err.message}`);
      }
      throw err;
    }
  }),
  def('removeProperty', 2, 2, (args) => {
    const obj = expectObject('removeProperty', args, 0);
    const name = expectString('removeProperty', args, 1);
    const out: JsonObject = {};
    for (const k of Object.keys(obj)) if (k !== name) out[k] = obj[k];
    return out;
  }),
];

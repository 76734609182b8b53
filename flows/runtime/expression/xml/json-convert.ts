/**
 * JSON ⇄ XML the way the runtime converts them (Json.NET's XmlNodeConverter conventions): `@name`
 * attributes, `#text`, `#cdata-section`, `#comment`, `?xml` declaration, repeated elements as arrays,
 * `json:Array="true"` forcing an array, `<a/>` as null.
 */
import { formatDouble, isObject, type JsonObject, type Value } from '../values';
import { isXmlName, parseXml, serializeNode, type XDocument, type XElement, type XNode } from './dom';

const JSON_NS = 'http://james.newtonking.com/projects/json';

export class XmlConversionError extends Error {}

/** XmlConvert.EncodeName: characters not allowed in XML names become `_xHHHH_`. */
function encodeName(name: string): string {
  if (isXmlName(name)) return name;
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    const ok = i === 0 ? isXmlName(c) : isXmlName(`a${c}`);
    out += ok ? c : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  }
  return out;
}

function primitiveText(v: Value): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatDouble(v);
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}

function fillElement(el: XElement, value: Value): void {
  if (value === null) {
    el.selfClosing = true;
    return;
  }
  if (!isObject(value)) {
    if (Array.isArray(value))
      throw new XmlConversionError(
        'A JSON array cannot be nested directly inside another array when converting to XML.',
      );
    el.children.push({ type: 'text', value: primitiveText(value), parent: el });
    return;
  }
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (key.startsWith('@')) {
      el.attrs.push({ name: encodeName(key.slice(1)), value: v === null ? '' : primitiveText(v) });
    } else if (key === '#text') {
      for (const t of Array.isArray(v) ? v : [v])
        el.children.push({ type: 'text', value: t === null ? '' : primitiveText(t), parent: el });
    } else if (key === '#cdata-section') {
      for (const t of Array.isArray(v) ? v : [v])
        el.children.push({ type: 'cdata', value: t === null ? '' : primitiveText(t), parent: el });
    } else if (key === '#comment') {
      for (const t of Array.isArray(v) ? v : [v])
        el.children.push({ type: 'comment', value: t === null ? '' : primitiveText(t), parent: el });
    } else if (key.startsWith('$')) {
      continue;
    } else {
      for (const item of Array.isArray(v) ? v : [v]) el.children.push(makeElement(key, item, el));
    }
  }
}

function makeElement(name: string, value: Value, parent: XElement | XDocument): XElement {
  const el: XElement = { type: 'element', name: encodeName(name), attrs: [], children: [], selfClosing: false, parent };
  fillElement(el, value);
  return el;
}

/** JSON object with a single root property → XML text. */
export function jsonToXml(value: JsonObject): string {
  const doc: XDocument = { type: 'document', children: [], parent: undefined };
  const keys = Object.keys(value).filter((k) => k !== '?xml');
  const decl = value['?xml'];
  if (isObject(decl)) {
    const s = (k: string): string | undefined =>
      decl[k] === undefined || decl[k] === null ? undefined : primitiveText(decl[k]);
    doc.declaration = { version: s('@version'), encoding: s('@encoding'), standalone: s('@standalone') };
  }
  if (keys.length !== 1) {
    throw new XmlConversionError(
      'JSON root object has multiple properties. The root object must have a single property in order to create a valid XML document.',
    );
  }
  const root = value[keys[0]];
  if (Array.isArray(root))
    throw new XmlConversionError('The JSON root property is an array, which would create multiple XML root elements.');
  doc.children.push(makeElement(keys[0], root, doc));
  return serializeNode(doc);
}

function isJsonArrayForced(el: XElement): boolean {
  return el.attrs.some(
    (a) => a.name.endsWith(':Array') && a.value === 'true' && isJsonNamespacePrefix(el, a.name.split(':')[0]),
  );
}

function isJsonNamespacePrefix(el: XElement, prefix: string): boolean {
  for (let cur: XElement | XDocument | undefined = el; cur && cur.type === 'element'; cur = cur.parent) {
    const decl = cur.attrs.find((a) => a.name === `xmlns:${prefix}`);
    if (decl) return decl.value === JSON_NS;
  }
  return false;
}

function elementValue(el: XElement): Value {
  const attrs = el.attrs.filter(
    (a) => !(a.name.includes(':') && isJsonNamespacePrefix(el, a.name.split(':')[0]) && !a.name.startsWith('xmlns:')),
  );
  const children = el.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (attrs.length === 0 && children.length === 0) return el.selfClosing ? null : '';
  if (attrs.length === 0 && children.length === 1 && children[0].type === 'text') return children[0].value;
  const out: JsonObject = {};
  for (const a of attrs) out[`@${a.name}`] = a.value;
  appendChildren(out, children);
  return out;
}

function appendChildren(out: JsonObject, children: XNode[]): void {
  const counts = new Map<string, number>();
  for (const c of children) if (c.type === 'element') counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  const push = (key: string, v: Value, forceArray: boolean): void => {
    if (Object.prototype.hasOwnProperty.call(out, key)) {
      const cur = out[key];
      if (Array.isArray(cur)) cur.push(v);
      else out[key] = [cur, v];
    } else {
      out[key] = forceArray ? [v] : v;
    }
  };
  for (const c of children) {
    switch (c.type) {
      case 'element':
        push(c.name, elementValue(c), (counts.get(c.name) ?? 0) > 1 || isJsonArrayForced(c));
        break;
      case 'text':
        push('#text', c.value, false);
        break;
      case 'cdata':
        push('#cdata-section', c.value, false);
        break;
      case 'comment':
        push('#comment', c.value, false);
        break;
      case 'pi':
        push(`?${c.target}`, c.value, false);
        break;
    }
  }
}

/** XML text → JSON, as `json(xml(...))`. */
export function xmlToJson(text: string): Value {
  const doc = parseXml(text);
  const out: JsonObject = {};
  if (doc.declaration) {
    const d: JsonObject = {};
    if (doc.declaration.version !== undefined) d['@version'] = doc.declaration.version;
    if (doc.declaration.encoding !== undefined) d['@encoding'] = doc.declaration.encoding;
    if (doc.declaration.standalone !== undefined) d['@standalone'] = doc.declaration.standalone;
    out['?xml'] = d;
  }
  appendChildren(out, doc.children);
  return out;
}

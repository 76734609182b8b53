import type { XmlElement, XmlNode } from './xml';

/**
 * A strict, small XML parser for the documents in a solution package (and built PCF manifests):
 * elements, attributes, text, comments, CDATA, the declaration and the five entities plus character
 * references. No DTDs. Whitespace-only text between elements is dropped. Throws XmlParseError with
 * a line number on anything malformed, so the validator can report it.
 */
export class XmlParseError extends Error {}

export function parseXml(input: string): XmlElement {
  let s = input;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  let i = 0;
  const line = () => s.slice(0, i).split('\n').length;
  const fail = (msg: string): never => {
    throw new XmlParseError(`line ${line()}: ${msg}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (i < s.length && /\s/.test(s[i])) i++;
      if (s.startsWith('<?', i)) {
        const end = s.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (s.startsWith('<!DOCTYPE', i)) fail('DOCTYPE is not allowed');
      else return;
    }
  };
  const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(s);
    if (!m) fail(`expected a name at "${s.slice(i, i + 10)}"`);
    i += m![0].length;
    return m![0];
  };
  const decode = (raw: string): string =>
    raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);|&/g, (_m, ent: string | undefined) => {
      if (ent === undefined) return fail('a bare "&" (must be written &amp;)');
      if (ent === 'amp') return '&';
      if (ent === 'lt') return '<';
      if (ent === 'gt') return '>';
      if (ent === 'quot') return '"';
      if (ent === 'apos') return "'";
      const code = ent.startsWith('#x') ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return String.fromCodePoint(code);
    });

  const element = (): XmlElement => {
    if (s[i] !== '<') fail('expected "<"');
    i++;
    const name = readName();
    const attrs: [string, string][] = [];
    for (;;) {
      const before = i;
      while (i < s.length && /\s/.test(s[i])) i++;
      if (s.startsWith('/>', i)) {
        i += 2;
        return { name, attrs, children: [] };
      }
      if (s[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail(`expected whitespace before an attribute of <${name}>`);
      const attr = readName();
      while (/\s/.test(s[i])) i++;
      if (s[i] !== '=') fail(`attribute ${attr} of <${name}> has no value`);
      i++;
      while (/\s/.test(s[i])) i++;
      const q = s[i];
      if (q !== '"' && q !== "'") fail(`attribute ${attr} of <${name}> is not quoted`);
      const end = s.indexOf(q, i + 1);
      if (end < 0) fail(`unterminated attribute ${attr}`);
      const raw = s.slice(i + 1, end);
      if (raw.includes('<')) fail(`"<" inside attribute ${attr}`);
      if (attrs.some(([k]) => k === attr)) fail(`attribute ${attr} appears twice on <${name}>`);
      attrs.push([attr, decode(raw)]);
      i = end + 1;
    }
    const children: XmlNode[] = [];
    let text = '';
    const flush = () => {
      if (text.trim() !== '' || (text !== '' && children.length === 0)) children.push(text);
      text = '';
    };
    for (;;) {
      if (i >= s.length) fail(`<${name}> is not closed`);
      if (s.startsWith('</', i)) {
        i += 2;
        const close = readName();
        if (close !== name) fail(`</${close}> closes <${name}>`);
        while (/\s/.test(s[i])) i++;
        if (s[i] !== '>') fail(`malformed </${close}>`);
        i++;
        // Text that is only whitespace next to elements is layout, not content.
        if (children.some((c) => typeof c !== 'string') && text.trim() === '') text = '';
        flush();
        const hasElements = children.some((c) => typeof c !== 'string');
        return {
          name,
          attrs,
          children: hasElements ? children.filter((c) => typeof c !== 'string' || c.trim() !== '') : children,
        };
      }
      if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (s.startsWith('<![CDATA[', i)) {
        const end = s.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        text += s.slice(i + 9, end);
        i = end + 3;
      } else if (s[i] === '<') {
        if (text.trim() === '') text = '';
        flush();
        children.push(element());
      } else {
        const next = s.indexOf('<', i);
        const end = next < 0 ? s.length : next;
        text += decode(s.slice(i, end));
        i = end;
      }
    }
  };

  skipMisc();
  if (i >= s.length) fail('no root element');
  const root = element();
  skipMisc();
  if (i < s.length) fail('content after the root element');
  return root;
}

/** Helpers over a parsed tree. */
export function attr(e: XmlElement, name: string): string | undefined {
  return e.attrs.find(([k]) => k === name)?.[1];
}
export function childElements(e: XmlElement, name?: string): XmlElement[] {
  return e.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}
export function child(e: XmlElement, name: string): XmlElement | undefined {
  return childElements(e, name)[0];
}
export function textOf(e: XmlElement | undefined): string | undefined {
  if (!e) return undefined;
  return e.children.filter((c): c is string => typeof c === 'string').join('');
}
/** Every descendant element with the name, depth first. */
export function descendants(e: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (n: XmlElement) => {
    for (const c of childElements(n)) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(e);
  return out;
}

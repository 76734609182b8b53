/**
 * A small XML 1.0 document model with a strict parser and a serializer, enough for xml(), json(xml)
 * and xpath(): elements, attributes, text, CDATA, comments, processing instructions, the declaration.
 * DTDs are skipped (entities beyond the five predefined ones are not expanded).
 */
export interface XAttr {
  name: string;
  value: string;
}

export interface XElement {
  type: 'element';
  name: string;
  attrs: XAttr[];
  children: XNode[];
  /** Written as `<a/>` (or created empty): serialized as `<a />` like .NET's OuterXml. */
  selfClosing: boolean;
  parent: XElement | XDocument | undefined;
}

export interface XText {
  type: 'text' | 'cdata' | 'comment';
  value: string;
  parent: XElement | XDocument | undefined;
}

export interface XProcessing {
  type: 'pi';
  target: string;
  value: string;
  parent: XElement | XDocument | undefined;
}

export interface XDocument {
  type: 'document';
  declaration?: { version?: string; encoding?: string; standalone?: string };
  children: XNode[];
  parent: undefined;
}

export type XNode = XElement | XText | XProcessing;

export class XmlSyntaxError extends Error {}

const NAME_START =
  /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_CHAR_OTHER =
  /[-.0-9\u00B7\u203F-\u2040A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;

/** XML 1.0 NameChar; combining marks (U+0300–U+036F) are tested apart, as a regex class would mislead. */
const NAME_CHAR = {
  test(c: string): boolean {
    return (c >= '\u0300' && c <= '\u036f') || NAME_CHAR_OTHER.test(c);
  },
};

export function isXmlName(s: string): boolean {
  if (s.length === 0 || !NAME_START.test(s[0])) return false;
  for (let i = 1; i < s.length; i++) if (!NAME_CHAR.test(s[i])) return false;
  return true;
}

function decodeEntities(s: string, at: number): string {
  return s.replace(/&([^;&]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new XmlSyntaxError(`An '&' that is not an entity reference near position ${at}.`);
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const m = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(name);
        if (!m) throw new XmlSyntaxError(`Reference to undeclared entity '${name}' near position ${at}.`);
        const code = m[1][0] === 'x' ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10);
        return String.fromCodePoint(code);
      }
    }
  });
}

export function parseXml(text: string): XDocument {
  const doc: XDocument = { type: 'document', children: [], parent: undefined };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const stack: (XElement | XDocument)[] = [doc];
  const fail = (msg: string): never => {
    throw new XmlSyntaxError(`${msg} (position ${i}).`);
  };
  const readName = (): string => {
    const start = i;
    if (i >= n || !NAME_START.test(text[i])) fail('Expected a name');
    i++;
    while (i < n && NAME_CHAR.test(text[i])) i++;
    return text.slice(start, i);
  };
  const skipSpace = (): void => {
    while (i < n && /\s/.test(text[i])) i++;
  };
  let rootSeen = false;
  while (i < n) {
    const top = stack[stack.length - 1];
    if (text[i] !== '<') {
      const end = text.indexOf('<', i);
      const raw = text.slice(i, end < 0 ? n : end);
      if (top.type === 'document') {
        if (raw.trim() !== '') fail('Text is not allowed outside the root element');
      } else {
        top.children.push({ type: 'text', value: decodeEntities(raw, i), parent: top });
      }
      i = end < 0 ? n : end;
      continue;
    }
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) fail('Unterminated processing instruction');
      const body = text.slice(i + 2, end);
      const target = /^[^\s?]+/.exec(body)?.[0] ?? '';
      if (target.toLowerCase() === 'xml') {
        if (i !== (text.charCodeAt(0) === 0xfeff ? 1 : 0) || top !== doc) fail('The XML declaration must come first');
        const attr = (k: string): string | undefined => new RegExp(`${k}\\s*=\\s*["']([^"']*)["']`).exec(body)?.[1];
        doc.declaration = { version: attr('version'), encoding: attr('encoding'), standalone: attr('standalone') };
      } else {
        top.children.push({ type: 'pi', target, value: body.slice(target.length).trim(), parent: top });
      }
      i = end + 2;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) fail('Unterminated comment');
      top.children.push({ type: 'comment', value: text.slice(i + 4, end), parent: top });
      i = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      if (top.type === 'document') fail('CDATA is not allowed outside the root element');
      const end = text.indexOf(']]>', i);
      if (end < 0) fail('Unterminated CDATA section');
      top.children.push({ type: 'cdata', value: text.slice(i + 9, end), parent: top });
      i = end + 3;
      continue;
    }
    if (text.startsWith('<!DOCTYPE', i)) {
      if (rootSeen) fail('DOCTYPE after the root element');
      let depth = 0;
      for (; i < n; i++) {
        if (text[i] === '[') depth++;
        else if (text[i] === ']') depth--;
        else if (text[i] === '>' && depth === 0) break;
      }
      i++;
      continue;
    }
    if (text.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (text[i] !== '>') fail('Expected >');
      i++;
      if (top.type !== 'element' || top.name !== name) fail(`Unexpected end tag </${name}>`);
      stack.pop();
      continue;
    }
    i++;
    const name = readName();
    const el: XElement = { type: 'element', name, attrs: [], children: [], selfClosing: false, parent: top };
    for (;;) {
      const before = i;
      skipSpace();
      if (text[i] === '/' && text[i + 1] === '>') {
        el.selfClosing = true;
        i += 2;
        break;
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('Expected whitespace between attributes');
      const attrName = readName();
      skipSpace();
      if (text[i] !== '=') fail('Expected =');
      i++;
      skipSpace();
      const q = text[i];
      if (q !== '"' && q !== "'") fail('Expected a quoted attribute value');
      const end = text.indexOf(q, i + 1);
      if (end < 0) fail('Unterminated attribute value');
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) fail("'<' is not allowed in an attribute value");
      if (el.attrs.some((a) => a.name === attrName)) fail(`Duplicate attribute '${attrName}'`);
      el.attrs.push({ name: attrName, value: decodeEntities(raw, i) });
      i = end + 1;
    }
    if (top.type === 'document') {
      if (rootSeen) fail('There are multiple root elements');
      rootSeen = true;
    }
    top.children.push(el);
    if (!el.selfClosing) stack.push(el);
  }
  if (stack.length > 1) fail(`The element <${(stack[stack.length - 1] as XElement).name}> is not closed`);
  if (!rootSeen) fail('Root element is missing');
  return doc;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

export function serializeNode(node: XNode | XDocument): string {
  switch (node.type) {
    case 'document': {
      const d = node.declaration;
      const decl = d
        ? `<?xml${d.version !== undefined ? ` version="${d.version}"` : ''}${d.encoding !== undefined ? ` encoding="${d.encoding}"` : ''}${d.standalone !== undefined ? ` standalone="${d.standalone}"` : ''}?>`
        : '';
      return decl + node.children.map(serializeNode).join('');
    }
    case 'element': {
      const attrs = node.attrs.map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('');
      if (node.children.length === 0 && node.selfClosing) return `<${node.name}${attrs} />`;
      return `<${node.name}${attrs}>${node.children.map(serializeNode).join('')}</${node.name}>`;
    }
    case 'text':
      return escapeText(node.value);
    case 'cdata':
      return `<![CDATA[${node.value}]]>`;
    case 'comment':
      return `<!--${node.value}-->`;
    case 'pi':
      return `<?${node.target}${node.value ? ` ${node.value}` : ''}?>`;
  }
}

/** XPath string-value: the concatenated text of all descendant text and CDATA nodes. */
export function textContent(node: XNode | XDocument): string {
  if (node.type !== 'element' && node.type !== 'document') return node.value;
  let out = '';
  for (const c of node.children)
    if (c.type === 'element' || c.type === 'text' || c.type === 'cdata') out += textContent(c);
  return out;
}

/**
 * OuterXml of an element taken out of its document: like .NET, the namespace it inherits (default or
 * its prefix's) is declared on it so the fragment means the same thing on its own.
 */
export function serializeFragment(el: XElement): string {
  const prefix = el.name.includes(':') ? el.name.slice(0, el.name.indexOf(':')) : '';
  const declName = prefix ? `xmlns:${prefix}` : 'xmlns';
  if (el.attrs.some((a) => a.name === declName)) return serializeNode(el);
  for (let cur = el.parent; cur && cur.type === 'element'; cur = cur.parent) {
    const d = cur.attrs.find((a) => a.name === declName);
    if (d) {
      if (d.value === '') break;
      return serializeNode({ ...el, attrs: [{ name: declName, value: d.value }, ...el.attrs] });
    }
  }
  return serializeNode(el);
}

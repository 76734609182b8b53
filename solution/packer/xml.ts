/**
 * A small deterministic XML tree and writer. Attribute order is the order given (exports and the XSD
 * readers are order-sensitive in places, so we never sort), text is escaped, and characters XML 1.0
 * cannot hold at all are replaced with U+FFFD instead of failing the build.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

export type AttrValue = string | number | null | undefined;
export type XmlChild = XmlNode | number | null | undefined | false | readonly XmlChild[];

/** Builds an element; attributes with null/undefined values are left out, children are flattened. */
export function el(name: string, attrs: Readonly<Record<string, AttrValue>> = {}, ...children: XmlChild[]): XmlElement {
  const list: [string, string][] = [];
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) list.push([k, String(v)]);
  return { name, attrs: list, children: flatten(children) };
}

/** `<name>text</name>`; with an empty string it renders `<name></name>` (the export's form for nil elements). */
export function textEl(
  name: string,
  text: string | number,
  attrs: Readonly<Record<string, AttrValue>> = {},
): XmlElement {
  return el(name, attrs, String(text));
}

function flatten(children: readonly XmlChild[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) out.push(...flatten(c));
    else if (typeof c === 'number') out.push(String(c));
    else out.push(c as XmlNode);
  }
  return out;
}

// XML 1.0 Char production: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (no lone surrogates).
const ILLEGAL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function sanitizeXmlChars(s: string): string {
  return s.replace(ILLEGAL, '\uFFFD');
}

export function escapeText(s: string): string {
  return sanitizeXmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also escape quotes and whitespace controls, which attribute normalization would otherwise eat. */
export function escapeAttr(s: string): string {
  return sanitizeXmlChars(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export interface XmlWriteOptions {
  /** `<?xml version="1.0" encoding="utf-8"?>` first. */
  declaration: boolean;
  /** UTF-8 byte order mark first. */
  bom: boolean;
  /** Line ending between elements: `\r\n` as Dataverse exports, or none to write a single line. */
  newline: '\r\n' | '\n' | '';
  /** Indent per level (2 spaces in exports); ignored when newline is ''. */
  indent?: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

export function renderXml(root: XmlElement, options: XmlWriteOptions): string {
  const indent = options.newline === '' ? '' : (options.indent ?? '  ');
  const lines: string[] = [];
  if (options.declaration) lines.push('<?xml version="1.0" encoding="utf-8"?>');
  write(root, 0);
  const text = lines.join(options.newline) + options.newline;
  return (options.bom ? '\uFEFF' : '') + text;

  function write(node: XmlElement, depth: number): void {
    if (!NAME.test(node.name)) throw new Error(`Invalid XML element name "${node.name}".`);
    const pad = indent.repeat(depth);
    let open = `<${node.name}`;
    for (const [k, v] of node.attrs) {
      if (!NAME.test(k)) throw new Error(`Invalid XML attribute name "${k}" on <${node.name}>.`);
      open += ` ${k}="${escapeAttr(v)}"`;
    }
    if (node.children.length === 0) {
      lines.push(`${pad}${open} />`);
      return;
    }
    const texts = node.children.filter((c): c is string => typeof c === 'string');
    if (texts.length === node.children.length) {
      lines.push(`${pad}${open}>${texts.map(escapeText).join('')}</${node.name}>`);
      return;
    }
    if (texts.length > 0)
      throw new Error(`<${node.name}> mixes text and elements; the packer never writes mixed content.`);
    lines.push(`${pad}${open}>`);
    for (const child of node.children) write(child as XmlElement, depth + 1);
    lines.push(`${pad}</${node.name}>`);
  }
}

export function xmlBytes(root: XmlElement, options: XmlWriteOptions): Buffer {
  return Buffer.from(renderXml(root, options), 'utf8');
}

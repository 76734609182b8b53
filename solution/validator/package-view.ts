import type { XmlElement } from '../packer/xml';
import { parseXml, XmlParseError } from '../packer/xml-parse';
import { readZip, ZipFormatError, type ReadZipEntry } from '../packer/zip-read';

/** A problem the validator found: the rule it breaks, where, and what to do. */
export interface Finding {
  rule: string;
  path?: string;
  message: string;
}

/** A zip read into entries, with the three root documents parsed where they could be. */
export interface PackageView {
  entries: ReadonlyMap<string, ReadZipEntry>;
  names: readonly string[];
  solution?: XmlElement;
  customizations?: XmlElement;
  contentTypes?: XmlElement;
  /** Parse a (non-root) XML entry; undefined if missing or malformed (reported by the rule that asks). */
  xml(path: string): XmlElement | undefined;
  text(path: string): string | undefined;
}

export function openPackage(bytes: Buffer, findings: Finding[]): PackageView | undefined {
  let list: ReadZipEntry[];
  try {
    list = readZip(bytes);
  } catch (e) {
    if (e instanceof ZipFormatError) {
      findings.push({ rule: 'zip-format', message: `The file is not a readable zip: ${e.message}.` });
      return undefined;
    }
    throw e;
  }
  const entries = new Map<string, ReadZipEntry>();
  for (const e of list) {
    if (entries.has(e.name))
      findings.push({ rule: 'zip-format', path: e.name, message: `"${e.name}" is in the zip twice.` });
    entries.set(e.name, e);
  }
  const cache = new Map<string, XmlElement | undefined>();
  const text = (path: string) => {
    const e = entries.get(path);
    return e ? e.data.toString('utf8') : undefined;
  };
  const xml = (path: string) => {
    if (cache.has(path)) return cache.get(path);
    const t = text(path);
    let parsed: XmlElement | undefined;
    if (t !== undefined) {
      try {
        parsed = parseXml(t);
      } catch (e) {
        if (!(e instanceof XmlParseError)) throw e;
        findings.push({ rule: 'xml-well-formed', path, message: `${path} is not well-formed XML: ${e.message}.` });
      }
    }
    cache.set(path, parsed);
    return parsed;
  };
  return {
    entries,
    names: list.map((e) => e.name),
    solution: xml('solution.xml'),
    customizations: xml('customizations.xml'),
    contentTypes: xml('[Content_Types].xml'),
    xml,
    text,
  };
}

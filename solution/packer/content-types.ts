import { el, xmlBytes } from './xml';

/**
 * `[Content_Types].xml` (§1.3): one Default per distinct extension, case-exact, one Override per
 * extension-less part, all application/octet-stream; single line, UTF-8 with BOM and declaration.
 */
export const CONTENT_TYPES_NAME = '[Content_Types].xml';
export const OCTET = 'application/octet-stream';

export function extensionOf(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : undefined;
}

export function contentTypesXml(paths: readonly string[]): Buffer {
  const exts: string[] = [];
  const overrides: string[] = [];
  for (const p of [...paths, CONTENT_TYPES_NAME]) {
    const ext = extensionOf(p);
    if (ext === undefined) overrides.push(p);
    else if (!exts.includes(ext)) exts.push(ext);
  }
  const root = el(
    'Types',
    { xmlns: 'http://schemas.openxmlformats.org/package/2006/content-types' },
    exts.map((e) => el('Default', { Extension: e, ContentType: OCTET })),
    overrides.map((p) => el('Override', { PartName: `/${p}`, ContentType: OCTET })),
  );
  return xmlBytes(root, { declaration: true, bom: true, newline: '' });
}

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = { en: 1033, es: 3082, ptBR: 1046, zhCN: 2052 } as const;
export const CONTROLS = ['SyncToggle', 'ReferralLink', 'AuditTrail'] as const;
export type ControlName = (typeof CONTROLS)[number];

const ROOT = join(__dirname, '..', '..');

export function stringsDir(control: ControlName): string {
  return join(ROOT, 'pcf-controls', control, control, 'strings');
}

export function resxFiles(control: ControlName): string[] {
  return readdirSync(stringsDir(control))
    .filter((f) => f.endsWith('.resx'))
    .sort();
}

/** The <data name="..."><value>...</value></data> pairs of a resx file, XML entities decoded. */
export function readResx(control: ControlName, lcid: number): Map<string, string> {
  const xml = readFileSync(join(stringsDir(control), `${control}.${lcid}.resx`), 'utf8');
  const out = new Map<string, string>();
  const pattern = /<data name="([^"]+)"[^>]*>\s*<value>([\s\S]*?)<\/value>\s*<\/data>/g;
  for (let m = pattern.exec(xml); m !== null; m = pattern.exec(xml)) out.set(m[1], decode(m[2]));
  return out;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function manifestXml(control: ControlName): string {
  return readFileSync(join(ROOT, 'pcf-controls', control, control, 'ControlManifest.Input.xml'), 'utf8');
}

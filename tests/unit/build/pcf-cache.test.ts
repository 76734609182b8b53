import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBuildCurrent, pcfInputKey, type PcfProject } from '../../../scripts/pipeline/pcf-step';

describe('PCF build cache', () => {
  let root: string;
  let project: PcfProject;
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cosell-pcf-cache-'));
    write('pcf-controls/Toggle/Toggle/index.ts', 'export const a = 1;');
    write('pcf-controls/Toggle/package.json', '{}');
    write('pcf-controls/shared/strings.ts', 'export const s = 1;');
    write('flows/audit/entry.ts', 'export const e = 1;');
    write('package-lock.json', '{}');
    project = { dir: join(root, 'pcf-controls/Toggle'), control: 'Toggle' };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the key while nothing the build reads changes, and ignores its own output', () => {
    const key = pcfInputKey(root, project);
    write('pcf-controls/Toggle/out/controls/Toggle/bundle.js', 'built');
    write('pcf-controls/Toggle/node_modules/x/index.js', 'dependency');
    expect(pcfInputKey(root, project)).toBe(key);
  });

  it.each([
    ['its own source', 'pcf-controls/Toggle/Toggle/index.ts'],
    ['the shared control code', 'pcf-controls/shared/strings.ts'],
    ['the audit format', 'flows/audit/entry.ts'],
    ['the lock file', 'package-lock.json'],
  ])('changes the key when %s changes', (_what, path) => {
    const key = pcfInputKey(root, project);
    write(path, 'changed');
    expect(pcfInputKey(root, project)).not.toBe(key);
  });

  it('counts a build as current only with the same key and a built manifest', () => {
    const key = pcfInputKey(root, project);
    expect(isBuildCurrent(project, key)).toBe(false);
    write('pcf-controls/Toggle/out/.cosell-build-key', key);
    expect(isBuildCurrent(project, key)).toBe(false);
    write('pcf-controls/Toggle/out/controls/Toggle/ControlManifest.xml', '<manifest/>');
    expect(isBuildCurrent(project, key)).toBe(true);
    expect(isBuildCurrent(project, 'other')).toBe(false);
  });
});

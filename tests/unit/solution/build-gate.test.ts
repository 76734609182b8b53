import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

describe('npm run build with a config that would make an invalid package', () => {
  let work: string;
  beforeAll(() => (work = mkdtempSync(join(tmpdir(), 'cosell-solution-gate-'))));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('exits 2 naming the field and writes no solution', () => {
    const config = join(work, 'bad.json');
    writeFileSync(config, JSON.stringify({ publisher: { customizationPrefix: 'msdyn' } }));
    const out = join(work, 'out');
    const r = spawnSync(
      join(root, 'node_modules/.bin/ts-node'),
      ['--transpile-only', join(root, 'scripts/build.ts'), '--config', config, '--out', out],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"publisher.customizationPrefix"');
    expect(r.stderr).toContain('not reserved');
    expect(existsSync(join(out, 'solution'))).toBe(false);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(__dirname, '../..');
const tsNode = join(root, 'node_modules/.bin/ts-node');

function build(args: string[]) {
  return spawnSync(tsNode, ['--transpile-only', join(root, 'scripts/build.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 600_000,
  });
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

describe('npm run build', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cosell-build-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('produces byte-identical output on two builds in a row, with progress lines and a summary', () => {
    const a = build(['--out', join(work, 'a')]);
    const b = build(['--out', join(work, 'b')]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(a.stdout).toMatch(/^\[1\/\d+\] connectors: \d+ file\(s\)/m);
    expect(a.stdout).toMatch(/^\d+ artifact\(s\), .* built in /m);
    const files = listFiles(join(work, 'a'));
    expect(files).toEqual(listFiles(join(work, 'b')));
    expect(files).toEqual(
      expect.arrayContaining([
        'connectors/partner-center-referrals/apiDefinition.swagger.json',
        'connectors/partner-center-referrals/apiProperties.json',
        'connectors/partner-center-referrals/icon.png',
        'connectors/partner-center-referrals/settings.json',
        'connectors/partner-center-events/apiDefinition.swagger.json',
        'connectors/partner-center-events/apiProperties.json',
        'connectors/partner-center-events/icon.png',
        'connectors/partner-center-events/settings.json',
      ]),
    );
    for (const f of files) expect(readFileSync(join(work, 'a', f)).equals(readFileSync(join(work, 'b', f)))).toBe(true);
  });

  it('exits 2 naming the field when a config value is bad, and writes nothing', () => {
    const config = join(work, 'bad.json');
    writeFileSync(config, JSON.stringify({ publisher: { optionValuePrefix: 5 } }));
    const r = build(['--config', config, '--out', join(work, 'bad-out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"publisher.optionValuePrefix"');
    expect(r.stderr).toContain('10000 to 99999');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(work, 'bad-out'))).toBe(false);
  });

  it('exits 2 on a config file that is not JSON, and on an unknown flag', () => {
    const config = join(work, 'broken.json');
    writeFileSync(config, '{ publisher: ');
    const r = build(['--config', config]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read it as JSON/);
    const flag = build(['--fast']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('unknown option "--fast"');
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultConfig } from '../../../scripts/lib/config';
import { child, childElements, parseXml, textOf } from '../../../solution/packer/xml-parse';
import { salesforceMetadataFiles, salesforceModel } from '../../../solution/salesforce';

/**
 * The Salesforce CLI as a second opinion on the metadata (issue 9, item 1): `sf project convert source`
 * converts our DX source to metadata format offline, which fails on files it can't read as their
 * metadata types. Uses the pinned CLI `npm test` installs into tools/salesforce-cli, or SF_CLI, or `sf` on the
 * PATH; where none can be had the suite is reported as skipped, never faked. (@salesforce/cli installs from the npm registry; on Node 20 it
 * needs version 2.127.x with undici pinned to 7.x, see docs/DECISIONS.md.)
 */
// `npm test` installs the pinned CLI into tools/salesforce-cli (scripts/ensure-salesforce-cli.sh).
const localSf = join(__dirname, '../../../tools/salesforce-cli/node_modules/.bin/sf');
const sfBin = process.env.SF_CLI ?? (existsSync(localSf) ? localSf : 'sf');
const env = { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' };
const sfAvailable = spawnSync(sfBin, ['--version'], { encoding: 'utf8', timeout: 120_000, env }).status === 0;
const maybe = sfAvailable ? describe : describe.skip;

function writeProject(dir: string, files: { path: string; content: string }[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
}

function convert(dir: string): { status: number | null; out: string } {
  const r = spawnSync(sfBin, ['project', 'convert', 'source', '--output-dir', join(dir, 'out'), '--json'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...env, HOME: dir },
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

maybe(`Salesforce CLI second opinion${sfAvailable ? '' : ' (sf is not installed here)'}`, () => {
  const model = salesforceModel(defaultConfig('1.0.0'));
  const files = salesforceMetadataFiles(model);
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cosell-sf-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('converts our source to metadata format with every field, the object and the permission sets', () => {
    const dir = join(work, 'ok');
    writeProject(dir, files);
    const r = convert(dir);
    expect(r.status).toBe(0);
    const opportunity = parseXml(readFileSync(join(dir, 'out/objects/Opportunity.object'), 'utf8'));
    const names = childElements(opportunity, 'fields').map((f) => textOf(child(f, 'fullName')));
    expect(names.sort()).toEqual(model.opportunityFields.map((f) => f.fullName).sort());
    const solution = parseXml(readFileSync(join(dir, `out/objects/${model.solutionObject.fullName}.object`), 'utf8'));
    expect(textOf(child(solution, 'label'))).toBe(model.solutionObject.label);
    for (const p of model.permissionSets)
      expect(readFileSync(join(dir, `out/permissionsets/${p.fullName}.permissionset`), 'utf8')).toContain(
        '<fieldPermissions>',
      );
    const members = (xml: string) =>
      childElements(parseXml(xml), 'types')
        .flatMap((t) => childElements(t, 'members').map((m) => `${textOf(child(t, 'name'))}:${textOf(m)}`))
        .sort();
    expect(members(readFileSync(join(dir, 'out/package.xml'), 'utf8'))).toEqual(
      members(files.find((f) => f.path === 'manifest/package.xml')!.content),
    );
  });

  it('refuses a field file that is not metadata XML', () => {
    const dir = join(work, 'broken');
    writeProject(
      dir,
      files.map((f) =>
        f.path.endsWith(`${model.names.audit}.field-meta.xml`) ? { ...f, content: '<CustomField><oops' } : f,
      ),
    );
    expect(convert(dir).status).not.toBe(0);
  });
});

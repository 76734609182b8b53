import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deploymentSettings } from '../../../solution/packer/deployment-settings';
import { buildSolutionPackage } from '../../../solution/packer/package';
import { attr, child, childElements, parseXml } from '../../../solution/packer/xml-parse';
import { readZip } from '../../../solution/packer/zip-read';
import { fixtureContents } from './fixture';

/**
 * Microsoft's Power Platform CLI as a second opinion (issue 8, item 4): where `pac` is on the PATH,
 * unpack our zip, pack it again and compare the components; and `pac solution create-settings` must
 * list exactly what our deploymentSettings.json lists. Where pac is not installed (it was not
 * installable on the machine this was written on) the suite is reported as skipped, never faked.
 */
const pacAvailable = spawnSync('pac', ['help'], { encoding: 'utf8', timeout: 60_000 }).status === 0;
const maybe = pacAvailable ? describe : describe.skip;

function pac(args: string[]): void {
  const r = spawnSync('pac', args, { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`pac ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

function rootComponents(zip: Buffer): string[] {
  const sol = readZip(zip).find((e) => e.name === 'solution.xml')!;
  const m = child(parseXml(sol.data.toString('utf8')), 'SolutionManifest')!;
  return childElements(child(m, 'RootComponents')!, 'RootComponent')
    .map((r) => `${attr(r, 'type')}:${(attr(r, 'schemaName') ?? attr(r, 'id') ?? '').toLowerCase()}`)
    .sort();
}

const componentFiles = (zip: Buffer) =>
  readZip(zip)
    .map((e) => e.name)
    .filter((n) => /^(Workflows|Controls|Connector|environmentvariabledefinitions)\//.test(n))
    .sort();

maybe(`pac second opinion${pacAvailable ? '' : ' (pac is not installed here)'}`, () => {
  let work: string;
  const contents = fixtureContents();
  const pkg = buildSolutionPackage(contents, false);
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cosell-pac-'));
    writeFileSync(join(work, pkg.fileName), pkg.bytes);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('unpacks and packs our zip again with the same components', () => {
    pac([
      'solution',
      'unpack',
      '--zipfile',
      join(work, pkg.fileName),
      '--folder',
      join(work, 'src'),
      '--packagetype',
      'Unmanaged',
    ]);
    pac([
      'solution',
      'pack',
      '--zipfile',
      join(work, 'repacked.zip'),
      '--folder',
      join(work, 'src'),
      '--packagetype',
      'Unmanaged',
    ]);
    const repacked = readFileSync(join(work, 'repacked.zip'));
    expect(rootComponents(repacked)).toEqual(rootComponents(pkg.bytes));
    expect(componentFiles(repacked)).toEqual(componentFiles(pkg.bytes));
  });

  it('create-settings lists exactly what our deploymentSettings.json lists', () => {
    const file = join(work, 'settings.json');
    pac(['solution', 'create-settings', '--solution-zip', join(work, pkg.fileName), '--settings-file', file]);
    const theirs = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as ReturnType<
      typeof deploymentSettings
    >;
    const ours = deploymentSettings(contents);
    expect(theirs.EnvironmentVariables.map((v) => v.SchemaName).sort()).toEqual(
      ours.EnvironmentVariables.map((v) => v.SchemaName).sort(),
    );
    expect(theirs.ConnectionReferences.map((c) => [c.LogicalName, c.ConnectorId]).sort()).toEqual(
      ours.ConnectionReferences.map((c) => [c.LogicalName, c.ConnectorId]).sort(),
    );
  });
});

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PCF_BUNDLE_BUDGET_BYTES } from '../../scripts/pipeline/pcf-step';
import { loadConfig } from '../../scripts/lib/config';

/**
 * The PCF artifacts in dist/ as the solution packer will take them: built by `npm run build`,
 * which CI runs before the tests.
 */
const DIST = join(__dirname, '..', '..', 'dist', 'controls');
const CONTROLS = ['AuditTrail', 'ReferralLink', 'SyncToggle'];
const LCIDS = [1033, 1046, 2052, 3082];
const VERSION = loadConfig(join(__dirname, '..', '..'))
  .solution.version.split('.')
  .slice(0, 3)
  .join('.');

beforeAll(() => {
  const missing = CONTROLS.filter((c) => !existsSync(join(DIST, c, 'bundle.js')));
  if (missing.length > 0)
    throw new Error(`dist/controls lacks ${missing.join(', ')}: run \`npm run build\` before the tests.`);
});

describe.each(CONTROLS)('dist/controls/%s', (control) => {
  const read = (rel: string) => readFileSync(join(DIST, control, rel));

  it('holds exactly the bundle, the processed manifest and the four resx files', () => {
    const strings = readdirSync(join(DIST, control, 'strings')).sort();
    expect(readdirSync(join(DIST, control)).sort()).toEqual(['ControlManifest.xml', 'bundle.js', 'strings']);
    expect(strings).toEqual(LCIDS.map((l) => `${control}.${l}.resx`));
  });

  it('is a virtual control on the platform React 16.14.0 and Fluent 8.121.1, version from the solution', () => {
    const xml = read('ControlManifest.xml').toString('utf8');
    expect(xml).toContain(`<control namespace="CosellSync" constructor="${control}" version="${VERSION}"`);
    expect(xml).toContain('control-type="virtual"');
    expect(xml).toContain('<code path="bundle.js" order="1"/>');
    expect(xml).toContain('<platform-library name="React" version="16.14.0"/>');
    expect(xml).toContain('<platform-library name="Fluent" version="8.121.1"/>');
    for (const lcid of LCIDS) expect(xml).toContain(`<resx path="strings/${control}.${lcid}.resx" version="1.0.0"/>`);
    expect(xml).not.toMatch(/\r/);
  });

  it('keeps React and Fluent out of the bundle and stays in budget', () => {
    const bundle = read('bundle.js');
    const text = bundle.toString('utf8');
    expect(bundle.length).toBeLessThanOrEqual(PCF_BUNDLE_BUDGET_BYTES);
    expect(text).toContain('Reactv16');
    expect(text).toContain('FluentUIReactv81211');
    expect(text).toContain(`registerControl('CosellSync.${control}'`);
    expect(text).not.toContain('__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED');
    expect(text).not.toMatch(/\/(work|home|root|tmp)\//);
  });
});

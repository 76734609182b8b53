import { defaultConfig, resolveConfig } from '../../../scripts/lib/config';
import { UserError } from '../../../scripts/lib/user-error';
import type { BuildContext } from '../../../scripts/pipeline/types';
import { buildSteps } from '../../../scripts/pipeline/steps';
import { bundleHash } from '../../../solution/packer/control-versions';
import { createSolutionStep } from '../../../solution/packer/step';
import { validateSolutionZip } from '../../../solution/validator';
import { fixtureArtifacts, fixtureConfig, fixtureSources } from './fixture';

const ctx = (over: Partial<BuildContext> = {}): BuildContext => ({
  root: '/nonexistent-root',
  outDir: '/nonexistent-out',
  config: fixtureConfig(),
  artifacts: fixtureArtifacts(),
  ...over,
});

describe('solution build step', () => {
  it('comes after every generator: the Dynamics 365 solution, then the Salesforce solution, end the build', () => {
    expect(buildSteps.slice(-2).map((s) => s.name)).toEqual(['solution', 'solution (Salesforce)']);
  });

  it('writes both zips and deploymentSettings.json into solution/, identical on a second run, and valid', async () => {
    const step = createSolutionStep({ sources: fixtureSources(), readControlLock: () => ({}) });
    const a = await step.run(ctx());
    const b = await step.run(ctx());
    expect(a.map((x) => x.path)).toEqual([
      'solution/CosellSync_1_2_3_0.zip',
      'solution/CosellSync_1_2_3_0_managed.zip',
      'solution/deploymentSettings.json',
    ]);
    a.forEach((x, i) => expect(x.bytes.equals(b[i].bytes)).toBe(true));
    expect(validateSolutionZip(a[0].bytes)).toEqual([]);
  });

  it('works with only the connectors (what exists on main today)', async () => {
    const only = new Map([...fixtureArtifacts()].filter(([p]) => p.startsWith('connectors/')));
    const out = await createSolutionStep().run(ctx({ artifacts: only }));
    expect(validateSolutionZip(out[0].bytes)).toEqual([]);
    const settings = JSON.parse(out[2].bytes.toString());
    expect(settings.ConnectionReferences).toHaveLength(3);
  });

  it('fails the build with the validator findings when the contents are invalid', async () => {
    const sources = fixtureSources();
    const step = createSolutionStep({
      readControlLock: () => ({}),
      sources: {
        ...sources,
        tables: (config) =>
          sources.tables!(config).map((t) =>
            t.kind === 'system'
              ? {
                  ...t,
                  columns: t.columns.map((c) =>
                    c.type === 'picklist' ? { ...c, options: [{ value: 7, label: c.displayName }] } : c,
                  ),
                }
              : t,
          ),
      },
    });
    await expect(Promise.resolve().then(() => step.run(ctx()))).rejects.toThrow(
      /Solution validation failed:[\s\S]*\[option-values\][\s\S]*Option 7 of choice/,
    );
  });

  it('fails when a control bundle changed but its manifest version did not increase', async () => {
    const lock = { 'Cosell.ReferralPanel': { version: '1.0.0', bundleSha256: bundleHash(Buffer.from('old bundle')) } };
    const step = createSolutionStep({ sources: fixtureSources(), readControlLock: () => lock });
    const run = Promise.resolve().then(() => step.run(ctx()));
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(Promise.resolve().then(() => step.run(ctx()))).rejects.toThrow(
      /Cosell\.ReferralPanel: bundle\.js changed/,
    );
    const bumped = {
      'Cosell.ReferralPanel': { version: '0.9.0', bundleSha256: bundleHash(Buffer.from('old bundle')) },
    };
    const ok = createSolutionStep({ sources: fixtureSources(), readControlLock: () => bumped });
    await expect(Promise.resolve().then(() => ok.run(ctx()))).resolves.toHaveLength(3);
  });
});

describe('a config that would make an invalid package never reaches the packer', () => {
  const bad: [string, unknown, RegExp][] = [
    ['publisher.customizationPrefix', 'co-sell', /2-8 lowercase letters or digits/],
    ['publisher.customizationPrefix', 'Cosell', /2-8 lowercase letters or digits/],
    ['publisher.customizationPrefix', 'msdyn', /not reserved/],
    ['publisher.customizationPrefix', 'mscrmcs', /not reserved/],
    ['publisher.optionValuePrefix', 9999, /10000 to 99999/],
    ['publisher.optionValuePrefix', 100000, /10000 to 99999/],
    ['solution.version', '1.0.0', /major\.minor\.build\.revision/],
    ['solution.version', '1.0.0.x', /major\.minor\.build\.revision/],
    ['solution.uniqueName', 'Co-sell Sync', /letters, digits or underscores/],
  ];

  it.each(bad)('config loading stops %s = %j with a UserError naming the field', (field, value, msg) => {
    const [section, key] = field.split('.');
    const call = () => resolveConfig({ [section]: { [key]: value } }, '1.0.0');
    expect(call).toThrow(UserError);
    expect(call).toThrow(`"${field}"`);
    expect(call).toThrow(msg);
  });

  it.each(bad)(
    'the solution step itself refuses %s = %j (exit 2) even if handed such a config',
    async (field, value) => {
      const config = defaultConfig('1.0.0');
      const [section, key] = field.split('.');
      (config as unknown as Record<string, Record<string, unknown>>)[section][key] = value;
      const run = Promise.resolve().then(() =>
        createSolutionStep().run(ctx({ config, artifacts: fixtureArtifacts() })),
      );
      await expect(run).rejects.toBeInstanceOf(UserError);
      await expect(Promise.resolve().then(() => createSolutionStep().run(ctx({ config })))).rejects.toThrow(
        `"${field}"`,
      );
    },
  );
});

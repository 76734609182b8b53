import type { Artifact, BuildStep } from '../../scripts/pipeline/types';
import { formatFindings, validateSolutionZip } from '../validator';
import { deploymentSettingsJson } from './deployment-settings';
import { solutionContentsFromBuild, type SolutionSources } from './from-build';
import { buildSolutionPackage } from './package';

/**
 * Build step: packs the unmanaged and managed solution zips and deploymentSettings.json into
 * dist/solution/, from the config and the earlier steps' artifacts, and fails the build on any
 * validator finding. The schema and other non-file parts come in through `sources`.
 */
export function createSolutionStep(sources: SolutionSources = {}): BuildStep {
  return {
    name: 'solution',
    run({ config, artifacts }) {
      const contents = solutionContentsFromBuild(config, artifacts, sources);
      const out: Artifact[] = [];
      const problems: string[] = [];
      for (const managed of [false, true]) {
        const pkg = buildSolutionPackage(contents, managed);
        const findings = validateSolutionZip(pkg.bytes);
        if (findings.length > 0) problems.push(formatFindings(pkg.fileName, findings));
        out.push({ path: `solution/${pkg.fileName}`, bytes: pkg.bytes });
      }
      if (problems.length > 0) throw new Error(`Solution validation failed:\n${problems.join('\n')}`);
      out.push({ path: 'solution/deploymentSettings.json', bytes: deploymentSettingsJson(contents) });
      return out;
    },
  };
}

export const solutionStep: BuildStep = createSolutionStep();

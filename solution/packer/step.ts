import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../scripts/lib/user-error';
import type { Artifact, BuildStep } from '../../scripts/pipeline/types';
import { formatFindings, validateSolutionZip } from '../validator';
import {
  checkControlVersions,
  CONTROL_VERSION_LOCK,
  currentControlVersions,
  parseControlVersionLock,
  type ControlVersionLock,
} from './control-versions';
import { deploymentSettingsJson } from './deployment-settings';
import { solutionContentsFromBuild, type SolutionSources } from './from-build';
import { buildSolutionPackage } from './package';

export interface SolutionStepOptions {
  sources?: SolutionSources;
  /** Reads the committed control version lock; default: `<root>/solution/control-versions.json`, empty if absent. */
  readControlLock?: (root: string) => ControlVersionLock;
  /** Only the flows under these folders of dist/flows/ are packed (default: every flow). */
  flowFolders?: readonly string[];
}

/** The artifacts without the flows of other folders, when `flowFolders` is given. */
export function onlyFlowFolders(
  artifacts: ReadonlyMap<string, Buffer>,
  folders: readonly string[] | undefined,
): ReadonlyMap<string, Buffer> {
  if (!folders) return artifacts;
  return new Map(
    [...artifacts].filter(
      ([path]) => !path.startsWith('flows/') || folders.some((f) => path.startsWith(`flows/${f}/`)),
    ),
  );
}

export function readControlLockFile(root: string): ControlVersionLock {
  const file = join(root, CONTROL_VERSION_LOCK);
  if (!existsSync(file)) return {};
  return parseControlVersionLock(readFileSync(file, 'utf8'));
}

/**
 * Build step: packs the unmanaged and managed solution zips and deploymentSettings.json into
 * dist/solution/, from the config and the earlier steps' artifacts. It fails the build when a
 * control's bundle changed without a version bump, and on any validator finding.
 */
export function createSolutionStep(options: SolutionStepOptions = {}): BuildStep {
  const readLock = options.readControlLock ?? readControlLockFile;
  return {
    name: 'solution',
    run({ root, config, artifacts }) {
      const contents = solutionContentsFromBuild(
        config,
        onlyFlowFolders(artifacts, options.flowFolders),
        options.sources,
      );
      if (contents.controls.length > 0) {
        const problems = checkControlVersions(readLock(root), currentControlVersions(contents.controls));
        if (problems.length > 0) throw new UserError(`control versions:\n  ${problems.join('\n  ')}`);
      }
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

import type { CosellConfig } from '../../scripts/lib/config';
import type { Artifact, BuildStep } from '../../scripts/pipeline/types';
import { formatFindings, validateSolutionZip } from '../validator';
import { deploymentSettingsJson } from '../packer/deployment-settings';
import { connectionReferenceLogicalName, solutionContentsFromBuild } from '../packer/from-build';
import type { EnvironmentVariableInput, SolutionContents } from '../packer/model';
import { sameLabels } from '../packer/model';
import { API_PATH } from '../packer/names';
import { buildSolutionPackage } from '../packer/package';
import { onlyFlowFolders } from '../packer/step';
import { salesforceEnvironmentVariables } from './environment';

/**
 * The Salesforce solution: a second zip for partners whose CRM is Salesforce. It needs a Dataverse
 * environment for the flows but nothing of Dynamics 365: the two custom connectors, the Salesforce and
 * Dataverse connection references, the environment variables and the Salesforce flows; no tables,
 * columns or controls. Same packer and validator as the Dynamics 365 solution.
 */
export const SALESFORCE_SOLUTION_SUFFIX = 'Salesforce';
export const SALESFORCE_CONNECTOR_ID = `${API_PATH}shared_salesforce`;

export function salesforceSolutionContents(
  config: CosellConfig,
  artifacts: ReadonlyMap<string, Buffer>,
): SolutionContents {
  const prefix = config.publisher.customizationPrefix;
  const base = solutionContentsFromBuild(config, onlyFlowFolders(artifacts, ['salesforce']), {
    connectionReferences: (c) => [
      {
        logicalName: connectionReferenceLogicalName(prefix, 'Salesforce'),
        displayName: `${c.solution.displayName} for Salesforce: Salesforce`,
        description:
          'Salesforce, signed in as the integration user whose id is in the "Salesforce integration user id" variable.',
        connectorId: SALESFORCE_CONNECTOR_ID,
      },
    ],
    environmentVariables: (c) =>
      salesforceEnvironmentVariables(c).all.map((v): EnvironmentVariableInput => ({
        schemaName: v.schemaName,
        displayName: v.displayName,
        description: v.description,
        type: ({ String: 'string', Number: 'number', Boolean: 'boolean', JSON: 'json' } as const)[v.type],
        ...(v.defaultValue !== '' ? { defaultValue: v.defaultValue } : {}),
        isRequired: v.isRequired,
      })),
  });
  return {
    ...base,
    uniqueName: `${config.solution.uniqueName}${SALESFORCE_SOLUTION_SUFFIX}`,
    displayName: sameLabels(`${config.solution.displayName} for Salesforce`),
    description: sameLabels(
      'Co-sell with Microsoft from Salesforce: Partner Center referrals synchronized with Salesforce opportunities.',
    ),
    tables: [],
    manyToMany: [],
    controls: [],
  };
}

/** Build step: dist/solution-salesforce/<name>.zip (unmanaged and managed) and its deploymentSettings.json. */
export const salesforceSolutionStep: BuildStep = {
  name: 'solution (Salesforce)',
  run({ config, artifacts }) {
    const contents = salesforceSolutionContents(config, artifacts);
    if (contents.workflows.length === 0)
      throw new Error(
        'Salesforce solution: no flows under flows/salesforce/ (the Salesforce flows step must run first).',
      );
    const out: Artifact[] = [];
    const problems: string[] = [];
    for (const managed of [false, true]) {
      const pkg = buildSolutionPackage(contents, managed);
      const findings = validateSolutionZip(pkg.bytes);
      if (findings.length > 0) problems.push(formatFindings(pkg.fileName, findings));
      out.push({ path: `solution-salesforce/${pkg.fileName}`, bytes: pkg.bytes });
    }
    if (problems.length > 0) throw new Error(`Salesforce solution validation failed:\n${problems.join('\n')}`);
    out.push({ path: 'solution-salesforce/deploymentSettings.json', bytes: deploymentSettingsJson(contents) });
    return out;
  },
};

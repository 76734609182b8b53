import { connectorArtifacts, generateConnectors } from '../../../connector/generator';
import { salesforceFlowsStep } from '../../../flows/salesforce';
import { d365FlowsStep } from '../../../flows/dynamics365';
import { defaultConfig } from '../../../scripts/lib/config';
import type { BuildContext } from '../../../scripts/pipeline/types';
import { schemaSources } from '../../../solution/from-schema';
import { onlyFlowFolders } from '../../../solution/packer/step';
import { solutionContentsFromBuild } from '../../../solution/packer/from-build';
import { readZip } from '../../../solution/packer/zip-read';
import { salesforceSolutionStep } from '../../../solution/salesforce';
import { validateSolutionZip } from '../../../solution/validator';

const config = defaultConfig('1.0.0');

async function artifactsWithFlows(): Promise<Map<string, Buffer>> {
  const artifacts = new Map<string, Buffer>();
  for (const c of generateConnectors(config)) for (const a of connectorArtifacts(c)) artifacts.set(a.path, a.bytes);
  const ctx = { root: '/nowhere', outDir: '/nowhere', config, artifacts } as BuildContext;
  for (const step of [d365FlowsStep, salesforceFlowsStep])
    for (const a of await step.run(ctx)) artifacts.set(a.path, a.bytes);
  return artifacts;
}

describe('Salesforce solution', () => {
  let artifacts: Map<string, Buffer>;
  beforeAll(async () => {
    artifacts = await artifactsWithFlows();
  });
  const ctx = () => ({ root: '/nowhere', outDir: '/nowhere', config, artifacts }) as BuildContext;

  it('packs its own solution: connectors, Salesforce flows, connection references, variables; no tables or controls', async () => {
    const out = await salesforceSolutionStep.run(ctx());
    expect(out.map((a) => a.path)).toEqual([
      'solution-salesforce/CosellSyncSalesforce_1_0_0_0.zip',
      'solution-salesforce/CosellSyncSalesforce_1_0_0_0_managed.zip',
      'solution-salesforce/deploymentSettings.json',
    ]);
    for (const zip of out.slice(0, 2)) expect(validateSolutionZip(zip.bytes)).toEqual([]);
    const entries = readZip(out[0].bytes);
    const names = entries.map((e) => e.name);
    expect(names.filter((n) => n.startsWith('Workflows/') && n.endsWith('.json'))).toHaveLength(6);
    expect(names.some((n) => n.startsWith('Controls/'))).toBe(false);
    const customizations = entries.find((e) => e.name === 'customizations.xml')!.data.toString('utf8');
    expect(customizations).toContain('shared_salesforce');
    expect(customizations).not.toContain('<Entity>');
    expect(customizations).not.toMatch(/Dynamics 365/);
    const solutionXml = entries.find((e) => e.name === 'solution.xml')!.data.toString('utf8');
    expect(solutionXml).toContain('<UniqueName>CosellSyncSalesforce</UniqueName>');
    const settings = JSON.parse(out[2].bytes.toString('utf8'));
    expect(settings.ConnectionReferences.map((c: { LogicalName: string }) => c.LogicalName)).toEqual([
      'cosell_Dataverse',
      'cosell_PartnerCenterEvents',
      'cosell_PartnerCenterReferrals',
      'cosell_Salesforce',
    ]);
    expect(settings.EnvironmentVariables.map((v: { SchemaName: string }) => v.SchemaName)).toContain(
      'cosell_SfIntegrationUserId',
    );
  });

  it('leaves the Dynamics 365 solution with only the Dynamics 365 flows', () => {
    const contents = solutionContentsFromBuild(config, onlyFlowFolders(artifacts, ['dynamics365']), schemaSources);
    const keys = contents.workflows.map((w) => w.key);
    expect(keys).toHaveLength(6);
    expect(keys.every((k) => k.startsWith('dynamics365/'))).toBe(true);
    expect(contents.connectionReferences.map((c) => c.connectorId).join()).not.toContain('shared_salesforce');
    // Without the option every flow in dist/ is packed, as before.
    expect(
      solutionContentsFromBuild(config, onlyFlowFolders(artifacts, undefined), schemaSources).workflows,
    ).toHaveLength(12);
  });

  it('refuses to pack without the Salesforce flows', async () => {
    const only = new Map([...artifacts].filter(([p]) => !p.startsWith('flows/salesforce/')));
    expect(() => salesforceSolutionStep.run({ ...ctx(), artifacts: only })).toThrow(/no flows under flows\/salesforce/);
  });
});

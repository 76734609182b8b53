import type { CosellConfig } from '../../scripts/lib/config';
import { stableStringify } from '../../scripts/lib/stable-json';
import type { Artifact, BuildStep } from '../../scripts/pipeline/types';
import { connectorLogicalName } from '../../connector/generator/naming';
import { salesforceModel, type SalesforceModel } from '../../solution/salesforce/model';
import { buildFlow, type FlowSpec } from '../builder';
import { type ColumnCatalog, FIELD_MAPPING, validateMapping } from '../mapping';
import { connectorDefinitionsFromArtifacts, FlowLintError, lintFlow } from '../runtime/lint';
import { sfCreateReferral } from './create-referral';
import { sfContext } from './from-model';
import { sfOpportunityToPartnerCenter } from './opportunity-to-partner-center';
import { partnerCenterToSalesforce } from './partner-center-to-salesforce';
import { sfReconciliation } from './reconciliation';
import { sfSolutionsToPartnerCenter } from './solutions-to-partner-center';
import { sfWebhookRegistration } from './webhook-registration';
import { salesforceGuideSection } from './guide';
import { buildObjects } from '../../sandbox/salesforce/objects';

export { sfContext } from './from-model';
export type { SfSyncContext } from './context';

/** The Salesforce flow set, in the documented turn-on order. */
export const SF_FLOWS = [
  { file: 'webhook-registration', make: sfWebhookRegistration },
  { file: 'create-referral', make: sfCreateReferral },
  { file: 'partner-center-to-salesforce', make: partnerCenterToSalesforce },
  { file: 'opportunity-to-partner-center', make: sfOpportunityToPartnerCenter },
  { file: 'solutions-to-partner-center', make: sfSolutionsToPartnerCenter },
  { file: 'reconciliation', make: sfReconciliation },
] as const;

/** The Salesforce fields the mapping may name: the org's standard fields the sync uses plus the co-sell metadata. */
export function salesforceCatalog(model: SalesforceModel): ColumnCatalog {
  const objects = buildObjects(model);
  const find = (table: string) => [...objects.values()].find((o) => o.name === table);
  return {
    crm: 'salesforce',
    has: (table, column) => find(table)?.fields.some((f) => f.name === column) ?? false,
    columnsOf: (table) => find(table)?.fields.map((f) => f.name) ?? [],
  };
}

export function generateSalesforceFlows(
  config: CosellConfig,
): { file: string; spec: FlowSpec; json: Record<string, unknown> }[] {
  const model = salesforceModel(config);
  validateMapping(FIELD_MAPPING, [salesforceCatalog(model)], model.prefix);
  const ctx = sfContext(config);
  return SF_FLOWS.map(({ file, make }) => {
    const spec = make(ctx);
    return { file, spec, json: buildFlow(spec) };
  });
}

/** The Salesforce section of docs/FIELD-MAPPING.md. */
export function salesforceFieldMappingSection(config: CosellConfig): string {
  return salesforceGuideSection(FIELD_MAPPING, salesforceModel(config), sfContext(config));
}

/** Build step: dist/flows/salesforce/<file>.json, each linted (custom connectors checked against their definitions). */
export const salesforceFlowsStep: BuildStep = {
  name: 'flows (Salesforce)',
  run({ config, artifacts }) {
    const defs = connectorDefinitionsFromArtifacts(artifacts);
    const prefix = config.publisher.customizationPrefix;
    const byName: Record<string, unknown> = { ...defs };
    for (const [title, def] of Object.entries(defs)) byName[connectorLogicalName(prefix, title)] = def;
    const flows = generateSalesforceFlows(config);
    for (const { spec } of flows)
      for (const c of spec.connections)
        if (c.apiLogicalName && byName[c.apiLogicalName]) byName[c.apiName] = byName[c.apiLogicalName];
    const results = flows
      .map(({ file, json }) => ({
        file: `flows/salesforce/${file}.json`,
        findings: lintFlow(json, { connectorDefinitions: byName as never }),
      }))
      .filter((r) => r.findings.length > 0);
    if (results.length > 0) throw new FlowLintError(results);
    return flows.map(({ file, json }): Artifact => ({
      path: `flows/salesforce/${file}.json`,
      bytes: Buffer.from(stableStringify(json, { sortKeys: false })),
    }));
  },
};

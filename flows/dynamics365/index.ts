import type { CosellConfig } from '../../scripts/lib/config';
import { stableStringify } from '../../scripts/lib/stable-json';
import type { Artifact, BuildStep } from '../../scripts/pipeline/types';
import { buildSchema, type ResolvedSchema } from '../../solution/schema';
import { buildModel } from '../../sandbox/dataverse/metadata/build-model';
import { buildFlow, type FlowSpec } from '../builder';
import { type ColumnCatalog, FIELD_MAPPING, validateMapping } from '../mapping';
import { connectorDefinitionsFromArtifacts, FlowLintError, lintFlow } from '../runtime/lint';
import { createReferral } from './create-referral';
import { d365Context } from './from-schema';
import { opportunityToPartnerCenter } from './opportunity-to-partner-center';
import { partnerCenterToDynamics365 } from './partner-center-to-dynamics365';
import { reconciliation } from './reconciliation';
import { solutionsToPartnerCenter } from './solutions-to-partner-center';
import { webhookRegistration } from './webhook-registration';

/**
 * The Dynamics 365 flow set, in the documented turn-on order, and the build step that writes
 * dist/flows/dynamics365/<file>.json after linting each one. The field mapping guide, which covers every
 * CRM, is written by its own step (scripts/pipeline/guide-step.ts).
 */
export const D365_FLOWS = [
  { file: 'webhook-registration', make: webhookRegistration },
  { file: 'create-referral', make: createReferral },
  { file: 'partner-center-to-dynamics365', make: partnerCenterToDynamics365 },
  { file: 'opportunity-to-partner-center', make: opportunityToPartnerCenter },
  { file: 'solutions-to-partner-center', make: solutionsToPartnerCenter },
  { file: 'reconciliation', make: reconciliation },
] as const;

/** The Dataverse columns the mapping may name: the solution's own plus the system tables the sync uses. */
export function dataverseCatalog(schema: ResolvedSchema): ColumnCatalog {
  const model = buildModel(schema);
  return {
    crm: 'dynamics365',
    has: (table, column) => model.entities.get(table)?.attributes.has(column) ?? false,
    columnsOf: (table) => [...(model.entities.get(table)?.attributes.keys() ?? [])],
  };
}

export function generateD365Flows(
  config: CosellConfig,
): { file: string; spec: FlowSpec; json: Record<string, unknown> }[] {
  const schema = buildSchema(config);
  validateMapping(FIELD_MAPPING, [dataverseCatalog(schema)], schema.prefix);
  const ctx = d365Context(config, schema);
  return D365_FLOWS.map(({ file, make }) => {
    const spec = make(ctx);
    return { file, spec, json: buildFlow(spec) };
  });
}

export const d365FlowsStep: BuildStep = {
  name: 'flows (Dynamics 365)',
  run({ config, artifacts }) {
    const connectorDefinitions = connectorDefinitionsFromArtifacts(artifacts);
    // The flows name connectors by their solution logical name; key the definitions that way too.
    const flows = generateD365Flows(config);
    const byLogicalName: Record<string, unknown> = { ...connectorDefinitions };
    for (const { spec } of flows)
      for (const c of spec.connections) {
        const def = connectorDefinitions[c.apiLogicalName ? titleOf(c.apiLogicalName, connectorDefinitions) : ''];
        if (c.apiLogicalName && def) {
          byLogicalName[c.apiLogicalName] = def;
          byLogicalName[c.apiName] = def;
        }
      }
    const results = flows
      .map(({ file, json }) => ({
        file: `flows/dynamics365/${file}.json`,
        findings: lintFlow(json, { connectorDefinitions: byLogicalName as never }),
      }))
      .filter((r) => r.findings.length > 0);
    if (results.length > 0) throw new FlowLintError(results);
    const out: Artifact[] = flows.map(({ file, json }) => ({
      path: `flows/dynamics365/${file}.json`,
      bytes: Buffer.from(stableStringify(json, { sortKeys: false })),
    }));
    return out;
  },
};

/** Finds the connector title whose logical name is given (`cosell_5Fpartner-20center-20referrals` → "Partner Center Referrals"). */
function titleOf(logicalName: string, defs: Record<string, unknown>): string {
  const wanted = logicalName.slice(logicalName.indexOf('_5F') + 3);
  return (
    Object.keys(defs).find(
      (k) =>
        k.toLowerCase().replace(/[^a-z0-9]/g, (ch) => `-${ch.charCodeAt(0).toString(16).toUpperCase()}`) === wanted,
    ) ?? ''
  );
}

import { resolveColumn, type FieldMapping } from '../mapping';
import type { SalesforceModel } from '../../solution/salesforce/model';
import type { SfSyncContext } from './context';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/**
 * The Salesforce section of the field mapping guide: which Salesforce field each mapped value lives in,
 * the co-sell fields the metadata adds, and the stage rules, generated from the same definitions the
 * flows and the metadata use.
 */
export function salesforceGuideSection(
  mapping: readonly FieldMapping[],
  model: SalesforceModel,
  ctx: SfSyncContext,
): string {
  const lines = [
    '## Salesforce',
    '',
    'Deploy the metadata in `dist/salesforce/` (`sf project deploy start`); it adds these fields to Opportunity and the Microsoft Solution object.',
    '',
    '| Field | Salesforce field | Partner Center |',
    '|---|---|---|',
  ];
  for (const m of mapping) {
    if (!m.salesforce) continue;
    const { table, column } = resolveColumn(m.salesforce, model.prefix);
    lines.push(`| ${cell(m.label)} | \`${table}.${column}\` | \`${m.partnerCenter}\` |`);
  }
  lines.push('', '### Co-sell fields on Opportunity', '', '| Label | API name | Type |', '|---|---|---|');
  for (const f of model.opportunityFields) {
    const type = f.length !== undefined ? `${f.type}(${f.length})` : f.type;
    const values = f.values ? `: ${f.values.map((v) => v.fullName).join(', ')}` : '';
    const extra = f.externalId ? ', unique external id' : '';
    lines.push(`| ${cell(f.label)} | \`${f.fullName}\` | ${cell(type + values + extra)} |`);
  }
  lines.push(
    '',
    `Microsoft Solutions are records of \`${model.solutionObject.fullName}\` (solution id in \`${model.names.solutionId}\`) related to the opportunity by \`${model.names.solutionOpportunity}\`.`,
    '',
    '### Stages',
    '',
    `- A new referral from Microsoft becomes an opportunity in the stage named by **${ctx.env.onHoldStage.displayName}** (default "${String(ctx.env.onHoldStage.defaultValue)}").`,
    '- Moving the opportunity out of that stage into an open stage accepts the referral in Partner Center.',
    `- A referral accepted in Partner Center moves an on-hold opportunity to **${ctx.env.activeStage.displayName}** (default "${String(ctx.env.activeStage.defaultValue)}").`,
    '- Closed Won → Won; Closed Lost → Lost, or Declined while the referral is still New.',
    `- Changes made by the user in **${ctx.env.integrationUserId.displayName}** never start a flow; the flows connect as that user.`,
    '- "How can Microsoft help?" is a multi-select picklist, which the Salesforce connector cannot write; it is only sent from Salesforce to Partner Center.',
  );
  return lines.join('\n') + '\n';
}

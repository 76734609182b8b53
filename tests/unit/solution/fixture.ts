import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { connectorArtifacts, generateConnectors } from '../../../connector/generator';
import { defaultConfig, type CosellConfig } from '../../../scripts/lib/config';
import type { SolutionSources } from '../../../solution/packer/from-build';
import { solutionContentsFromBuild } from '../../../solution/packer/from-build';
import { optionValue, type Labels, type SolutionContents } from '../../../solution/packer/model';
import { buildSolutionPackage } from '../../../solution/packer/package';
import { writeZip } from '../../../solution/packer/zip';
import { readZip } from '../../../solution/packer/zip-read';

/** Test fixture: a complete package from the real connectors, fixture flows/controls and a declared schema. */
export const FIXTURE_DIR = join(__dirname, '../../fixtures/solution');

export const L = (en: string): Labels => ({ 1033: en, 3082: `${en} (es)`, 1046: `${en} (pt)`, 2052: `${en} (zh)` });

export function fixtureConfig(): CosellConfig {
  return defaultConfig('1.2.3');
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function fixtureArtifacts(config: CosellConfig = fixtureConfig()): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (const c of generateConnectors(config)) for (const a of connectorArtifacts(c)) map.set(a.path, a.bytes);
  for (const file of walk(FIXTURE_DIR)) map.set(relative(FIXTURE_DIR, file).split('\\').join('/'), readFileSync(file));
  return map;
}

export function fixtureSources(): SolutionSources {
  return {
    tables: (config) => {
      const p = config.publisher.customizationPrefix;
      const ov = (n: number) => optionValue(config.publisher.optionValuePrefix, n);
      return [
        {
          kind: 'system',
          logicalName: 'opportunity',
          schemaName: 'Opportunity',
          displayName: L('Opportunity'),
          columns: [
            {
              type: 'boolean',
              schemaName: `${p}_SyncWithPartnerCenter`,
              displayName: L('Sync with Partner Center'),
              description: L('Share this opportunity with Microsoft as a "co-sell" referral'),
              trueLabel: L('Yes'),
              falseLabel: L('No'),
              defaultValue: false,
            },
            {
              type: 'string',
              schemaName: `${p}_ReferralIdentifier`,
              displayName: L('Referral Identifier'),
              description: L(''),
              maxLength: 100,
            },
            {
              type: 'url',
              schemaName: `${p}_ReferralLink`,
              displayName: L('Referral Link'),
              description: L(''),
              maxLength: 2000,
            },
            { type: 'memo', schemaName: `${p}_Audit`, displayName: L('Audit'), description: L(''), maxLength: 1048576 },
            {
              type: 'datetime',
              schemaName: `${p}_LastSyncedOn`,
              displayName: L('Last synced on'),
              description: L(''),
              behavior: 'userLocal',
              format: 'datetime',
            },
            {
              type: 'picklist',
              schemaName: `${p}_Visibility`,
              displayName: L('Microsoft Partner Center Referral Visibility'),
              description: L(''),
              options: [
                { value: ov(0), label: L('Hidden') },
                { value: ov(1), label: L('Visible') },
              ],
            },
            {
              type: 'multiselect',
              schemaName: `${p}_HowCanMicrosoftHelp`,
              displayName: L('How can Microsoft help?'),
              description: L(''),
              options: [
                { value: ov(0), label: L('Architecture services') },
                { value: ov(1), label: L('Technical consultation') },
              ],
            },
            {
              type: 'lookup',
              schemaName: `${p}_PrimarySolution`,
              displayName: L('Primary Microsoft Solution'),
              description: L(''),
              target: `${p}_microsoftsolution`,
              relationshipSchemaName: `${p}_microsoftsolution_opportunity_primary`,
            },
          ],
          keys: [
            {
              schemaName: `${p}_ReferralIdentifierKey`,
              displayName: L('Referral Identifier'),
              columns: [`${p}_referralidentifier`],
            },
          ],
          forms: [
            {
              form: {
                kind: 'new',
                formId: '8a6f2b1c-0d3e-4f5a-9b6c-7d8e9f0a1b2c',
                name: L('Co-sell'),
                description: L('Opportunity with Partner Center'),
              },
              tab: { name: `${p}_partnercenter_tab`, label: L('Microsoft Partner Center') },
              section: { name: `${p}_partnercenter`, label: L('Microsoft Partner Center') },
              cells: [
                { column: `${p}_syncwithpartnercenter`, label: L('Sync with Partner Center'), disabled: false },
                { column: `${p}_referralidentifier`, label: L('Referral Identifier'), disabled: true },
                {
                  column: `${p}_referrallink`,
                  label: L('Referral Link'),
                  disabled: true,
                  control: {
                    controlName: `${p}_Cosell.ReferralPanel`,
                    boundProperty: 'value',
                    boundType: 'SingleLine.URL',
                  },
                },
                { column: `${p}_audit`, label: L('Audit'), disabled: true },
              ],
            },
          ],
        },
        {
          kind: 'custom',
          schemaName: `${p}_MicrosoftSolution`,
          displayName: L('Microsoft Solution'),
          pluralName: L('Microsoft Solutions'),
          description: L('A co-sell-ready solution attached to a referral'),
          ownership: 'user',
          primaryName: { schemaName: `${p}_Name`, displayName: L('Name'), description: L(''), maxLength: 200 },
          columns: [
            {
              type: 'string',
              schemaName: `${p}_SolutionId`,
              displayName: L('Solution ID'),
              description: L(''),
              maxLength: 100,
            },
          ],
          keys: [],
          forms: [],
        },
      ];
    },
    manyToMany: (config) => {
      const p = config.publisher.customizationPrefix;
      return [
        {
          schemaName: `${p}_opportunity_${p}_microsoftsolution`,
          entity1: 'opportunity',
          entity2: `${p}_microsoftsolution`,
          entity1NavLabel: L('Microsoft Solutions'),
          entity2NavLabel: L('Opportunities'),
        },
      ];
    },
    environmentVariables: (config) => {
      const p = config.publisher.customizationPrefix;
      return [
        {
          schemaName: `${p}_DealValueColumn`,
          displayName: L('Deal value'),
          description: L('Column holding the deal value'),
          type: 'string',
          defaultValue: 'estimatedvalue',
          isRequired: true,
        },
        {
          schemaName: `${p}_DisplayCheckMark`,
          displayName: L('Display check mark'),
          description: L(''),
          type: 'boolean',
          defaultValue: 'no',
          isRequired: false,
        },
      ];
    },
  };
}

export function fixtureContents(config: CosellConfig = fixtureConfig()): SolutionContents {
  return solutionContentsFromBuild(config, fixtureArtifacts(config), fixtureSources());
}

export function fixtureZip(managed = false): Buffer {
  return buildSolutionPackage(fixtureContents(), managed).bytes;
}

/** Unzips, applies an edit to the entries (name → bytes, order kept), zips again. */
export function mutateZip(zip: Buffer, edit: (entries: Map<string, Buffer>) => void): Buffer {
  const entries = new Map(readZip(zip).map((e) => [e.name, e.data]));
  edit(entries);
  return writeZip([...entries].map(([name, data]) => ({ name, data })));
}

/** Replaces text in one entry; fails the test if the text is not there (so a mutation can't silently miss). */
export function replaceIn(entries: Map<string, Buffer>, name: string, from: string | RegExp, to: string): void {
  const text = entries.get(name)?.toString('utf8');
  if (text === undefined) throw new Error(`fixture has no ${name}`);
  const next = text.replace(from, to);
  if (next === text) throw new Error(`mutation did not apply to ${name}: ${String(from)}`);
  entries.set(name, Buffer.from(next, 'utf8'));
}

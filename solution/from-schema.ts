import { guidFromName } from '../scripts/lib/guid';
import type { CosellConfig } from '../scripts/lib/config';
import { buildSchema, type ResolvedColumn, type ResolvedSchema } from './schema';
import type {
  CellControlBinding,
  ColumnInput,
  CustomTableInput,
  EnvironmentVariableInput,
  FormCellInput,
  Labels,
  ManyToManyInput,
  SystemTableExtension,
  TableInput,
} from './packer/model';
import { controlFullName } from './packer/names';
import type { SolutionSources } from './packer/from-build';

/**
 * The bridge from the Dataverse schema (solution/schema) to the packer's contents model: what the solution
 * adds to opportunity, the Microsoft Solution table, the N:N relationship, the environment variables, and the
 * "Microsoft Partner Center" form section with the three controls bound to their columns.
 */
const CONTROL_NAMESPACE = 'CosellSync';

const OPPORTUNITY_LABELS: Labels = { 1033: 'Opportunity', 3082: 'Oportunidad', 1046: 'Oportunidade', 2052: '商机' };
const YES: Labels = { 1033: 'Yes', 3082: 'Sí', 1046: 'Sim', 2052: '是' };
const NO: Labels = { 1033: 'No', 3082: 'No', 1046: 'Não', 2052: '否' };
const SECTION: Labels = {
  1033: 'Microsoft Partner Center',
  3082: 'Centro de partners de Microsoft',
  1046: 'Microsoft Partner Center',
  2052: 'Microsoft 合作伙伴中心',
};
const FORM_NAME: Labels = {
  1033: 'Opportunity (co-sell)',
  3082: 'Oportunidad (venta conjunta)',
  1046: 'Oportunidade (venda conjunta)',
  2052: '商机（共同销售）',
};
const FORM_DESCRIPTION: Labels = {
  1033: 'Opportunity form with the Microsoft Partner Center section.',
  3082: 'Formulario de oportunidad con la sección del Centro de partners de Microsoft.',
  1046: 'Formulário de oportunidade com a seção do Microsoft Partner Center.',
  2052: '包含 Microsoft 合作伙伴中心部分的商机窗体。',
};

export function columnInput(c: ResolvedColumn): ColumnInput {
  const base = {
    schemaName: c.schemaName,
    displayName: c.displayName,
    description: c.description,
    requiredLevel: c.requiredLevel,
    isAuditEnabled: c.isAuditEnabled,
  };
  switch (c.type) {
    case 'Boolean': {
      const label = (v: number, fallback: Labels) => c.options?.find((o) => o.value === v)?.label ?? fallback;
      return {
        ...base,
        type: 'boolean',
        trueLabel: label(1, YES),
        falseLabel: label(0, NO),
        defaultValue: c.defaultValue === true || c.defaultValue === 1,
      };
    }
    case 'String':
      return c.format === 'url'
        ? { ...base, type: 'url', maxLength: c.maxLength ?? 200 }
        : { ...base, type: 'string', maxLength: c.maxLength ?? 100 };
    case 'Memo':
      return { ...base, type: 'memo', maxLength: c.maxLength ?? 2000, format: 'textarea' };
    case 'DateTime':
      return c.format === 'date'
        ? { ...base, type: 'datetime', behavior: 'dateOnly', format: 'date' }
        : { ...base, type: 'datetime', behavior: 'userLocal', format: 'datetime' };
    case 'Picklist':
      return {
        ...base,
        type: 'picklist',
        options: (c.options ?? []).map((o) => ({ value: o.value, label: o.label })),
        ...(typeof c.defaultValue === 'number' ? { defaultValue: c.defaultValue } : {}),
      };
    case 'MultiSelectPicklist':
      return {
        ...base,
        type: 'multiselect',
        options: (c.options ?? []).map((o) => ({ value: o.value, label: o.label })),
      };
  }
}

function opportunityTable(schema: ResolvedSchema): SystemTableExtension {
  const n = schema.names;
  const p = schema.prefix;
  const control = (
    ctor: string,
    boundProperty: string,
    boundType: string,
    rest: Partial<CellControlBinding> = {},
  ): CellControlBinding => ({
    controlName: controlFullName(p, CONTROL_NAMESPACE, ctor),
    boundProperty,
    boundType,
    ...rest,
  });
  const status = schema.opportunity.columns.find((c) => c.logicalName === n.syncStatus)!;
  const statusValue = (api: string) => String(status.options?.find((o) => o.apiValue === api)?.value ?? '');
  const bindings: Record<string, CellControlBinding> = {
    [n.syncWithPartnerCenter]: control('SyncToggle', 'value', 'TwoOptions', {
      columnInputs: [
        { name: 'syncStatus', type: 'OptionSet', column: n.syncStatus },
        { name: 'lastSyncedOn', type: 'DateAndTime.DateAndTime', column: n.lastSyncedOn },
        { name: 'referralId', type: 'SingleLine.Text', column: n.referralIdentifier },
        { name: 'sharedWithMicrosoft', type: 'TwoOptions', column: n.sharedWithMicrosoftSellers },
        { name: 'audit', type: 'Multiple', column: n.audit },
      ],
      staticInputs: [
        { name: 'statusNotSyncedValue', type: 'Whole.None', value: statusValue('NotSynced') },
        { name: 'statusPendingValue', type: 'Whole.None', value: statusValue('Pending') },
        { name: 'statusSyncedValue', type: 'Whole.None', value: statusValue('Synced') },
        { name: 'statusErrorValue', type: 'Whole.None', value: statusValue('Error') },
      ],
    }),
    [n.referralLink]: control('ReferralLink', 'url', 'SingleLine.URL', {
      columnInputs: [{ name: 'referralId', type: 'SingleLine.Text', column: n.referralIdentifier }],
    }),
    [n.audit]: control('AuditTrail', 'audit', 'Multiple'),
  };
  // Columns the controls already show (status, last synced) and bookkeeping columns stay off the form.
  const shownByControls = new Set([n.syncStatus, n.lastSyncedOn]);
  const cells: FormCellInput[] = schema.opportunity.columns
    .filter((c) => !c.hiddenOnForm && !shownByControls.has(c.logicalName))
    .map((c) => ({
      column: c.logicalName,
      label: c.displayName,
      disabled: c.readOnlyOnForm,
      ...(bindings[c.logicalName] ? { control: bindings[c.logicalName] } : {}),
    }));
  return {
    kind: 'system',
    logicalName: 'opportunity',
    schemaName: 'Opportunity',
    displayName: OPPORTUNITY_LABELS,
    columns: schema.opportunity.columns.map(columnInput),
    keys: schema.alternateKeys
      .filter((k) => k.entityLogicalName === 'opportunity')
      .map((k) => ({ schemaName: k.schemaName, displayName: k.displayName, columns: k.keyAttributes })),
    forms: [
      {
        form: {
          kind: 'new',
          formId: guidFromName(`form:${p}:opportunity:cosell`),
          name: FORM_NAME,
          description: FORM_DESCRIPTION,
        },
        tab: { name: `${p}_partnercenter_tab`, label: SECTION },
        section: { name: `${p}_partnercenter`, label: SECTION },
        cells,
      },
    ],
  };
}

function customTables(schema: ResolvedSchema): CustomTableInput[] {
  return schema.tables.map((t) => {
    const primary = t.columns.find((c) => c.logicalName === t.primaryNameAttribute)!;
    return {
      kind: 'custom',
      schemaName: t.schemaName,
      displayName: t.displayName,
      pluralName: t.displayCollectionName,
      description: t.description,
      ownership: 'user',
      primaryName: {
        schemaName: primary.schemaName,
        displayName: primary.displayName,
        description: primary.description,
        maxLength: primary.maxLength ?? 200,
      },
      columns: t.columns.filter((c) => c !== primary).map(columnInput),
      keys: schema.alternateKeys
        .filter((k) => k.entityLogicalName === t.logicalName)
        .map((k) => ({ schemaName: k.schemaName, displayName: k.displayName, columns: k.keyAttributes })),
      forms: [],
    };
  });
}

function manyToMany(schema: ResolvedSchema): ManyToManyInput[] {
  return schema.manyToManyRelationships.map((r) => {
    const other = schema.tables.find(
      (t) => t.logicalName === r.entity2LogicalName || t.logicalName === r.entity1LogicalName,
    );
    return {
      schemaName: r.schemaName,
      entity1: r.entity1LogicalName,
      entity2: r.entity2LogicalName,
      entity1NavLabel:
        r.entity1LogicalName === 'opportunity'
          ? OPPORTUNITY_LABELS
          : (other?.displayCollectionName ?? OPPORTUNITY_LABELS),
      entity2NavLabel:
        r.entity2LogicalName === 'opportunity'
          ? OPPORTUNITY_LABELS
          : (other?.displayCollectionName ?? OPPORTUNITY_LABELS),
    };
  });
}

function environmentVariables(schema: ResolvedSchema): EnvironmentVariableInput[] {
  const type = { String: 'string', Number: 'number', Boolean: 'boolean', JSON: 'json' } as const;
  return schema.environmentVariables.map((v) => ({
    schemaName: v.schemaName,
    displayName: v.displayName,
    description: v.description,
    type: type[v.type],
    ...(v.defaultValue !== '' ? { defaultValue: v.defaultValue } : {}),
    isRequired: v.isRequired,
  }));
}

/** The packer's sources for everything the schema defines. */
export const schemaSources: SolutionSources = {
  tables: (config: CosellConfig): TableInput[] => {
    const schema = buildSchema(config);
    return [opportunityTable(schema), ...customTables(schema)];
  },
  manyToMany: (config) => manyToMany(buildSchema(config)),
  environmentVariables: (config) => environmentVariables(buildSchema(config)),
};

import {
  after,
  and,
  appendToArrayVariable,
  body,
  coalesce,
  compose,
  concat,
  connectorAction,
  empty,
  equals,
  type Expr,
  fn,
  type FlowSpec,
  iff,
  ifThen,
  initializeVariable,
  interp,
  item,
  items,
  not,
  or,
  outputs,
  query,
  scope,
  select,
  setVariable,
  variables,
  type ActionSpec,
} from '../builder';
import type { Json } from '../builder/types';
import { readSnapshot, snapshotOfReferral } from '../sync/snapshot';
import { jsonPair, objectFromPairs } from '../sync/json-text';
import { odataString, receiverFlow } from '../sync/receiver';
import { toDataverse } from '../sync/values';
import {
  createAuditEntry,
  crmValue,
  linkReferral,
  pcValue,
  shouldCreate,
  snapshotValue,
  statusChanged,
  threeWayCompare,
  updateAuditFields,
} from '../sync/referral-to-crm';
import { type D365SyncContext, env, mappedOn } from './context';
import { auditSteps, recordOnOpportunity } from './expressions';
import { referralLink } from '../sync/links';
import { crmCanonical, currencyExpand, pcCanonical } from './values';

/**
 * "Partner Center to Dynamics 365": the webhook receiver. Never trusts the body: it takes the referral
 * id from the resource URI and re-reads the referral. Creates or updates the opportunity by Referral
 * Identifier (alternate key), by the rules in docs/SYNC-DESIGN.md. Answers 200 when every referral was
 * handled, 5xx otherwise so Partner Center delivers the event again.
 */
export const PC_TO_D365 = 'Partner Center to Dynamics 365';

/**
 * The actions that bring one referral (the current item of `loop`) into Dynamics 365: find the
 * opportunity, then update it by the three-way compare, or create it (when `mayCreate` is true).
 * Failures are recorded on the opportunity's Audit and the referral id appended to the `Failures`
 * variable. Used by the webhook receiver and by reconciliation, so both behave the same.
 */
export function syncReferralActions(ctx: D365SyncContext, loop: string, mayCreate: Expr): ActionSpec[] {
  const c = ctx.columns;
  const dv = ctx.connections.dataverse;
  const pcConn = ctx.connections.referrals;
  const r = items(loop);
  const found = outputs('Found');
  const onOpportunity = mappedOn(ctx, 'opportunity').filter(({ m }) => m.direction !== 'toPartnerCenter');
  const updatable = onOpportunity.filter(({ m }) => !m.onCreateOnly);
  const onAccount = mappedOn(ctx, 'account').filter(({ m }) => m.direction !== 'toPartnerCenter');
  const keys = updatable.map(({ m }) => m.key);
  const column = (f: (typeof updatable)[number]): Expr =>
    f.m.dynamics365Setting ? env(ctx.env[f.m.dynamics365Setting]) : fn('string', f.column);
  /** What the CRM column takes for a mapped field, from the referral. */
  const crmWrite = (f: (typeof onOpportunity)[number]): { key: Expr; value: Expr } => {
    const canonicalValue = pcCanonical(r, f.m);
    if (f.m.transform.kind === 'currencyCode')
      return {
        key: concat(column(f), '@odata.bind'),
        value: concat('transactioncurrencies(', variables('Currency_id'), ')'),
      };
    if (f.m.transform.kind === 'enum') {
      // Partner Center holds one code; the CRM multi-select takes the matching option (or none).
      let v: Expr = fn('string', '');
      for (const opt of f.m.transform.values)
        v = iff(equals(canonicalValue, opt.partnerCenter), String(ctx.helpOptionValue(opt.crm)), v);
      return { key: column(f), value: iff(empty(v), null, v) };
    }
    return { key: column(f), value: toDataverse(f.m.transform, canonicalValue) };
  };
  const snapshotOf = (referral: Expr, fieldsExpr: Expr): Expr => snapshotOfReferral(referral, fieldsExpr);

  const currencyLookup = (name: string): ActionSpec[] => [
    connectorAction(name, dv, 'ListRecords', {
      entityName: 'transactioncurrencies',
      $select: 'transactioncurrencyid,isocurrencycode',
      $filter: interp`isocurrencycode eq '${odataString(coalesce(r.prop('details', 'currency'), env(ctx.env.defaultCurrency)))}'`,
      $top: 1,
    }),
    setVariable(
      `Keep_${name}`,
      'Currency_id',
      coalesce(fn('first', body(name).prop('value')).prop('transactioncurrencyid'), ''),
    ),
  ];

  // --- updating an existing opportunity -------------------------------------------------------
  const updateAudit = auditSteps(ctx, 'Update', found.prop(c.audit), updateAuditFields(r));
  const updatePath: ActionSpec[] = [
    compose('Snapshot', readSnapshot(found.prop(c.syncState))),
    compose('PC_values', Object.fromEntries(updatable.map((f) => [f.m.key, `@${pcCanonical(r, f.m).text}`])) as Json),
    compose(
      'CRM_values',
      Object.fromEntries(updatable.map((f) => [f.m.key, `@${crmCanonical(ctx, found, f.m, f.column).text}`])) as Json,
    ),
    ...threeWayCompare({
      keys,
      partnerCenterWins: updatable.filter(({ m }) => m.winner === 'partnerCenter').map(({ m }) => m.key),
      crmWins: updatable.filter(({ m }) => m.winner === 'crm').map(({ m }) => m.key),
      onceTrue: updatable.filter(({ m }) => m.onceTrue).map(({ m }) => m.key),
    }),
    // Accepted in Partner Center while the opportunity is on hold: move it to In Progress.
    compose('Accept_in_crm', and(equals(r.prop('status'), 'Active'), equals(found.prop('statuscode'), 2))),
    statusChanged(r),
    ifThen(
      'Something_to_write',
      or(not(empty(body('Take'))), not(empty(body('Crm_wins'))), outputs('Accept_in_crm'), outputs('Status_changed')),
      [
        initializeVariableFree('Reset_currency', 'Currency_id'),
        ifThen('Currency_changed', fn('contains', body('Take'), 'currency'), currencyLookup('Find_currency')),
        compose(
          'Columns_to_write',
          Object.fromEntries(
            updatable.map((f) => [f.m.key, `@${jsonPair(crmWrite(f).key, crmWrite(f).value).text}`]),
          ) as Json,
        ),
        select('Pairs', body('Take'), outputs('Columns_to_write').key(item())),
        compose(
          'Agreed',
          Object.fromEntries(
            updatable.map((f) => [
              f.m.key,
              `@${iff(or(fn('contains', body('Take'), f.m.key), equals(pcValue(lit(f.m.key)), crmValue(lit(f.m.key)))), pcValue(lit(f.m.key)), snapshotValue(lit(f.m.key))).text}`,
            ]),
          ) as Json,
        ),
        ...updateAudit.actions,
        compose(
          'Update_item',
          objectFromPairs(
            fn(
              'union',
              body('Pairs'),
              fn(
                'createArray',
                jsonPair(fn('string', c.syncState), fn('string', snapshotOf(r, outputs('Agreed')))),
                jsonPair(
                  fn('string', c.syncStatus),
                  iff(empty(body('Crm_wins')), ctx.syncStatus.synced, ctx.syncStatus.pending),
                ),
                jsonPair(fn('string', c.lastSynced), fn('utcNow')),
                jsonPair(fn('string', 'statuscode'), iff(outputs('Accept_in_crm'), 1, found.prop('statuscode'))),
                jsonPair(fn('string', c.audit), updateAudit.value),
              ),
            ),
          ),
        ),
        connectorAction('Update_opportunity', dv, 'UpdateRecord', {
          entityName: 'opportunities',
          recordId: found.prop('opportunityid'),
          item: outputs('Update_item'),
        }),
      ],
    ),
  ];

  // --- creating the opportunity for a new referral ---------------------------------------------
  const member = fn('first', r.prop('customerProfile', 'team'));
  const createPath: ActionSpec[] = [
    connectorAction('Find_account', dv, 'ListRecords', {
      entityName: 'accounts',
      $select: 'accountid',
      $filter: interp`name eq '${odataString(r.prop('customerProfile', 'name'))}' and address1_postalcode eq '${odataString(r.prop('customerProfile', 'address', 'postalCode'))}'`,
      $top: 1,
    }),
    ifThen(
      'Account_exists',
      not(empty(body('Find_account').prop('value'))),
      [setVariable('Keep_account', 'Account_id', fn('first', body('Find_account').prop('value')).prop('accountid'))],
      [
        compose(
          'Account_item',
          objectFromPairs(
            fn(
              'createArray',
              ...onAccount.map((f) => {
                const col = f.m.dynamics365Setting ? env(ctx.env[f.m.dynamics365Setting]) : fn('string', f.column);
                return jsonPair(col, toDataverse(f.m.transform, pcCanonical(r, f.m)));
              }),
            ),
          ),
        ),
        connectorAction('Create_account', dv, 'CreateRecord', {
          entityName: 'accounts',
          item: outputs('Account_item'),
        }),
        setVariable('Keep_new_account', 'Account_id', body('Create_account').prop('accountid')),
      ],
    ),
    ifThen('Has_customer_contact', not(empty(coalesce(member.prop('email'), member.prop('lastName'), ''))), [
      connectorAction('Create_contact', dv, 'CreateRecord', {
        entityName: 'contacts',
        'item/firstname': coalesce(member.prop('firstName'), ''),
        'item/lastname': coalesce(member.prop('lastName'), member.prop('email')),
        'item/emailaddress1': member.prop('email'),
        'item/telephone1': member.prop('phoneNumber'),
        'item/parentcustomerid_account@odata.bind': interp`accounts(${variables('Account_id')})`,
      }),
      setVariable('Keep_contact', 'Contact_id', body('Create_contact').prop('contactid')),
    ]),
    ...currencyLookup('Find_new_currency'),
    compose('New_agreed', Object.fromEntries(updatable.map((f) => [f.m.key, `@${pcCanonical(r, f.m).text}`])) as Json),
    createAuditEntry(r),
    // One short template per column keeps every expression far below the 8,192-character limit.
    compose('Create_pairs', [
      ...onOpportunity.map((f) => `@${jsonPair(crmWrite(f).key, crmWrite(f).value).text}`),
      `@${jsonPair(fn('string', c.referralId), r.prop('id')).text}`,
      `@${jsonPair(fn('string', c.referralLink), referralLink(r.prop('id'))).text}`,
      `@${jsonPair(fn('string', c.sync), fn('bool', true)).text}`,
      `@${jsonPair(fn('string', c.syncState), fn('string', snapshotOf(r, outputs('New_agreed')))).text}`,
      `@${jsonPair(fn('string', c.syncStatus), fn('int', String(ctx.syncStatus.synced))).text}`,
      `@${jsonPair(fn('string', c.lastSynced), fn('utcNow')).text}`,
      `@${jsonPair(fn('string', 'statuscode'), iff(equals(r.prop('status'), 'New'), 2, 1)).text}`,
      `@${jsonPair(fn('string', 'customerid_account@odata.bind'), concat('accounts(', variables('Account_id'), ')')).text}`,
      `@${jsonPair(fn('string', c.audit), outputs('Create_audit_entry')).text}`,
    ] as Json),
    compose(
      'Opportunity_item',
      objectFromPairs(
        fn(
          'union',
          outputs('Create_pairs'),
          iff(
            empty(variables('Contact_id')),
            fn('createArray'),
            fn(
              'createArray',
              jsonPair(fn('string', 'parentcontactid@odata.bind'), concat('contacts(', variables('Contact_id'), ')')),
            ),
          ),
        ),
      ),
    ),
    connectorAction('Create_opportunity', dv, 'CreateRecord', {
      entityName: 'opportunities',
      item: outputs('Opportunity_item'),
    }),
    linkReferral(pcConn, r, body('Create_opportunity').prop('opportunityid')),
  ];

  const perReferral: ActionSpec[] = [
    scope('Sync_one', [
      connectorAction('Find_opportunity', dv, 'ListRecords', {
        entityName: 'opportunities',
        $filter: interp`${c.referralId} eq '${odataString(r.prop('id'))}'`,
        $expand: currencyExpand(ctx),
        $top: 1,
      }),
      compose('Found', fn('first', body('Find_opportunity').prop('value'))),
      ifThen('Exists', not(empty(outputs('Found'))), updatePath, [
        ifThen('Should_create', shouldCreate(r, mayCreate, env(ctx.env.cosellOnly)), createPath),
      ]),
    ]),
    after(
      scope('Record_failure', [
        appendToArrayVariable('Remember_failure', 'Failures', r.prop('id')),
        query('Failed_in_Sync_one', fn('result', 'Sync_one'), equals(item().prop('status'), 'Failed')),
        ifThen('Opportunity_known', not(empty(outputs('Found'))), [
          ...recordOnOpportunity(
            ctx,
            'Record_error',
            outputs('Found').prop('opportunityid'),
            outputs('Found').prop(c.audit),
            { [c.syncStatus]: ctx.syncStatus.error },
            {
              direction: 'PartnerCenterToCrm',
              operation: 'Update',
              result: 'Failed',
              message: coalesce(
                fn('first', body('Failed_in_Sync_one')).prop('outputs', 'body', 'error', 'message'),
                fn('first', body('Failed_in_Sync_one')).prop('error', 'message'),
                'The update from Partner Center failed.',
              ),
              referralId: r.prop('id'),
            },
          ),
        ]),
      ]),
      { Sync_one: ['Failed', 'TimedOut'] },
    ),
  ];
  return perReferral;
}

/** Variables the per-referral actions use; the flow that hosts them initializes these at the top level. */
export function syncReferralVariables(): ActionSpec[] {
  return [
    initializeVariable('Init_failures', 'Failures', 'Array', fn('createArray')),
    initializeVariable('Init_account', 'Account_id', 'String', ''),
    initializeVariable('Init_contact', 'Contact_id', 'String', ''),
    initializeVariable('Init_currency', 'Currency_id', 'String', ''),
  ];
}

export function partnerCenterToDynamics365(ctx: D365SyncContext): FlowSpec {
  return receiverFlow({
    name: PC_TO_D365,
    description: 'Receives Partner Center referral events and brings each referral into Dynamics 365.',
    crm: ctx.connections.dataverse,
    referrals: ctx.connections.referrals,
    parameters: [
      ctx.env.dealValueColumn,
      ctx.env.dealCurrencyColumn,
      ctx.env.customerCountryColumn,
      ctx.env.cosellOnly,
      ctx.env.defaultCurrency,
    ],
    variables: syncReferralVariables(),
    perReferral: (loop, mayCreate) => syncReferralActions(ctx, loop, mayCreate),
  });
}

const lit = (s: string): Expr => fn('string', s);

/** Variables can't be initialized inside a loop; this resets one instead. */
function initializeVariableFree(name: string, variable: string): ActionSpec {
  return setVariable(name, variable, '');
}

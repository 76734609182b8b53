import {
  after,
  and,
  appendToArrayVariable,
  body,
  coalesce,
  compose,
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
import { targetStatus } from '../sync/status';
import { referralLink } from '../sync/links';
import {
  createAuditEntry,
  crmValue,
  linkReferral,
  notBackToFalse,
  pcValue,
  shouldCreate,
  snapshotValue,
  statusChanged,
  threeWayCompare,
  updateAuditFields,
} from '../sync/referral-to-crm';
import { env, sfMappedOn, type SfSyncContext } from './context';
import { auditSteps } from '../sync/audit';
import { receiverFlow } from '../sync/receiver';
import { odataString, recordOnOpportunity, sfState } from './expressions';
import { pcCanonical, sfValue, toSalesforce } from './values';

/**
 * "Partner Center to Salesforce": the webhook receiver. Takes the referral id from the resource URI and
 * re-reads the referral; creates the opportunity by upsert on Referral Identifier (the external id, so two
 * deliveries can't make two opportunities) or updates it by the three-way compare. Answers 200 when every
 * referral was handled, 5xx otherwise so Partner Center delivers the event again.
 */
export const PC_TO_SF = 'Partner Center to Salesforce';

const str = (s: string): Expr => fn('string', s);

/**
 * The actions that bring one referral (the current item of `loop`) into Salesforce. Failures are recorded
 * on the opportunity's Audit and the referral id appended to `Failures`. Shared by the receiver and
 * reconciliation.
 */
export function sfSyncReferralActions(ctx: SfSyncContext, loop: string, mayCreate: Expr): ActionSpec[] {
  const f = ctx.fields;
  const sf = ctx.connections.salesforce;
  const r = items(loop);
  const found = outputs('Found');
  const onOpportunity = sfMappedOn(ctx, 'Opportunity').filter(({ m }) => m.direction !== 'toPartnerCenter');
  const updatable = onOpportunity.filter(({ m }) => !m.onCreateOnly);
  const outgoing = sfMappedOn(ctx, 'Opportunity').filter(({ m }) => m.direction !== 'toCrm' && !m.onCreateOnly);
  const compared = [...updatable, ...outgoing.filter((o) => !updatable.some((u) => u.m.key === o.m.key))];
  const onAccount = sfMappedOn(ctx, 'Account').filter(({ m }) => m.direction !== 'toPartnerCenter');
  const keys = updatable.map(({ m }) => m.key);
  const onceTrue = compared.filter(({ m }) => m.onceTrue).map(({ m }) => m.key);
  /** What the Salesforce field takes for a mapped field, from the referral. */
  const sfWrite = (x: (typeof onOpportunity)[number]): Expr => {
    const v = toSalesforce(x.m.transform, pcCanonical(r, x.m));
    return x.m.transform.kind === 'currencyCode' ? coalesce(v, env(ctx.env.defaultCurrency)) : v;
  };
  const snapshotOf = (fieldsExpr: Expr, solutions: Expr): Expr => snapshotOfReferral(r, fieldsExpr, solutions);

  // --- updating an existing opportunity -------------------------------------------------------
  const updateAudit = auditSteps(ctx, 'Update', found.prop(f.audit), updateAuditFields(r));
  const updatePath: ActionSpec[] = [
    compose('Snapshot', readSnapshot(found.prop(f.syncState))),
    compose('PC_values', Object.fromEntries(compared.map((x) => [x.m.key, `@${pcCanonical(r, x.m).text}`])) as Json),
    compose(
      'CRM_values',
      Object.fromEntries(compared.map((x) => [x.m.key, `@${sfValue(found, x.m, x.field).text}`])) as Json,
    ),
    ...threeWayCompare({
      keys,
      partnerCenterWins: updatable.filter(({ m }) => m.winner === 'partnerCenter').map(({ m }) => m.key),
      crmWins: updatable.filter(({ m }) => m.winner === 'crm').map(({ m }) => m.key),
      onceTrue,
    }),
    // Seller changes not sent yet: our write below replaces LastModifiedById with the integration user, so
    // the polling trigger would skip them; Pending makes the CRM → PC flow send them.
    query(
      'Crm_unsent',
      fn('createArray', ...outgoing.map(({ m }) => m.key)),
      and(
        not(equals(crmValue(item()), snapshotValue(item()))),
        not(equals(crmValue(item()), pcValue(item()))),
        notBackToFalse(onceTrue, crmValue)(item()),
      ),
    ),
    compose(
      'Crm_status_unsent',
      not(equals(targetStatus(sfState(ctx, found), coalesce(r.prop('status'), 'Active')), '')),
    ),
    // Accepted in Partner Center while the opportunity is on hold: move it to the active stage.
    compose(
      'Accept_in_crm',
      and(equals(r.prop('status'), 'Active'), equals(found.prop('StageName'), env(ctx.env.onHoldStage))),
    ),
    statusChanged(r),
    ifThen(
      'Something_to_write',
      or(not(empty(body('Take'))), not(empty(body('Crm_wins'))), outputs('Accept_in_crm'), outputs('Status_changed')),
      [
        compose(
          'Fields_to_write',
          Object.fromEntries(updatable.map((x) => [x.m.key, `@${jsonPair(str(x.field), sfWrite(x)).text}`])) as Json,
        ),
        select('Pairs', body('Take'), outputs('Fields_to_write').key(item())),
        compose(
          'Agreed',
          Object.fromEntries(
            compared.map((x) => {
              const k = fn('string', x.m.key);
              const value = keys.includes(x.m.key)
                ? iff(
                    or(fn('contains', body('Take'), x.m.key), equals(pcValue(k), crmValue(k))),
                    pcValue(k),
                    snapshotValue(k),
                  )
                : outputs('Snapshot').prop('fields', x.m.key);
              return [x.m.key, `@${value.text}`];
            }),
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
                jsonPair(
                  str(f.syncState),
                  fn('string', snapshotOf(outputs('Agreed'), coalesce(outputs('Snapshot').prop('solutions'), ''))),
                ),
                jsonPair(
                  str(f.syncStatus),
                  iff(
                    or(not(empty(body('Crm_wins'))), not(empty(body('Crm_unsent'))), outputs('Crm_status_unsent')),
                    ctx.syncStatus.pending,
                    ctx.syncStatus.synced,
                  ),
                ),
                jsonPair(str(f.lastSynced), fn('utcNow')),
                jsonPair(
                  str('StageName'),
                  iff(outputs('Accept_in_crm'), env(ctx.env.activeStage), found.prop('StageName')),
                ),
                jsonPair(str(f.audit), updateAudit.value),
              ),
            ),
          ),
        ),
        connectorAction('Update_opportunity', sf, 'PatchItem_V3', {
          table: 'Opportunity',
          id: found.prop('Id'),
          item: outputs('Update_item'),
        }),
      ],
    ),
  ];

  // --- creating the opportunity for a new referral ---------------------------------------------
  const member = fn('first', r.prop('customerProfile', 'team'));
  const createPath: ActionSpec[] = [
    connectorAction('Find_account', sf, 'GetItems', {
      table: 'Account',
      $select: 'Id',
      $filter: interp`Name eq '${odataString(r.prop('customerProfile', 'name'))}' and BillingPostalCode eq '${odataString(r.prop('customerProfile', 'address', 'postalCode'))}'`,
      $top: 1,
    }),
    ifThen(
      'Account_exists',
      not(empty(body('Find_account').prop('value'))),
      [setVariable('Keep_account', 'Account_id', fn('first', body('Find_account').prop('value')).prop('Id'))],
      [
        compose(
          'Account_item',
          objectFromPairs(
            fn(
              'createArray',
              ...onAccount.map((x) => jsonPair(str(x.field), toSalesforce(x.m.transform, pcCanonical(r, x.m)))),
            ),
          ),
        ),
        connectorAction('Create_account', sf, 'PostItem_V2', { table: 'Account', item: outputs('Account_item') }),
        setVariable('Keep_new_account', 'Account_id', body('Create_account').prop('Id')),
      ],
    ),
    ifThen('Has_customer_contact', not(empty(coalesce(member.prop('email'), member.prop('lastName'), ''))), [
      connectorAction('Create_contact', sf, 'PostItem_V2', {
        table: 'Contact',
        'item/FirstName': member.prop('firstName'),
        'item/LastName': coalesce(member.prop('lastName'), member.prop('email')),
        'item/Email': member.prop('email'),
        'item/Phone': member.prop('phoneNumber'),
        'item/AccountId': variables('Account_id'),
      }),
      setVariable('Keep_contact', 'Contact_id', body('Create_contact').prop('Id')),
    ]),
    compose('New_agreed', Object.fromEntries(updatable.map((x) => [x.m.key, `@${pcCanonical(r, x.m).text}`])) as Json),
    createAuditEntry(r),
    compose('Create_pairs', [
      ...onOpportunity.map((x) => `@${jsonPair(str(x.field), sfWrite(x)).text}`),
      `@${jsonPair(str(f.referralLink), referralLink(r.prop('id'))).text}`,
      `@${jsonPair(str(f.sync), fn('bool', true)).text}`,
      `@${jsonPair(str(f.syncState), fn('string', snapshotOf(outputs('New_agreed'), str('')))).text}`,
      `@${jsonPair(str(f.syncStatus), str(ctx.syncStatus.synced)).text}`,
      `@${jsonPair(str(f.lastSynced), fn('utcNow')).text}`,
      `@${jsonPair(str('StageName'), iff(equals(r.prop('status'), 'New'), env(ctx.env.onHoldStage), env(ctx.env.activeStage))).text}`,
      `@${jsonPair(str('AccountId'), variables('Account_id')).text}`,
      `@${jsonPair(str(f.audit), outputs('Create_audit_entry')).text}`,
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
            fn('createArray', jsonPair(str('ContactId'), variables('Contact_id'))),
          ),
        ),
      ),
    ),
    // Upsert on the external id: a second delivery of the same new referral updates instead of duplicating.
    connectorAction('Create_opportunity', sf, 'PatchItemByExternalIdV2', {
      table: 'Opportunity',
      externalIdField: f.referralId,
      externalId: r.prop('id'),
      item: outputs('Opportunity_item'),
    }),
    linkReferral(ctx.connections.referrals, r, body('Create_opportunity').prop('Id')),
  ];

  return [
    scope('Sync_one', [
      connectorAction('Find_opportunity', sf, 'GetItems', {
        table: 'Opportunity',
        $filter: interp`${f.referralId} eq '${odataString(r.prop('id'))}'`,
        $top: 1,
      }),
      compose('Found', fn('first', body('Find_opportunity').prop('value'))),
      ifThen('Exists', not(empty(outputs('Found'))), updatePath, [
        ifThen('Should_create', shouldCreate(r, mayCreate, env(ctx.env.cosellOnly)), [
          setVariable('Reset_account', 'Account_id', ''),
          setVariable('Reset_contact', 'Contact_id', ''),
          ...createPath,
        ]),
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
            outputs('Found').prop('Id'),
            outputs('Found').prop(f.audit),
            { [f.syncStatus]: ctx.syncStatus.error },
            {
              direction: 'PartnerCenterToCrm',
              operation: 'Update',
              result: 'Failed',
              // Salesforce's own words from the write that failed (nested under the If branches).
              message: coalesce(
                ...['Update_opportunity', 'Create_account', 'Create_contact', 'Create_opportunity'].map((a) =>
                  fn('actions', a).prop('outputs', 'body', 'error', 'message'),
                ),
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
}

export function sfSyncReferralVariables(): ActionSpec[] {
  return [
    initializeVariable('Init_failures', 'Failures', 'Array', fn('createArray')),
    initializeVariable('Init_account', 'Account_id', 'String', ''),
    initializeVariable('Init_contact', 'Contact_id', 'String', ''),
  ];
}

/** Parameters the per-referral actions read. */
export function sfSyncReferralParameters(ctx: SfSyncContext) {
  return [ctx.env.onHoldStage, ctx.env.activeStage, ctx.env.cosellOnly, ctx.env.defaultCurrency];
}

export function partnerCenterToSalesforce(ctx: SfSyncContext): FlowSpec {
  return receiverFlow({
    name: PC_TO_SF,
    description: 'Receives Partner Center referral events and brings each referral into Salesforce.',
    crm: ctx.connections.salesforce,
    referrals: ctx.connections.referrals,
    parameters: sfSyncReferralParameters(ctx),
    variables: sfSyncReferralVariables(),
    perReferral: (loop, mayCreate) => sfSyncReferralActions(ctx, loop, mayCreate),
  });
}

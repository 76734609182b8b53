import {
  after,
  and,
  body,
  coalesce,
  compose,
  concat,
  connectorAction,
  empty,
  equals,
  type ActionSpec,
  type ConnectionSpec,
  type EnvParameterSpec,
  type Expr,
  fn,
  type FlowSpec,
  iff,
  ifThen,
  interp,
  item,
  not,
  or,
  outputs,
  query,
  scope,
  select,
  terminate,
  type TriggerSpec,
} from '../builder';
import type { Json } from '../builder/types';
import { ISO_3166_ALPHA2, ISO_4217 } from '../../connector/model';
import type { FieldMapping } from '../mapping';
import { referralLink } from './links';
import type { AuditFields } from './audit';
import { snapshotOfReferral } from './snapshot';
import { firstError } from './status';
import { toPartnerCenter } from './values';

/** What the shared part computes that a CRM's own checks may use. */
export interface CreateReferralTerms {
  /** The "How can Microsoft help?" value sent: not empty means a co-sell deal. */
  help: Expr;
  /** Whether the deal is shared with Microsoft sellers (asking for help shares it). */
  shared: Expr;
}

/**
 * "Create Co-sell Referral – <CRM> to Partner Center", the same for every CRM: when Sync with Partner Center is
 * on and the opportunity has no referral, validate first and never call Partner Center with data it would
 * refuse; find a referral already made for this opportunity (externalReferenceId) before creating one, so a
 * repeated trigger never makes a second referral; then link the opportunity with the snapshot, status and audit
 * entry (docs/SYNC-DESIGN.md). The CRM supplies the trigger, the reads, where each value is and its own checks.
 */
export interface CreateReferralSpec {
  name: string;
  crm: ConnectionSpec;
  referrals: ConnectionSpec;
  parameters: EnvParameterSpec[];
  trigger: TriggerSpec;
  /** Reads the opportunity; must be named `Get_opportunity`. */
  getOpportunity: ActionSpec;
  /** Further reads (account, contact, solutions) after the already-linked check. */
  readRelated: ActionSpec[];
  /** The mapped fields sent on create, each with its canonical CRM value. */
  fields: { m: FieldMapping; crmValue: Expr }[];
  /** Mapping keys of the Shared with Microsoft sellers and How can Microsoft help? fields. */
  keys: { shared: string; help: string };
  /** Columns or fields written on the opportunity when it is linked. */
  columns: {
    referralId: string;
    referralLink: string;
    syncStatus: string;
    lastSynced: string;
    shared: string;
    syncState: string;
  };
  syncStatus: { synced: number | string; error: number | string };
  opportunityId: Expr;
  /** The opportunity's Referral Identifier as read: someone else may have linked it meanwhile. */
  linkedReferralId: Expr;
  account: { name: Expr; street: Expr; city: Expr; state: Expr; postalCode: Expr; country: Expr };
  contact: { record: Expr; firstName: Expr; lastName: Expr; email: Expr; phone: Expr };
  /** The opportunity's Microsoft solutions (an array) and the property holding each one's solution id. */
  solutions: Expr;
  solutionIdProperty: string;
  defaultCountry: Expr;
  defaultCurrency: Expr;
  /** How the country check names the country ("customer's country", "customer's billing country"). */
  countryLabel: string;
  /** The CRM's own checks (deal value, close date, account, address, contact), each a message or null. */
  checks: (terms: CreateReferralTerms) => Expr[];
  /** Writes `values` and an audit entry on the opportunity, as actions named from `name`. */
  record: (
    name: string,
    values: Record<string, Expr | string | number | boolean | null>,
    entry: AuditFields,
  ) => ActionSpec[];
}

/** Sets `a/b/c` in a nested JSON object, creating the objects on the way. */
function setPath(target: { [k: string]: Json }, path: string, value: Json): void {
  const steps = path.split('/');
  let o = target;
  for (const step of steps.slice(0, -1)) {
    const next = o[step];
    if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) o[step] = {};
    o = o[step] as { [k: string]: Json };
  }
  o[steps[steps.length - 1]] = value;
}

export function createReferralFlow(spec: CreateReferralSpec): FlowSpec {
  const c = spec.columns;
  const pc = spec.referrals;
  const crmValue = (key: string) => outputs('CRM_values').prop(key);
  const currencyKey = spec.fields.find((f) => f.m.transform.kind === 'currencyCode')?.m.key ?? 'currency';
  const help = crmValue(spec.keys.help);
  const shared = or(equals(crmValue(spec.keys.shared), true), not(empty(help)));
  const country = fn('toUpper', coalesce(spec.account.country, spec.defaultCountry));
  const currency = iff(empty(crmValue(currencyKey)), spec.defaultCurrency, crmValue(currencyKey));
  const contact = spec.contact;

  // Each check is a message or null; the flow stops on any message, before calling Partner Center.
  const checks: Expr[] = [
    iff(
      fn('contains', fn('createArray', ...ISO_3166_ALPHA2), country),
      null,
      concat(`The ${spec.countryLabel} must be a two-letter ISO 3166 code (found '`, country, "')."),
    ),
    iff(
      fn('contains', fn('createArray', ...ISO_4217), currency),
      null,
      concat("The deal currency must be an ISO 4217 code (found '", currency, "')."),
    ),
    ...spec.checks({ help, shared }),
    iff(
      and(shared, empty(spec.solutions)),
      'At least one Microsoft solution is required to share the deal with Microsoft sellers.',
      null,
    ),
  ];

  const newReferral: { [k: string]: Json } = {
    externalReferenceId: `@${spec.opportunityId.text}`,
    type: `@${iff(empty(help), 'Independent', 'Shared').text}`,
    qualification: 'SalesQualified',
    customerProfile: {
      name: `@${spec.account.name.text}`,
      address: {
        addressLine1: `@${spec.account.street.text}`,
        city: `@${spec.account.city.text}`,
        state: `@${spec.account.state.text}`,
        postalCode: `@${spec.account.postalCode.text}`,
        country: `@${country.text}`,
      },
      team: `@${
        iff(
          empty(contact.record),
          fn('createArray'),
          fn(
            'createArray',
            fn(
              'setProperty',
              fn(
                'setProperty',
                fn(
                  'setProperty',
                  fn('setProperty', fn('json', '{}'), 'firstName', coalesce(contact.firstName, '')),
                  'lastName',
                  coalesce(contact.lastName, ''),
                ),
                'email',
                coalesce(contact.email, ''),
              ),
              'phoneNumber',
              coalesce(contact.phone, ''),
            ),
          ),
        ).text
      }`,
    },
    consent: { consentToContact: true, consentToToShareInfoWithOthers: true },
    details: { requirements: { solutions: `@${body('Solution_tags').text}` } },
  };
  // Every mapped field goes where the mapping puts it, from the values the flow sends.
  for (const { m } of spec.fields)
    setPath(newReferral, m.partnerCenter, `@${toPartnerCenter(m.transform, outputs('Sent_values').prop(m.key)).text}`);

  const linkBack = (referral: Expr, operation: string, message: Expr | string): ActionSpec[] =>
    spec.record(
      `Record_${operation.toLowerCase()}`,
      {
        [c.referralId]: referral.prop('id'),
        [c.referralLink]: referralLink(referral.prop('id')),
        [c.syncStatus]: spec.syncStatus.synced,
        [c.lastSynced]: fn('utcNow'),
        [c.shared]: shared,
        [c.syncState]: fn('string', snapshotOfReferral(referral, outputs('Sent_values'), outputs('Solutions_sent'))),
      },
      { direction: 'CrmToPartnerCenter', operation, result: 'Succeeded', message, referralId: referral.prop('id') },
    );

  const recordError = (name: string, message: Expr): ActionSpec[] => [
    ...spec.record(
      name,
      { [c.syncStatus]: spec.syncStatus.error },
      { direction: 'CrmToPartnerCenter', operation: 'Create', result: 'Failed', message },
    ),
    terminate(`Stop_${name.toLowerCase()}`, 'Failed', { code: 'ReferralNotCreated', message }),
  ];

  return {
    name: spec.name,
    description: 'Creates the Partner Center referral of an opportunity when Sync with Partner Center is turned on.',
    connections: [spec.crm, pc],
    parameters: spec.parameters,
    trigger: spec.trigger,
    actions: [
      spec.getOpportunity,
      // Someone else may have linked it meanwhile: the trigger fires on every update.
      ifThen('Already_linked', not(empty(spec.linkedReferralId)), [terminate('Nothing_to_create', 'Succeeded')]),
      ...spec.readRelated,
      compose('CRM_values', Object.fromEntries(spec.fields.map((f) => [f.m.key, `@${f.crmValue.text}`])) as Json),
      // What Partner Center will hold: asking for Microsoft's help shares the deal with Microsoft sellers.
      compose(
        'Sent_values',
        fn('setProperty', fn('setProperty', outputs('CRM_values'), spec.keys.shared, shared), currencyKey, currency),
      ),
      compose('Checks', fn('createArray', ...checks)),
      query('Problems', outputs('Checks'), not(equals(item(), null))),
      ifThen('Invalid', not(empty(body('Problems'))), recordError('Record_invalid', fn('join', body('Problems'), ' '))),
      select('Solution_tags', spec.solutions, { id: `@${item().prop(spec.solutionIdProperty).text}`, type: 'Name' }),
      select('Solution_ids', spec.solutions, item().prop(spec.solutionIdProperty)),
      // The solutions sent are part of the snapshot, so the solutions flow only writes when they change.
      compose('Solutions_sent', fn('join', fn('sort', body('Solution_ids')), ',')),
      scope('Try', [
        connectorAction('Find_existing', pc, 'ListReferrals', {
          $filter: interp`externalReferenceId eq '${spec.opportunityId}'`,
          $top: 1,
        }),
        ifThen(
          'Exists_in_Partner_Center',
          not(empty(body('Find_existing').prop('value'))),
          linkBack(
            fn('first', body('Find_existing').prop('value')),
            'Link',
            'Linked to the referral already in Partner Center.',
          ),
          [
            connectorAction('Create_referral', pc, 'CreateReferral', { body: newReferral }),
            ...linkBack(
              body('Create_referral'),
              'Create',
              concat(
                'Created in Partner Center as a ',
                iff(not(empty(help)), 'co-sell', iff(shared, 'partner-led', 'private')),
                ' deal.',
              ),
            ),
          ],
        ),
      ]),
      after(
        scope('Catch', [
          query('Failed_in_Try', fn('result', 'Try'), equals(item().prop('status'), 'Failed')),
          ...recordError('Record_failure', firstError('Try')),
        ]),
        { Try: ['Failed', 'TimedOut'] },
      ),
    ],
  };
}

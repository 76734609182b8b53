import { errors } from '../errors';
import type { EntityMetadata } from '../metadata/types';
import { compileFilter, type RowValues } from '../odata/filter-compile';
import { parseFilter } from '../odata/filter-parser';
import type { DataverseService } from '../service';
import type { ChangeEvent, LookupValue, SdkMessage } from '../store/store';

/**
 * The callbackregistration behind "When a row is added, modified or deleted", with the official enum values:
 * message 1 Added, 2 Deleted, 3 Modified, 4 Added or Modified, 5 Added or Deleted, 6 Modified or Deleted,
 * 7 all three; scope 1 User, 2 Business Unit, 3 Parent: Child business unit, 4 Organization;
 * runas 1 Modifying user, 2 Row owner, 3 Flow owner.
 */
export interface CallbackRegistration {
  entityName: string;
  message: number;
  scope: number;
  /** Logical column names; Update events fire only when the request named one of them. */
  filteringAttributes?: string[];
  /** OData filter the row must match (after the change; for Delete, as it was). */
  filterExpression?: string;
  runAs: number;
  /** systemuserid of the flow owner: scope User watches this user's rows; runas 3 runs as this user. */
  ownerId: string;
}

export interface ChangeNotification {
  sdkMessage: SdkMessage;
  entityLogicalName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  id: string;
  /** The row as the Web API returns it, with every annotation (Delete: the primary id only). */
  row: Record<string, unknown>;
  modifyingUserId: string;
  runAsUserId: string;
}

const MESSAGES: Record<number, SdkMessage[]> = {
  1: ['Create'],
  2: ['Delete'],
  3: ['Update'],
  4: ['Create', 'Update'],
  5: ['Create', 'Delete'],
  6: ['Update', 'Delete'],
  7: ['Create', 'Update', 'Delete'],
};

interface ActiveRegistration {
  registration: CallbackRegistration;
  entity: EntityMetadata;
  messages: Set<SdkMessage>;
  filtering?: Set<string>;
  filter?: (row: RowValues) => boolean;
  deliver: (n: ChangeNotification) => void;
}

function intIn(name: string, value: number, allowed: number[]): void {
  if (!Number.isInteger(value) || !allowed.includes(value)) {
    throw errors.invalidArgument(
      `subscriptionRequest/${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`,
    );
  }
}

/**
 * Change notifications for the local Dataverse. The sandbox has one organization with one business unit,
 * so scopes 2, 3 and 4 all see every row; scope 1 sees rows owned by the registration's owner.
 * Delivery is synchronous, right after the write commits and before the HTTP response is sent.
 */
export class ChangeFeed {
  private readonly active = new Set<ActiveRegistration>();

  constructor(private readonly service: DataverseService) {
    service.store.onChange((e) => this.dispatch(e));
  }

  /** Checks a registration (bad values throw a Dataverse error) and starts delivering; returns the unregister function. */
  register(registration: CallbackRegistration, deliver: (n: ChangeNotification) => void): () => void {
    const entity = this.service.entityByLogicalName(registration.entityName);
    if (!entity) {
      const bySet = this.service.store.model.bySetName.get(registration.entityName);
      throw errors.invalidArgument(
        `subscriptionRequest/entityname '${registration.entityName}' is not a table logical name${bySet ? `; use '${bySet.logicalName}' (the singular logical name), not the entity set name` : ''}.`,
      );
    }
    intIn('message', registration.message, [1, 2, 3, 4, 5, 6, 7]);
    intIn('scope', registration.scope, [1, 2, 3, 4]);
    intIn('runas', registration.runAs, [1, 2, 3]);
    this.service.checkCaller(registration.ownerId);
    let filtering: Set<string> | undefined;
    if (registration.filteringAttributes && registration.filteringAttributes.length > 0) {
      for (const a of registration.filteringAttributes) {
        if (!entity.attributes.has(a)) {
          throw errors.invalidArgument(
            `subscriptionRequest/filteringattributes names '${a}', which is not a column of '${entity.logicalName}'.`,
          );
        }
      }
      filtering = new Set(registration.filteringAttributes);
    }
    const filter =
      registration.filterExpression !== undefined && registration.filterExpression.trim() !== ''
        ? compileFilter(entity, parseFilter(registration.filterExpression))
        : undefined;
    const active: ActiveRegistration = {
      registration,
      entity,
      messages: new Set(MESSAGES[registration.message]),
      ...(filtering ? { filtering } : {}),
      ...(filter ? { filter } : {}),
      deliver,
    };
    this.active.add(active);
    return () => {
      this.active.delete(active);
    };
  }

  get registrationCount(): number {
    return this.active.size;
  }

  private dispatch(e: ChangeEvent): void {
    for (const a of [...this.active]) {
      if (a.entity !== e.entity || !a.messages.has(e.message)) continue;
      if (e.message === 'Update' && a.filtering && !e.requestedAttributes.some((c) => a.filtering!.has(c))) continue;
      const owner = (e.row.values.ownerid as LookupValue | undefined)?.id;
      if (a.registration.scope === 1 && owner !== a.registration.ownerId) continue;
      if (a.filter && !a.filter(e.row.values)) continue;
      const runAsUserId =
        a.registration.runAs === 1
          ? e.callerId
          : a.registration.runAs === 2
            ? (owner ?? e.callerId)
            : a.registration.ownerId;
      const row =
        e.message === 'Delete'
          ? { [e.entity.primaryIdAttribute]: e.id }
          : this.service.serialize(e.entity, e.row, { returnRepresentation: false, includeAnnotations: ['*'] });
      try {
        a.deliver({
          sdkMessage: e.message,
          entityLogicalName: e.entity.logicalName,
          entitySetName: e.entity.entitySetName,
          primaryIdAttribute: e.entity.primaryIdAttribute,
          id: e.id,
          row,
          modifyingUserId: e.callerId,
          runAsUserId,
        });
      } catch {
        // One subscriber's failure must not stop the others or the write.
      }
    }
  }
}

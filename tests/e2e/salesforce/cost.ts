import { connectorCalls, type FlowRun } from '../../../flows/runtime/engine';

/** What a set of runs cost: Power Platform requests, and calls to Partner Center and Salesforce. */
export interface SfCost {
  runs: number;
  billableActions: number;
  partnerCenterReads: number;
  partnerCenterWrites: number;
  salesforceReads: number;
  salesforceWrites: number;
}

const PC_READS = new Set(['GetReferral', 'ListReferrals', 'GetRegistration', 'ListEventTypes', 'GetValidationEvent']);
const SF_READS = new Set(['GetItems', 'GetItem_V2']);

export function sfCostOf(runs: readonly FlowRun[]): SfCost {
  const cost: SfCost = {
    runs: runs.length,
    billableActions: 0,
    partnerCenterReads: 0,
    partnerCenterWrites: 0,
    salesforceReads: 0,
    salesforceWrites: 0,
  };
  for (const run of runs) {
    cost.billableActions += run.billableActions;
    for (const call of connectorCalls(run)) {
      if (call.connectionName === 'shared_salesforce') {
        if (SF_READS.has(call.operationId)) cost.salesforceReads++;
        else cost.salesforceWrites++;
      } else if (PC_READS.has(call.operationId)) cost.partnerCenterReads++;
      else cost.partnerCenterWrites++;
    }
  }
  return cost;
}

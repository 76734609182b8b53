import { connectorCalls, type FlowRun } from '../../flows/runtime/engine';

/** What a set of runs cost: Power Platform requests and calls to each side, split into reads and writes. */
export interface Cost {
  runs: number;
  billableActions: number;
  partnerCenterReads: number;
  partnerCenterWrites: number;
  dataverseReads: number;
  dataverseWrites: number;
}

const PC_READS = new Set(['GetReferral', 'ListReferrals', 'GetRegistration', 'ListEventTypes', 'GetValidationEvent']);
const DV_READS = new Set(['GetItem', 'ListRecords']);

export function costOf(runs: readonly FlowRun[]): Cost {
  const cost: Cost = {
    runs: runs.length,
    billableActions: 0,
    partnerCenterReads: 0,
    partnerCenterWrites: 0,
    dataverseReads: 0,
    dataverseWrites: 0,
  };
  for (const run of runs) {
    cost.billableActions += run.billableActions;
    for (const call of connectorCalls(run)) {
      const dataverse = call.connectionName === 'shared_commondataserviceforapps';
      if (dataverse) {
        if (DV_READS.has(call.operationId)) cost.dataverseReads++;
        else cost.dataverseWrites++;
      } else if (PC_READS.has(call.operationId)) cost.partnerCenterReads++;
      else cost.partnerCenterWrites++;
    }
  }
  return cost;
}

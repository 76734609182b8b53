import type { CosellConfig } from '../../scripts/lib/config';
import { buildSchema, ENV_VAR_TYPES, type EnvironmentVariableDefinition, type LocalizedText } from '../schema';

/**
 * The environment variables of the Salesforce solution: the stage names and the integration user are
 * Salesforce's own (partner-center-api.md §7.4); the others are shared with the Dynamics 365 solution
 * and come from the same schema definitions, so both solutions describe them identically.
 */
const SALESFORCE_ONLY: {
  suffix: string;
  defaultValue: string;
  isRequired: boolean;
  displayName: LocalizedText;
  description: LocalizedText;
}[] = [
  {
    suffix: 'SfOnHoldStageName',
    defaultValue: 'On Hold',
    isRequired: true,
    displayName: {
      1033: 'On-hold stage name',
      3082: 'Nombre de la fase en espera',
      1046: 'Nome da fase em espera',
      2052: '暂停阶段名称',
    },
    description: {
      1033: 'Opportunity stage new referrals from Partner Center start in; moving an opportunity out of it accepts the referral.',
      3082: 'Fase de oportunidad en la que empiezan las referencias nuevas del Centro de partners; sacar una oportunidad de ella acepta la referencia.',
      1046: 'Fase da oportunidade em que começam as novas indicações do Partner Center; tirar uma oportunidade dela aceita a indicação.',
      2052: '来自合作伙伴中心的新推荐所处的商机阶段；将商机移出此阶段即接受该推荐。',
    },
  },
  {
    suffix: 'SfActiveStageName',
    defaultValue: 'Qualification',
    isRequired: true,
    displayName: {
      1033: 'Active stage name',
      3082: 'Nombre de la fase activa',
      1046: 'Nome da fase ativa',
      2052: '活动阶段名称',
    },
    description: {
      1033: 'Opportunity stage for accepted referrals: where referrals accepted in Partner Center are moved.',
      3082: 'Fase de oportunidad de las referencias aceptadas: adonde se mueven las aceptadas en el Centro de partners.',
      1046: 'Fase da oportunidade das indicações aceitas: para onde vão as aceitas no Partner Center.',
      2052: '已接受推荐的商机阶段：在合作伙伴中心接受的推荐会移至此阶段。',
    },
  },
  {
    suffix: 'SfIntegrationUserId',
    defaultValue: '',
    isRequired: true,
    displayName: {
      1033: 'Salesforce integration user id',
      3082: 'Id. del usuario de integración de Salesforce',
      1046: 'ID do usuário de integração do Salesforce',
      2052: 'Salesforce 集成用户 ID',
    },
    description: {
      1033: "Id of the Salesforce user the flows' Salesforce connection signs in as; changes made by this user never start a flow, so the sync does not loop.",
      3082: 'Id. del usuario de Salesforce con el que inicia sesión la conexión de Salesforce de los flujos; sus cambios nunca inician un flujo, así la sincronización no entra en bucle.',
      1046: 'ID do usuário do Salesforce com que a conexão do Salesforce dos fluxos entra; as alterações dele nunca iniciam um fluxo, assim a sincronização não entra em loop.',
      2052: '流的 Salesforce 连接所使用的 Salesforce 用户 ID；该用户所做的更改不会启动流，因此同步不会循环。',
    },
  },
];

/** Schema names of the shared variables, by role. */
export function salesforceEnvironmentVariables(config: CosellConfig): {
  all: EnvironmentVariableDefinition[];
  names: {
    onHoldStage: string;
    activeStage: string;
    integrationUserId: string;
    cosellOnly: string;
    defaultCountry: string;
    defaultCurrency: string;
    receiverUrl: string;
  };
} {
  const schema = buildSchema(config);
  const n = schema.names;
  const shared = [n.envSyncCosellOnly, n.envDefaultCountry, n.envDefaultCurrency, n.envWebhookReceiverUrl].map(
    (name) => {
      const v = schema.environmentVariables.find((e) => e.schemaName === name);
      if (!v) throw new Error(`Schema has no environment variable ${name}.`);
      return v;
    },
  );
  const own: EnvironmentVariableDefinition[] = SALESFORCE_ONLY.map((v) => ({
    schemaName: `${schema.prefix}_${v.suffix}`,
    type: 'String',
    typeCode: ENV_VAR_TYPES.String,
    defaultValue: v.defaultValue,
    isRequired: v.isRequired,
    displayName: v.displayName,
    description: v.description,
  }));
  return {
    all: [...own, ...shared],
    names: {
      onHoldStage: own[0].schemaName,
      activeStage: own[1].schemaName,
      integrationUserId: own[2].schemaName,
      cosellOnly: n.envSyncCosellOnly,
      defaultCountry: n.envDefaultCountry,
      defaultCurrency: n.envDefaultCurrency,
      receiverUrl: n.envWebhookReceiverUrl,
    },
  };
}

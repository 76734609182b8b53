import type { ColumnRule, ColumnType, EnvVarType, LocalizedText, ResolvedColumn } from './types';

/**
 * The one source of truth for what the solution adds to Dataverse, without prefixes. Names are suffixes:
 * `buildSchema` prepends the publisher's customization prefix, and option numbers `n` become
 * `optionValuePrefix * 10000 + n`.
 */

export interface OptionSpec {
  n: number;
  label: LocalizedText;
  apiValue?: string;
}

export interface ColumnSpec {
  /** Logical name suffix (lowercase); the logical name is `<prefix>_<suffix>`. */
  suffix: string;
  /** Schema name suffix (mixed case). */
  schemaSuffix: string;
  type: ColumnType;
  format?: ResolvedColumn['format'];
  maxLength?: number;
  requiredLevel?: ResolvedColumn['requiredLevel'];
  displayName: LocalizedText;
  description: LocalizedText;
  options?: OptionSpec[];
  /** Bit: true/false; picklist: option number n. */
  defaultValue?: boolean | number;
  readOnlyOnForm?: boolean;
  hiddenOnForm?: boolean;
  isAuditEnabled?: boolean;
  /** Rules with `otherColumn` given as a suffix. */
  rules?: ColumnRule[];
}

const YES_NO = {
  yes: { 1033: 'Yes', 3082: 'Sí', 1046: 'Sim', 2052: '是' },
  no: { 1033: 'No', 3082: 'No', 1046: 'Não', 2052: '否' },
} as const satisfies Record<string, LocalizedText>;
export const BOOLEAN_LABELS = YES_NO;

/** Characters kept in the Audit column; the flows drop the oldest entries to stay under it. */
export const AUDIT_MAX_LENGTH = 100000;
/** Characters of the hidden sync-state column (JSON with the last synced hashes). */
export const SYNC_STATE_MAX_LENGTH = 10000;
export const REFERRAL_LINK_MAX_LENGTH = 1000;

export const OPPORTUNITY_COLUMNS: readonly ColumnSpec[] = [
  {
    suffix: 'syncwithpartnercenter',
    schemaSuffix: 'SyncWithPartnerCenter',
    type: 'Boolean',
    defaultValue: false,
    displayName: {
      1033: 'Sync with Partner Center',
      3082: 'Sincronizar con el Centro de partners',
      1046: 'Sincronizar com o Partner Center',
      2052: '与合作伙伴中心同步',
    },
    description: {
      1033: 'Yes shares this opportunity with Microsoft Partner Center and keeps it in sync.',
      3082: 'Sí comparte esta oportunidad con el Centro de partners de Microsoft y la mantiene sincronizada.',
      1046: 'Sim compartilha esta oportunidade com o Microsoft Partner Center e a mantém sincronizada.',
      2052: '选择“是”可将此商机共享到 Microsoft 合作伙伴中心并保持同步。',
    },
  },
  {
    suffix: 'referralidentifier',
    schemaSuffix: 'ReferralIdentifier',
    type: 'String',
    format: 'text',
    maxLength: 100,
    readOnlyOnForm: true,
    displayName: {
      1033: 'Referral Identifier',
      3082: 'Identificador de referencia',
      1046: 'Identificador da indicação',
      2052: '推荐标识符',
    },
    description: {
      1033: 'Identifier of the Partner Center referral linked to this opportunity. Set by the sync; read-only.',
      3082: 'Identificador de la referencia del Centro de partners vinculada a esta oportunidad. Lo establece la sincronización; solo lectura.',
      1046: 'Identificador da indicação do Partner Center vinculada a esta oportunidade. Definido pela sincronização; somente leitura.',
      2052: '与此商机关联的合作伙伴中心推荐的标识符。由同步设置；只读。',
    },
  },
  {
    suffix: 'referrallink',
    schemaSuffix: 'ReferralLink',
    type: 'String',
    format: 'url',
    maxLength: REFERRAL_LINK_MAX_LENGTH,
    readOnlyOnForm: true,
    displayName: { 1033: 'Referral Link', 3082: 'Vínculo de referencia', 1046: 'Link da indicação', 2052: '推荐链接' },
    description: {
      1033: 'Link to the referral in Partner Center.',
      3082: 'Vínculo a la referencia en el Centro de partners.',
      1046: 'Link para a indicação no Partner Center.',
      2052: '指向合作伙伴中心中该推荐的链接。',
    },
  },
  {
    suffix: 'howcanmicrosofthelp',
    schemaSuffix: 'HowCanMicrosoftHelp',
    type: 'MultiSelectPicklist',
    displayName: {
      1033: 'How can Microsoft help?',
      3082: '¿Cómo puede ayudar Microsoft?',
      1046: 'Como a Microsoft pode ajudar?',
      2052: 'Microsoft 可以提供哪些帮助？',
    },
    description: {
      1033: 'Help requested from Microsoft. Any value makes this a co-sell referral, which needs a customer contact; leave empty for a referral without co-sell.',
      3082: 'Ayuda solicitada a Microsoft. Cualquier valor convierte esta oportunidad en una referencia de venta conjunta, que requiere un contacto del cliente; déjelo vacío para una referencia sin venta conjunta.',
      1046: 'Ajuda solicitada à Microsoft. Qualquer valor torna esta uma indicação de venda conjunta, que exige um contato do cliente; deixe vazio para uma indicação sem venda conjunta.',
      2052: '向 Microsoft 请求的帮助。选择任意值即成为共同销售推荐（需要客户联系人）；留空则为非共同销售推荐。',
    },
    // n follows the numeric codes of Partner Center's bulk upload (1-6); apiValue is InviteContext.assistanceRequestCode.
    options: [
      {
        n: 1,
        apiValue: 'WorkloadSpecificValueProposition',
        label: {
          1033: 'Workload-specific value proposition',
          3082: 'Propuesta de valor específica de la carga de trabajo',
          1046: 'Proposta de valor específica da carga de trabalho',
          2052: '特定工作负载的价值主张',
        },
      },
      {
        n: 2,
        apiValue: 'CustomerTechnicalArchitecture',
        label: {
          1033: 'Customer technical architecture',
          3082: 'Arquitectura técnica del cliente',
          1046: 'Arquitetura técnica do cliente',
          2052: '客户技术架构',
        },
      },
      {
        n: 3,
        apiValue: 'ProofOfConceptOrDemo',
        label: {
          1033: 'Proof of concept/Demo',
          3082: 'Prueba de concepto/Demostración',
          1046: 'Prova de conceito/Demonstração',
          2052: '概念证明/演示',
        },
      },
      {
        n: 4,
        apiValue: 'QuotesOrLicensing',
        label: {
          1033: 'Quotes and licensing',
          3082: 'Presupuestos y licencias',
          1046: 'Cotações e licenciamento',
          2052: '报价和许可',
        },
      },
      {
        n: 5,
        apiValue: 'PostSalesCustomerSuccess',
        label: {
          1033: 'Post-sales customer success',
          3082: 'Éxito del cliente posventa',
          1046: 'Sucesso do cliente pós-venda',
          2052: '售后客户成功',
        },
      },
      {
        n: 6,
        apiValue: 'GeneralOrOther',
        label: { 1033: 'General or other', 3082: 'General u otro', 1046: 'Geral ou outro', 2052: '常规或其他' },
      },
    ],
  },
  {
    suffix: 'sharedwithmicrosoftsellers',
    schemaSuffix: 'SharedWithMicrosoftSellers',
    type: 'Boolean',
    defaultValue: false,
    displayName: {
      1033: 'Shared with Microsoft sellers',
      3082: 'Compartido con los vendedores de Microsoft',
      1046: 'Compartilhado com vendedores da Microsoft',
      2052: '已与 Microsoft 销售人员共享',
    },
    description: {
      1033: 'Yes makes the referral visible to Microsoft sellers. Once Yes it cannot be set back to No; it becomes Yes when help is requested from Microsoft.',
      3082: 'Sí hace visible la referencia para los vendedores de Microsoft. Una vez en Sí no se puede volver a No; pasa a Sí cuando se solicita ayuda a Microsoft.',
      1046: 'Sim torna a indicação visível para os vendedores da Microsoft. Depois de Sim não pode voltar a Não; passa a Sim quando é solicitada ajuda à Microsoft.',
      2052: '选择“是”后，Microsoft 销售人员可以看到该推荐。一旦设为“是”便无法改回“否”；请求 Microsoft 帮助时会自动设为“是”。',
    },
    rules: [
      {
        kind: 'onceTrueNeverFalse',
        description: 'Partner Center: after the referral is made visible to Microsoft sellers it cannot be reverted.',
      },
      {
        kind: 'trueWhenOtherHasValue',
        otherColumn: 'howcanmicrosofthelp',
        description: 'Partner Center forces visibility to Microsoft sellers when help is requested from Microsoft.',
      },
    ],
  },
  {
    suffix: 'microsoftcrmidentifier',
    schemaSuffix: 'MicrosoftCrmIdentifier',
    type: 'String',
    format: 'text',
    maxLength: 100,
    readOnlyOnForm: true,
    displayName: {
      1033: 'Microsoft CRM Identifier',
      3082: 'Identificador de CRM de Microsoft',
      1046: 'Identificador do CRM da Microsoft',
      2052: 'Microsoft CRM 标识符',
    },
    description: {
      1033: "Identifier of this deal in Microsoft's CRM, set once Microsoft accepts the co-sell referral. Read-only.",
      3082: 'Identificador de este acuerdo en el CRM de Microsoft, establecido cuando Microsoft acepta la referencia de venta conjunta. Solo lectura.',
      1046: 'Identificador deste negócio no CRM da Microsoft, definido quando a Microsoft aceita a indicação de venda conjunta. Somente leitura.',
      2052: 'Microsoft 接受共同销售推荐后，此交易在 Microsoft CRM 中的标识符。只读。',
    },
  },
  {
    suffix: 'syncstatus',
    schemaSuffix: 'SyncStatus',
    type: 'Picklist',
    defaultValue: 0,
    readOnlyOnForm: true,
    displayName: {
      1033: 'Sync status',
      3082: 'Estado de sincronización',
      1046: 'Status da sincronização',
      2052: '同步状态',
    },
    description: {
      1033: 'State of the last synchronization with Partner Center.',
      3082: 'Estado de la última sincronización con el Centro de partners.',
      1046: 'Estado da última sincronização com o Partner Center.',
      2052: '与合作伙伴中心上次同步的状态。',
    },
    options: [
      {
        n: 0,
        apiValue: 'NotSynced',
        label: { 1033: 'Not synced', 3082: 'No sincronizado', 1046: 'Não sincronizado', 2052: '未同步' },
      },
      { n: 1, apiValue: 'Pending', label: { 1033: 'Pending', 3082: 'Pendiente', 1046: 'Pendente', 2052: '待处理' } },
      {
        n: 2,
        apiValue: 'Synced',
        label: { 1033: 'Synced', 3082: 'Sincronizado', 1046: 'Sincronizado', 2052: '已同步' },
      },
      { n: 3, apiValue: 'Error', label: { 1033: 'Error', 3082: 'Error', 1046: 'Erro', 2052: '错误' } },
    ],
  },
  {
    suffix: 'lastsyncedon',
    schemaSuffix: 'LastSyncedOn',
    type: 'DateTime',
    format: 'datetime',
    readOnlyOnForm: true,
    displayName: {
      1033: 'Last synced on',
      3082: 'Última sincronización el',
      1046: 'Última sincronização em',
      2052: '上次同步时间',
    },
    description: {
      1033: 'Date and time of the last successful synchronization with Partner Center.',
      3082: 'Fecha y hora de la última sincronización correcta con el Centro de partners.',
      1046: 'Data e hora da última sincronização bem-sucedida com o Partner Center.',
      2052: '上次成功与合作伙伴中心同步的日期和时间。',
    },
  },
  {
    suffix: 'audit',
    schemaSuffix: 'Audit',
    type: 'Memo',
    format: 'textarea',
    maxLength: AUDIT_MAX_LENGTH,
    readOnlyOnForm: true,
    isAuditEnabled: false,
    displayName: { 1033: 'Audit', 3082: 'Auditoría', 1046: 'Auditoria', 2052: '审核' },
    description: {
      1033: 'Sync audit trail: newest entries kept, oldest dropped. Read-only.',
      3082: 'Registro de auditoría de la sincronización: se conservan las entradas más recientes y se descartan las más antiguas. Solo lectura.',
      1046: 'Trilha de auditoria da sincronização: as entradas mais recentes são mantidas e as mais antigas descartadas. Somente leitura.',
      2052: '同步审核记录：保留最新条目，丢弃最旧条目。只读。',
    },
  },
  {
    suffix: 'syncstate',
    schemaSuffix: 'SyncState',
    type: 'Memo',
    format: 'text',
    maxLength: SYNC_STATE_MAX_LENGTH,
    hiddenOnForm: true,
    isAuditEnabled: false,
    displayName: {
      1033: 'Sync state',
      3082: 'Estado interno de sincronización',
      1046: 'Estado interno da sincronização',
      2052: '同步内部状态',
    },
    description: {
      1033: 'Internal bookkeeping of the sync (echo suppression). Do not edit.',
      3082: 'Datos internos de la sincronización (supresión de eco). No editar.',
      1046: 'Dados internos da sincronização (supressão de eco). Não editar.',
      2052: '同步的内部记录（防止回声更新）。请勿编辑。',
    },
  },
];

export const MICROSOFT_SOLUTION_TABLE = {
  suffix: 'microsoftsolution',
  schemaSuffix: 'MicrosoftSolution',
  displayName: {
    1033: 'Microsoft Solution',
    3082: 'Solución de Microsoft',
    1046: 'Solução Microsoft',
    2052: 'Microsoft 解决方案',
  },
  displayCollectionName: {
    1033: 'Microsoft Solutions',
    3082: 'Soluciones de Microsoft',
    1046: 'Soluções Microsoft',
    2052: 'Microsoft 解决方案',
  },
  description: {
    1033: 'A co-sell-ready or Microsoft solution attached to opportunities shared with Partner Center.',
    3082: 'Solución de Microsoft o lista para venta conjunta asociada a oportunidades compartidas con el Centro de partners.',
    1046: 'Solução Microsoft ou pronta para venda conjunta associada a oportunidades compartilhadas com o Partner Center.',
    2052: '附加到与合作伙伴中心共享的商机的可共同销售解决方案或 Microsoft 解决方案。',
  },
  columns: [
    {
      suffix: 'name',
      schemaSuffix: 'Name',
      type: 'String',
      format: 'text',
      maxLength: 200,
      requiredLevel: 'required',
      displayName: { 1033: 'Name', 3082: 'Nombre', 1046: 'Nome', 2052: '名称' },
      description: {
        1033: 'Name of the solution.',
        3082: 'Nombre de la solución.',
        1046: 'Nome da solução.',
        2052: '解决方案的名称。',
      },
    },
    {
      suffix: 'solutionid',
      schemaSuffix: 'SolutionId',
      type: 'String',
      format: 'text',
      maxLength: 100,
      requiredLevel: 'required',
      displayName: { 1033: 'Solution ID', 3082: 'Id. de solución', 1046: 'ID da solução', 2052: '解决方案 ID' },
      description: {
        1033: 'Partner Center solution identifier, such as SOL-...',
        3082: 'Identificador de solución del Centro de partners, como SOL-...',
        1046: 'Identificador da solução no Partner Center, como SOL-...',
        2052: '合作伙伴中心解决方案标识符，例如 SOL-...',
      },
    },
    {
      suffix: 'solutiontype',
      schemaSuffix: 'SolutionType',
      type: 'Picklist',
      defaultValue: 2,
      displayName: { 1033: 'Solution type', 3082: 'Tipo de solución', 1046: 'Tipo de solução', 2052: '解决方案类型' },
      description: {
        1033: 'How Partner Center identifies the solution (solutions[].type).',
        3082: 'Cómo identifica la solución el Centro de partners (solutions[].type).',
        1046: 'Como o Partner Center identifica a solução (solutions[].type).',
        2052: '合作伙伴中心识别该解决方案的方式 (solutions[].type)。',
      },
      options: [
        { n: 0, apiValue: 'None', label: { 1033: 'None', 3082: 'Ninguno', 1046: 'Nenhum', 2052: '无' } },
        { n: 1, apiValue: 'Category', label: { 1033: 'Category', 3082: 'Categoría', 1046: 'Categoria', 2052: '类别' } },
        { n: 2, apiValue: 'Name', label: { 1033: 'Name', 3082: 'Nombre', 1046: 'Nome', 2052: '名称' } },
      ],
    },
  ] satisfies ColumnSpec[],
} as const;

export const ALTERNATE_KEY_LABELS = {
  referralIdentifier: {
    1033: 'Referral Identifier key',
    3082: 'Clave de identificador de referencia',
    1046: 'Chave do identificador da indicação',
    2052: '推荐标识符键',
  },
  solutionId: {
    1033: 'Solution ID key',
    3082: 'Clave de Id. de solución',
    1046: 'Chave do ID da solução',
    2052: '解决方案 ID 键',
  },
} as const satisfies Record<string, LocalizedText>;

export interface EnvVarSpec {
  schemaSuffix: string;
  type: EnvVarType;
  /** A fixed default, or one read from the config. */
  defaultValue: string | { fromConfig: 'defaults.country' | 'defaults.currency' };
  displayName: LocalizedText;
  description: LocalizedText;
}

export const ENVIRONMENT_VARIABLES: readonly EnvVarSpec[] = [
  {
    schemaSuffix: 'DealValueColumn',
    type: 'String',
    defaultValue: 'estimatedvalue',
    displayName: {
      1033: 'Deal value column',
      3082: 'Columna del valor del acuerdo',
      1046: 'Coluna do valor do negócio',
      2052: '交易价值列',
    },
    description: {
      1033: 'Logical name of the opportunity column that holds the deal value.',
      3082: 'Nombre lógico de la columna de la oportunidad que contiene el valor del acuerdo.',
      1046: 'Nome lógico da coluna da oportunidade que contém o valor do negócio.',
      2052: '保存交易价值的商机列的逻辑名称。',
    },
  },
  {
    schemaSuffix: 'DealCurrencyColumn',
    type: 'String',
    defaultValue: 'transactioncurrencyid',
    displayName: {
      1033: 'Deal currency column',
      3082: 'Columna de la divisa del acuerdo',
      1046: 'Coluna da moeda do negócio',
      2052: '交易货币列',
    },
    description: {
      1033: 'Logical name of the opportunity lookup column that holds the deal currency.',
      3082: 'Nombre lógico de la columna de búsqueda de la oportunidad que contiene la divisa del acuerdo.',
      1046: 'Nome lógico da coluna de pesquisa da oportunidade que contém a moeda do negócio.',
      2052: '保存交易货币的商机查找列的逻辑名称。',
    },
  },
  {
    schemaSuffix: 'CustomerCountryColumn',
    type: 'String',
    defaultValue: 'address1_country',
    displayName: {
      1033: 'Customer country column',
      3082: 'Columna del país del cliente',
      1046: 'Coluna do país do cliente',
      2052: '客户国家/地区列',
    },
    description: {
      1033: "Logical name of the account column that holds the customer's two-letter country code.",
      3082: 'Nombre lógico de la columna de la cuenta que contiene el código de país de dos letras del cliente.',
      1046: 'Nome lógico da coluna da conta que contém o código de país de duas letras do cliente.',
      2052: '保存客户两字母国家/地区代码的客户列的逻辑名称。',
    },
  },
  {
    schemaSuffix: 'SyncCosellOpportunitiesOnly',
    type: 'Boolean',
    defaultValue: 'no',
    displayName: {
      1033: 'Sync co-sell opportunities only',
      3082: 'Sincronizar solo oportunidades de venta conjunta',
      1046: 'Sincronizar somente oportunidades de venda conjunta',
      2052: '仅同步共同销售商机',
    },
    description: {
      1033: 'Yes syncs only co-sell referrals from Partner Center; No syncs every referral, leads included.',
      3082: 'Sí sincroniza solo las referencias de venta conjunta del Centro de partners; No sincroniza todas las referencias, incluidos los clientes potenciales.',
      1046: 'Sim sincroniza somente as indicações de venda conjunta do Partner Center; Não sincroniza todas as indicações, incluindo leads.',
      2052: '选择“是”仅同步来自合作伙伴中心的共同销售推荐；选择“否”同步所有推荐（包括潜在顾客）。',
    },
  },
  {
    schemaSuffix: 'DefaultCountry',
    type: 'String',
    defaultValue: { fromConfig: 'defaults.country' },
    displayName: {
      1033: 'Default customer country',
      3082: 'País predeterminado del cliente',
      1046: 'País padrão do cliente',
      2052: '默认客户国家/地区',
    },
    description: {
      1033: "ISO 3166-1 two-letter country code used when the customer's country cannot be read.",
      3082: 'Código de país ISO 3166-1 de dos letras que se usa cuando no se puede leer el país del cliente.',
      1046: 'Código de país ISO 3166-1 de duas letras usado quando o país do cliente não pode ser lido.',
      2052: '无法读取客户国家/地区时使用的 ISO 3166-1 两字母国家/地区代码。',
    },
  },
  {
    schemaSuffix: 'DefaultCurrency',
    type: 'String',
    defaultValue: { fromConfig: 'defaults.currency' },
    displayName: {
      1033: 'Default deal currency',
      3082: 'Divisa predeterminada del acuerdo',
      1046: 'Moeda padrão do negócio',
      2052: '默认交易货币',
    },
    description: {
      1033: "ISO 4217 currency code used when the deal's currency cannot be read.",
      3082: 'Código de divisa ISO 4217 que se usa cuando no se puede leer la divisa del acuerdo.',
      1046: 'Código de moeda ISO 4217 usado quando a moeda do negócio não pode ser lida.',
      2052: '无法读取交易货币时使用的 ISO 4217 货币代码。',
    },
  },
  {
    schemaSuffix: 'WebhookReceiverUrl',
    type: 'String',
    defaultValue: '',
    displayName: {
      1033: 'Webhook receiver URL',
      3082: 'URL del receptor de webhooks',
      1046: 'URL do receptor de webhooks',
      2052: 'Webhook 接收方 URL',
    },
    description: {
      1033: 'The URL of the trigger of the Partner Center to Dynamics 365 flow; reconciliation checks that Partner Center events still go there.',
      3082: 'La URL del desencadenador del flujo Partner Center to Dynamics 365; la conciliación comprueba que los eventos del Centro de partners sigan llegando allí.',
      1046: 'A URL do gatilho do fluxo Partner Center to Dynamics 365; a reconciliação verifica se os eventos do Partner Center continuam chegando lá.',
      2052: '“Partner Center to Dynamics 365”流的触发器 URL；对账流程会检查合作伙伴中心事件是否仍发送到该地址。',
    },
  },
  {
    schemaSuffix: 'DisplayCheckMark',
    type: 'Boolean',
    defaultValue: 'no',
    displayName: {
      1033: 'Display check mark in opportunity name',
      3082: 'Mostrar marca de verificación en el nombre de la oportunidad',
      1046: 'Exibir marca de seleção no nome da oportunidade',
      2052: '在商机名称中显示复选标记',
    },
    description: {
      1033: 'Yes appends ✔ (synced) or ✖ (sync failed) to the opportunity name.',
      3082: 'Sí agrega ✔ (sincronizada) o ✖ (error de sincronización) al nombre de la oportunidad.',
      1046: 'Sim acrescenta ✔ (sincronizada) ou ✖ (falha na sincronização) ao nome da oportunidade.',
      2052: '选择“是”会在商机名称后追加 ✔（已同步）或 ✖（同步失败）。',
    },
  },
];

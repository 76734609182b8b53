import { resolveConfig, type CosellConfig } from '../../scripts/lib/config';
import type {
  ConnectionReferenceInput,
  ConnectorInput,
  ControlInput,
  EnvironmentVariableInput,
  ManyToManyInput,
  SolutionContents,
  TableInput,
  WorkflowInput,
} from './model';
import { sameLabels } from './model';
import { API_PATH, connectorLogicalName, customConnectorApiName } from './names';
import { attr, child, parseXml, XmlParseError } from './xml-parse';

/**
 * The adapter from the build (config + earlier artifacts in dist/) to the contents model. The parts
 * that are not files in dist/ (the Dataverse schema, extra connection references) come in through
 * `SolutionSources`, so the schema, controls and flows plug in without the packer knowing them.
 */
export interface SolutionSources {
  tables?: (config: CosellConfig) => readonly TableInput[];
  manyToMany?: (config: CosellConfig) => readonly ManyToManyInput[];
  environmentVariables?: (config: CosellConfig) => readonly EnvironmentVariableInput[];
  /** Connection references beyond Dataverse and one per custom connector (e.g. Salesforce). */
  connectionReferences?: (config: CosellConfig) => readonly ConnectionReferenceInput[];
}

export const DATAVERSE_API_NAME = 'shared_commondataserviceforapps';

/** Connection reference logical name: `<prefix>_` + the name's letters and digits (case kept, §3.9). */
export function connectionReferenceLogicalName(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '')}`;
}

/** Dataverse plus one connection reference per custom connector, the names flows must use. */
export function coreConnectionReferences(
  config: CosellConfig,
  connectors: readonly ConnectorInput[],
): ConnectionReferenceInput[] {
  const prefix = config.publisher.customizationPrefix;
  return [
    {
      logicalName: connectionReferenceLogicalName(prefix, 'Dataverse'),
      displayName: `${config.solution.displayName}: Dataverse`,
      description: 'Dataverse (current environment), used by the flows to read and write opportunities.',
      connectorId: `${API_PATH}${DATAVERSE_API_NAME}`,
    },
    ...connectors.map((c) => ({
      logicalName: connectionReferenceLogicalName(prefix, c.displayName),
      displayName: `${config.solution.displayName}: ${c.displayName}`,
      description: `${c.displayName} custom connector, signed in as a Partner Center Referrals admin.`,
      connectorId: `${API_PATH}${customConnectorApiName(connectorLogicalName(prefix, c.displayName))}`,
    })),
  ];
}

const readJson = (artifacts: ReadonlyMap<string, Buffer>, path: string): unknown => {
  const bytes = artifacts.get(path);
  if (!bytes) throw new Error(`Solution packer: ${path} is missing from the earlier build steps.`);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new Error(`Solution packer: ${path} is not valid JSON (${(e as Error).message}).`);
  }
};

/** dist/connectors/<folder>/{apiDefinition.swagger.json, apiProperties.json, icon.png} → ConnectorInput. */
export function connectorsFromArtifacts(artifacts: ReadonlyMap<string, Buffer>): ConnectorInput[] {
  const folders = [...artifacts.keys()]
    .map((p) => /^connectors\/([^/]+)\/apiDefinition\.swagger\.json$/.exec(p)?.[1])
    .filter((f): f is string => f !== undefined)
    .sort();
  return folders.map((folder) => {
    const swagger = readJson(artifacts, `connectors/${folder}/apiDefinition.swagger.json`) as {
      info?: { title?: string; description?: string };
    };
    const props = readJson(artifacts, `connectors/${folder}/apiProperties.json`) as {
      properties?: { connectionParameters?: unknown; iconBrandColor?: string; policyTemplateInstances?: unknown[] };
    };
    const icon = artifacts.get(`connectors/${folder}/icon.png`);
    if (!icon) throw new Error(`Solution packer: connectors/${folder}/icon.png is missing.`);
    const title = swagger.info?.title;
    if (!title) throw new Error(`Solution packer: connectors/${folder} has no info.title.`);
    const policies = props.properties?.policyTemplateInstances;
    return {
      displayName: title,
      description: swagger.info?.description ?? title,
      brandColor: props.properties?.iconBrandColor ?? '#007ee5',
      openApiDefinition: swagger,
      connectionParameters: props.properties?.connectionParameters ?? {},
      policyTemplateInstances: policies && policies.length > 0 ? policies : null,
      iconPng: icon,
    };
  });
}

/**
 * dist/flows/<crm>/<name>.json → WorkflowInput. The display name is `properties.displayName` when
 * the flow JSON carries one, else the file name; the id derives from `<crm>/<name>`.
 */
export function workflowsFromArtifacts(artifacts: ReadonlyMap<string, Buffer>): WorkflowInput[] {
  const paths = [...artifacts.keys()].filter((p) => /^flows\/[^/]+\/[^/]+\.json$/.test(p)).sort();
  return paths.map((path) => {
    const key = path.slice('flows/'.length, -'.json'.length);
    const doc = readJson(artifacts, path) as { properties?: Record<string, unknown> };
    const props = doc.properties;
    if (!props || typeof props !== 'object' || !('definition' in props))
      throw new Error(
        `Solution packer: ${path} is not a solution flow ({ properties: { connectionReferences, definition } }).`,
      );
    const { displayName, ...rest } = props as { displayName?: unknown } & Record<string, unknown>;
    return {
      key,
      displayName: typeof displayName === 'string' && displayName.trim() !== '' ? displayName : key.split('/')[1],
      flow: {
        properties: {
          ...rest,
          connectionReferences: (rest.connectionReferences as Record<string, unknown>) ?? {},
          definition: rest.definition,
        },
      },
    };
  });
}

/** Reads namespace, constructor and version from a built ControlManifest.xml. */
export function readControlManifest(
  bytes: Buffer,
  where: string,
): { namespace: string; constructorName: string; version: string } {
  let root;
  try {
    root = parseXml(bytes.toString('utf8'));
  } catch (e) {
    if (e instanceof XmlParseError) throw new Error(`${where}: ControlManifest.xml is not well-formed (${e.message}).`);
    throw e;
  }
  const control = child(root, 'control');
  const namespace = control && attr(control, 'namespace');
  const constructorName = control && attr(control, 'constructor');
  const version = control && attr(control, 'version');
  if (!namespace || !constructorName || !version)
    throw new Error(`${where}: ControlManifest.xml has no <control namespace constructor version>.`);
  return { namespace, constructorName, version };
}

/** dist/controls/<Name>/… (bundle.js, ControlManifest.xml, strings/*.resx, …) → ControlInput. */
export function controlsFromArtifacts(artifacts: ReadonlyMap<string, Buffer>): ControlInput[] {
  const byFolder = new Map<string, { path: string; bytes: Buffer }[]>();
  for (const [path, bytes] of artifacts) {
    const m = /^controls\/([^/]+)\/(.+)$/.exec(path);
    if (!m) continue;
    if (!byFolder.has(m[1])) byFolder.set(m[1], []);
    byFolder.get(m[1])!.push({ path: m[2], bytes });
  }
  return [...byFolder.keys()].sort().map((folder) => {
    const files = byFolder.get(folder)!.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manifest = files.find((f) => f.path === 'ControlManifest.xml');
    if (!manifest) throw new Error(`Solution packer: controls/${folder} has no ControlManifest.xml.`);
    return { ...readControlManifest(manifest.bytes, `controls/${folder}`), files };
  });
}

/** Pure: the whole contents model for a build. */
export function solutionContentsFromBuild(
  config: CosellConfig,
  artifacts: ReadonlyMap<string, Buffer>,
  sources: SolutionSources = {},
): SolutionContents {
  // The config module already validated the file; re-checking the object here means no caller can
  // hand the packer a prefix, option value prefix or version that makes an invalid package.
  resolveConfig(config, '0.0.0', 'config');
  const connectors = connectorsFromArtifacts(artifacts);
  const contents: SolutionContents = {
    uniqueName: config.solution.uniqueName,
    displayName: sameLabels(config.solution.displayName),
    description: sameLabels(
      'Co-sell with Microsoft from inside your CRM: Partner Center referrals synchronized with opportunities.',
    ),
    version: config.solution.version,
    publisher: {
      uniqueName: config.publisher.uniqueName,
      displayName: sameLabels(config.publisher.displayName),
      customizationPrefix: config.publisher.customizationPrefix,
      optionValuePrefix: config.publisher.optionValuePrefix,
    },
    tables: sources.tables?.(config) ?? [],
    manyToMany: sources.manyToMany?.(config) ?? [],
    connectionReferences: [
      ...coreConnectionReferences(config, connectors),
      ...(sources.connectionReferences?.(config) ?? []),
    ],
    environmentVariables: sources.environmentVariables?.(config) ?? [],
    connectors,
    workflows: workflowsFromArtifacts(artifacts),
    controls: controlsFromArtifacts(artifacts),
  };
  return contents;
}

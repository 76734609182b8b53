import type { ConnectionReferenceInput, ConnectorInput, ControlInput, WorkflowInput } from './model';
import { braced, connectorId, connectorLogicalName, controlFullName, workflowFileName, workflowId } from './names';
import { INTRODUCED_VERSION } from './attributes-xml';
import { SOLUTION_LANGUAGES } from './model';
import { el, textEl, type XmlElement } from './xml';

/**
 * `<Workflow>` for a cloud flow (§3.8), children in the XSD's sequence. Shipped turned off
 * (StateCode 0 / StatusCode 1): the admin binds connections first, then turns flows on in order.
 */
export const WORKFLOW_CHILD_ORDER = [
  'JsonFileName',
  'Type',
  'Subprocess',
  'Category',
  'Mode',
  'Scope',
  'OnDemand',
  'TriggerOnCreate',
  'TriggerOnDelete',
  'AsyncAutodelete',
  'SyncWorkflowLogOnFailure',
  'StateCode',
  'StatusCode',
  'RunAs',
  'IsTransacted',
  'IntroducedVersion',
  'IsCustomizable',
  'BusinessProcessType',
  'IsCustomProcessingStepAllowedForOtherPublishers',
  'ModernFlowType',
  'PrimaryEntity',
  'LocalizedNames',
] as const;

export function workflowXml(w: WorkflowInput): XmlElement {
  const id = workflowId(w.key);
  const values: Record<(typeof WORKFLOW_CHILD_ORDER)[number], string | XmlElement> = {
    JsonFileName: `/${workflowFileName(w.displayName, id)}`,
    Type: '1',
    Subprocess: '0',
    Category: '5',
    Mode: '0',
    Scope: '4',
    OnDemand: '0',
    TriggerOnCreate: '0',
    TriggerOnDelete: '0',
    AsyncAutodelete: '0',
    SyncWorkflowLogOnFailure: '0',
    StateCode: '0',
    StatusCode: '1',
    RunAs: '1',
    IsTransacted: '1',
    IntroducedVersion: INTRODUCED_VERSION,
    IsCustomizable: '1',
    BusinessProcessType: '0',
    IsCustomProcessingStepAllowedForOtherPublishers: '1',
    ModernFlowType: '0',
    PrimaryEntity: 'none',
    LocalizedNames: el(
      'LocalizedNames',
      {},
      SOLUTION_LANGUAGES.map((lang) => el('LocalizedName', { languagecode: lang, description: w.displayName })),
    ),
  };
  return el(
    'Workflow',
    { WorkflowId: braced(id), Name: w.displayName },
    WORKFLOW_CHILD_ORDER.map((k) => {
      const v = values[k];
      return typeof v === 'string' ? textEl(k, v) : v;
    }),
  );
}

/** The flow JSON as exports write it: `{ properties, schemaVersion }`, 2-space, CRLF, no BOM (§1.4, §4.1). */
export function workflowJson(w: WorkflowInput): Buffer {
  const doc = { properties: w.flow.properties, schemaVersion: '1.0.0.0' };
  return Buffer.from(JSON.stringify(doc, null, 2).replace(/\n/g, '\r\n'), 'utf8');
}

export function connectionReferenceXml(c: ConnectionReferenceInput): XmlElement {
  return el(
    'connectionreference',
    { connectionreferencelogicalname: c.logicalName },
    textEl('connectionreferencedisplayname', c.displayName),
    textEl('connectorid', c.connectorId),
    textEl('description', c.description),
    textEl('iscustomizable', '1'),
    textEl('promptingbehavior', '0'),
    textEl('statecode', '0'),
    textEl('statuscode', '1'),
  );
}

/** Files of one connector under `Connector/` (§1.2, §3.10), keyed by the element that names them. */
export function connectorFiles(prefix: string, c: ConnectorInput) {
  const name = connectorLogicalName(prefix, c.displayName);
  return {
    name,
    openapidefinition: { path: `Connector/${name}_openapidefinition.json`, bytes: json(c.openApiDefinition) },
    connectionparameters: { path: `Connector/${name}_connectionparameters.json`, bytes: json(c.connectionParameters) },
    policytemplateinstances: {
      path: `Connector/${name}_policytemplateinstances.json`,
      bytes: json(c.policyTemplateInstances),
    },
    iconblob: { path: `Connector/${name}_iconblob.Png`, bytes: c.iconPng },
  };
}

// The export writes these documents on a single line (Karol zip).
const json = (v: unknown) => Buffer.from(JSON.stringify(v ?? null), 'utf8');

export function connectorXml(prefix: string, c: ConnectorInput): XmlElement {
  const f = connectorFiles(prefix, c);
  return el(
    'Connector',
    {},
    textEl('connectorid', connectorId(f.name)),
    textEl('description', c.description),
    textEl('displayname', c.displayName),
    textEl('iconbrandcolor', c.brandColor),
    textEl('name', f.name),
    textEl('connectortype', '1'),
    textEl('openapidefinition', `/${f.openapidefinition.path}`),
    textEl('connectionparameters', `/${f.connectionparameters.path}`),
    textEl('policytemplateinstances', `/${f.policytemplateinstances.path}`),
    textEl('iconblob', `/${f.iconblob.path}`),
  );
}

export function controlFolder(prefix: string, c: ControlInput): string {
  return `Controls/${controlFullName(prefix, c.namespace, c.constructorName)}`;
}

export function customControlXml(prefix: string, c: ControlInput): XmlElement {
  return el(
    'CustomControl',
    {},
    textEl('Name', controlFullName(prefix, c.namespace, c.constructorName)),
    textEl('FileName', `/${controlFolder(prefix, c)}/ControlManifest.xml`),
  );
}

import { guidFromName } from '../../scripts/lib/guid';

/**
 * Names and ids derived by the rules of solution-format.md. Every id comes from guidFromName so a
 * rebuild upgrades the same components instead of adding duplicates.
 */

export { connectorLogicalName, customConnectorApiName } from '../../connector/generator/naming';

export const API_PATH = '/providers/Microsoft.PowerApps/apis/';

export function connectorId(logicalName: string): string {
  return guidFromName(`connector:${logicalName}`);
}

export function workflowId(key: string): string {
  return guidFromName(`workflow:${key}`);
}

/** `Workflows/<display name with only [A-Za-z0-9_]>-<GUID UPPERCASE>.json` (§1.2). */
export function workflowFileName(displayName: string, id: string): string {
  return `Workflows/${displayName.replace(/[^A-Za-z0-9_]/g, '')}-${id.toUpperCase()}.json`;
}

/** `<prefix>_<namespace>.<constructor>`: CustomControl Name, Controls folder and form binding name (§3.7). */
export function controlFullName(prefix: string, namespace: string, constructorName: string): string {
  return `${prefix}_${namespace}.${constructorName}`;
}

/** `{lowercase-guid}` as RootComponent ids, WorkflowId and form ids use. */
export function braced(guid: string): string {
  return `{${guid.toLowerCase()}}`;
}

/** `<UniqueName>_<1_2_3_4>.zip` and `…_managed.zip`, the names Dataverse export and pac give. */
export function solutionZipName(uniqueName: string, version: string, managed: boolean): string {
  return `${uniqueName}_${version.replace(/\./g, '_')}${managed ? '_managed' : ''}.zip`;
}

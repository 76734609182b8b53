import { guidFromName } from '../../scripts/lib/guid';

/**
 * Names and ids derived by the rules of solution-format.md. Every id comes from guidFromName so a
 * rebuild upgrades the same components instead of adding duplicates.
 */

/**
 * Connector logical name (§3.10): `<prefix>_5F` + the lowercased display name with every character
 * other than a–z/0–9 written as `-XX` (uppercase hex of each UTF-8 byte): "Kursy walut NBP" with
 * prefix cre80 → `cre80_5Fkursy-20walut-20nbp`.
 */
export function connectorLogicalName(prefix: string, displayName: string): string {
  let out = '';
  for (const byte of Buffer.from(displayName.toLowerCase(), 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[a-z0-9]/.test(ch) ? ch : `-${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `${prefix}_5F${out}`;
}

/**
 * The API name a flow and a connection reference use for a custom connector (§4.5): `shared_` + the
 * logical name lowercased with `_` as `-`, then `-5f` + a 16-hex suffix. The real suffix is assigned
 * per environment; ours is derived from the name (see docs/DECISIONS.md) and Dataverse resolves the
 * connector by `api.logicalName`.
 */
export function customConnectorApiName(logicalName: string): string {
  const suffix = guidFromName(`connector-api:${logicalName}`).replace(/-/g, '').slice(0, 16);
  return `shared_${logicalName.toLowerCase().replace(/_/g, '-')}-5f${suffix}`;
}

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

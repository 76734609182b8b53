import { INTRODUCED_VERSION } from './attributes-xml';
import { defaultedLabels } from './labels-xml';
import type { EnvironmentVariableInput, EnvironmentVariableType } from './model';
import { el, textEl, type XmlElement } from './xml';

/** `type` codes of environmentvariabledefinition (§3.11). Data source (100000004) is not used. */
export const ENV_VAR_TYPE_CODE: Record<EnvironmentVariableType, number> = {
  string: 100000000,
  number: 100000001,
  boolean: 100000002,
  json: 100000003,
  secret: 100000005,
};

export function environmentVariablePath(v: EnvironmentVariableInput): string {
  return `environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`;
}

/** The definition file; no values file, as Microsoft recommends for managed solutions (values come from deploymentSettings.json). */
export function environmentVariableXml(v: EnvironmentVariableInput): XmlElement {
  return el(
    'environmentvariabledefinition',
    { schemaname: v.schemaName },
    v.defaultValue !== undefined ? textEl('defaultvalue', v.defaultValue) : null,
    defaultedLabels('description', v.description),
    defaultedLabels('displayname', v.displayName),
    textEl('introducedversion', INTRODUCED_VERSION),
    textEl('iscustomizable', '1'),
    textEl('isrequired', v.isRequired ? '1' : '0'),
    textEl('secretstore', '0'),
    textEl('type', ENV_VAR_TYPE_CODE[v.type]),
  );
}

/** A path into parsed JSON: object keys and array indexes. */
export type JsonPath = (string | number)[];

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['properties', 'definition', 'actions', 'Get a row', 'runAfter', 0]` → `$.properties.definition.actions['Get a row'].runAfter[0]`. */
export function formatJsonPath(path: JsonPath): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += `.${seg}`;
    else out += `['${seg.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}

import { connectorFiles, controlFolder, workflowJson } from './components-xml';
import { CONTENT_TYPES_NAME, contentTypesXml } from './content-types';
import { customizationsXml } from './customizations-xml';
import { environmentVariablePath, environmentVariableXml } from './environment-variables-xml';
import type { SolutionContents } from './model';
import { solutionZipName, workflowFileName, workflowId } from './names';
import { solutionXml } from './solution-xml';
import { xmlBytes } from './xml';
import { writeZip, type ZipEntry } from './zip';

/**
 * Assembles a solution zip from the contents model. Root XML as Dataverse exports it (no BOM, no
 * declaration, CRLF, 2-space indent); `[Content_Types].xml` last, as the 2026 export orders it.
 */
export interface SolutionPackage {
  fileName: string;
  managed: boolean;
  entries: ZipEntry[];
  bytes: Buffer;
}

const EXPORT_XML = { declaration: false, bom: false, newline: '\r\n', indent: '  ' } as const;

export function packageEntries(contents: SolutionContents, managed: boolean): ZipEntry[] {
  const prefix = contents.publisher.customizationPrefix;
  const entries: ZipEntry[] = [
    { name: 'customizations.xml', data: xmlBytes(customizationsXml(contents), EXPORT_XML) },
    { name: 'solution.xml', data: xmlBytes(solutionXml(contents, managed), EXPORT_XML) },
  ];
  for (const w of contents.workflows)
    entries.push({ name: workflowFileName(w.displayName, workflowId(w.key)), data: workflowJson(w) });
  for (const c of contents.controls) {
    const folder = controlFolder(prefix, c);
    for (const f of [...c.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)))
      entries.push({ name: `${folder}/${f.path}`, data: f.bytes });
  }
  for (const c of contents.connectors) {
    const f = connectorFiles(prefix, c);
    for (const file of [f.openapidefinition, f.connectionparameters, f.policytemplateinstances, f.iconblob])
      entries.push({ name: file.path, data: file.bytes });
  }
  for (const v of contents.environmentVariables)
    entries.push({ name: environmentVariablePath(v), data: xmlBytes(environmentVariableXml(v), EXPORT_XML) });
  entries.push({ name: CONTENT_TYPES_NAME, data: contentTypesXml(entries.map((e) => e.name)) });
  return entries;
}

export function buildSolutionPackage(contents: SolutionContents, managed: boolean): SolutionPackage {
  const entries = packageEntries(contents, managed);
  return {
    fileName: solutionZipName(contents.uniqueName, contents.version, managed),
    managed,
    entries,
    bytes: writeZip(entries),
  };
}

import { ROOT_TYPE } from '../packer/solution-xml';
import { CUSTOMIZATIONS_ORDER, CUSTOMIZATIONS_REQUIRED } from '../packer/customizations-xml';
import { WORKFLOW_CHILD_ORDER } from '../packer/components-xml';
import { ADDRESS_FIELDS } from '../packer/solution-xml';
import { CLASSIC_CLASSID, CUSTOM_CONTROL_CLASSID } from '../packer/attributes-xml';
import { ENV_VAR_TYPE_CODE } from '../packer/environment-variables-xml';
import { extensionOf, OCTET } from '../packer/content-types';
import { SOLUTION_LANGUAGES } from '../packer/model';
import { checkEntryName, ZIP_METHOD_DEFLATE } from '../packer/zip';
import type { XmlElement } from '../packer/xml';
import { attr, child, childElements, descendants, textOf } from '../packer/xml-parse';
import type { Finding, PackageView } from './package-view';

/**
 * The structural rules, one function each (solution-format.md, checklist §8). Each returns its
 * findings; messages say what is wrong and what the fix is.
 */
export type Rule = (pkg: PackageView) => Finding[];

export const ROOT_FILES = ['[Content_Types].xml', 'solution.xml', 'customizations.xml'] as const;
const UNPACKED_NAMES = ['Other/Solution.xml', 'Other/Customizations.xml', 'Other/Relationships.xml'];
const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const BRACED_GUID = new RegExp(`^\\{${GUID}\\}$`);
const BARE_GUID = new RegExp(`^${GUID}$`);
const RESERVED_PREFIXES = ['mscrm', 'msdyn', 'msdyncrm', 'adx', 'msft', 'none'];

const f = (rule: string, message: string, path?: string): Finding => ({ rule, message, path });
const manifest = (pkg: PackageView) => (pkg.solution ? child(pkg.solution, 'SolutionManifest') : undefined);
const prefixOf = (pkg: PackageView) => {
  const m = manifest(pkg);
  const p = m && textOf(child(child(m, 'Publisher') ?? m, 'CustomizationPrefix'));
  return p;
};
const optionPrefixOf = (pkg: PackageView) => {
  const m = manifest(pkg);
  const p = m && textOf(child(child(m, 'Publisher') ?? m, 'CustomizationOptionValuePrefix'));
  return p === undefined ? undefined : Number(p);
};
const section = (pkg: PackageView, name: string) => (pkg.customizations ? child(pkg.customizations, name) : undefined);
const stripSlash = (p: string) => (p.startsWith('/') ? p.slice(1) : p);

export const zipFormat: Rule = (pkg) => {
  const out: Finding[] = [];
  for (const [name, e] of pkg.entries) {
    const problem = checkEntryName(name);
    if (problem) out.push(f('zip-format', `Entry ${problem}.`, name));
    if (e.method !== ZIP_METHOD_DEFLATE)
      out.push(f('zip-format', `"${name}" is stored with method ${e.method}; solution zips use DEFLATE (8).`, name));
  }
  return out;
};

export const rootFiles: Rule = (pkg) => {
  const out: Finding[] = [];
  for (const root of ROOT_FILES) {
    if (pkg.entries.has(root)) continue;
    const wrongCase = pkg.names.find(
      (n) => n.toLowerCase() === root.toLowerCase() || n.toLowerCase().endsWith(`/${root.toLowerCase()}`),
    );
    out.push(
      f(
        'root-files',
        `${root} is missing at the zip root${wrongCase ? ` (found "${wrongCase}": wrong case or in a folder)` : ''}; import fails with "The compressed file must contain … solution.xml, customizations.xml, and [Content_Types].xml".`,
        root,
      ),
    );
  }
  for (const n of UNPACKED_NAMES)
    if (pkg.entries.has(n))
      out.push(f('root-files', `${n} is an unpacked-tree name; a zip has it at the root in lowercase.`, n));
  return out;
};

export const encoding: Rule = (pkg) => {
  const out: Finding[] = [];
  for (const [name, e] of pkg.entries) {
    const ext = extensionOf(name)?.toLowerCase();
    const bom = e.data[0] === 0xef && e.data[1] === 0xbb && e.data[2] === 0xbf;
    const utf16 = (e.data[0] === 0xff && e.data[1] === 0xfe) || (e.data[0] === 0xfe && e.data[1] === 0xff);
    if ((ext === 'xml' || ext === 'json') && utf16) out.push(f('encoding', `${name} is UTF-16; write UTF-8.`, name));
    if (ext === 'xml' && /^(\uFEFF)?<\?xml[^>]*encoding=["']utf-16/i.test(e.data.toString('utf8')))
      out.push(f('encoding', `${name} declares encoding utf-16; pac cannot read it. Write UTF-8.`, name));
    if (name === '[Content_Types].xml') {
      if (!bom) out.push(f('encoding', '[Content_Types].xml must start with a UTF-8 BOM, as every export does.', name));
      if (
        !e.data
          .toString('utf8')
          .replace(/^\uFEFF/, '')
          .startsWith('<?xml')
      )
        out.push(f('encoding', '[Content_Types].xml must start with an XML declaration.', name));
    }
    if ((name === 'solution.xml' || name === 'customizations.xml') && bom)
      out.push(f('encoding', `${name} starts with a BOM; write it without one (the safest form, §8.2).`, name));
    if (ext === 'json' && bom)
      out.push(
        f('encoding', `${name} starts with a BOM; import fails with "Flow clientdata is in invalid format".`, name),
      );
  }
  return out;
};

export const contentTypes: Rule = (pkg) => {
  const ct = pkg.contentTypes;
  if (!ct) return [];
  const out: Finding[] = [];
  if (ct.name !== 'Types')
    out.push(f('content-types', `Root element is <${ct.name}>; expected <Types>.`, '[Content_Types].xml'));
  const defaults = new Map<string, string | undefined>();
  const overrides = new Map<string, string | undefined>();
  for (const d of childElements(ct, 'Default')) defaults.set(attr(d, 'Extension') ?? '', attr(d, 'ContentType'));
  for (const o of childElements(ct, 'Override')) overrides.set(attr(o, 'PartName') ?? '', attr(o, 'ContentType'));
  for (const name of pkg.names) {
    const ext = extensionOf(name);
    if (ext === undefined) {
      if (!overrides.has(`/${name}`))
        out.push(
          f('content-types', `No <Override PartName="/${name}"> for the extension-less part.`, '[Content_Types].xml'),
        );
    } else if (!defaults.has(ext)) {
      out.push(
        f(
          'content-types',
          `No <Default Extension="${ext}"> (case-exact) for ${name}; a missing js/css Default makes PCF import fail.`,
          '[Content_Types].xml',
        ),
      );
    }
  }
  for (const [k, v] of [...defaults, ...overrides])
    if (v !== OCTET)
      out.push(f('content-types', `Content type of "${k}" is "${v}"; use ${OCTET}.`, '[Content_Types].xml'));
  return out;
};

const MANIFEST_ORDER = [
  'UniqueName',
  'LocalizedNames',
  'Descriptions',
  'Version',
  'Managed',
  'Publisher',
  'RootComponents',
  'MissingDependencies',
];
const PUBLISHER_ORDER = [
  'UniqueName',
  'LocalizedNames',
  'Descriptions',
  'EMailAddress',
  'SupportingWebsiteUrl',
  'CustomizationPrefix',
  'CustomizationOptionValuePrefix',
  'Addresses',
];

function checkOrder(
  rule: string,
  path: string,
  parent: XmlElement,
  expected: readonly string[],
  required = expected,
): Finding[] {
  const names = childElements(parent).map((c) => c.name);
  const out: Finding[] = [];
  for (const n of names)
    if (!expected.includes(n))
      out.push(f(rule, `<${parent.name}> has an unknown child <${n}> (names are case-sensitive).`, path));
  for (const r of required) if (!names.includes(r)) out.push(f(rule, `<${parent.name}> lacks <${r}>.`, path));
  const known = names.filter((n) => expected.includes(n));
  for (let i = 1; i < known.length; i++)
    if (expected.indexOf(known[i]) < expected.indexOf(known[i - 1]))
      out.push(
        f(
          rule,
          `<${known[i]}> comes after <${known[i - 1]}> in <${parent.name}>; expected order: ${expected.join(', ')}.`,
          path,
        ),
      );
  return out;
}

export const solutionManifest: Rule = (pkg) => {
  const s = pkg.solution;
  if (!s) return [];
  const out: Finding[] = [];
  if (s.name !== 'ImportExportXml')
    out.push(f('solution-manifest', `Root element is <${s.name}>; expected <ImportExportXml>.`, 'solution.xml'));
  if (attr(s, 'generatedBy') !== 'CrmLive')
    out.push(f('solution-manifest', 'ImportExportXml@generatedBy must be "CrmLive".', 'solution.xml'));
  if (!/^9\.[0-2]$/.test(attr(s, 'SolutionPackageVersion') ?? ''))
    out.push(
      f(
        'solution-manifest',
        'ImportExportXml@SolutionPackageVersion must be 9.0–9.2; newer is refused by the target.',
        'solution.xml',
      ),
    );
  if (attr(s, 'languagecode') !== '1033')
    out.push(f('solution-manifest', 'ImportExportXml@languagecode must be 1033 (the base language).', 'solution.xml'));
  const m = manifest(pkg);
  if (!m) return [...out, f('solution-manifest', 'solution.xml has no <SolutionManifest>.', 'solution.xml')];
  out.push(...checkOrder('solution-manifest', 'solution.xml', m, MANIFEST_ORDER));
  const unique = textOf(child(m, 'UniqueName')) ?? '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(unique))
    out.push(
      f(
        'solution-manifest',
        `UniqueName "${unique}" must be letters, digits and underscores, no spaces.`,
        'solution.xml',
      ),
    );
  const publisher = child(m, 'Publisher');
  if (publisher) {
    out.push(...checkOrder('solution-manifest', 'solution.xml', publisher, PUBLISHER_ORDER));
    const addresses = childElements(child(publisher, 'Addresses') ?? publisher, 'Address');
    if (addresses.length !== 2)
      out.push(
        f(
          'solution-manifest',
          `Publisher has ${addresses.length} <Address> blocks; exports and the XSD have two.`,
          'solution.xml',
        ),
      );
    addresses.forEach((a, i) => {
      out.push(
        ...checkOrder('solution-manifest', 'solution.xml', a, ['AddressNumber', ...ADDRESS_FIELDS], ['AddressNumber']),
      );
      if (textOf(child(a, 'AddressNumber')) !== String(i + 1))
        out.push(f('solution-manifest', `Address ${i + 1} must have AddressNumber ${i + 1}.`, 'solution.xml'));
    });
  }
  return out;
};

export const version: Rule = (pkg) => {
  const m = manifest(pkg);
  const v = m ? textOf(child(m, 'Version')) : undefined;
  if (v === undefined) return [];
  const parts = v.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d+$/.test(p) && Number(p) <= 2147483647))
    return [f('version', `Version "${v}" must be major.minor.build.revision, four whole numbers.`, 'solution.xml')];
  return [];
};

export const managedFlag: Rule = (pkg) => {
  const m = manifest(pkg);
  const v = m ? textOf(child(m, 'Managed')) : undefined;
  if (v === undefined || v === '0' || v === '1') return [];
  return [f('managed-flag', `Managed is "${v}"; a zip holds 0 (unmanaged) or 1 (managed), never 2.`, 'solution.xml')];
};

export const publisher: Rule = (pkg) => {
  const out: Finding[] = [];
  const prefix = prefixOf(pkg);
  if (prefix !== undefined) {
    if (!/^[a-z][a-z0-9]{1,7}$/i.test(prefix))
      out.push(
        f(
          'publisher',
          `CustomizationPrefix "${prefix}" must be 2–8 letters or digits, starting with a letter.`,
          'solution.xml',
        ),
      );
    if (prefix.toLowerCase().startsWith('mscrm') || RESERVED_PREFIXES.includes(prefix.toLowerCase()))
      out.push(f('publisher', `CustomizationPrefix "${prefix}" is reserved.`, 'solution.xml'));
  }
  const ovp = optionPrefixOf(pkg);
  if (ovp !== undefined && !(Number.isInteger(ovp) && ovp >= 10000 && ovp <= 99999))
    out.push(
      f(
        'publisher',
        `CustomizationOptionValuePrefix "${ovp}" must be a whole number from 10000 to 99999.`,
        'solution.xml',
      ),
    );
  return out;
};

export const customizationsOrder: Rule = (pkg) => {
  const c = pkg.customizations;
  if (!c) return [];
  if (c.name !== 'ImportExportXml')
    return [
      f('customizations-order', `Root element is <${c.name}>; expected <ImportExportXml>.`, 'customizations.xml'),
    ];
  const out = checkOrder(
    'customizations-order',
    'customizations.xml',
    c,
    CUSTOMIZATIONS_ORDER,
    CUSTOMIZATIONS_REQUIRED,
  );
  const workflows = section(pkg, 'Workflows');
  for (const w of workflows ? childElements(workflows, 'Workflow') : [])
    out.push(
      ...checkOrder(
        'customizations-order',
        'customizations.xml',
        w,
        WORKFLOW_CHILD_ORDER,
        WORKFLOW_CHILD_ORDER.filter((n) => n !== 'ModernFlowType'),
      ),
    );
  return out;
};

export const languages: Rule = (pkg) => {
  const c = pkg.customizations;
  if (!c) return [];
  const out: Finding[] = [];
  const listed = childElements(section(pkg, 'Languages') ?? c, 'Language').map((l) => Number(textOf(l)));
  for (const lang of SOLUTION_LANGUAGES)
    if (!listed.includes(lang))
      out.push(f('languages', `<Languages> lacks ${lang}; every label language must be listed.`, 'customizations.xml'));
  // Every label group must carry each language once.
  const check = (doc: XmlElement, path: string) => {
    const walk = (e: XmlElement) => {
      const kids = childElements(e);
      const labelled = kids.filter(
        (k) => attr(k, 'languagecode') !== undefined && attr(k, 'description') !== undefined,
      );
      if (labelled.length > 0) {
        const codes = labelled.map((k) => Number(attr(k, 'languagecode')));
        for (const lang of SOLUTION_LANGUAGES)
          if (!codes.includes(lang)) out.push(f('languages', `<${e.name}> has no label for language ${lang}.`, path));
        for (const code of codes)
          if (!(SOLUTION_LANGUAGES as readonly number[]).includes(code))
            out.push(f('languages', `<${e.name}> has a label for ${code}, which <Languages> does not list.`, path));
      }
      kids.forEach(walk);
    };
    walk(doc);
  };
  check(c, 'customizations.xml');
  if (pkg.solution) check(pkg.solution, 'solution.xml');
  for (const n of pkg.names.filter((x) => x.startsWith('environmentvariabledefinitions/') && x.endsWith('.xml'))) {
    const doc = pkg.xml(n);
    if (doc) check(doc, n);
  }
  return out;
};

interface FlowDoc {
  properties?: {
    connectionReferences?: Record<string, { connection?: { connectionReferenceLogicalName?: string } }>;
    definition?: unknown;
  };
}

function flowDocs(pkg: PackageView): { path: string; doc?: FlowDoc; workflow: XmlElement }[] {
  const w = section(pkg, 'Workflows');
  return (w ? childElements(w, 'Workflow') : []).map((workflow) => {
    const path = stripSlash(textOf(child(workflow, 'JsonFileName')) ?? '');
    const t = pkg.text(path);
    let doc: FlowDoc | undefined;
    if (t !== undefined) {
      try {
        doc = JSON.parse(t.replace(/^\uFEFF/, '')) as FlowDoc;
      } catch {
        doc = undefined;
      }
    }
    return { path, doc, workflow };
  });
}

export const workflows: Rule = (pkg) => {
  const out: Finding[] = [];
  for (const { path, doc, workflow } of flowDocs(pkg)) {
    const name = attr(workflow, 'Name') ?? '?';
    const id = attr(workflow, 'WorkflowId') ?? '';
    const where = `customizations.xml (Workflow ${name})`;
    if (!BRACED_GUID.test(id)) out.push(f('workflow', `WorkflowId "${id}" must be a lowercase GUID in braces.`, where));
    if (textOf(child(workflow, 'Category')) !== '5')
      out.push(f('workflow', `Category of "${name}" must be 5 (modern flow).`, where));
    if (textOf(child(workflow, 'Type')) !== '1')
      out.push(f('workflow', `Type of "${name}" must be 1 (definition).`, where));
    if (textOf(child(workflow, 'PrimaryEntity')) !== 'none')
      out.push(f('workflow', `PrimaryEntity of "${name}" must be "none" for a cloud flow.`, where));
    const state = `${textOf(child(workflow, 'StateCode'))}/${textOf(child(workflow, 'StatusCode'))}`;
    if (state !== '0/1' && state !== '1/2')
      out.push(f('workflow', `StateCode/StatusCode of "${name}" is ${state}; use 0/1 (off) or 1/2 (on).`, where));
    const m = /^Workflows\/[A-Za-z0-9_]*-([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})\.json$/.exec(
      path,
    );
    if (!m) out.push(f('workflow', `JsonFileName "/${path}" must be /Workflows/<Name>-<GUID UPPERCASE>.json.`, where));
    else if (`{${m[1].toLowerCase()}}` !== id)
      out.push(f('workflow', `JsonFileName GUID ${m[1]} does not match WorkflowId ${id}.`, where));
    const entry = pkg.entries.get(path);
    if (!entry) {
      out.push(f('workflow', `The flow file /${path} named by "${name}" is not in the zip.`, where));
      continue;
    }
    if (entry.data[0] === 0xef && entry.data[1] === 0xbb && entry.data[2] === 0xbf)
      out.push(f('workflow', `${path} starts with a BOM ("Flow clientdata is in invalid format" on import).`, path));
    if (!doc)
      out.push(f('workflow', `${path} is not valid JSON ("Error while importing workflow type ModernFlow").`, path));
    else if (!doc.properties || typeof doc.properties !== 'object' || !doc.properties.definition)
      out.push(
        f(
          'workflow',
          `${path} must be { "properties": { "connectionReferences", "definition" }, "schemaVersion" }.`,
          path,
        ),
      );
  }
  const files = pkg.names.filter((n) => n.startsWith('Workflows/'));
  const named = new Set(flowDocs(pkg).map((d) => d.path));
  for (const n of files)
    if (!named.has(n)) out.push(f('workflow', `${n} is in the zip but no <Workflow> names it.`, n));
  return out;
};

export const flowConnectionReferences: Rule = (pkg) => {
  const out: Finding[] = [];
  const refs = section(pkg, 'connectionreferences');
  const known = new Set(
    (refs ? childElements(refs, 'connectionreference') : []).map((r) => attr(r, 'connectionreferencelogicalname')),
  );
  const connectorList = section(pkg, 'Connectors');
  const connectorNames = new Set(
    (connectorList ? childElements(connectorList, 'Connector') : []).map((c) => textOf(child(c, 'name'))),
  );
  for (const { path, doc } of flowDocs(pkg)) {
    const map = doc?.properties?.connectionReferences ?? {};
    for (const [key, ref] of Object.entries(map)) {
      const logical = ref?.connection?.connectionReferenceLogicalName;
      if (!logical)
        out.push(
          f(
            'flow-connection-references',
            `${path}: connection "${key}" has no connection.connectionReferenceLogicalName.`,
            path,
          ),
        );
      else if (!known.has(logical))
        out.push(
          f(
            'flow-connection-references',
            `${path}: connection "${key}" uses connection reference "${logical}", which is not in <connectionreferences>.`,
            path,
          ),
        );
    }
    for (const [key, ref] of Object.entries(map)) {
      const logicalName = (ref as { api?: { logicalName?: unknown } })?.api?.logicalName;
      if (typeof logicalName === 'string' && !connectorNames.has(logicalName))
        out.push(
          f(
            'flow-connection-references',
            `${path}: connection "${key}" names custom connector "${logicalName}" (api.logicalName), which is not in <Connectors>.`,
            path,
          ),
        );
    }
    // Every action's host.connectionName must be a key of the flow's connectionReferences.
    const walk = (v: unknown) => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const host = o.host as { connectionName?: unknown } | undefined;
        if (
          host &&
          typeof host === 'object' &&
          typeof host.connectionName === 'string' &&
          !(host.connectionName in map)
        )
          out.push(
            f(
              'flow-connection-references',
              `${path}: host.connectionName "${host.connectionName}" is not a key of properties.connectionReferences.`,
              path,
            ),
          );
        Object.values(o).forEach(walk);
      }
    };
    walk(doc?.properties?.definition);
  }
  return out;
};

/** Every environment variable a flow reads as a definition parameter is in the package (§4.3). */
export const flowEnvironmentVariables: Rule = (pkg) => {
  const out: Finding[] = [];
  const packaged = new Set(
    pkg.names.map((n) => /^environmentvariabledefinitions\/([^/]+)\//.exec(n)?.[1]).filter((x) => x !== undefined),
  );
  for (const { path, doc } of flowDocs(pkg)) {
    const params = (
      doc?.properties?.definition as { parameters?: Record<string, { metadata?: { schemaName?: unknown } }> }
    )?.parameters;
    for (const [name, p] of Object.entries(params ?? {})) {
      const schema = p?.metadata?.schemaName;
      if (typeof schema === 'string' && !packaged.has(schema))
        out.push(
          f(
            'flow-environment-variables',
            `${path}: parameter "${name}" reads environment variable "${schema}", which has no environmentvariabledefinitions/${schema}/ folder in the package.`,
            path,
          ),
        );
    }
  }
  return out;
};

export const connectionReferences: Rule = (pkg) => {
  const out: Finding[] = [];
  const prefix = prefixOf(pkg);
  const refs = section(pkg, 'connectionreferences');
  for (const r of refs ? childElements(refs, 'connectionreference') : []) {
    const name = attr(r, 'connectionreferencelogicalname') ?? '';
    if (prefix && !name.startsWith(`${prefix}_`))
      out.push(
        f(
          'connection-references',
          `Connection reference "${name}" must start with the publisher prefix "${prefix}_".`,
          'customizations.xml',
        ),
      );
    const id = textOf(child(r, 'connectorid')) ?? '';
    if (!/^\/providers\/Microsoft\.PowerApps\/apis\/shared_[A-Za-z0-9_-]+$/.test(id))
      out.push(
        f(
          'connection-references',
          `Connection reference "${name}" has connectorid "${id}"; expected /providers/Microsoft.PowerApps/apis/shared_<name>.`,
          'customizations.xml',
        ),
      );
  }
  return out;
};

export const connectors: Rule = (pkg) => {
  const out: Finding[] = [];
  const prefix = prefixOf(pkg);
  const list = section(pkg, 'Connectors');
  for (const c of list ? childElements(list, 'Connector') : []) {
    const name = textOf(child(c, 'name')) ?? '';
    const where = `customizations.xml (Connector ${name})`;
    if (!BARE_GUID.test(textOf(child(c, 'connectorid')) ?? ''))
      out.push(f('connectors', `connectorid of "${name}" must be a bare lowercase GUID without braces.`, where));
    if (prefix && !name.startsWith(`${prefix}_5F`))
      out.push(f('connectors', `Connector name "${name}" must be "${prefix}_5F" + the escaped display name.`, where));
    for (const k of ['openapidefinition', 'connectionparameters', 'policytemplateinstances', 'iconblob']) {
      const p = textOf(child(c, k));
      if (!p) {
        out.push(f('connectors', `Connector "${name}" has no <${k}>.`, where));
        continue;
      }
      const expected = `/Connector/${name}_${k}`;
      if (!p.startsWith(expected))
        out.push(f('connectors', `<${k}> of "${name}" is "${p}"; expected ${expected}….`, where));
      const entry = pkg.entries.get(stripSlash(p));
      if (!entry) out.push(f('connectors', `${p} (named by connector "${name}") is not in the zip.`, where));
      else if (k !== 'iconblob') {
        try {
          JSON.parse(entry.data.toString('utf8'));
        } catch {
          out.push(f('connectors', `${p} is not valid JSON.`, stripSlash(p)));
        }
      }
    }
  }
  return out;
};

export const controls: Rule = (pkg) => {
  const out: Finding[] = [];
  const prefix = prefixOf(pkg);
  const list = section(pkg, 'CustomControls');
  const folders = new Set<string>();
  for (const c of list ? childElements(list, 'CustomControl') : []) {
    const name = textOf(child(c, 'Name')) ?? '';
    const file = stripSlash(textOf(child(c, 'FileName')) ?? '');
    const where = `customizations.xml (CustomControl ${name})`;
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : `Controls/${name}`;
    folders.add(folder);
    if (file !== `Controls/${name}/ControlManifest.xml`)
      out.push(
        f('controls', `FileName of "${name}" is "/${file}"; expected /Controls/${name}/ControlManifest.xml.`, where),
      );
    const m = pkg.xml(file);
    if (!pkg.entries.has(file)) {
      out.push(f('controls', `${file} (FileName of "${name}") is not in the zip.`, where));
      continue;
    }
    const control = m ? child(m, 'control') : undefined;
    if (!control) {
      out.push(f('controls', `${file} has no <control>.`, file));
      continue;
    }
    const expected = `${prefix}_${attr(control, 'namespace')}.${attr(control, 'constructor')}`;
    if (name !== expected)
      out.push(
        f(
          'controls',
          `CustomControl "${name}" must be named "${expected}" (<prefix>_<namespace>.<constructor>).`,
          where,
        ),
      );
    if (!/^\d+\.\d+\.\d+$/.test(attr(control, 'version') ?? ''))
      out.push(
        f('controls', `Manifest version "${attr(control, 'version')}" of "${name}" must be MAJOR.MINOR.PATCH.`, where),
      );
    const resources = child(control, 'resources');
    for (const r of resources ? childElements(resources) : []) {
      const p = attr(r, 'path');
      if (p && !pkg.entries.has(`${folder}/${p}`))
        out.push(
          f('controls', `Resource ${p} of "${name}" (<${r.name}> in the manifest) is not in ${folder}/.`, where),
        );
    }
  }
  for (const n of pkg.names) {
    const m = /^(Controls\/[^/]+)\//.exec(n);
    if (m && !folders.has(m[1])) {
      out.push(f('controls', `${m[1]} is in the zip but no <CustomControl> names it.`, n));
      folders.add(m[1]);
    }
  }
  return out;
};

export const formControls: Rule = (pkg) => {
  const out: Finding[] = [];
  const list = section(pkg, 'CustomControls');
  const packaged = new Set((list ? childElements(list, 'CustomControl') : []).map((c) => textOf(child(c, 'Name'))));
  const entities = section(pkg, 'Entities');
  for (const form of entities ? descendants(entities, 'form') : []) {
    const controlsById = new Map(descendants(form, 'control').map((c) => [attr(c, 'uniqueid')?.toLowerCase(), c]));
    for (const d of descendants(form, 'controlDescription')) {
      const forControl = attr(d, 'forControl')?.toLowerCase();
      const target = controlsById.get(forControl);
      if (!target)
        out.push(
          f(
            'form-controls',
            `controlDescription forControl="${forControl}" matches no <control uniqueid> on the form.`,
            'customizations.xml',
          ),
        );
      else if (attr(target, 'classid')?.toUpperCase() !== CUSTOM_CONTROL_CLASSID)
        out.push(
          f(
            'form-controls',
            `<control id="${attr(target, 'id')}"> bound to a custom control must have classid ${CUSTOM_CONTROL_CLASSID}.`,
            'customizations.xml',
          ),
        );
      const custom = childElements(d, 'customControl').filter((c) => attr(c, 'formFactor') !== undefined);
      for (const c of custom) {
        const props = manifestProperties(pkg, attr(c, 'name') ?? '');
        if (!props) continue;
        for (const p of childElements(child(c, 'parameters') ?? c)) {
          const prop = props.get(p.name);
          if (!prop) {
            out.push(
              f(
                'form-controls',
                `Control "${attr(c, 'name')}" has no manifest property "${p.name}" (a <parameters> child of the form binding).`,
                'customizations.xml',
              ),
            );
            continue;
          }
          // A bound or input property may take a column (input: "read-only configuration value or column");
          // an output property never does.
          if (attr(p, 'static') !== 'true' && prop.usage === 'output')
            out.push(
              f(
                'form-controls',
                `Property "${p.name}" of "${attr(c, 'name')}" is usage="output"; only bound and input properties take a column.`,
                'customizations.xml',
              ),
            );
          if (prop.ofType && attr(p, 'type') !== prop.ofType)
            out.push(
              f(
                'form-controls',
                `Property "${p.name}" of "${attr(c, 'name')}" is of-type ${prop.ofType}; the form binds it as type="${attr(p, 'type')}".`,
                'customizations.xml',
              ),
            );
        }
      }
      const names = new Set(custom.map((c) => attr(c, 'name')));
      for (const name of names) {
        if (name && !packaged.has(name) && !name.startsWith('MscrmControls.'))
          out.push(
            f(
              'form-controls',
              `The form binds control "${name}", which is not in <CustomControls> of this package.`,
              'customizations.xml',
            ),
          );
        const factors = custom.filter((c) => attr(c, 'name') === name).map((c) => attr(c, 'formFactor'));
        for (const ff of ['0', '1', '2'])
          if (!factors.includes(ff))
            out.push(
              f(
                'form-controls',
                `Control "${name}" on the form has no binding for formFactor ${ff} (0 web, 1 tablet, 2 phone).`,
                'customizations.xml',
              ),
            );
      }
      const classic = childElements(d, 'customControl').find((c) => attr(c, 'formFactor') === undefined);
      const known = Object.values(CLASSIC_CLASSID).map((x) => x.toUpperCase());
      if (!classic || !known.includes((attr(classic, 'id') ?? '').toUpperCase()))
        out.push(
          f(
            'form-controls',
            `controlDescription for ${forControl} lacks the classic fallback <customControl id="{classid}">.`,
            'customizations.xml',
          ),
        );
    }
  }
  return out;
};

/** Properties (name → usage, of-type) of a packaged control's manifest, or undefined if it is not packaged. */
function manifestProperties(
  pkg: PackageView,
  name: string,
): Map<string, { usage?: string; ofType?: string }> | undefined {
  const m = pkg.entries.has(`Controls/${name}/ControlManifest.xml`)
    ? pkg.xml(`Controls/${name}/ControlManifest.xml`)
    : undefined;
  const control = m ? child(m, 'control') : undefined;
  if (!control) return undefined;
  return new Map(
    childElements(control, 'property').map((p) => [
      attr(p, 'name') ?? '',
      { usage: attr(p, 'usage'), ofType: attr(p, 'of-type') },
    ]),
  );
}

export const optionValues: Rule = (pkg) => {
  const out: Finding[] = [];
  const ovp = optionPrefixOf(pkg);
  if (ovp === undefined || !pkg.customizations) return out;
  for (const os of descendants(pkg.customizations, 'optionset')) {
    if (textOf(child(os, 'OptionSetType')) === 'bit') continue;
    for (const o of descendants(os, 'option')) {
      const v = Number(attr(o, 'value'));
      if (!(Number.isInteger(v) && v >= ovp * 10000 && v <= ovp * 10000 + 9999))
        out.push(
          f(
            'option-values',
            `Option ${attr(o, 'value')} of choice "${attr(os, 'Name')}" must be ${ovp}0000–${ovp}9999 (option value prefix × 10000 + n).`,
            'customizations.xml',
          ),
        );
    }
  }
  return out;
};

export const schemaPrefix: Rule = (pkg) => {
  const out: Finding[] = [];
  const prefix = prefixOf(pkg);
  if (!prefix || !pkg.customizations) return out;
  const need = (name: string | undefined, what: string, path = 'customizations.xml') => {
    if (name !== undefined && !name.toLowerCase().startsWith(`${prefix.toLowerCase()}_`))
      out.push(f('schema-prefix', `${what} "${name}" must start with the publisher prefix "${prefix}_".`, path));
  };
  const entities = section(pkg, 'Entities');
  for (const entity of entities ? childElements(entities, 'Entity') : []) {
    const info = child(child(entity, 'EntityInfo') ?? entity, 'entity');
    const isCustom = info ? child(info, 'OwnershipTypeMask') !== undefined : false;
    if (isCustom) need(attr(info!, 'Name'), 'Custom table');
    for (const a of info ? descendants(info, 'attribute') : []) {
      if (textOf(child(a, 'IsCustomField')) !== '1') continue;
      need(attr(a, 'PhysicalName'), 'Column');
      const os = child(a, 'optionset');
      if (os) need(attr(os, 'Name'), 'Choice');
    }
    for (const k of info ? descendants(info, 'EntityKey') : []) need(textOf(child(k, 'Name')), 'Alternate key');
  }
  const rels = section(pkg, 'EntityRelationships');
  for (const r of rels ? childElements(rels, 'EntityRelationship') : []) need(attr(r, 'Name'), 'Relationship');
  for (const n of pkg.names) {
    const m = /^environmentvariabledefinitions\/([^/]+)\//.exec(n);
    if (m) need(m[1], 'Environment variable', n);
  }
  return out;
};

export const environmentVariables: Rule = (pkg) => {
  const out: Finding[] = [];
  const codes = Object.values(ENV_VAR_TYPE_CODE).map(String).concat('100000004');
  for (const n of pkg.names) {
    if (!n.startsWith('environmentvariabledefinitions/')) continue;
    const m =
      /^environmentvariabledefinitions\/([^/]+)\/(environmentvariabledefinition\.xml|environmentvariablevalues\.json)$/.exec(
        n,
      );
    if (!m) {
      out.push(
        f(
          'environment-variables',
          `${n} is not environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml.`,
          n,
        ),
      );
      continue;
    }
    if (m[2] !== 'environmentvariabledefinition.xml') continue;
    const doc = pkg.xml(n);
    if (!doc) continue;
    if (doc.name !== 'environmentvariabledefinition')
      out.push(
        f('environment-variables', `Root element is <${doc.name}>; expected <environmentvariabledefinition>.`, n),
      );
    if (attr(doc, 'schemaname') !== m[1])
      out.push(
        f('environment-variables', `schemaname "${attr(doc, 'schemaname')}" must equal its folder name "${m[1]}".`, n),
      );
    const type = textOf(child(doc, 'type'));
    if (!type || !codes.includes(type))
      out.push(f('environment-variables', `type "${type}" is not an environment variable type code.`, n));
    if (type === String(ENV_VAR_TYPE_CODE.boolean)) {
      const d = textOf(child(doc, 'defaultvalue'));
      if (d !== undefined && d !== 'yes' && d !== 'no')
        out.push(f('environment-variables', `Boolean default "${d}" must be "yes" or "no".`, n));
    }
  }
  return out;
};

export const rootComponents: Rule = (pkg) => {
  const out: Finding[] = [];
  const m = manifest(pkg);
  const rc = m ? child(m, 'RootComponents') : undefined;
  if (!rc || !pkg.customizations) return out;
  const where = 'solution.xml';
  const allowed: number[] = [...Object.values(ROOT_TYPE), 380];
  const list = childElements(rc, 'RootComponent');
  const of = (t: number) => list.filter((r) => Number(attr(r, 'type')) === t);
  for (const r of list) {
    const type = Number(attr(r, 'type'));
    if (!allowed.includes(type))
      out.push(
        f(
          'root-components',
          `RootComponent type "${attr(r, 'type')}" is not one the package uses (${allowed.join(', ')}); connection references never get one.`,
          where,
        ),
      );
    if (!['0', '1', '2'].includes(attr(r, 'behavior') ?? ''))
      out.push(f('root-components', `RootComponent behavior must be 0, 1 or 2.`, where));
    const id = attr(r, 'id');
    if (id !== undefined && !BRACED_GUID.test(id))
      out.push(f('root-components', `RootComponent id "${id}" must be a lowercase GUID in braces.`, where));
  }
  const workflowIds = new Set(flowDocs(pkg).map((d) => attr(d.workflow, 'WorkflowId')));
  const rootWorkflows = new Set(of(ROOT_TYPE.workflow).map((r) => attr(r, 'id')));
  for (const id of workflowIds)
    if (!rootWorkflows.has(id)) out.push(f('root-components', `Workflow ${id} has no RootComponent type 29.`, where));
  for (const id of rootWorkflows)
    if (!workflowIds.has(id)) out.push(f('root-components', `RootComponent type 29 ${id} names no <Workflow>.`, where));

  const ccs = section(pkg, 'CustomControls');
  const controlNames = new Set((ccs ? childElements(ccs, 'CustomControl') : []).map((c) => textOf(child(c, 'Name'))));
  const rootControls = new Set(of(ROOT_TYPE.customControl).map((r) => attr(r, 'schemaName')));
  for (const n of controlNames)
    if (!rootControls.has(n))
      out.push(f('root-components', `Custom control ${n} has no RootComponent type 66.`, where));
  for (const n of rootControls)
    if (!controlNames.has(n))
      out.push(f('root-components', `RootComponent type 66 ${n} names no <CustomControl>.`, where));

  const cons = section(pkg, 'Connectors');
  const connectorsByName = new Map(
    (cons ? childElements(cons, 'Connector') : []).map((c) => [
      textOf(child(c, 'name')),
      textOf(child(c, 'connectorid')),
    ]),
  );
  const rootConnectors = of(ROOT_TYPE.connector);
  for (const [name, id] of connectorsByName) {
    const r = rootConnectors.find((x) => attr(x, 'schemaName') === name);
    if (!r) out.push(f('root-components', `Connector ${name} has no RootComponent type 372.`, where));
    else if (attr(r, 'id') !== `{${id}}`)
      out.push(
        f('root-components', `RootComponent 372 ${name} has id ${attr(r, 'id')}; the connector's is {${id}}.`, where),
      );
  }
  for (const r of rootConnectors)
    if (!connectorsByName.has(attr(r, 'schemaName')))
      out.push(f('root-components', `RootComponent type 372 ${attr(r, 'schemaName')} names no <Connector>.`, where));

  const ents = section(pkg, 'Entities');
  const entityNames = new Set(
    (ents ? childElements(ents, 'Entity') : []).map((e) => textOf(child(e, 'Name'))?.toLowerCase()),
  );
  const rootEntities = of(ROOT_TYPE.entity);
  for (const n of entityNames)
    if (!rootEntities.some((r) => attr(r, 'schemaName') === n))
      out.push(f('root-components', `Table ${n} has no RootComponent type 1 (logical name).`, where));
  for (const r of rootEntities)
    if (!entityNames.has(attr(r, 'schemaName')))
      out.push(f('root-components', `RootComponent type 1 ${attr(r, 'schemaName')} names no <Entity>.`, where));
  return out;
};

/** A system table (RootComponent behavior 2, shell only) lists only the columns we add (§3.2, §8.7). */
export const systemTables: Rule = (pkg) => {
  const out: Finding[] = [];
  const m = manifest(pkg);
  const rc = m ? child(m, 'RootComponents') : undefined;
  const shells = new Set(
    (rc ? childElements(rc, 'RootComponent') : [])
      .filter((r) => attr(r, 'type') === String(ROOT_TYPE.entity) && attr(r, 'behavior') === '2')
      .map((r) => attr(r, 'schemaName')),
  );
  const entities = section(pkg, 'Entities');
  for (const entity of entities ? childElements(entities, 'Entity') : []) {
    const name = textOf(child(entity, 'Name')) ?? '';
    if (!shells.has(name.toLowerCase())) continue;
    const info = child(child(entity, 'EntityInfo') ?? entity, 'entity');
    if (info && child(info, 'OwnershipTypeMask'))
      out.push(
        f(
          'system-table',
          `System table ${name} (shell only) must not carry table properties such as OwnershipTypeMask.`,
          'customizations.xml',
        ),
      );
    for (const a of info ? childElements(child(info, 'attributes') ?? info, 'attribute') : [])
      if (textOf(child(a, 'IsCustomField')) !== '1')
        out.push(
          f(
            'system-table',
            `System table ${name} lists column "${attr(a, 'PhysicalName')}", which is not a new custom column (IsCustomField 1); list only the columns the solution adds.`,
            'customizations.xml',
          ),
        );
  }
  return out;
};

export const RULES: Readonly<Record<string, Rule>> = {
  'zip-format': zipFormat,
  'root-files': rootFiles,
  encoding,
  'content-types': contentTypes,
  'solution-manifest': solutionManifest,
  version,
  'managed-flag': managedFlag,
  publisher,
  'customizations-order': customizationsOrder,
  languages,
  workflow: workflows,
  'flow-connection-references': flowConnectionReferences,
  'flow-environment-variables': flowEnvironmentVariables,
  'connection-references': connectionReferences,
  connectors,
  controls,
  'form-controls': formControls,
  'option-values': optionValues,
  'schema-prefix': schemaPrefix,
  'environment-variables': environmentVariables,
  'root-components': rootComponents,
  'system-table': systemTables,
};

import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');
export const CONTROL_NAMES = ['SyncToggle', 'ReferralLink', 'AuditTrail'] as const;

/** Fails with a message saying what to do when the built bundles are missing. */
export function requireBuiltControls(distDir = join(ROOT, 'dist')): void {
  const missing = CONTROL_NAMES.map((c) => join(distDir, 'controls', c, 'bundle.js')).filter((f) => !existsSync(f));
  if (missing.length > 0)
    throw new Error(
      `The browser tests load the built PCF bundles, and these are missing:\n  ${missing.join('\n  ')}\nRun \`npm run build\` first, then the tests.`,
    );
}

/**
 * The React versions the platform supplies to virtual controls (pcf.md §3.2): the manifest names 16.14.0,
 * which canvas apps load; model-driven apps load 17.0.2 under the same global. The controls must work
 * with both, so the browser tests run on each (npm aliases react-17 and react-dom-17 hold 17.0.2).
 */
export const PLATFORM_REACT_VERSIONS = ['16.14.0', '17.0.2'] as const;
export type PlatformReactVersion = (typeof PLATFORM_REACT_VERSIONS)[number];

/** The platform's libraries, as UMD files from node_modules (no network). */
const LIBS: Record<string, string> = {
  '/lib/react-16.14.0.js': require.resolve('react/umd/react.production.min.js'),
  '/lib/react-dom-16.14.0.js': require.resolve('react-dom/umd/react-dom.production.min.js'),
  '/lib/react-17.0.2.js': require.resolve('react-17/umd/react.production.min.js'),
  '/lib/react-dom-17.0.2.js': require.resolve('react-dom-17/umd/react-dom.production.min.js'),
  // The package's exports map hides dist/; its main entry sits in lib-commonjs/ next to it.
  '/lib/fluent.js': join(dirname(require.resolve('@fluentui/react')), '..', 'dist', 'fluentui-react.umd.js'),
};

function harnessHtml(react: PlatformReactVersion): string {
  const bundles = CONTROL_NAMES.map((c) => `<script src="/controls/${c}/bundle.js"></script>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Co-sell Sync PCF harness</title>
<style>
  body { margin: 16px; font-family: "Segoe UI", system-ui, sans-serif; }
  #root { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; align-items: start; }
  .harness-cell { border: 1px dashed #bbb; padding: 8px 12px; }
  .harness-cell h2 { font-size: 12px; color: #666; margin: 0 0 8px; font-weight: normal; }
</style>
<script src="/lib/react-${react}.js"></script>
<script src="/lib/react-dom-${react}.js"></script>
<script src="/lib/fluent.js"></script>
<script>
  // What the platform provides to virtual controls, under the names pcf-scripts maps the externals to.
  window.Reactv16 = window.React;
  window.FluentUIReactv81211 = window.FluentUIReact;
  window.__controls = {};
  window.ComponentFramework = { registerControl: function (name, ctor) { window.__controls[name] = ctor; } };
  // Only the host keeps ReactDOM; the bundles must not rely on any other global.
  window.__ReactDOM = window.ReactDOM;
  delete window.React; delete window.ReactDOM; delete window.FluentUIReact;
</script>
${bundles}
<script type="module" src="/page.js"></script>
</head>
<body><main id="root"></main></body>
</html>
`;
}

let pageJs: string | undefined;
function pageScript(): string {
  pageJs ??= ts.transpileModule(readFileSync(join(__dirname, 'page.ts'), 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ES2020 },
  }).outputText;
  return pageJs;
}

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the harness on 127.0.0.1 (a free port): the page, the platform libraries and dist/controls. */
export async function startHarnessServer(distDir = join(ROOT, 'dist')): Promise<HarnessServer> {
  const controlsDir = join(distDir, 'controls');
  const server: Server = createServer((req, res) => {
    const [rawPath, query = ''] = (req.url ?? '/').split('?');
    const path = decodeURIComponent(rawPath);
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (path === '/') {
        // `/?react=17.0.2` hosts the bundles with that React; the default is the manifest's 16.14.0.
        const react = new URLSearchParams(query).get('react') ?? PLATFORM_REACT_VERSIONS[0];
        if (!(PLATFORM_REACT_VERSIONS as readonly string[]).includes(react))
          return send(400, 'text/plain', `react must be one of ${PLATFORM_REACT_VERSIONS.join(', ')}`);
        return send(200, 'text/html; charset=utf-8', harnessHtml(react as PlatformReactVersion));
      }
      if (path === '/page.js') return send(200, 'text/javascript; charset=utf-8', pageScript());
      if (LIBS[path]) return send(200, 'text/javascript; charset=utf-8', readFileSync(LIBS[path]));
      if (path.startsWith('/controls/')) {
        const file = normalize(join(controlsDir, path.slice('/controls/'.length)));
        if (!file.startsWith(controlsDir + sep) || !existsSync(file)) return send(404, 'text/plain', 'not found');
        const type = file.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'application/xml; charset=utf-8';
        return send(200, type, readFileSync(file));
      }
      return send(404, 'text/plain', 'not found');
    } catch (e) {
      return send(500, 'text/plain', String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

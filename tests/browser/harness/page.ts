/**
 * Runs in Chromium, served as a module by server.ts. Hosts the built bundles the way the platform
 * hosts virtual controls: React and Fluent UI are page globals (Reactv16, FluentUIReactv81211),
 * the bundle registers its class through ComponentFramework.registerControl, and the host owns the
 * React root: it calls updateView and renders the returned element, and after notifyOutputChanged
 * it reads getOutputs, writes the values back into the property bag and calls updateView again.
 */
export {};

export interface PropSpec {
  raw: unknown;
  type: string;
  formatted?: string;
  options?: { Label: string; Value: number }[];
  security?: { editable: boolean; readable: boolean; secured: boolean };
  displayName?: string;
}

export interface MountSpec {
  control: 'SyncToggle' | 'ReferralLink' | 'AuditTrail';
  lcid: number;
  disabled?: boolean;
  userOffsetMinutes?: number;
  /** `context.fluentDesignLanguage` when the app uses the modern look. */
  design?: { tokenTheme: Record<string, string>; isDarkTheme?: boolean };
  params: Record<string, PropSpec>;
}

interface Property {
  raw: unknown;
  formatted: string;
  type: string;
  error: boolean;
  errorMessage: string;
  security?: PropSpec['security'];
  attributes: { DisplayName: string; Options?: { Label: string; Value: number; Color: string }[] };
}

interface Control {
  init(context: unknown, notify: () => void, state: unknown): void;
  updateView(context: unknown): unknown;
  getOutputs(): Record<string, unknown>;
  destroy(): void;
}

interface Mounted {
  params: Record<string, Property>;
  disabled: boolean;
  render: () => number;
}

interface HarnessWindow {
  __controls: Record<string, new () => Control>;
  __ReactDOM: {
    render(element: unknown, container: Element): void;
    unmountComponentAtNode(container: Element): boolean;
  };
  harness: unknown;
}

const w = window as unknown as HarnessWindow;
const LOCALES: Record<number, string> = { 1033: 'en-US', 3082: 'es-ES', 1046: 'pt-BR', 2052: 'zh-CN' };
const mounted = new Map<string, Mounted>();
const outputs: { id: string; outputs: Record<string, unknown> }[] = [];
const opened: string[] = [];

async function loadStrings(control: string, lcid: number): Promise<Map<string, string>> {
  const response = await fetch(`/controls/${control}/strings/${control}.${lcid}.resx`);
  if (!response.ok) throw new Error(`no strings for ${control} ${lcid}`);
  const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
  const map = new Map<string, string>();
  xml
    .querySelectorAll('data')
    .forEach((d) => map.set(d.getAttribute('name') ?? '', d.querySelector('value')?.textContent ?? ''));
  return map;
}

function toProperty(spec: PropSpec): Property {
  const raw = spec.type.startsWith('DateAndTime') && typeof spec.raw === 'string' ? new Date(spec.raw) : spec.raw;
  const options = spec.options?.map((o) => ({ ...o, Color: '' }));
  return {
    raw,
    formatted:
      spec.formatted ??
      options?.find((o) => o.Value === raw)?.Label ??
      (raw === null || raw === undefined ? '' : String(raw)),
    type: spec.type,
    error: false,
    errorMessage: '',
    security: spec.security,
    attributes: { DisplayName: spec.displayName ?? '', Options: options },
  };
}

/** Time of the first updateView + render and the layout it causes, in ms. */
export interface RenderTiming {
  withLayout: number;
}

async function mount(id: string, spec: MountSpec): Promise<RenderTiming> {
  const strings = await loadStrings(spec.control, spec.lcid);
  const Ctor = w.__controls[`CosellSync.${spec.control}`];
  if (!Ctor) throw new Error(`bundle for ${spec.control} did not register CosellSync.${spec.control}`);
  const section = document.createElement('section');
  section.className = 'harness-cell';
  const title = document.createElement('h2');
  title.textContent = `${spec.control} · ${LOCALES[spec.lcid]}`;
  const host = document.createElement('div');
  host.id = id;
  section.append(title, host);
  document.getElementById('root')!.append(section);

  const state: Mounted = { params: {}, disabled: spec.disabled ?? false, render: () => 0 };
  for (const [name, p] of Object.entries(spec.params)) state.params[name] = toProperty(p);
  const locale = LOCALES[spec.lcid] ?? 'en-US';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'short' });
  const context = () => ({
    parameters: state.params,
    mode: {
      isControlDisabled: state.disabled,
      isVisible: true,
      label: '',
      allocatedWidth: -1,
      allocatedHeight: -1,
      trackContainerResize() {},
    },
    formatting: { formatDateShort: (d: Date, includeTime?: boolean) => (includeTime ? dateTime : dateOnly).format(d) },
    userSettings: { languageId: spec.lcid, isRTL: false, getTimeZoneOffsetMinutes: () => spec.userOffsetMinutes ?? 0 },
    resources: { getString: (key: string) => strings.get(key) ?? key },
    navigation: { openUrl: (url: string) => void opened.push(url) },
    fluentDesignLanguage: spec.design,
    updatedProperties: [],
  });
  const control = new Ctor();
  state.render = () => {
    const started = performance.now();
    w.__ReactDOM.render(control.updateView(context()), host);
    return performance.now() - started;
  };
  control.init(
    context(),
    () => {
      // Like the platform: outputs are read after the event, then the bag is updated and the view refreshed.
      setTimeout(() => {
        const out = control.getOutputs();
        outputs.push({ id, outputs: out });
        for (const [name, value] of Object.entries(out)) {
          const p = state.params[name];
          if (!p) continue;
          p.raw = value;
          p.formatted = p.attributes.Options?.find((o) => o.Value === value)?.Label ?? String(value);
        }
        state.render();
      }, 0);
    },
    {},
  );
  const started = performance.now();
  state.render();
  void host.offsetHeight; // forces style and layout of what was just rendered
  const laidOut = performance.now();
  mounted.set(id, state);
  return { withLayout: laidOut - started };
}

function unmount(id: string): void {
  const host = document.getElementById(id);
  if (!host) return;
  w.__ReactDOM.unmountComponentAtNode(host);
  host.parentElement?.remove();
  mounted.delete(id);
}

/** Runs `action` (a synchronous DOM event: React 16 flushes its update before it returns) and times it with the layout it causes. */
function timeInteraction(action: () => void): number {
  const started = performance.now();
  action();
  void document.body.offsetHeight;
  return performance.now() - started;
}

/** Replaces one property (as the platform does when a flow or business rule changes it) and re-renders; returns ms including layout. */
function update(id: string, name: string, spec: PropSpec): number {
  const m = mounted.get(id)!;
  m.params[name] = toProperty(spec);
  return timeInteraction(() => m.render());
}

function setDisabled(id: string, disabled: boolean): void {
  const m = mounted.get(id)!;
  m.disabled = disabled;
  m.render();
}

/** What the page exposes as `window.harness` to tests and benchmarks. */
export interface HarnessApi {
  mount(id: string, spec: MountSpec): Promise<RenderTiming>;
  unmount(id: string): void;
  update(id: string, name: string, spec: PropSpec): number;
  setDisabled(id: string, disabled: boolean): void;
  timeInteraction(action: () => void): number;
  outputs: { id: string; outputs: Record<string, unknown> }[];
  opened: string[];
  ready: boolean;
}

const api: HarnessApi = { mount, unmount, update, setDisabled, timeInteraction, outputs, opened, ready: true };
w.harness = api;

import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { blockOtherHosts, launchChromium } from '../tests/browser/harness/browser';
import { CONTROL_NAMES, requireBuiltControls, startHarnessServer } from '../tests/browser/harness/server';
import { auditOf, auditOfSize, auditTrail, LANGS } from '../tests/browser/harness/scenarios';
import type { HarnessApi, MountSpec, RenderTiming } from '../tests/browser/harness/page';
import { PCF_BUNDLE_BUDGET_BYTES } from '../scripts/pipeline/pcf-step';
import type { BenchResult } from './types';
import { MODERN_DARK } from '../tests/fixtures/modern-theme';

/**
 * PCF controls, measured in Chromium (Debian's, headless) on the harness the browser tests use:
 * the built bundles with React 16.14 (17.0.2 for the line that says so) and Fluent UI 8.121.1 as page globals. Times are
 * performance.now() inside the page around updateView + ReactDOM.render (synchronous in React 16)
 * plus the forced layout; the median of several fresh mounts after warm-up runs.
 * Needs `npm run build` first.
 */
const RUNS = 15;
const WARMUP = 3;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function mount(page: Page, id: string, spec: MountSpec): Promise<RenderTiming> {
  return page.evaluate(([i, s]) => (window as unknown as { harness: HarnessApi }).harness.mount(i, s), [
    id,
    spec,
  ] as const);
}

async function unmount(page: Page, id: string): Promise<void> {
  await page.evaluate((i) => (window as unknown as { harness: HarnessApi }).harness.unmount(i), id);
}

/** Median time of fresh mounts (after warm-up) with the layout they cause, and the first (cold) mount. */
async function mountMedian(page: Page, spec: MountSpec): Promise<{ withLayout: number; cold: number }> {
  const layouts: number[] = [];
  let cold = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t = await mount(page, `m${i}`, spec);
    if (i === 0) cold = t.withLayout;
    if (i >= WARMUP) layouts.push(t.withLayout);
    await unmount(page, `m${i}`);
  }
  return { withLayout: median(layouts), cold };
}

/**
 * Scrolls a mounted trail's list to each offset in turn, timing each step from the scroll event
 * (dispatched synchronously, so the re-render happens inside the timing) through the layout it causes.
 */
async function scrollSteps(page: Page, id: string, offsets: 'walk' | 'jumps'): Promise<number[]> {
  return page.evaluate(
    ([hostId, mode]) => {
      const harness = (window as unknown as { harness: HarnessApi }).harness;
      const list = document.querySelector<HTMLOListElement>(`#${hostId} ol`)!;
      const times: number[] = [];
      const max = () => list.scrollHeight - list.clientHeight;
      const targets =
        mode === 'walk'
          ? Array.from({ length: Math.ceil(max() / 400) + 1 }, (_, i) => i * 400)
          : [0.5, 1, 0.25, 0.75, 0, 1, 0.5, 0].map((f) => f * max());
      for (const y of targets) {
        times.push(
          harness.timeInteraction(() => {
            list.scrollTop = y;
            list.dispatchEvent(new Event('scroll'));
          }),
        );
      }
      return times;
    },
    [id, offsets] as const,
  );
}

/** Times Result filter changes on a mounted trail, each as the median of several runs. */
async function filterChanges(page: Page, id: string): Promise<number> {
  const filter: number[] = [];
  for (const option of ['Failed', 'All', 'Warning', 'All', 'Succeeded']) {
    await page
      .locator(`#${id}`)
      .getByRole('combobox', { name: /^Result / })
      .click();
    await page.getByRole('option', { name: option }).waitFor();
    filter.push(
      await page.evaluate(
        (name) =>
          (window as unknown as { harness: HarnessApi }).harness.timeInteraction(() => {
            const el = [...document.querySelectorAll<HTMLElement>('[role="option"]')].find(
              (o) => o.textContent === name,
            );
            el!.click();
          }),
        option,
      ),
    );
  }
  return median(filter);
}

const entriesInDom = (page: Page, id: string) => page.locator(`#${id} li`).count();

export async function run(): Promise<BenchResult[]> {
  requireBuiltControls();
  const results: BenchResult[] = [];
  for (const control of CONTROL_NAMES) {
    const file = join(__dirname, '..', 'dist', 'controls', control, 'bundle.js');
    const size = existsSync(file) ? statSync(file).size : Number.NaN;
    results.push({
      name: `${control} production bundle.js`,
      value: size,
      unit: 'B',
      target: `≤ ${PCF_BUNDLE_BUDGET_BYTES} B`,
      pass: size <= PCF_BUNDLE_BUDGET_BYTES,
    });
  }

  // The machine is shared: the 1-minute load average says how contended the timings below were.
  results.push({ name: 'machine load average (1 min) when the timings started', value: loadavg()[0], unit: '' });
  const server = await startHarnessServer();
  const browser = await launchChromium();
  try {
    await blockOtherHosts(browser, server.url);
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as { harness?: HarnessApi }).harness?.ready === true);

    const five = await mountMedian(page, auditTrail(LANGS.en, auditOf(500)));
    results.push({
      name: 'audit trail, 500 entries: updateView + render + layout (median of fresh mounts)',
      value: five.withLayout,
      unit: 'ms',
      target: '< 16 ms',
      pass: five.withLayout < 16,
    });
    results.push({ name: 'audit trail, 500 entries: first (cold) mount with layout', value: five.cold, unit: 'ms' });

    await mount(page, 'five', auditTrail(LANGS.en, auditOf(500)));
    results.push({
      name: 'audit trail, 500 entries: entries in the DOM after mount',
      value: await entriesInDom(page, 'five'),
      unit: '',
    });
    const walk = await scrollSteps(page, 'five', 'walk');
    results.push({
      name: `audit trail, 500 entries: scroll through all of it in 400 px steps, slowest of ${walk.length} steps`,
      value: Math.max(...walk),
      unit: 'ms',
      target: '< 16 ms',
      pass: Math.max(...walk) < 16,
    });
    results.push({ name: 'audit trail, 500 entries: same, median step', value: median(walk), unit: 'ms' });
    results.push({
      name: 'audit trail, 500 entries: entries in the DOM at the end of the list',
      value: await entriesInDom(page, 'five'),
      unit: '',
    });
    await unmount(page, 'five');

    const big = auditOfSize(1_048_576);
    const mb = await mountMedian(page, auditTrail(LANGS.en, big));
    results.push({
      name: 'audit trail, 1 MB value: parse + render + layout (median)',
      value: mb.withLayout,
      unit: 'ms',
      target: '< 100 ms',
      pass: mb.withLayout < 100,
    });
    await mount(page, 'big', auditTrail(LANGS.en, big));
    const jumps = await scrollSteps(page, 'big', 'jumps');
    results.push({
      name: `audit trail, 1 MB value: jump to another part of the list, slowest of ${jumps.length} jumps`,
      value: Math.max(...jumps),
      unit: 'ms',
      target: '< 16 ms',
      pass: Math.max(...jumps) < 16,
    });
    const filter = await filterChanges(page, 'big');
    results.push({
      name: 'audit trail, 1 MB value: change Result filter (median)',
      value: filter,
      unit: 'ms',
      target: '< 100 ms',
      pass: filter < 100,
    });

    // The modern look in dark mode: the control inside a ThemeProvider with the generated v8 theme.
    const dark = await mountMedian(page, { ...auditTrail(LANGS.en, auditOf(500)), design: MODERN_DARK });
    results.push({
      name: 'audit trail, 500 entries, modern look (dark): updateView + render + layout (median)',
      value: dark.withLayout,
      unit: 'ms',
      target: '< 16 ms',
      pass: dark.withLayout < 16,
    });

    // Model-driven apps load React 17.0.2 under the same global: the same mount with it.
    const page17 = await browser.context.newPage();
    await page17.goto(`${server.url}/?react=17.0.2`);
    await page17.waitForFunction(() => (window as unknown as { harness?: HarnessApi }).harness?.ready === true);
    const five17 = await mountMedian(page17, auditTrail(LANGS.en, auditOf(500)));
    results.push({
      name: 'audit trail, 500 entries, React 17.0.2 (model-driven apps): updateView + render + layout (median)',
      value: five17.withLayout,
      unit: 'ms',
      target: '< 16 ms',
      pass: five17.withLayout < 16,
    });
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}

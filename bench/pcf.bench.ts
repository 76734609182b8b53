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

/**
 * PCF controls, measured in Chromium (Debian's, headless) on the harness the browser tests use:
 * the built bundles with React 16.14 and Fluent UI 8.121.1 as page globals. Times are
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

async function mountMedian(page: Page, spec: MountSpec): Promise<{ render: number; withLayout: number; cold: number }> {
  const renders: number[] = [];
  const layouts: number[] = [];
  let cold = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t = await mount(page, `m${i}`, spec);
    if (i === 0) cold = t.withLayout;
    if (i >= WARMUP) {
      renders.push(t.render);
      layouts.push(t.withLayout);
    }
    await unmount(page, `m${i}`);
  }
  return { render: median(renders), withLayout: median(layouts), cold };
}

/** Times "Show more" and a Result filter change on a mounted 1 MB trail, each as the median of several runs. */
async function interactions(page: Page, id: string): Promise<{ showMore: number; filter: number }> {
  const showMore: number[] = [];
  const filter: number[] = [];
  for (let i = 0; i < 5; i++) {
    showMore.push(
      await page.evaluate(
        (hostId) =>
          (window as unknown as { harness: HarnessApi }).harness.timeInteraction(() => {
            const buttons = [...document.querySelectorAll<HTMLButtonElement>(`#${hostId} button`)];
            buttons[buttons.length - 1].click();
          }),
        id,
      ),
    );
  }
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
  return { showMore: median(showMore), filter: median(filter) };
}

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

    const five = await mountMedian(page, auditTrail(LANGS.en, auditOf(500), 500));
    results.push({
      name: 'audit trail, 500 entries shown: updateView + render + layout (median)',
      value: five.withLayout,
      unit: 'ms',
      target: '< 16 ms',
      pass: five.withLayout < 16,
    });
    results.push({
      name: 'audit trail, 500 entries shown: updateView + render only (median)',
      value: five.render,
      unit: 'ms',
    });
    results.push({
      name: 'audit trail, 500 entries shown: first (cold) mount with layout',
      value: five.cold,
      unit: 'ms',
    });

    const page100 = await mountMedian(page, auditTrail(LANGS.en, auditOf(500)));
    results.push({
      name: 'audit trail, 500 entries, default page of 100 shown: updateView + render + layout (median)',
      value: page100.withLayout,
      unit: 'ms',
      target: '< 16 ms',
      pass: page100.withLayout < 16,
    });

    // Calibration: React 16 alone creating the same number of elements (500 items x 7 spans), to tell
    // our cost from the machine's speed at the time of the run.
    const floor = await page.evaluate(() => {
      const w = window as unknown as {
        Reactv16: typeof import('react');
        __ReactDOM: { render(e: unknown, c: Element): void; unmountComponentAtNode(c: Element): boolean };
      };
      const R = w.Reactv16;
      const times: number[] = [];
      for (let k = 0; k < 9; k++) {
        const host = document.createElement('div');
        document.body.append(host);
        const t = performance.now();
        w.__ReactDOM.render(
          R.createElement(
            'ol',
            null,
            Array.from({ length: 500 }, (_, i) =>
              R.createElement(
                'li',
                { key: i },
                Array.from({ length: 7 }, (_, j) => R.createElement('span', { key: j }, `x${j}`)),
              ),
            ),
          ),
          host,
        );
        times.push(performance.now() - t);
        w.__ReactDOM.unmountComponentAtNode(host);
        host.remove();
      }
      return times.sort((a, b) => a - b)[4];
    });
    results.push({ name: 'calibration: plain React 16 rendering 500 x 8 elements (median)', value: floor, unit: 'ms' });

    const big = auditOfSize(1_048_576);
    const mb = await mountMedian(page, auditTrail(LANGS.en, big));
    results.push({
      name: 'audit trail, 1 MB value: parse + first page (100) + layout (median)',
      value: mb.withLayout,
      unit: 'ms',
      target: '< 100 ms',
      pass: mb.withLayout < 100,
    });
    await mount(page, 'big', auditTrail(LANGS.en, big));
    const i = await interactions(page, 'big');
    results.push({
      name: 'audit trail, 1 MB value: Show more (+100 entries) (median)',
      value: i.showMore,
      unit: 'ms',
      target: '< 100 ms',
      pass: i.showMore < 100,
    });
    results.push({
      name: 'audit trail, 1 MB value: change Result filter (median)',
      value: i.filter,
      unit: 'ms',
      target: '< 100 ms',
      pass: i.filter < 100,
    });
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}

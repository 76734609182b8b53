import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { blockOtherHosts, launchChromium, type Browser } from './harness/browser';
import {
  PLATFORM_REACT_VERSIONS,
  requireBuiltControls,
  startHarnessServer,
  type HarnessServer,
  type PlatformReactVersion,
} from './harness/server';
import {
  FAILURE,
  LANGS,
  PC_URL,
  REFERRAL_ID,
  STATUS,
  auditOf,
  auditOfSize,
  auditTrail,
  referralLink,
  toggleError,
  toggleFirstShare,
  toggleSynced,
} from './harness/scenarios';
import type { MountSpec } from './harness/page';
import { MODERN_DARK } from '../fixtures/modern-theme';

/**
 * The built bundles in real Chromium (Debian's, driven by playwright-core), hosted the way the
 * platform hosts virtual controls. Needs `npm run build` first. Screenshots go to
 * .test-results/screenshots/ (not committed).
 */
const SHOTS = join(__dirname, '..', '..', '.test-results', 'screenshots');

let server: HarnessServer;
let browser: Browser;

beforeAll(async () => {
  requireBuiltControls();
  mkdirSync(SHOTS, { recursive: true });
  server = await startHarnessServer();
  browser = await launchChromium();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await blockOtherHosts(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openHarness(react: PlatformReactVersion): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Resources the page asks of other hosts (Fluent's web fonts and icon font from its CDN) are
  // blocked by the route in beforeAll; their load errors are expected, any other error is not.
  page.on('console', (m) => {
    if (m.type() === 'error' && m.location().url.startsWith(server.url)) errors.push(m.text());
  });
  await page.goto(`${server.url}/?react=${react}`);
  await page.waitForFunction(() => (window as unknown as { harness?: { ready: boolean } }).harness?.ready === true);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

/** Retries an assertion until it passes or 3 s have gone: scroll events reach the page asynchronously. */
async function eventually(assertion: () => Promise<void>): Promise<void> {
  const until = Date.now() + 3000;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;

async function mount(page: Page, id: string, spec: MountSpec): Promise<void> {
  await page.evaluate(
    ([i, s]) =>
      (window as unknown as { harness: { mount(id: string, spec: unknown): Promise<void> } }).harness.mount(i, s),
    [id, spec] as const,
  );
}

async function outputs(page: Page): Promise<{ id: string; outputs: Record<string, unknown> }[]> {
  return page.evaluate(
    () =>
      (window as unknown as { harness: { outputs: { id: string; outputs: Record<string, unknown> }[] } }).harness
        .outputs,
  );
}

async function mountAll(page: Page, lcid: number, design?: MountSpec['design']): Promise<void> {
  const specs: [string, MountSpec][] = [
    ['share', toggleFirstShare(lcid)],
    ['error', toggleError(lcid)],
    ['synced', toggleSynced(lcid)],
    ['link', referralLink(lcid)],
    ['badlink', referralLink(lcid, 'javascript:alert(document.domain)')],
    ['audit', auditTrail(lcid)],
  ];
  for (const [id, spec] of specs) await mount(page, id, { ...spec, design });
}

describe.each(PLATFORM_REACT_VERSIONS)('PCF controls in Chromium with React %s', (react) => {
  const open = () => openHarness(react);

  it('registers all three controls from their bundles with only the platform globals', async () => {
    const page = await open();
    expect(await page.evaluate(() => (window as unknown as { Reactv16: { version: string } }).Reactv16.version)).toBe(
      react,
    );
    const registered = await page.evaluate(() =>
      Object.keys((window as unknown as { __controls: object }).__controls).sort(),
    );
    expect(registered).toEqual(['CosellSync.AuditTrail', 'CosellSync.ReferralLink', 'CosellSync.SyncToggle']);
    expect(await page.evaluate(() => typeof (window as unknown as { React?: unknown }).React)).toBe('undefined');
    await page.close();
  });

  it('toggle: confirms the first share, then sends the change; Retry sets Pending', async () => {
    const page = await open();
    await mountAll(page, LANGS.en);
    const share = page.locator('#share');
    await share.getByRole('switch', { name: 'Sync with Partner Center' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Share with Microsoft sellers?' });
    // The alertdialog wrapper has no box of its own (its content is fixed-positioned): wait for its title.
    await dialog.getByRole('heading', { name: 'Share with Microsoft sellers?' }).waitFor();
    await expect(dialog.textContent()).resolves.toContain("can't be undone");
    await page.screenshot({ path: join(SHOTS, 'toggle-confirm-en.png') });
    expect(await outputs(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Share and sync' }).click();
    await dialog.getByRole('heading').waitFor({ state: 'detached' });
    await page.waitForFunction(
      () => (window as unknown as { harness: { outputs: unknown[] } }).harness.outputs.length === 1,
    );
    expect(await outputs(page)).toEqual([{ id: 'share', outputs: { value: true } }]);
    expect(await share.getByRole('switch').getAttribute('aria-checked')).toBe('true');

    const error = page.locator('#error');
    expect(await error.textContent()).toContain(FAILURE);
    await error.getByRole('button', { name: 'Retry the sync with Partner Center' }).click();
    await error.locator('[data-state="pending"]').waitFor();
    expect((await outputs(page))[1]).toEqual({ id: 'error', outputs: { syncStatus: STATUS.pending } });
    expect(await error.getByRole('status').textContent()).toBe('Sync status: Pending');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('toggle: keyboard only, with a visible focus indicator', async () => {
    const page = await open();
    await mount(page, 'share', toggleFirstShare(LANGS.en));
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('role'));
    expect(focused).toBe('switch');
    // Fluent draws its focus rectangle once FocusRects has seen keyboard use.
    expect(await page.evaluate(() => document.body.classList.contains('ms-Fabric--isFocusVisible'))).toBe(true);
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const after = getComputedStyle(el, '::after');
      return `${after.borderStyle} ${after.outlineStyle}`;
    });
    expect(outline).toMatch(/solid/);
    // The focus rectangle sits outside the switch: take the area around the control, not the element alone.
    const box = (await page.locator('#share').boundingBox())!;
    await page.screenshot({
      path: join(SHOTS, 'toggle-keyboard-focus-en.png'),
      clip: { x: box.x - 12, y: box.y - 12, width: box.width + 24, height: box.height + 24 },
    });
    await page.keyboard.press('Space');
    const title = page.getByRole('alertdialog').getByRole('heading');
    await title.waitFor();
    await page.keyboard.press('Escape');
    await title.waitFor({ state: 'detached' });
    expect(await outputs(page)).toEqual([]);
    await page.keyboard.press('Space');
    await title.waitFor();
    const share = page.getByRole('button', { name: 'Share and sync' });
    await share.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => (window as unknown as { harness: { outputs: unknown[] } }).harness.outputs.length === 1,
    );
    expect(await outputs(page)).toEqual([{ id: 'share', outputs: { value: true } }]);
    await page.close();
  });

  it('toggle: follows read-only changes made after load', async () => {
    const page = await open();
    await mount(page, 'share', toggleFirstShare(LANGS.en));
    const sw = page.locator('#share').getByRole('switch');
    expect(await sw.isDisabled()).toBe(false);
    await page.evaluate(() =>
      (window as unknown as { harness: { setDisabled(id: string, d: boolean): void } }).harness.setDisabled(
        'share',
        true,
      ),
    );
    expect(await sw.isDisabled()).toBe(true);
    await page.close();
  });

  it('referral link: opens Partner Center in a new tab, copies the id, shows other URLs as text', async () => {
    const page = await open();
    await mountAll(page, LANGS.en);
    const link = page.locator('#link').getByRole('link', { name: 'Open in Partner Center (opens in a new tab)' });
    expect(await link.getAttribute('href')).toBe(PC_URL);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await link.click();
    expect(await page.evaluate(() => (window as unknown as { harness: { opened: string[] } }).harness.opened)).toEqual([
      PC_URL,
    ]);

    await page
      .locator('#link')
      .getByRole('button', { name: `Copy referral ID ${REFERRAL_ID}` })
      .click();
    await page.locator('#link').getByRole('status').filter({ hasText: 'Referral ID copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(REFERRAL_ID);

    const bad = page.locator('#badlink');
    expect(await bad.getByRole('link').count()).toBe(0);
    expect(await bad.textContent()).toContain('javascript:alert(document.domain)');
    await page.close();
  });

  it('audit trail: newest first, filters by result and direction', async () => {
    const page = await open();
    await mount(page, 'audit', auditTrail(LANGS.en));
    const audit = page.locator('#audit');
    const list = audit.getByRole('list', { name: 'Sync history, newest first' });
    const rows = list.getByRole('listitem');
    expect(await rows.count()).toBe(6);
    expect(await rows.first().textContent()).toContain(FAILURE);
    expect(await rows.last().textContent()).toContain('written by an earlier tool');

    await audit.getByRole('combobox', { name: /^Result / }).click();
    await page.getByRole('option', { name: 'Failed' }).click();
    expect(await rows.count()).toBe(1);
    expect(await audit.getByRole('status').textContent()).toBe('Showing 1 of 6 entries');

    await audit.getByRole('combobox', { name: /^Result / }).click();
    await page.getByRole('option', { name: 'All' }).click();
    await audit.getByRole('combobox', { name: /^Direction / }).click();
    await page.getByRole('option', { name: 'From Partner Center' }).click();
    expect(await rows.count()).toBe(2);
    await audit.screenshot({ path: join(SHOTS, 'audit-filtered-en.png') });
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('audit trail: a 500-entry history scrolls by keyboard and mouse, rendering only what is near the view', async () => {
    const page = await open();
    await mount(page, 'long', auditTrail(LANGS.en, auditOf(500)));
    const list = page.locator('#long').getByRole('list', { name: 'Sync history, newest first' });
    const rows = list.getByRole('listitem');
    expect(await rows.count()).toBeLessThan(30);
    expect(await rows.first().getAttribute('aria-setsize')).toBe('500');
    expect(await rows.first().textContent()).toContain('Entry 499 ');

    // Keyboard only: Tab from the filters reaches the list, End goes to the oldest entry.
    await page
      .locator('#long')
      .getByRole('combobox', { name: /^Direction / })
      .focus();
    await page.keyboard.press('Tab');
    expect(await list.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('End');
    await eventually(async () => expect(await rows.last().getAttribute('aria-posinset')).toBe('500'));
    expect(await rows.last().textContent()).toContain('Entry 0 ');
    // Once the (smooth) scroll settles, the oldest entry is on screen at the bottom of the list's box.
    await eventually(async () => {
      const [box, last] = await Promise.all([list.boundingBox(), rows.last().boundingBox()]);
      expect(Math.abs(last!.y + last!.height - (box!.y + box!.height))).toBeLessThan(1);
    });
    // A filter chosen at the end of the list starts at its newest entry.
    await page
      .locator('#long')
      .getByRole('combobox', { name: /^Result / })
      .click();
    await page.getByRole('option', { name: 'Failed' }).click();
    await eventually(async () => {
      expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
      expect(await rows.first().getAttribute('aria-posinset')).toBe('1');
      expect(await rows.first().getAttribute('aria-setsize')).toBe('125');
    });
    await page
      .locator('#long')
      .getByRole('combobox', { name: /^Result / })
      .click();
    await page.getByRole('option', { name: 'All' }).click();
    await list.focus();
    await page.keyboard.press('End');
    await eventually(async () => expect(await rows.last().getAttribute('aria-posinset')).toBe('500'));
    await page.keyboard.press('Home');
    await eventually(async () => expect(await rows.first().getAttribute('aria-posinset')).toBe('1'));

    // Mouse wheel to the middle: the entries there are rendered, each exactly once.
    await list.hover();
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 800);
    await eventually(async () => expect(Number(await rows.first().getAttribute('aria-posinset'))).toBeGreaterThan(100));
    const positions = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('aria-posinset'))));
    expect(positions).toEqual(positions.map((_, i) => positions[0] + i));
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('renders bad input sensibly: nulls, unparseable lines, unsafe URLs, 1 MB', async () => {
    const page = await open();
    await mount(page, 'nulls', auditTrail(LANGS.en, null));
    await mount(page, 'broken', auditTrail(LANGS.en, '{"v":1,"time":"nope"}\n<script>alert(1)</script>'));
    await mount(page, 'nolink', referralLink(LANGS.en, null));
    expect(await page.locator('#nulls').textContent()).toContain('No sync activity yet.');
    expect(await page.locator('#broken').getByRole('listitem').count()).toBe(2);
    expect(await page.locator('#broken script').count()).toBe(0);
    expect(await page.locator('#nolink').textContent()).toContain('No referral yet');
    await mount(page, 'huge', auditTrail(LANGS.en, auditOfSize(1_048_576)));
    expect(await page.locator('#huge').getByRole('listitem').count()).toBeLessThan(30);
    expect(await page.locator('#huge').getByRole('status').textContent()).toMatch(/^Showing (\d{4}) of \1 entries$/);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  // Screenshots are taken once, with the React the manifest names.
  if (react !== PLATFORM_REACT_VERSIONS[0]) return;

  it.each(Object.entries(LANGS))('screenshots in %s', async (name, lcid) => {
    const page = await open();
    await mountAll(page, lcid);
    await page.screenshot({ path: join(SHOTS, `controls-${name}.png`), fullPage: true });
    expect(await page.locator('#share').getByRole('switch').count()).toBe(1);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('follows the modern look in dark mode (fluentDesignLanguage tokens)', async () => {
    const page = await open();
    await mountAll(page, LANGS.en, MODERN_DARK);
    const colours = await page.evaluate(() => {
      const style = (sel: string) => getComputedStyle(document.querySelector<HTMLElement>(sel)!);
      return {
        auditText: style('#audit li').color,
        auditBackground: style('#audit > div').backgroundColor,
        dropdownTitle: style('#audit .ms-Dropdown-title').backgroundColor,
        toggleBackground: style('#share > div').backgroundColor,
        runLink: style('#audit a').color,
      };
    });
    expect(colours).toEqual({
      auditText: 'rgb(255, 255, 255)',
      auditBackground: 'rgb(41, 41, 41)',
      dropdownTitle: 'rgb(41, 41, 41)',
      toggleBackground: 'rgb(41, 41, 41)',
      // The v9 brand foreground of dark mode, not the darker brand background.
      runLink: 'rgb(71, 158, 245)',
    });
    await page.screenshot({ path: join(SHOTS, 'controls-modern-dark.png'), fullPage: true });
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('screenshots in high contrast (forced colours)', async () => {
    const page = await open();
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    await mountAll(page, LANGS.en);
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    const border = await page
      .locator('#error [data-state="error"]')
      .evaluate((el) => getComputedStyle(el).borderTopStyle);
    expect(border).toBe('solid');
    // Error text takes the system text colour, like the page's text, not its own red.
    const [reason, text] = await page
      .locator('#error')
      .evaluate((el) => [
        getComputedStyle(el.querySelector('strong')!.parentElement!).color,
        getComputedStyle(document.body).color,
      ]);
    expect(reason).toBe(text);
    await page.screenshot({ path: join(SHOTS, 'controls-high-contrast.png'), fullPage: true });
    await page.close();
  });
});

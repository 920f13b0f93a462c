/**
 * What every browser scenario shares: one Chromium per test file, a fresh
 * browser context per test, the test server's address, and waits written
 * against the dashboard's selector contract (data-testid, data-figure-id …).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where tests/browser/setup.ts serves the built site, e.g. `http://localhost:41234/`. */
    baseUrl: string;
    /** Set when the setup could not make the data, build or serve the site: every scenario fails with it. */
    setupError: string;
  }
}

/** Debian's Chromium, unless CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// No network but the test server: nothing may phone home, and QUIC/GPU only slow a headless run.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long a wait for the page may take before the scenario fails. */
export const WAIT_MS = 20_000;

/** Launches headless Chromium, or fails with what to install when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing: ${CHROMIUM} does not exist. The browser tests need Debian's chromium and a CJK font; ` +
        `install them with "bash .ci/run" or "apt-get install -y chromium fonts-noto-cjk" (or set CHROMIUM_PATH).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The absolute address of `path` (e.g. `/doc?doc=…`) on the test server. */
export function url(path: string): string {
  return new URL(path.replace(/^\/+/, ''), inject('baseUrl')).href;
}

/** Context options every scenario starts from: a Chinese-speaking analyst in Shanghai's time zone. */
export const CONTEXT_OPTIONS: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
};

const problems = new WeakMap<Page, string[]>();

/** Uncaught exceptions and console errors a page has had (a missing favicon aside). */
export function pageProblems(page: Page): string[] {
  return problems.get(page) ?? [];
}

function watch(page: Page): Page {
  const list: string[] = [];
  problems.set(page, list);
  page.on('pageerror', (e) => list.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url ?? '')) list.push(`console: ${m.text()}`);
  });
  return page;
}

/** One scenario file's browser: {@link useBrowser} returns it. */
export interface Session {
  readonly browser: Browser;
  /** This test's context (fresh for each test). */
  readonly context: BrowserContext;
  /** Opens `path` in a new page of `context` (this test's by default) and waits for it to load. */
  open(path: string, context?: BrowserContext): Promise<Page>;
  /** Another fresh context, as a second user (closed after the test). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * Registers the hooks of a scenario file: Chromium launched once for the file,
 * a fresh context per test, and on a failing test a screenshot of each page in a
 * temp folder and the page's errors printed.
 */
export function useBrowser(options: BrowserContextOptions = {}): Session {
  let browser: Browser | undefined;
  let launchError: Error | undefined;
  let contexts: BrowserContext[] = [];

  // A launch failure is rethrown by every test, so each one counts as failed (a failing beforeAll would skip them).
  beforeAll(async () => {
    const setupError = inject('setupError');
    if (setupError) {
      launchError = new Error(setupError);
      return;
    }
    browser = await launchChromium().catch((e: Error) => {
      launchError = e;
      return undefined;
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const newContext = async (extra: BrowserContextOptions = {}) => {
    if (!browser) throw launchError ?? new Error('Chromium did not start');
    const context = await browser.newContext({ ...CONTEXT_OPTIONS, ...options, ...extra });
    context.setDefaultTimeout(WAIT_MS);
    context.on('page', watch);
    contexts.push(context);
    return context;
  };

  beforeEach(async () => {
    await newContext();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const dir = join(tmpdir(), 'kelan-browser-failures');
      mkdirSync(dir, { recursive: true });
      let i = 0;
      for (const context of contexts) {
        for (const page of context.pages()) {
          const file = join(dir, `${task.name.replace(/[^\w-]+/g, '_').slice(0, 60)}-${i++}.png`);
          await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
          const testIds = await page
            .evaluate(() => [...new Set([...document.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid')))].join(', '))
            .catch(() => '?');
          console.error(
            `[${task.name}] ${page.url()}\n  screenshot: ${file}\n  page problems: ${pageProblems(page).join(' | ') || 'none'}\n  data-testids on the page: ${testIds}`,
          );
        }
      }
    }
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    contexts = [];
  });

  const current = () => {
    if (!contexts[0]) throw new Error('no browser context: call inside a test');
    return contexts[0];
  };
  return {
    get browser() {
      if (!browser) throw launchError ?? new Error('Chromium did not start');
      return browser;
    },
    get context() {
      return current();
    },
    async open(path, context) {
      const page = await (context ?? current()).newPage();
      await page.goto(url(path));
      return page;
    },
    newContext,
  };
}

/** What a chart point says about itself, read from its attributes and computed style. */
export interface ChartPoint {
  figureId: string;
  region: string;
  year: number;
  stance: string;
  value: number;
  tag: string;
  classes: string[];
  /** The computed fill, e.g. `rgb(255, 255, 255)` for a hollow marker. */
  fill: string;
  role: string | null;
  tabindex: string | null;
}

// The live chart's points: the one drawn at build time shows first, but clicks on it wait for the app.
const POINTS = '[data-testid=chart] svg [data-figure-id]:not(.pre *)';
const LOADING = /加载|载入|loading/i;

/** The chart's points, in document order. */
export function chartPoints(page: Page): Promise<ChartPoint[]> {
  return page.$$eval(POINTS, (els) =>
    els.map((el) => ({
      figureId: el.getAttribute('data-figure-id') ?? '',
      region: el.getAttribute('data-region') ?? '',
      year: Number(el.getAttribute('data-year')),
      stance: el.getAttribute('data-stance') ?? '',
      value: Number(el.getAttribute('data-value')),
      tag: el.tagName.toLowerCase(),
      classes: [...el.classList],
      fill: getComputedStyle(el).fill,
      role: el.getAttribute('role'),
      tabindex: el.getAttribute('tabindex'),
    })),
  );
}

/** The status line's text, or null when the page shows none. */
export async function statusText(page: Page): Promise<string | null> {
  const status = page.locator('[data-testid=status]').first();
  return (await status.count()) ? (await status.innerText()).trim() : null;
}

/**
 * Waits until the chart has drawn its points and returns them. Fails at once,
 * with the status line's words, when the page settles on an empty or error state.
 */
export async function waitForChart(page: Page, timeout = WAIT_MS): Promise<ChartPoint[]> {
  const outcome = await page
    .waitForFunction(
      ({ points, loading }) => {
        if (document.querySelector(points)) return { drawn: true, status: '' };
        const status = document.querySelector('[data-testid=status]')?.textContent?.trim();
        if (status && !new RegExp(loading, 'i').test(status)) return { drawn: false, status };
        return null;
      },
      { points: POINTS, loading: LOADING.source },
      { timeout, polling: 100 },
    )
    .then((h) => h.jsonValue() as Promise<{ drawn: boolean; status: string }>)
    .catch((e: Error) => {
      throw new Error(`the chart did not draw within ${timeout} ms at ${page.url()} (${e.message.split('\n')[0]})`);
    });
  if (!outcome.drawn) throw new Error(`the chart did not draw at ${page.url()}; the status says: ${outcome.status}`);
  return chartPoints(page);
}

/** Waits until the status line shows something other than loading, and returns its text. */
export async function waitForSettledStatus(page: Page, timeout = WAIT_MS): Promise<string> {
  const handle = await page.waitForFunction(
    (loading) => {
      const status = document.querySelector('[data-testid=status]')?.textContent?.trim();
      return status && !new RegExp(loading, 'i').test(status) ? status : null;
    },
    LOADING.source,
    { timeout, polling: 100 },
  );
  return (await handle.jsonValue()) as string;
}

/** Waits for the figure panel and its sentence, and returns the panel. */
export async function waitForPanel(page: Page, timeout = WAIT_MS) {
  const panel = page.locator('[data-testid=figure-panel]');
  await panel.locator('[data-testid=figure-sentence]').waitFor({ state: 'visible', timeout });
  return panel;
}

/** The point of `region` in `year` with `stance` (and optionally a value), as a locator. */
export function pointLocator(page: Page, p: { region: string; year: number; stance?: string; figureId?: string }) {
  let selector = `[data-testid=chart] svg [data-region="${p.region}"][data-year="${p.year}"]`;
  if (p.stance) selector += `[data-stance="${p.stance}"]`;
  if (p.figureId) selector += `[data-figure-id="${p.figureId}"]`;
  return page.locator(selector);
}

/** The view's URL search parameters as the page has them now. */
export function searchParams(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

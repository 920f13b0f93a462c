/**
 * The accessibility audit: axe-core over every view of the dashboard, in
 * Chinese and English, light and dark (each page is drawn light, then turned
 * dark as the system's colour scheme changes), with no rule disabled and
 * nothing excluded. A view passes with no violation of serious or critical
 * impact; a failure lists each one with its rule, impact, the elements'
 * selectors and what axe says to do.
 */
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readParquet } from '../helpers/parquet.ts';
import { DATA, expectedDocs } from './corpus.ts';
import { pageProblems, url, useBrowser, WAIT_MS } from './harness.ts';

const session = useBrowser();

type Lang = 'zh' | 'en';
type Theme = 'light' | 'dark';
const LANGS: Lang[] = ['zh', 'en'];
const THEMES: Theme[] = ['light', 'dark'];
const FAILING = new Set(['serious', 'critical']);

/** The ids the views' addresses need, read from the data the site serves. */
const ids = { doc: '', figure: '' };

beforeAll(async () => {
  const [figure] = await readParquet<{ figure_id: string; doc_id: string }>(join(DATA, 'figures.parquet'), `SELECT figure_id, doc_id FROM t
    WHERE indicator = 'high_tech_enterprises' AND measure = 'total' AND region = 'hubei' AND stance = 'actual' ORDER BY year DESC, figure_id LIMIT 1`);
  ids.figure = figure.figure_id;
  // The document view with the most figures: the most marks, links and notes to audit.
  const docs = await expectedDocs();
  ids.doc = docs.reduce((a, b) => (b.figures > a.figures ? b : a)).doc_id;
});

/** A view: its address (without lang), what shows that it has drawn, and optional states reached from it. */
interface View {
  name: string;
  path: () => string;
  ready: string;
  /** Further states of the same page to audit, each reached by `go`. */
  then?: { name: string; go: (page: Page) => Promise<void> }[];
  /** A phone's screen (390 × 844, touch) instead of the laptop's. */
  phone?: boolean;
}

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

const HIGH_TECH = '/?indicator=high_tech_enterprises&measure=total&unit=count';

// Every route of src/routes that a reader sees (oembed answers JSON), and the compare view's panels and options.
const VIEWS: View[] = [
  { name: 'compare', path: () => '/', ready: '[data-testid=chart] .live svg [data-figure-id]' },
  {
    name: 'compare with a figure panel',
    path: () => `${HIGH_TECH}&figure=${ids.figure}`,
    ready: '[data-testid=figure-panel] [data-testid=figure-sentence]',
  },
  {
    name: 'compare with targets, share and national',
    path: () => `${HIGH_TECH}&regions=hubei,wuhan&targets=1&share=1&national=1`,
    ready: '[data-testid=share-chart] [data-derived]',
    then: [
      {
        name: 'derived panel',
        go: async (page) => {
          await page.locator('[data-testid=share-chart] [data-derived]').first().focus();
          await page.keyboard.press('Enter');
          await page.locator('[data-testid=derived-panel]').waitFor();
        },
      },
    ],
  },
  // A phone: the pickers folded above the chart, the legend wrapped, the panel below; then the pickers opened.
  {
    name: 'compare on a phone, figure panel open',
    path: () => `${HIGH_TECH}&figure=${ids.figure}`,
    ready: '[data-testid=figure-panel] [data-testid=figure-sentence]',
    phone: true,
    then: [{ name: 'pickers opened', go: (page) => page.locator('[data-testid=pickers-box] summary').tap() }],
  },
  { name: 'multiples', path: () => '/multiples', ready: '.panel svg [data-figure-id]' },
  { name: 'table', path: () => '/table', ready: '[data-testid=figures-table] tbody tr' },
  { name: 'targets', path: () => '/targets', ready: '[data-testid=targets-table][aria-busy=false] [data-testid=target-row]' },
  { name: 'documents', path: () => '/docs', ready: '[data-testid=docs-table] tbody tr' },
  { name: 'document', path: () => `/doc?doc=${encodeURIComponent(ids.doc)}`, ready: '[data-testid=document-text] mark' },
  { name: 'document, raw text', path: () => `/doc?doc=${encodeURIComponent(ids.doc)}&raw=1`, ready: '[data-testid=document-text]' },
  {
    name: 'report',
    path: () => '/report?indicators=high_tech_enterprises,tech_contract_turnover&regions=hubei,wuhan,chongqing',
    ready: '[data-testid=report-citations] li',
  },
  // theme=auto: the embed follows the reader's colour scheme, as the dashboard does.
  { name: 'embed', path: () => '/embed?indicator=high_tech_enterprises&regions=hubei,wuhan,chongqing&theme=auto', ready: '[data-testid=chart] svg [data-figure-id]' },
];

/** A violation as a reader of the failure needs it. */
interface Found {
  where: string;
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
  summary: string;
}

async function audit(page: Page, where: string): Promise<Found[]> {
  // Every rule axe runs by default; only the passes and needs-review lists are not collected, which saves time on long tables.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  return results.violations
    .filter((v) => FAILING.has(v.impact ?? ''))
    .map((v) => ({
      where,
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.map(String).join(' >> ')),
      summary: v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? '',
    }));
}

/** Audits `page` in `theme`, switched to as the system's colour scheme. */
async function auditIn(page: Page, theme: Theme, where: string): Promise<Found[]> {
  await page.emulateMedia({ colorScheme: theme });
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme, { timeout: WAIT_MS });
  // Two frames, so whatever redraws for the theme (the charts) has drawn.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return audit(page, where);
}

function describeFound(found: Found[]): string {
  return found
    .map((f) => {
      const shown = f.targets.slice(0, 8).map((t) => `      ${t}`);
      if (f.targets.length > 8) shown.push(`      … and ${f.targets.length - 8} more`);
      return `  [${f.where}] ${f.id} (${f.impact}, ${f.targets.length} element${f.targets.length === 1 ? '' : 's'}): ${f.help}\n    ${f.summary}\n${shown.join('\n')}\n    ${f.helpUrl}`;
    })
    .join('\n');
}

describe('accessibility (axe-core)', () => {
  it.each(VIEWS)('$name: no serious or critical violation in zh and en, light and dark', async (view) => {
    const found: Found[] = [];
    for (const lang of LANGS) {
      // One page per language: drawn light, audited, then turned dark as the system's scheme changes, and audited again.
      const page = await (view.phone ? await session.newContext(PHONE) : session.context).newPage();
      await page.emulateMedia({ colorScheme: 'light' });
      const path = view.path();
      await page.goto(url(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`));
      await page.locator(view.ready).first().waitFor({ timeout: 3 * WAIT_MS });
      expect(await page.evaluate(() => document.documentElement.lang), `${view.name}, ${lang}`).toMatch(lang === 'zh' ? /^zh/ : /^en/);
      for (const theme of THEMES) found.push(...(await auditIn(page, theme, `${view.name}, ${lang}, ${theme}`)));
      for (const next of view.then ?? []) {
        await next.go(page);
        for (const theme of [...THEMES].reverse()) found.push(...(await auditIn(page, theme, `${view.name}, ${lang}, ${theme}, ${next.name}`)));
      }
      expect(pageProblems(page), `${view.name}, ${lang}`).toEqual([]);
      await page.close();
    }
    if (found.length) console.error(`axe found ${found.length} serious or critical violations:\n${describeFound(found)}`);
    expect(found.map((f) => `[${f.where}] ${f.id} (${f.impact}): ${f.targets.length} × ${f.targets[0]}`), describeFound(found)).toEqual([]);
  }, 180_000);
});

/**
 * A fuzz of every view's URL parameters (url-fuzz.ts makes the cases from a
 * fixed seed): 1,020 links to the compare view, small multiples, the table, the
 * document view, the documents library, the report, the embed and the targets
 * view, followed one after another in one page as a reader's clicks would be
 * (SvelteKit navigates client-side; every 40th is a full page load), and 60
 * requests of the oEmbed endpoint. Each link must end on its view or on a
 * readable message: no uncaught error, no console error, no failed request, no
 * DuckDB query answered with an error, no error state, no payload run or markup
 * made into elements, no CSP violation, no message with an error's internals or
 * a lost value (`undefined`, `NaN`). A link longer than servers take (the local
 * server's limit is 16 KB) may end on the error page that says so when the view
 * needs the server (the compare page's prerendered data is fetched with the
 * link's query). KELAN_FUZZ_SEED explores other seeds.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DATA } from './corpus.ts';
import { useBrowser, url } from './harness.ts';
import { CASES_PER_ROUTE, FUZZ_SEED, INSTRUMENT, judge, knownValues, LONGEST_URL, oembedCases, VISIT, fuzzCases, type FuzzCase, type Verdict } from './url-fuzz.ts';

const session = useBrowser();
const TOTAL = Object.values(CASES_PER_ROUTE).reduce((a, b) => a + b, 0);

/** How long one case may take to settle before it fails. */
const CASE_MS = 15_000;

/** Everything the page reports that a case must not cause, with the address it concerns. */
function watch(page: Page): Array<{ text: string; url: string }> {
  const seen: Array<{ text: string; url: string }> = [];
  page.on('pageerror', (e) => seen.push({ text: `uncaught: ${e.message}`, url: '' }));
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push({ text: `console: ${m.text()}`, url: m.location().url ?? '' });
  });
  page.on('requestfailed', (r) => seen.push({ text: `request failed: ${r.failure()?.errorText}`, url: r.url() }));
  page.on('response', (r) => {
    if (r.status() >= 400) seen.push({ text: `HTTP ${r.status()}`, url: r.url() });
  });
  page.on('dialog', (d) => {
    seen.push({ text: `dialog: ${d.message()}`, url: '' });
    void d.dismiss();
  });
  return seen;
}

/**
 * What a case may cause and still pass: a request cut off by a full page load (the previous page's,
 * its favicon's), and, for a link too long for the server to the compare page, the refused request
 * of its data and the message of the error page.
 */
const expected = (c: FuzzCase, v: Verdict, p: { text: string; url: string }) =>
  (p.text === 'request failed: net::ERR_ABORTED' && (c.full || /\/favicon\.svg$/.test(p.url)))
  || (c.href.length > LONGEST_URL && (v.pageError === '414' || v.pageError === '431') && /\/__data\.json\?/.test(p.url)
    && /(HTTP |status of )(414|431)\b|net::ERR_ABORTED/.test(p.text));

describe('URL parameters of every view, fuzzed', () => {
  it(`${TOTAL} links of seed ${FUZZ_SEED} each end on their view or a readable message`, async () => {
    const known = await knownValues(DATA);
    const cases = fuzzCases(known);
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    const page = await session.context.newPage();
    const problems = watch(page);
    await page.addInitScript(INSTRUMENT);
    await page.goto(url('/'));
    const started = performance.now();
    const failures: string[] = [];
    const byRoute = new Map<string, { n: number; ms: number; normal: number }>();
    for (const c of cases) {
      const before = problems.length;
      if (c.full) await page.goto(url(c.href));
      const v = (await page.evaluate(`(${VISIT})(${JSON.stringify({ href: c.href, loaded: c.full, timeout: CASE_MS })})`)) as Verdict;
      const caused = problems.slice(before).filter((p) => !expected(c, v, p));
      const why = judge(c, v) ?? (caused.length ? caused.map((p) => `${p.text} ${p.url.slice(0, 120)}`).join(' | ') : null);
      if (why) failures.push(`#${c.n} ${c.route} ${c.href.slice(0, 300)}${c.href.length > 300 ? `… (${c.href.length} characters)` : ''}\n    ${why.slice(0, 600)}`);
      const s = byRoute.get(c.route) ?? { n: 0, ms: 0, normal: 0 };
      byRoute.set(c.route, { n: s.n + 1, ms: s.ms + v.ms, normal: s.normal + (v.normal ? 1 : 0) });
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`URL fuzz, seed ${FUZZ_SEED}: ${cases.length} links in ${seconds} s, ${failures.length} failed; ` +
      [...byRoute].map(([r, s]) => `${r} ${s.n} (${s.normal} drawn, the rest a message; ${Math.round(s.ms / s.n)} ms each)`).join(', '));
    expect(failures, failures.slice(0, 20).join('\n')).toEqual([]);
  }, 420_000);

  it('the oEmbed endpoint answers every indicator with its snippet, and no other name with an embed', async () => {
    const known = await knownValues(DATA);
    const paths = oembedCases(known);
    expect(paths.length).toBeGreaterThanOrEqual(60);
    const wrong: string[] = [];
    for (const path of paths) {
      const response = await fetch(url(path));
      const body = await response.text();
      let name = path.slice('/oembed/'.length, -'.json'.length);
      try {
        name = decodeURIComponent(name);
      } catch {
        // A malformed escape: no indicator's name.
      }
      if (known.indicators.includes(name)) {
        const json = (() => {
          try {
            return JSON.parse(body) as { type?: string; html?: string };
          } catch {
            return null;
          }
        })();
        if (response.status !== 200 || json?.type !== 'rich' || (json.html?.match(/<iframe /g) ?? []).length !== 1) wrong.push(`${path}: ${response.status} ${body.slice(0, 200)}`);
      } else if (!(response.status === 400 || response.status === 404 || (response.status === 200 && /^text\/html/.test(response.headers.get('content-type') ?? '')))) {
        // Anything else is refused, or answered with the site's page for an unknown route (the local server's fallback): never an embed.
        wrong.push(`${path}: ${response.status} ${body.slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/**
 * The Content-Security-Policy (svelte.config.js, `kit.csp`): every prerendered
 * page carries it as a `<meta http-equiv>` tag ahead of any script, allows
 * scripts only from the site and by the hash of SvelteKit's one inline
 * bootstrap, and the browser enforces it: an inline script, an inline event
 * handler or a `javascript:` link put into a page does not run and is reported
 * as a violation, while every view in normal use reports none. A meta tag cannot
 * carry frame-ancestors, so the embed stays framable (embed-cross-origin.test.ts
 * frames it from another origin with the policy on).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/start.ts';
import { expectedDocs } from './corpus.ts';
import { pageProblems, url, useBrowser, waitForChart, WAIT_MS } from './harness.ts';

const session = useBrowser();
const BUILD = process.env.KELAN_BUILD_DIR || join(ROOT, 'build');

/** The built pages: every route's prerendered HTML. */
const PAGES = readdirSync(BUILD).filter((f) => f.endsWith('.html'));

const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** A policy's directives by name, each with its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name, sources]));
}

/** Keeps every violation the page reports, from before its first script. */
const WATCH = `window.__kelanCsp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__kelanCsp.push(e.effectiveDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));`;
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __kelanCsp: string[] }).__kelanCsp);

describe('the Content-Security-Policy', () => {
  it('every built page carries it before any script, and every inline script has its hash', () => {
    expect(PAGES.sort()).toEqual(expect.arrayContaining(['doc.html', 'docs.html', 'embed.html', 'index.html', 'multiples.html', 'report.html', 'table.html']));
    for (const file of PAGES) {
      const html = readFileSync(join(BUILD, file), 'utf8');
      const metas = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]*)">/gi)];
      expect(metas, file).toHaveLength(1);
      const meta = metas[0];
      expect(meta.index, `${file}: the policy comes before any script`).toBeLessThan(html.search(/<script/i));
      expect(meta.index, `${file}: the policy is in the head`).toBeLessThan(html.indexOf('</head>'));
      const policy = directives(unescape(meta[1]));
      const scriptSrc = policy.get('script-src') ?? [];
      const hashes = scriptSrc.filter((s) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s));
      expect(scriptSrc.filter((s) => !hashes.includes(s)), file).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(Object.fromEntries([...policy].filter(([name]) => name !== 'script-src')), file).toEqual({
        'default-src': ["'self'"], 'worker-src': ["'self'"], 'connect-src': ["'self'"], 'font-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'], 'style-src': ["'self'", "'unsafe-inline'"],
        'object-src': ["'none'"], 'base-uri': ["'self'"], 'form-action': ["'self'"],
      });

      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      const inline = scripts.filter(([, attributes]) => !/\bsrc=/.test(attributes));
      // SvelteKit's bootstrap, and nothing else inline.
      expect(inline.map(([, , body]) => body.includes('__sveltekit_')), file).toEqual([true]);
      for (const [, , body] of inline) {
        expect(hashes, `${file}: the bootstrap's hash`).toContain(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
      }
      for (const [, attributes] of scripts.filter(([, a]) => /\bsrc=/.test(a))) {
        expect(attributes, `${file}: scripts come from the site`).toMatch(/src="\.\.?\/[^":]+"/);
      }
      expect(html, `${file}: no inline event handler`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
      expect(html, `${file}: no javascript: URL`).not.toMatch(/javascript:/i);
    }
  });

  it('refuses an inline script, an inline handler and a javascript: link put into a page, and says so', async () => {
    await session.context.addInitScript(WATCH);
    const page = await session.context.newPage();
    await page.goto(url('/'));
    await waitForChart(page);
    const attempts: Array<[string, () => Promise<unknown>, RegExp]> = [
      ['an inline script', () => page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__kelanRan = "inline script"';
        document.body.append(script);
      }), /^script-src-elem inline/],
      ['an inline handler', () => page.evaluate(() => {
        const div = document.createElement('div');
        div.innerHTML = '<img src="data:," onerror="window.__kelanRan = \'handler\'">';
        document.body.append(div);
      }), /^script-src-attr inline/],
      ['a javascript: link', async () => {
        await page.evaluate(() => {
          const a = Object.assign(document.createElement('a'), { id: 'kelan-js', href: "javascript:window.__kelanRan='link'", textContent: 'x' });
          document.body.append(a);
        });
        await page.click('#kelan-js');
      }, /^script-src-elem inline/],
    ];
    for (const [what, attempt, reported] of attempts) {
      const before = (await violations(page)).length;
      await attempt();
      await expect.poll(async () => (await violations(page)).slice(before), { timeout: 5000, message: what }).toEqual([expect.stringMatching(reported)]);
      expect(await page.evaluate(() => (window as unknown as { __kelanRan?: string }).__kelanRan ?? null), what).toBeNull();
    }
  });

  it('raises no violation in any view in normal use, and starts the page from its script file', async () => {
    const [doc] = await expectedDocs();
    await session.context.addInitScript(WATCH);
    const paths = ['/', '/?indicator=tech_contract_turnover&regions=hubei,wuhan', '/multiples', '/table', `/doc?doc=${encodeURIComponent(doc.doc_id)}`,
      `/doc?doc=${encodeURIComponent(doc.doc_id)}&raw=1`, '/docs', '/report', '/embed?indicator=high_tech_enterprises&regions=hubei,wuhan', '/targets'];
    for (const path of paths) {
      const page = await session.context.newPage();
      await page.goto(url(path));
      // Each view's own content, drawn or read through DuckDB-WASM under the policy.
      const ready = {
        '/': '[data-testid=chart] .live svg [data-figure-id]', '/multiples': '.panel svg [data-figure-id]', '/table': '[data-testid=figures-table] tbody tr',
        '/doc': '[data-testid=document-text] mark', '/docs': '[data-testid=docs-table] tbody tr', '/report': '[data-testid=report-chart] svg',
        '/embed': '[data-testid=chart] svg [data-figure-id]', '/targets': '[data-testid=targets-table] tbody tr',
      }[new URL(url(path)).pathname]!;
      await page.locator(ready).first().waitFor({ timeout: 3 * WAIT_MS });
      if (path === '/') {
        // A DuckDB-WASM query too: a point's drill-down.
        await page.locator(ready).first().click();
        await page.locator('[data-testid=figure-panel]').waitFor({ timeout: 3 * WAIT_MS });
      }
      expect(await violations(page), path).toEqual([]);
      expect(pageProblems(page), path).toEqual([]);
      // static/boot.js, not an inline script, marks a prerendered chart that is not the view asked for.
      const stale = await page.evaluate(() => document.documentElement.dataset.prerender ?? null);
      if (path === '/') expect(stale).toBeNull();
      if (path.startsWith('/?')) expect(stale).toBe('stale');
      await page.close();
    }
  }, 180_000);
});

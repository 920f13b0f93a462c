/**
 * oEmbed, prerendered: `/oembed/<indicator>.json` for every catalog indicator,
 * a "rich" response whose html is the iframe snippet of that indicator's chart
 * for the default regions. Content systems that speak oEmbed embed by link.
 */
import { error, json } from '@sveltejs/kit';
import { indicatorRows } from '$lib/indicators.ts';
import { DEFAULT_FRAME_HEIGHT, embedSnippet, embedUrl } from '$lib/embed.ts';
import { DEFAULT_REGIONS } from '$lib/params.ts';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

/** The width an oEmbed consumer reserves; the frame itself is 100% wide. */
const WIDTH = 720;

export const entries: EntryGenerator = () => indicatorRows().map(({ indicator }) => ({ indicator }));

/** Where the site is served, for absolute URLs: `KELAN_SITE_URL` at build time (prerendering reads the process's environment). */
function siteUrl(): string {
  return (process.env.KELAN_SITE_URL || 'http://localhost:4173').replace(/\/+$/, '');
}

export const GET: RequestHandler = ({ params }) => {
  const row = indicatorRows().find((r) => r.indicator === params.indicator);
  if (!row) error(404, `unknown indicator: ${params.indicator}`);
  const site = siteUrl();
  const title = `${row.name_zh} · ${row.name_en}`;
  return json({
    type: 'rich',
    version: '1.0',
    provider_name: 'Kelan 科览',
    provider_url: `${site}/`,
    title,
    html: embedSnippet(embedUrl(site, { indicator: row.indicator, regions: DEFAULT_REGIONS }), title, DEFAULT_FRAME_HEIGHT),
    width: WIDTH,
    height: DEFAULT_FRAME_HEIGHT,
  });
};

import type { FirstView } from '$lib/first-view.ts';

/**
 * The view drawn at build time, as the compare page's `<meta name="kelan-first-view">` names it
 * (JSON of the URL parameters that would ask for it). `static/boot.js` reads it before the first
 * paint: when the URL asks for another view (or the reader reads English), it marks the document
 * `data-prerender="stale"`, and the page stays hidden until the app starts. A meta tag and a
 * script file, not an inline script: the Content-Security-Policy runs none.
 */
export function drawnView(first: FirstView): string {
  return JSON.stringify({
    indicator: first.indicator,
    measure: first.view.measure?.measure ?? '',
    unit: first.view.measure?.unit ?? '',
    regions: first.regions.join(','),
  });
}

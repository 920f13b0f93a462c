/**
 * The embed view's work: load a checked chart through the shared chart module,
 * draw it to its frame's width, and tell the host page how tall it is.
 */
import { framedChart, type DataVersion } from '$lib/charts/frame.ts';
import { frameOptions, loadChart, type ChartData } from '$lib/charts/spec.ts';
import { browserData, catalogsOf, dataVersion } from '$lib/data.ts';
import { parseEmbedParams, type EmbedSpec } from '$lib/embed.ts';
import type { Lang } from '$lib/i18n.ts';

/** A chart ready to draw, or why there is none. */
export type EmbedView = { errors: string[]; lang: Lang } | { spec: EmbedSpec; data: ChartData; version: DataVersion };

/** Checks an embed's parameters against the catalogs, then loads its chart: ids reach the queries only as bound values. */
export async function loadEmbed(params: URLSearchParams, dataUrl: string): Promise<EmbedView> {
  const [catalogs, version] = await Promise.all([catalogsOf(dataUrl), dataVersion(dataUrl)]);
  const checked = parseEmbedParams(params, catalogs);
  if ('errors' in checked) return checked;
  const { spec } = checked;
  const { indicator, regions, measure, unit, from, to, stances, lang, height, targets } = spec;
  // The title, units, legend and source note are the page's HTML around the chart, so they wrap and scale as text.
  const data = await loadChart(browserData(dataUrl), { indicator, regions, measure, unit, from, to, stances, lang, height, targets, plain: true }, catalogs);
  return { spec, data, version };
}

/** The chart as one SVG drawn `width` wide, scaling with its frame from there. */
export function drawEmbed(data: ChartData, version: DataVersion, width: number, dark: boolean): SVGSVGElement {
  const svg = framedChart(data.points, { ...frameOptions(data, version), plain: true, width, theme: dark ? 'dark' : 'light' });
  svg.setAttribute('width', '100%');
  svg.removeAttribute('height');
  return svg;
}

/**
 * Posts `el`'s height to the host page now, whenever it changes, and when the
 * host script asks (it may load after the first post). Returns the cleanup.
 */
export function postHeights(el: HTMLElement, id: string | null): () => void {
  if (window.parent === window) return () => {};
  let last = -1;
  const post = (force = false) => {
    const height = Math.ceil(el.getBoundingClientRect().height);
    if (height === last && !force) return;
    last = height;
    window.parent.postMessage({ type: 'kelan:embed-height', id, height }, '*');
  };
  const observer = new ResizeObserver(() => post());
  observer.observe(el);
  const onPing = (e: MessageEvent) => {
    if (e.source === window.parent && e.data?.type === 'kelan:embed-ping') post(true);
  };
  window.addEventListener('message', onPing);
  post();
  return () => {
    observer.disconnect();
    window.removeEventListener('message', onPing);
  };
}

/** Whether the reader prefers dark pages, now and as it changes (`theme=auto` follows it). */
export function watchDarkScheme(onchange: (dark: boolean) => void): () => void {
  const query = matchMedia('(prefers-color-scheme: dark)');
  const listener = () => onchange(query.matches);
  listener();
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

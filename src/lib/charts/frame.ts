/**
 * A chart as it leaves Kelan: the dashboard's compare chart inside one
 * standalone SVG with its title, unit, legend, and a footer naming the source
 * documents and the data version. Exports, embeds, the printed report and the
 * `npm run chart` CLI all draw through here, so a chart in a report is the chart
 * the dashboard draws.
 */
import { t, type Lang } from '../i18n.ts';
import { regionColors } from '../palette.ts';
import { markKey, optionKey } from './caveats.ts';
import { compareChart, DEFAULT_WIDTH, FONT_FAMILY, THEMES, type ChartRow, type CompareOptions } from './compare.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A document a chart's figures came from, as its footer cites it. */
export interface SourceDoc {
  doc_id: string;
  issuer: string;
  title: string;
  published: string | null;
  doc_number?: string | null;
}

/** Which data a chart was drawn from: the pipeline's short hash and the day it ran. */
export interface DataVersion {
  version: string;
  built: string;
}

export interface FrameOptions extends CompareOptions {
  /** The line under the title: measure and unit. */
  subtitle: string;
  sources: SourceDoc[];
  data: DataVersion;
  /** No title, legend or footer: the chart alone (embeds with `plain=1`). */
  plain?: boolean;
  /** The number each of `sources` is cited by, when a report numbers citations across its charts; else 1, 2, …. */
  citationNumbers?: number[];
}

/** The run.json fields a data version is read from. */
export function dataVersionOf(run: { data_version?: unknown; started?: unknown }): DataVersion {
  const version = typeof run.data_version === 'string' ? run.data_version : 'unknown';
  const built = typeof run.started === 'string' ? run.started.slice(0, 10) : 'unknown';
  return { version, built };
}

/** The one-line note that says which data a chart shows: `科览 Kelan · 数据版本 d9094500ce56 · 生成于 2026-11-29`. */
export function versionNote(data: DataVersion, lang: Lang): string {
  return `科览 Kelan · ${t(lang, 'dataVersion')} ${data.version} · ${t(lang, 'builtOn')} ${data.built}`;
}

/** A source as a citation: `湖北省科学技术厅《关于…的答复》2024-05-01 鄂科函〔2024〕12号`. */
export function citation(s: SourceDoc, lang: Lang): string {
  const issuer = s.issuer || t(lang, 'unknown');
  if (lang === 'zh') return `${issuer}《${s.title}》${[s.published, s.doc_number].filter(Boolean).map((x) => ` ${x}`).join('')}`;
  return [issuer, `“${s.title}”`, s.published, s.doc_number].filter(Boolean).join(', ');
}

/** The distinct documents of some rows, in the order they first appear. */
export function sourcesOf<T extends SourceDoc>(rows: T[]): SourceDoc[] {
  const seen = new Map<string, SourceDoc>();
  for (const r of rows) {
    if (!seen.has(r.doc_id)) seen.set(r.doc_id, { doc_id: r.doc_id, issuer: r.issuer, title: r.title, published: r.published, doc_number: r.doc_number ?? null });
  }
  return [...seen.values()].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.doc_id.localeCompare(b.doc_id));
}

// Estimated advance of a character at font size 1: CJK and full-width forms are square, Latin about half.
function advance(ch: string): number {
  return /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : 0.56;
}

/** Breaks text into lines no wider than `width` at `size`, by estimated advance (no layout engine in Node). */
export function wrapText(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && measure(line + ch, size) > width) {
      // Break at a space near the end rather than inside a date or a word.
      const space = line.lastIndexOf(' ');
      const cut = space > 0 && line.length - space < 12 ? space : line.length;
      lines.push(line.slice(0, cut));
      line = line.slice(cut).trimStart();
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

function measure(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += advance(ch) * size;
  return w;
}

/**
 * The framed chart: one SVG element, self-contained (its fonts named, its ground
 * painted), so it can be saved as a file, drawn to a PNG, embedded or printed.
 */
export function framedChart(rows: ChartRow[], o: FrameOptions): SVGSVGElement {
  const doc = o.document ?? document;
  const theme = THEMES[o.theme ?? 'light'];
  const width = o.width ?? DEFAULT_WIDTH;
  const pad = 16;
  const el = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const e = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };

  // A group, not an image: its points are buttons a reader can reach (an image's content is hidden from screen readers).
  const svg = el('svg', { xmlns: SVG_NS, width, 'font-family': FONT_FAMILY, role: 'group', class: 'kelan-chart' }) as SVGSVGElement;
  svg.setAttribute('aria-label', `${t(o.lang, 'chartOf')} ${o.title}`);
  const ground = el('rect', { x: 0, y: 0, width, height: 0, fill: theme.ground });
  svg.append(ground);

  let y = 0;
  if (!o.plain) {
    y += pad + 16;
    svg.append(el('text', { x: pad, y, 'font-size': 17, 'font-weight': 'bold', fill: theme.ink, class: 'title' }, o.title));
    y += 20;
    svg.append(el('text', { x: pad, y, 'font-size': 12, fill: theme.muted, class: 'subtitle' }, o.subtitle));
    y += 20;
    // The legend, as the dashboard's: one swatch per region in the regions' order, then the stances' key, on as many lines as the width needs.
    const legend = el('g', { class: 'legend', 'font-size': 12, fill: theme.ink });
    let x = pad;
    const place = (w: number) => {
      if (x > pad && x + w > width - pad) {
        x = pad;
        y += 18;
      }
    };
    const colours = regionColors(o.regions);
    for (const region of o.regions) {
      const name = o.regionName(region);
      const w = 14 + measure(name, 12);
      place(w);
      legend.append(el('circle', { cx: x + 5, cy: y - 4, r: 5, fill: colours.get(region)! }));
      legend.append(el('text', { x: x + 14, y }, name));
      x += w + 16;
    }
    const stances = t(o.lang, 'stanceKey');
    place(measure(stances, 12));
    legend.append(el('text', { x: x + (x > pad ? 8 : 0), y, fill: theme.muted, class: 'stances' }, stances));
    svg.append(legend);
    y += 10;

    // What the marks on some points mean, on lines of their own, only when a point carries one.
    const entries = [...markKey(rows, o.lang), ...optionKey(o.lang, { links: !!o.links?.length, national: !!o.reference?.rows.length })];
    if (entries.length) {
      const key = el('g', { class: 'key', 'font-size': 11, fill: theme.muted });
      x = pad;
      y += 8;
      for (const entry of entries) {
        const swatch = entry.label ? measure(entry.label, 11) : entry.kind === 'qualifier' ? 0 : 18;
        const gap = swatch ? 6 : 0;
        const w = swatch + gap + measure(entry.text, 11) + 18;
        if (x > pad && x + w > width - pad) {
          x = pad;
          y += 16;
        }
        const item = el('g', { class: `key-${entry.kind}`, 'data-key': entry.kind });
        if (entry.label) item.append(el('text', { x, y, 'font-size': 11, 'font-weight': 'bold', fill: theme.ink }, entry.label));
        else if (entry.kind === 'range') item.append(el('line', { x1: x + 9, x2: x + 9, y1: y - 11, y2: y + 3, stroke: theme.ink, 'stroke-width': 1.5 }));
        else if (entry.kind === 'link' || entry.kind === 'national') {
          item.append(el('line', { x1: x, x2: x + 18, y1: y - 4, y2: y - 4, stroke: entry.kind === 'link' ? theme.ink : theme.muted, 'stroke-width': 2, 'stroke-dasharray': entry.kind === 'link' ? '2,3' : '6,4' }));
        }
        else if (entry.kind !== 'qualifier') item.append(el('circle', { cx: x + 9, cy: y - 4, r: 7, fill: 'none', stroke: theme.ink, 'stroke-width': 1.25, 'stroke-dasharray': '3,2' }));
        item.append(el('text', { x: x + swatch + gap, y }, entry.text));
        key.append(item);
        x += w;
      }
      svg.append(key);
      y += 10;
    }
  }

  const chart = compareChart(rows, { ...o, width }) as SVGSVGElement;
  const chartHeight = Number(chart.getAttribute('height'));
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(y));
  svg.append(chart);
  y += chartHeight;

  if (!o.plain) {
    const footer = el('g', { class: 'sources', 'font-size': 11, fill: theme.muted });
    const size = 11;
    const lineHeight = 15;
    const lines = [
      `${t(o.lang, 'sources')}:`,
      ...o.sources.flatMap((s, i) => wrapText(`[${o.citationNumbers?.[i] ?? i + 1}] ${citation(s, o.lang)}`, width - 2 * pad, size)),
      versionNote(o.data, o.lang),
    ];
    y += 6;
    for (const line of lines) {
      y += lineHeight;
      footer.append(el('text', { x: pad, y }, line));
    }
    svg.append(footer);
    y += pad - 4;
  }

  svg.setAttribute('height', String(y));
  svg.setAttribute('viewBox', `0 0 ${width} ${y}`);
  ground.setAttribute('height', String(y));
  return svg;
}

/** A framed chart as the text of an .svg file. */
export function svgFile(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.outerHTML}\n`;
}

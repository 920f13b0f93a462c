/**
 * A dashboard chart leaving the browser: as SVG, as PNG at twice its size for
 * print, and as the CSV of exactly the rows it plots, each with the chart's
 * sources and data version. The chart is drawn by the same frame the embeds,
 * the report and the CLI use.
 */
import { figuresCsv } from './csv.ts';
import { framedChart, svgFile, type DataVersion } from './charts/frame.ts';
import { frameOptions, loadChart, type ChartData, type ChartSpec } from './charts/spec.ts';
import { nameIn, type Catalogs } from './catalog.ts';
import { browserData, catalogsOf, dataVersion } from './data.ts';

/** A chart's data, framed: what every export starts from. */
export async function framed(dataUrl: string, spec: ChartSpec): Promise<{ data: ChartData; version: DataVersion; svg: SVGSVGElement }> {
  const [cats, version] = await Promise.all([catalogsOf(dataUrl), dataVersion(dataUrl)]);
  const data = await loadChart(browserData(dataUrl), spec, cats);
  return { data, version, svg: framedChart(data.points, frameOptions(data, version)) };
}

/** `kelan-high_tech_enterprises-total-hubei-wuhan-chongqing-d9094500ce56` */
export function exportName(data: ChartData, version: DataVersion): string {
  return ['kelan', data.spec.indicator, data.measure?.measure, ...data.spec.regions, version.version].filter(Boolean).join('-');
}

/** The framed chart as an SVG file. */
export function svgBlob(svg: SVGSVGElement): Blob {
  return new Blob([svgFile(svg)], { type: 'image/svg+xml;charset=utf-8' });
}

/**
 * The framed chart as a PNG at `scale` times its size. The SVG is drawn as an
 * image, so it can use only the fonts installed on the reader's system (no web
 * fonts): the chart's font stack names the system's and Noto CJK.
 */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: Math.round(width * scale), height: Math.round(height * scale) });
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gives no 2D canvas to draw the PNG on');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('the canvas gave no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Exactly the plotted rows, with their sentences, quotes and documents, and the data version on each. */
export function plottedCsv(data: ChartData, cats: Catalogs, version: DataVersion): string {
  const indicators = new Map(cats.indicators.map((i) => [i.indicator, i]));
  return figuresCsv(data.rows, {
    region: data.regionName,
    indicator: (id) => nameIn(data.spec.lang, indicators.get(id), id),
  }, version);
}

/** Hands a file to the browser as a download. */
export function saveFile(content: Blob | string, name: string, type = 'application/octet-stream'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

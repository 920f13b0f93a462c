/**
 * `npm run chart`: one of the dashboard's charts as an SVG or PNG file, drawn
 * in Node from the pipeline's Parquet files by the same chart module (Observable
 * Plot over linkedom's DOM), for reports built by scripts. Every option is
 * checked before a value reaches a query; a PNG is drawn by resvg with a CJK
 * font, and without one the command refuses rather than draw boxes.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { findCjkFont, renderPng, withBold } from './png.ts';
import { shown, UsageError } from './usage.ts';
import { parseHTML } from 'linkedom';
import { dataVersionOf, framedChart, svgFile, type DataVersion } from '../src/lib/charts/frame.ts';
import { chooseMeasure, frameOptions, loadChart, loadMeasures, type ChartSpec, type MeasureOption } from '../src/lib/charts/spec.ts';
import { loadCatalogs, type Catalogs } from '../src/lib/catalog.ts';
import { DEFAULT_REGIONS, LANGS, MEASURES, STANCES, YEARS } from '../src/lib/params.ts';
import { MissingDataError, openParquetFolder } from './node-query.ts';

const USAGE = `usage: npm run chart -- --indicator <id> --out <file.svg|file.png> [options]
  --indicator  indicator id, e.g. high_tech_enterprises                          (required)
  --out        the file to write: .svg, or .png for a bitmap                      (required)
  --regions    region ids, comma-separated                (default: hubei,wuhan,chongqing)
  --data       folder of the pipeline's Parquet files and run.json   (default: static/data)
  --measure    total, new, amount, growth_rate, share or rank  (default: total, else amount, else the most reported)
  --unit       the measure's unit, when it comes in several (count, CNY, percent, …)
  --from       first year drawn
  --to         last year drawn
  --stance     actual, target, expected; comma-separated              (default: all three)
  --lang       zh or en                                                     (default: zh)
  --theme      light or dark                                             (default: light)
  --width      width in CSS pixels, 320 to 2400                            (default: 720)
  --height     height of the plot, 160 to 2400                             (default: 380)
  --scale      PNG pixels per CSS pixel, 0.5 to 8                            (default: 2)
  --font       a font file with Chinese glyphs, for PNGs
               (default: $KELAN_CJK_FONT, else Noto Sans CJK SC found on the system)
  --help       this text
exit status: 0 written; 1 failed (no figures to draw, no CJK font, unreadable data); 2 usage error`;

const INSTALL_DATA = 'run `npm run pipeline -- --in seeds --out static/data` (or `npm start`) first';

/** What the command was asked to draw, and where to. */
export interface ChartArgs {
  spec: ChartSpec;
  out: string;
  format: 'svg' | 'png';
  data: string;
  scale: number;
  font?: string;
}

function integer(name: string, raw: string, lo: number, hi: number): number {
  if (!/^-?\d{1,6}$/.test(raw)) throw new UsageError(`--${name} must be a whole number, not ${shown(raw)}`);
  const n = Number(raw);
  if (n < lo || n > hi) throw new UsageError(`--${name} must be between ${lo} and ${hi}, not ${n}`);
  return n;
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if (!allowed.includes(raw as T)) throw new UsageError(`--${name} must be ${allowed.join(' or ')}, not ${shown(raw)}`);
  return raw as T;
}

const list = (raw: string) => [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];

const text = { type: 'string' } as const;
const OPTIONS = {
  indicator: text, regions: text, out: text, data: text, measure: text, unit: text, from: text, to: text, stance: text,
  lang: text, theme: text, width: text, height: text, scale: text, font: text,
  help: { type: 'boolean', short: 'h' },
} as const;

function options(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** Reads and checks the command line; nothing here looks at the data. */
export function readArgs(argv: string[]): ChartArgs | 'help' {
  const v = options(argv);
  if (v.help) return 'help';
  if (!v.indicator) throw new UsageError('--indicator is required, e.g. --indicator high_tech_enterprises');
  if (!v.out) throw new UsageError('--out is required: a file ending in .svg or .png');
  const ext = extname(v.out).toLowerCase();
  if (ext !== '.svg' && ext !== '.png') throw new UsageError(`--out must end in .svg or .png, not ${shown(ext || basename(v.out))}`);
  const regions = list(v.regions ?? DEFAULT_REGIONS.join(','));
  if (!regions.length) throw new UsageError('--regions needs at least one region id');
  const stances = v.stance === undefined ? undefined : list(v.stance).map((s) => oneOf('stance', s, STANCES));
  if (stances && !stances.length) throw new UsageError('--stance needs at least one of actual, target, expected');
  const from = v.from === undefined ? undefined : integer('from', v.from, YEARS.min, YEARS.max);
  const to = v.to === undefined ? undefined : integer('to', v.to, YEARS.min, YEARS.max);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const scale = v.scale === undefined ? 2 : Number(v.scale);
  if (!/^\d+(\.\d+)?$/.test(v.scale ?? '2') || scale < 0.5 || scale > 8) throw new UsageError(`--scale must be a number from 0.5 to 8, not ${shown(v.scale!)}`);
  return {
    spec: {
      indicator: v.indicator.trim(),
      regions,
      measure: v.measure === undefined ? undefined : oneOf('measure', v.measure, MEASURES),
      unit: v.unit,
      from, to, stances,
      lang: oneOf('lang', v.lang ?? 'zh', LANGS),
      theme: oneOf('theme', v.theme ?? 'light', ['light', 'dark'] as const),
      width: v.width === undefined ? undefined : integer('width', v.width, 320, 2400),
      height: v.height === undefined ? undefined : integer('height', v.height, 160, 2400),
    },
    out: v.out,
    format: ext === '.svg' ? 'svg' : 'png',
    data: v.data ?? 'static/data',
    scale,
    font: v.font,
  };
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The ids closest to a mistyped one: a name or a part of an id first (湖北, hte, tech), then by edit distance. */
export function nearest(value: string, entries: Array<{ id: string; names: string[] }>, n = 3): string[] {
  const v = value.slice(0, 64).toLowerCase();
  const score = ({ id, names }: { id: string; names: string[] }) => {
    if (names.some((name) => name.toLowerCase() === v)) return -2;
    const initials = id.split('_').map((w) => w[0]).join('');
    if (v.length >= 2 && (id.includes(v) || initials === v)) return -1;
    return Math.min(distance(v, id), ...names.map((name) => distance(v, name.toLowerCase())));
  };
  return entries.map((e) => ({ id: e.id, s: score(e) })).sort((a, b) => a.s - b.s || a.id.localeCompare(b.id)).slice(0, n).map((e) => e.id);
}

/** Checks the indicator and regions against the catalogs, naming the nearest valid ids when one is unknown. */
export function checkIds(spec: ChartSpec, catalogs: Catalogs): void {
  const indicators = catalogs.indicators.map((i) => ({ id: i.indicator, names: [i.name_zh, i.name_en] }));
  const regions = catalogs.regions.map((r) => ({ id: r.region, names: [r.name_zh, r.name_en] }));
  const label = (entries: typeof regions, ids: string[]) =>
    ids.map((id) => `${id} (${entries.find((e) => e.id === id)!.names[0]})`).join(', ');
  if (!indicators.some((i) => i.id === spec.indicator)) {
    throw new UsageError(`unknown indicator: ${shown(spec.indicator)}; nearest: ${label(indicators, nearest(spec.indicator, indicators))}`);
  }
  for (const region of spec.regions) {
    if (!regions.some((r) => r.id === region)) {
      // The catalog holds the regions that have figures, so a real place with none is "unknown" here too.
      throw new UsageError(`unknown region (or one with no figures): ${shown(region)}; nearest: ${label(regions, nearest(region, regions))}`);
    }
  }
}

/** The measure and unit drawn: the asked ones (an error when the indicator lacks them), else as the dashboard picks. */
export function pickMeasure(spec: ChartSpec, measures: MeasureOption[]): MeasureOption | null {
  const fits = measures.filter((m) => (!spec.measure || m.measure === spec.measure) && (!spec.unit || m.unit === spec.unit));
  if (!fits.length && (spec.measure || spec.unit)) {
    const asked = [spec.measure, spec.unit].filter(Boolean).join(', ');
    const has = measures.map((m) => `${m.measure} (${m.unit})`).join(', ') || 'none with a year';
    throw new UsageError(`${spec.indicator} has no figures as ${shown(asked)}; its measures: ${has}`);
  }
  return chooseMeasure(fits, spec.measure, spec.unit);
}

/** Writes through a temporary file beside the target, so a reader never sees half a chart. */
function writeAtomically(file: string, bytes: string | Buffer): void {
  mkdirSync(dirname(file) || '.', { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function readVersion(data: string): DataVersion {
  try {
    return dataVersionOf(JSON.parse(readFileSync(join(data, 'run.json'), 'utf8')));
  } catch {
    return dataVersionOf({});
  }
}

/** The output and the standard streams, passed in so that tests can run the command quietly. */
export interface Io {
  log: (line: string) => void;
  error: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** What a selection with nothing to draw asked for: `high_tech_enterprises in hubei, wuhan (total, count; from 2030)`. */
function selection(spec: ChartSpec, measure: MeasureOption | null): string {
  const narrowing = [
    measure && `${measure.measure}, ${measure.unit}`,
    spec.from !== undefined && `from ${spec.from}`,
    spec.to !== undefined && `to ${spec.to}`,
    spec.stances && spec.stances.join('/'),
  ].filter(Boolean);
  return `${spec.indicator} in ${spec.regions.join(', ')}${narrowing.length ? ` (${narrowing.join('; ')})` : ''}`;
}

/** Runs the command; returns the exit status. */
export async function chart(argv: string[], io: Io): Promise<number> {
  try {
    const args = readArgs(argv);
    if (args === 'help') return io.log(USAGE), 0;
    const { spec } = args;
    if (!existsSync(args.data) || !statSync(args.data).isDirectory()) throw new UsageError(`no data folder ${args.data}: ${INSTALL_DATA}`);
    const font = args.format === 'png' ? findCjkFont(args.font, io.env) : undefined;
    const db = await openParquetFolder(args.data);
    try {
      const catalogs = await loadCatalogs(db);
      checkIds(spec, catalogs);
      const measure = pickMeasure(spec, await loadMeasures(db, spec.indicator));
      const data = await loadChart(db, { ...spec, measure: measure?.measure, unit: measure?.unit }, catalogs);
      if (!data.points.length) throw new Error(`no figures for ${selection(spec, measure)}: nothing to draw`);

      const version = readVersion(args.data);
      if (version.version === 'unknown') io.error(`chart: no data version in ${join(args.data, 'run.json')}; the chart says "unknown"`);
      const { document } = parseHTML('<!doctype html><html><body></body></html>');
      const svg = svgFile(framedChart(data.points, frameOptions(data, version, document as unknown as Document)));
      let size = '';
      if (font) {
        const image = renderPng(svg, withBold(font), args.scale);
        writeAtomically(args.out, image.asPng());
        size = ` (${image.width}×${image.height} px)`;
      } else writeAtomically(args.out, svg);
      const documents = `${data.sources.length} document${data.sources.length === 1 ? '' : 's'}`;
      io.log(`wrote ${args.out}${size}: ${data.points.length} points from ${documents}, data ${version.version} built ${version.built}`);
      return 0;
    } finally {
      db.close();
    }
  } catch (e) {
    if (e instanceof MissingDataError) return io.error(`chart: ${e.message}: ${INSTALL_DATA}`), 2;
    io.error(`chart: ${(e as Error).message}`);
    if (e instanceof UsageError) return io.error('(npm run chart -- --help lists the options)'), 2;
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  chart(process.argv.slice(2), { log: console.log, error: console.error, env: process.env }).then((status) => {
    process.exitCode = status;
  });
}

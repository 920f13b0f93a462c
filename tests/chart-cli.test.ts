import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeParquet } from '../pipelines/write/parquet.ts';
import { indicatorRows } from '../src/lib/indicators.ts';
import { checkIds, nearest, pickMeasure, readArgs, type ChartArgs } from '../scripts/chart.ts';
import { drawsChinese, findCjkFont, renderPng, withBold } from '../scripts/png.ts';
import { UsageError } from '../scripts/usage.ts';
import { MissingDataError, openParquetFolder } from '../scripts/node-query.ts';
import { loadMeasures, type MeasureOption } from '../src/lib/charts/spec.ts';
import { loadCatalogs } from '../src/lib/catalog.ts';
import { writeSeriesOfFile } from '../pipelines/write/series.ts';
import type { DocumentRow, FigureRow, RegionRow } from '../src/lib/types.ts';
import { normalise, snapshot } from './svg-snapshot.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

// Three regions' high-tech enterprises over the years, from two documents, and one figure of another indicator.
type Spec = [id: string, doc: 'a' | 'b', region: string, indicator: string, year: number, stance: FigureRow['stance'],
  measure: FigureRow['measure'], value: number, unit: FigureRow['unit'], qualifier: FigureRow['qualifier'], quote: string];
const SPECS: Spec[] = [
  ['00000000000000a1', 'a', 'hubei', 'high_tech_enterprises', 2020, 'actual', 'total', 10400, 'count', 'exact', '10400家'],
  ['00000000000000a2', 'a', 'hubei', 'high_tech_enterprises', 2021, 'actual', 'total', 14560, 'count', 'more_than', '超过14560家'],
  ['00000000000000a3', 'a', 'hubei', 'high_tech_enterprises', 2025, 'target', 'total', 20000, 'count', 'at_least', '20000家以上'],
  ['00000000000000a4', 'a', 'wuhan', 'high_tech_enterprises', 2020, 'actual', 'total', 6259, 'count', 'exact', '6259家'],
  ['00000000000000a5', 'a', 'wuhan', 'high_tech_enterprises', 2021, 'actual', 'total', 9100, 'count', 'approx', '约9100家'],
  ['00000000000000b6', 'b', 'chongqing', 'high_tech_enterprises', 2022, 'actual', 'total', 6348, 'count', 'exact', '6348家'],
  ['00000000000000b7', 'b', 'chongqing', 'high_tech_enterprises', 2025, 'expected', 'total', 8000, 'count', 'exact', '8000家'],
  ['00000000000000b8', 'b', 'chongqing', 'tech_contract_turnover', 2022, 'actual', 'amount', 7.5e10, 'CNY', 'exact', '750亿元'],
  ['00000000000000a9', 'a', 'hubei', 'tech_smes', 2020, 'actual', 'total', 6000, 'count', 'exact', '6000家'],
  ['00000000000000aa', 'a', 'hubei', 'tech_smes', 2021, 'actual', 'total', 8485, 'count', 'exact', '8485家'],
];

// Every figure is of a stated year, confidence 0.9, but one: the first half of a year read from the document's date.
type Caveats = Pick<FigureRow, 'period' | 'year_inferred' | 'confidence'>;
const PLAIN: Caveats = { period: 'year', year_inferred: false, confidence: 0.9 };
const CAVEATS: Record<string, Caveats> = {
  '00000000000000aa': { period: 'h1', year_inferred: true, confidence: 0.65 },
};

const DOCS: Record<'a' | 'b', Omit<DocumentRow, 'raw_text' | 'text'>> = {
  a: { doc_id: 'a.txt', file: 'a.txt', title: '关于第278号建议的答复', issuer: '湖北省科学技术厅', published: '2021-07-29', current_year: 2021, date_source: 'labelled publication date', source_url: null, genre: null, region: 'hubei',
    doc_number: null, script: 'simplified', sha256: 'a'.repeat(64), encoding: 'utf-8', warnings: [] },
  b: { doc_id: 'b.txt', file: 'b.txt', title: '重庆市科学技术局答复函', issuer: '重庆市科学技术局', published: '2023-07-26', current_year: 2023, date_source: 'labelled publication date', source_url: 'http://kjj.cq.gov.cn/a.html', genre: 'reply to a proposal', region: 'chongqing',
    doc_number: '渝科局函〔2023〕278号', script: 'simplified', sha256: 'b'.repeat(64), encoding: 'gb18030', warnings: [] },
};

const REGIONS: RegionRow[] = [
  { region: 'china', name_zh: '全国', name_en: 'China', level: 'country', parent: null, adcode: '100000' },
  { region: 'hubei', name_zh: '湖北', name_en: 'Hubei', level: 'province', parent: 'china', adcode: '420000' },
  { region: 'wuhan', name_zh: '武汉', name_en: 'Wuhan', level: 'prefecture', parent: 'hubei', adcode: '420100' },
  { region: 'chongqing', name_zh: '重庆', name_en: 'Chongqing', level: 'municipality', parent: 'china', adcode: '500000' },
];

const RUN = { started: '2026-01-15T08:00:00.000Z', data_version: 'f1x7u4e0c0de', figures_written: SPECS.length };

async function writeFixture(dir: string): Promise<void> {
  const texts = { a: '', b: '' };
  const figures = SPECS.map(([figure_id, doc, region, indicator, year, stance, measure, value, unit, qualifier, quote]): FigureRow => {
    const sentence = `${year}年${quote}。`;
    const at = texts[doc].length;
    texts[doc] += sentence + '\n';
    const start = at + sentence.indexOf(quote);
    return {
      figure_id, doc_id: DOCS[doc].doc_id, indicator, label: indicator, region, year, stance, measure, value, unit,
      qualifier, quote, raw_start: start, raw_end: start + quote.length, sentence, sentence_raw_start: at,
      sentence_raw_end: at + sentence.length, text_start: start, text_end: start + quote.length, sentence_text_start: at,
      ...(CAVEATS[figure_id] ?? PLAIN),
    };
  });
  const documents = (['a', 'b'] as const).map((d) => ({ ...DOCS[d], raw_text: texts[d], text: texts[d] }));
  await writeParquet(dir, { figures, documents, indicators: indicatorRows(), regions: REGIONS });
  await writeSeriesOfFile(join(dir, 'figures.parquet'), dir);
  writeFileSync(join(dir, 'run.json'), JSON.stringify(RUN));
}

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run chart -- …` as npm would (node + tsx), with no font named in the environment. */
function chart(args: string[], env: Record<string, string> = {}): Promise<Run> {
  // Not vitest's worker channel (a child that inherits NODE_CHANNEL_FD talks on the worker's IPC), nor a font from the environment.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_CHANNEL|VITEST|KELAN_CJK_FONT)/.test(k)));
  return new Promise((done) => {
    execFile(process.execPath, [TSX, 'scripts/chart.ts', ...args], { cwd: ROOT, env: { ...inherited, NO_COLOR: '1', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => done({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

/** A PNG's size, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** How many pixels of a rectangle (in image pixels) are dark: drawn ink on the white ground. */
function ink(image: { pixels: Buffer; width: number }, x0: number, y0: number, x1: number, y1: number): number {
  // resvg's `pixels` getter copies the whole image: read it once.
  const pixels = image.pixels;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 384) n++;
    }
  }
  return n;
}

let dir: string;
let data: string;
let font: string | null = null;
const HTE = ['--indicator', 'high_tech_enterprises', '--regions', 'hubei,wuhan,chongqing'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kelan-chart-cli-'));
  data = join(dir, 'data');
  await writeFixture(data);
  try {
    font = findCjkFont(undefined, {});
  } catch {
    if (process.env.CI) throw new Error('no CJK font on this machine: apt-get install fonts-noto-cjk');
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run chart: SVG', () => {
  it('draws the dashboard chart of the fixture, framed, and matches its snapshot', async () => {
    const out = join(dir, 'hte.svg');
    const run = await chart([...HTE, '--out', out, '--data', data]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`wrote ${out}: 7 points from 2 documents, data f1x7u4e0c0de built 2026-01-15\n`);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/m);
    expect(svg.match(/data-figure-id/g)).toHaveLength(7);
    for (const text of ['高新技术企业', '总量 · 家/个', '湖北', '武汉', '重庆', '[1] 重庆市科学技术局《重庆市科学技术局答复函》 2023-07-26 渝科局函〔2023〕278号',
      '[2] 湖北省科学技术厅《关于第278号建议的答复》 2021-07-29', '数据版本 f1x7u4e0c0de · 生成于 2026-01-15']) expect(svg).toContain(text);
    // resvg's XML parser is strict: it reads the file as a standalone SVG of the frame's size.
    const parsed = new Resvg(svg, { font: { loadSystemFonts: false } });
    expect([parsed.width, parsed.height]).toEqual([720, Number(/<svg [^>]*height="(\d+)"/.exec(svg)![1])]);
    expect(existsSync(join(dir, `.hte.svg.tmp-${process.pid}`))).toBe(false);
    snapshot('cli-hte-zh', normalise(svg));
  });

  it('marks a half-year point whose year was inferred, and keys the marks, from the Parquet files through the queries', async () => {
    const out = join(dir, 'smes.svg');
    const run = await chart(['--indicator', 'tech_smes', '--regions', 'hubei', '--out', out, '--data', data]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/<circle class="point actual period-h1 uncertain"[^>]*data-period="h1"[^>]*data-figure-id="00000000000000aa"/);
    expect(svg).toMatch(/<circle class="point actual"[^>]*data-period="year"[^>]*data-figure-id="00000000000000a9"/);
    expect(svg).toContain('<title>湖北 2021 实际: 8,485 家/个 (8485家) · 上半年的数值,不是全年 · 年份由文件日期推断 · 置信度低 0.65</title>');
    expect(svg).toMatch(/class="period-label"[\s\S]*>上半年</);
    for (const key of ['data-key="h1"', '上半年的数值,不是全年', 'data-key="uncertain"', '年份为推断,或置信度低于 0.7']) expect(svg).toContain(key);
    // The first half of 2021 is not joined to 2020 as if it were the year's value.
    expect(svg).toMatch(/aria-label="line"><path d="M[\d.,]+Z"/);
  });

  it('takes years, stances, language, theme and size', async () => {
    const out = join(dir, 'hte-en.svg');
    const run = await chart([...HTE, '--out', out, '--data', data, '--from', '2021', '--to', '2025', '--stance', 'actual,target',
      '--lang', 'en', '--theme', 'dark', '--width', '600', '--height', '300']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(': 4 points from 2 documents, data f1x7u4e0c0de');
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<svg [^>]*width="600"/m);
    expect(svg).toContain('High-tech enterprises');
    expect(svg).toContain('<rect fill="#16191d"');
    expect(svg).not.toContain('data-stance="expected"');
    expect(svg).not.toContain('data-year="2020"');
    snapshot('cli-hte-en-dark', normalise(svg));
  });
});

describe('npm run chart: PNG', () => {
  it('is twice the SVG\'s size, and draws the title in Chinese glyphs', async (ctx) => {
    if (!font) {
      const refused = await chart([...HTE, '--out', join(dir, 'none.png'), '--data', data]);
      expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining('apt-get install fonts-noto-cjk')]);
      ctx.skip();
    }
    const [svgRun, pngRun] = await Promise.all([
      chart([...HTE, '--out', join(dir, 'same.svg'), '--data', data]),
      chart([...HTE, '--out', join(dir, 'hte.png'), '--data', data]),
    ]);
    expect([svgRun.status, pngRun.status]).toEqual([0, 0]);
    const svg = readFileSync(join(dir, 'same.svg'), 'utf8');
    const png = readFileSync(join(dir, 'hte.png'));
    const attribute = (name: string) => Number(new RegExp(`^<svg [^>]*\\s${name}="(\\d+)"`, 'm').exec(svg)![1]);
    const [width, height] = [attribute('width'), attribute('height')];
    expect(width).toBe(720);
    expect(pngSize(png)).toEqual({ width: 2 * width, height: 2 * height });
    expect(pngRun.stdout).toContain(`(${2 * width}×${2 * height} px): 7 points`);

    // The CLI's PNG is this rendering of its SVG, pixel for pixel …
    const drawn = renderPng(svg, withBold(font!), 2);
    expect(drawn.asPng().equals(png)).toBe(true);
    // … whose title (高新技术企业, 17px bold at 16,32) has no ink without the CJK font, and far more than the
    // same font's missing-glyph boxes would leave: glyphs, not boxes.
    const title = [2 * 16, 2 * 14, 2 * (16 + 6 * 17), 2 * 37] as const;
    const without = renderPng(svg, [], 2);
    const boxes = renderPng(svg.replace('>高新技术企业<', '>\uE000\uE001\uE002\uE003\uE004\uE005<'), withBold(font!), 2);
    expect(ink(without, ...title)).toBe(0);
    expect(ink(boxes, ...title)).toBeGreaterThan(0);
    expect(ink(drawn, ...title)).toBeGreaterThan(1.4 * ink(boxes, ...title));
  });

  it('knows a font that draws Chinese from one that draws boxes', () => {
    if (font) expect(drawsChinese(font)).toBe(true);
    const latin = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
    if (existsSync(latin)) expect(drawsChinese(latin)).toBe(false);
    expect(drawsChinese(join(ROOT, 'package.json'))).toBe(false);
  });

  it('refuses a named font that has no Chinese glyphs, and writes nothing', async () => {
    const out = join(dir, 'boxes.png');
    const run = await chart([...HTE, '--out', out, '--data', data], { KELAN_CJK_FONT: join(ROOT, 'package.json') });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('KELAN_CJK_FONT');
    expect(run.stderr).toContain('does not draw Chinese characters');
    expect(run.stderr).toContain('fonts-noto-cjk');
    expect(existsSync(out)).toBe(false);
  });
});

const HOSTILE = ["high_tech_enterprises' OR '1'='1", "'; DROP TABLE figures; --", '<script>alert(1)</script>', 'x'.repeat(10_000)];

describe.concurrent('npm run chart: mistakes', () => {
  const cases: Array<[name: string, args: string[], status: number, message: string | RegExp]> = [
    ['unknown indicator', ['--indicator', 'hte', '--out', 'x.svg'], 2, 'unknown indicator: hte; nearest: high_tech_enterprises (高新技术企业)'],
    ['unknown region', [...HTE.slice(0, 2), '--regions', 'hubei,wuhn', '--out', 'x.svg'], 2, /unknown region .*: wuhn; nearest: wuhan \(武汉\)/],
    ['bad extension', [...HTE, '--out', 'x.pdf'], 2, '--out must end in .svg or .png, not .pdf'],
    ['no --out', HTE, 2, '--out is required'],
    ['unknown option', [...HTE, '--out', 'x.svg', '--frm', '2020'], 2, "Unknown option '--frm'"],
    ['bad year', [...HTE, '--out', 'x.svg', '--from', '20x1'], 2, '--from must be a whole number, not 20x1'],
    ['year out of range', [...HTE, '--out', 'x.svg', '--to=-5'], 2, '--to must be between 1900 and 2100, not -5'],
    ['years reversed', [...HTE, '--out', 'x.svg', '--from', '2024', '--to', '2020'], 2, '--from 2024 is after --to 2020'],
    ['bad stance', [...HTE, '--out', 'x.svg', '--stance', 'actual,maybe'], 2, '--stance must be actual or target or expected, not maybe'],
    ['bad width', [...HTE, '--out', 'x.svg', '--width', '99999'], 2, '--width must be between 320 and 2400'],
    ['bad scale', [...HTE, '--out', 'x.png', '--scale', '2x'], 2, '--scale must be a number from 0.5 to 8, not 2x'],
    ['measure the indicator lacks', [...HTE, '--out', 'x.svg', '--measure', 'rank'], 2, 'high_tech_enterprises has no figures as rank; its measures: total (count)'],
    ['nothing to draw', [...HTE, '--out', 'x.svg', '--from', '2030'], 1, 'no figures for high_tech_enterprises in hubei, wuhan, chongqing (total, count; from 2030): nothing to draw'],
    ['hostile indicator', ['--indicator', HOSTILE[0], '--out', 'x.svg'], 2, "unknown indicator: high_tech_enterprises' OR '1'='1; nearest: high_tech_enterprises"],
    ['hostile region', [...HTE.slice(0, 2), '--regions', `hubei,${HOSTILE[3]}`, '--out', 'x.svg'], 2, `unknown region (or one with no figures): ${'x'.repeat(40)}…;`],
  ];

  it.each(cases)('%s', async (_name, args, status, message) => {
    const out = join(dir, 'mistakes');
    const run = await chart([...args.map((a) => (a === 'x.svg' || a === 'x.pdf' || a === 'x.png' ? join(out, a) : a)), '--data', data]);
    expect(run.stderr).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
    expect(run.status).toBe(status);
    expect(run.stdout).toBe('');
    // An error names the value short, never echoes 10,000 characters, and never shows a DuckDB error.
    expect(run.stderr.length).toBeLessThan(600);
    expect(run.stderr).not.toMatch(/Binder Error|Parser Error|failed:/);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing data folder says how to make it', async () => {
    const run = await chart([...HTE, '--out', join(dir, 'x.svg'), '--data', join(dir, 'no-such-folder')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no-such-folder');
    expect(run.stderr).toContain('npm run pipeline -- --in seeds --out static/data');
    expect(run.stderr).toContain('npm start');
  });

  it('a data folder without its Parquet files names the missing file', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const run = await chart([...HTE, '--out', join(dir, 'x.svg'), '--data', empty]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`no figures.parquet in ${empty}`);
    expect(run.stderr).toContain('npm run pipeline');
  });

  it('a data folder without its series names the missing file', async () => {
    const bare = join(dir, 'bare');
    mkdirSync(bare, { recursive: true });
    for (const t of ['figures', 'documents', 'indicators', 'regions']) writeFileSync(join(bare, `${t}.parquet`), readFileSync(join(data, `${t}.parquet`)));
    const run = await chart([...HTE, '--out', join(dir, 'x.svg'), '--data', bare]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`no series/index.parquet in ${bare}`);
    expect(run.stderr).toContain('npm run pipeline');
  });

  it('--help prints the options', async () => {
    const run = await chart(['--help']);
    expect(run.status).toBe(0);
    for (const option of ['--indicator', '--regions', '--out', '--data', '--measure', '--unit', '--from', '--to', '--stance', '--lang',
      '--theme', '--width', '--height', '--scale', '--font']) expect(run.stdout).toContain(option);
  });
});

describe('hostile values are refused by validation, before they reach a query', () => {
  it.each(HOSTILE.map((h) => [h.slice(0, 30), h]))('%s', async (_name, h) => {
    const db = await openParquetFolder(data);
    try {
      const catalogs = await loadCatalogs(db);
      const spec = (readArgs([...HTE, '--out', 'x.svg']) as ChartArgs).spec;
      expect(() => checkIds({ ...spec, indicator: h }, catalogs)).toThrow(UsageError);
      expect(() => checkIds({ ...spec, regions: ['hubei', h] }, catalogs)).toThrow(UsageError);
      const measures = await loadMeasures(db, 'high_tech_enterprises');
      expect(() => pickMeasure({ ...spec, unit: h }, measures)).toThrow(UsageError);
      for (const option of ['--measure', '--stance', '--lang', '--theme', '--from', '--width', '--scale']) {
        expect(() => readArgs([...HTE, '--out', 'x.svg', option, h])).toThrow(UsageError);
      }
      expect(() => readArgs([...HTE, '--out', h])).toThrow(UsageError);
    } finally {
      db.close();
    }
  });
});

describe('reading the command line', () => {
  const read = (argv: string[]) => readArgs(argv) as ChartArgs;

  it('fills in the defaults', () => {
    expect(read(['--indicator', 'high_tech_enterprises', '--out', 'a.PNG'])).toEqual({
      spec: { indicator: 'high_tech_enterprises', regions: ['hubei', 'wuhan', 'chongqing'], measure: undefined, unit: undefined,
        from: undefined, to: undefined, stances: undefined, lang: 'zh', theme: 'light', width: undefined, height: undefined },
      out: 'a.PNG', format: 'png', data: 'static/data', scale: 2, font: undefined,
    });
  });

  it('trims and de-duplicates lists', () => {
    const args = read(['--indicator= high_tech_enterprises', '--regions', ' hubei, wuhan,,hubei ', '--stance', 'target,actual', '--out', 'a.svg']);
    expect(args.spec).toMatchObject({ indicator: 'high_tech_enterprises', regions: ['hubei', 'wuhan'], stances: ['target', 'actual'] });
  });

  it('asks for help', () => {
    expect(readArgs(['--help'])).toBe('help');
    expect(readArgs(['-h'])).toBe('help');
  });
});

describe('nearest ids', () => {
  const entries = [
    { id: 'high_tech_enterprises', names: ['高新技术企业', 'High-tech enterprises'] },
    { id: 'high_tech_zones', names: ['高新区', 'High-tech zones'] },
    { id: 'tech_contract_turnover', names: ['技术合同成交额', 'Technology contract turnover'] },
    { id: 'other', names: ['其他', 'Other'] },
  ];
  it.each([
    ['high_tech_enterprise', 'high_tech_enterprises'],
    ['hte', 'high_tech_enterprises'],
    ['高新技术企业', 'high_tech_enterprises'],
    ['technology contract turnover', 'tech_contract_turnover'],
    ['contract', 'tech_contract_turnover'],
    ['othr', 'other'],
  ])('%s → %s', (typed, id) => {
    expect(nearest(typed, entries)[0]).toBe(id);
  });
});

describe('the Node query runner', () => {
  it('returns plain values: numbers for BIGINT, text for dates, booleans, lists', async () => {
    const db = await openParquetFolder(data);
    try {
      const [row] = await db.exec<Record<string, unknown>>({
        name: 'types',
        sql: `SELECT count(*) AS n, CAST(sum(f.year) AS HUGEINT) AS years, min(d.published) AS published, TIMESTAMP '2026-01-15 08:00:00' AS at,
  bool_or(f.year_inferred) AS inferred, max(f.value) AS value, list(DISTINCT f.region ORDER BY f.region) AS regions
FROM figures f JOIN documents d ON d.doc_id = f.doc_id WHERE f.indicator = ?`,
        params: ['high_tech_enterprises'],
      });
      expect(row).toEqual({ n: 7, years: 14154, published: '2021-07-29', at: '2026-01-15 08:00:00', inferred: false, value: 20000, regions: ['chongqing', 'hubei', 'wuhan'] });
      await expect(db.exec({ name: 'broken', sql: 'SELECT nope FROM figures', params: [] })).rejects.toThrow(/^broken failed: Binder Error[\s\S]*\nSELECT nope FROM figures\nparams: \[\]$/);
    } finally {
      db.close();
    }
  });

  it('names the folder and the file when a Parquet file is missing', async () => {
    const partial = join(dir, 'partial');
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'figures.parquet'), readFileSync(join(data, 'figures.parquet')));
    await expect(openParquetFolder(partial)).rejects.toThrow(new MissingDataError(partial, 'documents.parquet'));
    await expect(openParquetFolder(partial)).rejects.toThrow(`no documents.parquet in ${partial}`);
  });
});

describe('the measure drawn', () => {
  const spec = { indicator: 'high_tech_enterprises', regions: ['hubei'], lang: 'zh' as const };
  const measures: MeasureOption[] = [{ measure: 'new', unit: 'count', n: 5 }, { measure: 'total', unit: 'count', n: 4 }];
  it('is the dashboard\'s choice when none is asked (total before the most reported), else the one asked', () => {
    expect(pickMeasure(spec, measures)).toEqual(measures[1]);
    expect(pickMeasure({ ...spec, measure: 'new' }, measures)).toEqual(measures[0]);
    expect(() => pickMeasure({ ...spec, measure: 'share' }, measures)).toThrow(UsageError);
  });
});

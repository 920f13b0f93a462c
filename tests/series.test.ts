/**
 * The series laid out for the browser (pipelines/write/series.ts) and what the
 * dashboard reads from it (src/lib/db/series.ts, through charts/spec.ts and
 * catalog.ts): over the queries' fixture, over hand-made figures that share a
 * point, and over the seeds' real output, where every answer is checked
 * against SQL over figures.parquet in DuckDB.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeSeries, writeSeriesOfFile } from '../pipelines/write/series.ts';
import { runPipeline } from '../pipelines/run.ts';
import { indicatorRows } from '../src/lib/indicators.ts';
import { loadCatalogs, OTHER_LABELS } from '../src/lib/catalog.ts';
import { loadChart, loadMeasures, loadPoints, type ChartQuery } from '../src/lib/charts/spec.ts';
import { seriesSources } from '../src/lib/db/queries.ts';
import { SERIES_INDEX, seriesFile } from '../src/lib/db/layout.ts';
import { pointsOf } from '../src/lib/db/series.ts';
import type { SeriesIndexRow, SeriesRow } from '../src/lib/types.ts';
import { openParquetFolder, type NodeQuery } from '../scripts/node-query.ts';
import { writeFixture } from './helpers/queries-fixture.ts';
import { readParquet } from './helpers/parquet.ts';

const ROOT = join(import.meta.dirname, '..');
let dir: string;
let db: NodeQuery;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kelan-series-'));
  await writeFixture(dir, true);
  db = await openParquetFolder(dir);
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = async (q: ChartQuery) => (await loadPoints(db, q)).points.map((p) => p.figure_id);
const HTE = { indicator: 'high_tech_enterprises', measure: 'total', unit: 'count' };

describe('the catalogs, from the series index', () => {
  it('list the whole indicator catalog by group, most figures first, with counts', async () => {
    const got = (await loadCatalogs(db)).indicators;
    const n: Record<string, number> = { high_tech_enterprises: 6 + 1, tech_contract_turnover: 3, rd_expenditure: 1, other: 1 };
    const expected = indicatorRows()
      .map((i) => ({ indicator: i.indicator, name_zh: i.name_zh, name_en: i.name_en, unit: i.unit, group: i.group, n: n[i.indicator] ?? 0 }))
      .sort((x, y) => (x.group < y.group ? -1 : x.group > y.group ? 1 : y.n - x.n || (x.indicator < y.indicator ? -1 : 1)));
    expect(got).toEqual(expected);
    expect(got.filter((r) => r.group === 'enterprises')[0]).toMatchObject({ indicator: 'high_tech_enterprises', n: 7 });
  });

  it('list only the regions with figures, most first', async () => {
    expect((await loadCatalogs(db)).regions).toEqual([
      { region: 'hubei', name_zh: '湖北', name_en: 'Hubei', level: 'province', parent: 'china', n: 6 },
      { region: 'wuhan', name_zh: '武汉', name_en: 'Wuhan', level: 'prefecture', parent: 'hubei', n: 3 },
      { region: 'chongqing', name_zh: '重庆', name_en: 'Chongqing', level: 'municipality', parent: 'china', n: 3 },
    ].sort((x, y) => y.n - x.n || (x.region < y.region ? -1 : 1)));
  });

  it("count an indicator's dated figures per measure and unit, most first", async () => {
    expect(await loadMeasures(db, 'high_tech_enterprises')).toEqual([
      { measure: 'total', unit: 'count', n: 6 },
      { measure: 'new', unit: 'count', n: 1 },
    ]);
    // rd_expenditure's one figure has no year, so no chart can place it, and it has no series file.
    expect(await loadMeasures(db, 'rd_expenditure')).toEqual([]);
    expect(existsSync(join(dir, 'series', 'rd_expenditure'))).toBe(false);
    expect(readdirSync(join(dir, 'series', 'high_tech_enterprises')).sort()).toEqual(['chongqing.parquet', 'hubei.parquet', 'wuhan.parquet']);
  });
});

describe("a chart's points, from its indicator's series file", () => {
  it('keep one measure and unit for the chosen regions, one point per region, year, stance and period, ordered for drawing', async () => {
    const { points } = await loadPoints(db, { ...HTE, regions: ['hubei', 'wuhan'] });
    // Hubei 2020: a1 says 10400 (confidence 0.9), b2 近1.05万 (0.7): one point showing a1, with both values' range.
    expect(points.map((r) => r.figure_id)).toEqual(['00000000000000a1', '00000000000000a3', '00000000000000a4', '00000000000000a5']);
    expect(points[0]).toEqual({
      indicator: 'high_tech_enterprises', measure: 'total', unit: 'count', region: 'hubei', year: 2020, stance: 'actual', period: 'year',
      figure_id: '00000000000000a1', value: 10400, qualifier: 'exact', quote: '10400家', label: '高新技术企业', confidence: 0.9,
      year_inferred: false, n_figures: 2, n_documents: 2, n_values: 2, value_min: 10400, value_max: 10500, n_reviewed: 0,
    });
    expect(points[1]).toMatchObject({ figure_id: '00000000000000a3', n_figures: 1, n_documents: 1, n_values: 1, value_min: 14560, value_max: 14560 });
    expect(await ids({ ...HTE, measure: 'new', regions: ['hubei', 'wuhan', 'chongqing'] })).toEqual(['00000000000000a6']);
    expect(await ids({ indicator: 'tech_contract_turnover', measure: 'amount', unit: 'CNY', regions: ['chongqing'] })).toEqual(['00000000000000b8']);
  });

  it('narrow to a span of years and to stances', async () => {
    const hte = (filter: Partial<ChartQuery>) => ids({ ...HTE, regions: ['hubei', 'wuhan'], ...filter });
    expect(await hte({ from: 2021 })).toEqual(['00000000000000a3', '00000000000000a4']);
    expect(await hte({ to: 2020 })).toEqual(['00000000000000a1', '00000000000000a5']);
    expect(await hte({ from: 2021, to: 2021 })).toEqual(['00000000000000a3']);
    expect(await hte({ stances: ['target', 'expected'] })).toEqual(['00000000000000a4']);
    expect(await hte({ stances: ['actual'], from: 2020, to: 2020 })).toEqual(['00000000000000a1', '00000000000000a5']);
    expect(await hte({ stances: ["actual') OR ('1'='1"] })).toEqual([]);
  });

  it('of no regions, or of regions without figures, are none', async () => {
    expect(await ids({ ...HTE, regions: [] })).toEqual([]);
    expect(await ids({ ...HTE, regions: ['shanghai'] })).toEqual([]);
  });

  it('stand for exactly the figures seriesSources returns, with sentence and document', async () => {
    const filter = { from: 2017, to: 2022 };
    type Source = { figure_id: string; region: string; year: number; stance: string; period: string };
    const at = (r: Source) => `${r.region} ${r.year} ${r.stance} ${r.period}`;
    for (const [indicator, measure, unit] of [['high_tech_enterprises', 'total', 'count'], ['tech_contract_turnover', 'amount', 'CNY']]) {
      const regions = ['hubei', 'wuhan', 'chongqing'];
      const sources = await db.exec<Source>(seriesSources(indicator, measure, unit, regions, filter));
      const { points } = await loadPoints(db, { indicator, measure, unit, regions, ...filter });
      // Every figure behind a point, each point's own figure first among those of its place.
      expect([...new Set(sources.map(at))]).toEqual(points.map(at));
      expect(points.map((p) => p.figure_id)).toEqual(points.map((p) => sources.find((s) => at(s) === at(p))!.figure_id));
      expect(points.reduce((n, p) => n + (p.n_figures ?? 1), 0)).toBe(sources.length);
    }
    const [b8] = await db.exec(seriesSources('tech_contract_turnover', 'amount', 'CNY', ['chongqing']));
    expect(b8).toMatchObject({
      figure_id: '00000000000000b8', quote: '750亿元', sentence: '技术合同成交额750亿元。', title: '重庆市科学技术局答复函',
      issuer: '重庆市科学技术局', published: '2023-07-26', doc_number: '渝科局函〔2023〕278号', doc_id: 'b.txt', value: 7.5e10,
    });
    expect(await db.exec(seriesSources('tech_contract_turnover', 'amount', 'CNY', []))).toEqual([]);
  });

  it('are what a loaded chart draws, while its CSV and footer cite every figure behind them', async () => {
    const catalogs = await loadCatalogs(db);
    const data = await loadChart(db, { ...HTE, regions: ['hubei', 'wuhan', 'chongqing'], lang: 'en' }, catalogs);
    expect(data.points.map((p) => p.figure_id)).toEqual(['00000000000000b7', '00000000000000a1', '00000000000000a3', '00000000000000a4', '00000000000000a5']);
    expect(data.rows.map((r) => r.figure_id)).toEqual(['00000000000000b7', '00000000000000a1', '00000000000000b2', '00000000000000a3', '00000000000000a4', '00000000000000a5']);
    expect(data.sources.map((s) => s.doc_id)).toEqual(['b.txt', 'a.txt']);
    expect(data.subtitle).toBe('Total · count');
  });

  it.each(["'; DROP TABLE figures; --", '<script>alert(1)</script>', 'x'.repeat(10_000), "' OR '1'='1"])('a hostile value matches nothing: %s', async (s) => {
    expect(await loadMeasures(db, s)).toEqual([]);
    expect(await ids({ indicator: s, measure: s, unit: s, regions: [s, 'hubei'] })).toEqual([]);
    const rows = await db.read<SeriesRow>(seriesFile('high_tech_enterprises', 'hubei'));
    expect(pointsOf(rows, s, s, [s, 'hubei'], { stances: [s] })).toEqual([]);
  });
});

describe('figures that share a point', () => {
  // Hubei 2020: three documents say 10400 (one of them twice over), one 10404; a half-year's 5000 and a target stand apart.
  const FIGURES = `SELECT * FROM (VALUES
    ('f1', 'a', 'hubei', 'high_tech_enterprises', 2020, 'as_of', 'actual', 'total', 10400.0, 'count', 'exact', '10400家', 0.8, false),
    ('f2', 'b', 'hubei', 'high_tech_enterprises', 2020, 'as_of', 'actual', 'total', 10400.0, 'count', 'approx', '1.04万家', 0.9, true),
    ('f3', 'c', 'hubei', 'high_tech_enterprises', 2020, 'as_of', 'actual', 'total', 10400.0, 'count', 'exact', '10400家', 0.9, false),
    ('f0', 'c', 'hubei', 'high_tech_enterprises', 2020, 'as_of', 'actual', 'total', 10400.0, 'count', 'exact', '10400家', 0.6, false),
    ('f4', 'd', 'hubei', 'high_tech_enterprises', 2020, 'as_of', 'actual', 'total', 10404.0, 'count', 'exact', '10404家', 0.7, false),
    ('f5', 'a', 'hubei', 'high_tech_enterprises', 2020, 'h1', 'actual', 'new', 5000.0, 'count', 'exact', '5000家', 0.9, false),
    ('f6', 'a', 'hubei', 'high_tech_enterprises', 2020, 'year', 'target', 'total', 10000.0, 'count', 'at_least', '1万家以上', 0.9, false),
    ('f7', 'a', 'hubei', 'high_tech_enterprises', NULL, 'unknown', 'actual', 'total', 9.0, 'count', 'exact', '9家', 0.9, false),
    ('f8', 'a', 'wuhan', 'other', 2021, 'year', 'actual', 'share', 43.0, 'percent', 'exact', '43%', 0.5, false)
  ) AS t(figure_id, doc_id, region, indicator, year, period, stance, measure, value, unit, qualifier, quote, confidence, year_inferred)`;
  let out: string;
  let written: string[];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'kelan-series-points-'));
    const duck = await DuckDBInstance.create(':memory:');
    const conn = await duck.connect();
    try {
      await conn.run(`CREATE TABLE figs AS SELECT *, '' AS label FROM (${FIGURES})`);
      written = await writeSeries(conn, 'figs', out);
    } finally {
      conn.closeSync();
      duck.closeSync();
    }
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('are one point, showing the most confident figure, counting figures, documents and values', async () => {
    expect(written).toEqual([SERIES_INDEX, seriesFile('high_tech_enterprises', 'hubei'), seriesFile('other', 'wuhan')]);
    expect(readdirSync(join(out, 'series')).sort()).toEqual(['high_tech_enterprises', 'index.parquet', 'other']);
    const rows = await readParquet<SeriesRow>(join(out, seriesFile('high_tech_enterprises', 'hubei')));
    const got = rows.map((r) => [r.measure, r.stance, r.period, r.value, r.figure_id, r.qualifier, r.n_figures, r.n_documents, r.n_values, r.value_min, r.value_max]);
    expect(got).toEqual([
      ['new', 'actual', 'h1', 5000, 'f5', 'exact', 1, 1, 1, 5000, 5000],
      // f2 and f3 are as confident: the smaller id is shown, as the chart's line picks; 10404 is in the range.
      ['total', 'actual', 'as_of', 10400, 'f2', 'approx', 5, 4, 2, 10400, 10404],
      ['total', 'target', 'year', 10000, 'f6', 'at_least', 1, 1, 1, 10000, 10000],
    ]);
    expect(rows[1]).toMatchObject({ year_inferred: true, confidence: 0.9, quote: '1.04万家', region: 'hubei', year: 2020 });
  });

  it('are counted in the index with the undated ones', async () => {
    const index = await readParquet<SeriesIndexRow>(join(out, SERIES_INDEX));
    expect(index).toEqual([
      { indicator: 'high_tech_enterprises', measure: 'new', unit: 'count', region: 'hubei', label: null, n_figures: 1, n_dated: 1 },
      { indicator: 'high_tech_enterprises', measure: 'total', unit: 'count', region: 'hubei', label: null, n_figures: 7, n_dated: 6 },
      { indicator: 'other', measure: 'share', unit: 'percent', region: 'wuhan', label: '', n_figures: 1, n_dated: 1 },
    ]);
  });

  it('refuse an indicator that cannot name a file', async () => {
    const duck = await DuckDBInstance.create(':memory:');
    const conn = await duck.connect();
    try {
      await conn.run(`CREATE TABLE figs AS SELECT * REPLACE ('../x' AS indicator), '' AS label FROM (${FIGURES})`);
      await expect(writeSeries(conn, 'figs', out)).rejects.toThrow('cannot name a file after the indicator "../x"');
    } finally {
      conn.closeSync();
      duck.closeSync();
    }
  });
});

describe("the seeds' series", () => {
  let data: string;
  let seeds: NodeQuery;
  let sql: <T>(query: string) => Promise<T[]>;

  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'kelan-series-seeds-'));
    await runPipeline({ input: join(ROOT, 'seeds'), output: data });
    if (!existsSync(join(data, SERIES_INDEX))) await writeSeriesOfFile(join(data, 'figures.parquet'), data);
    seeds = await openParquetFolder(data);
    sql = (query) => readParquet(join(data, 'figures.parquet'), query);
  }, 120_000);
  afterAll(() => {
    seeds?.close();
    rmSync(data, { recursive: true, force: true });
  });

  it('hold every dated figure once, behind the point of its place, which shows the most confident of them', async () => {
    const figures = await sql<{ figure_id: string; doc_id: string; indicator: string; label: string | null; measure: string; unit: string; region: string;
      year: number; stance: string; period: string; value: number; confidence: number }>('SELECT * FROM t WHERE year IS NOT NULL');
    // `other`'s points are kept apart by label.
    const key = (r: { indicator: string; label: string | null; measure: string; unit: string; region: string; year: number; stance: string; period: string }) =>
      [r.indicator, r.indicator === 'other' ? r.label ?? '' : '', r.measure, r.unit, r.region, r.year, r.stance, r.period].join('|');
    const byKey = new Map<string, typeof figures>();
    for (const f of figures) byKey.set(key(f), [...(byKey.get(key(f)) ?? []), f]);
    const points: SeriesRow[] = [];
    for (const file of new Set(figures.map((f) => seriesFile(f.indicator, f.region)))) points.push(...await seeds.read<SeriesRow>(file));
    expect(points.map(key).sort()).toEqual([...byKey.keys()].sort());
    for (const p of points) {
      const behind = byKey.get(key(p))!;
      expect(p.n_figures).toBe(behind.length);
      const best = [...behind].sort((a, b) => b.confidence - a.confidence || (a.figure_id < b.figure_id ? -1 : 1))[0];
      expect(p.figure_id).toBe(best.figure_id);
      expect(p.value).toBe(best.value);
      const values = behind.map((f) => f.value);
      expect([p.n_documents, p.n_values, p.value_min, p.value_max])
        .toEqual([new Set(behind.map((f) => f.doc_id)).size, new Set(values).size, Math.min(...values), Math.max(...values)]);
    }
  });

  it('give the catalogs and measures that SQL over the figures gives', async () => {
    const catalogs = await loadCatalogs(seeds);
    const indicators = await sql<{ indicator: string; n: number }>(`SELECT i.indicator, CAST(count(f.figure_id) AS INTEGER) AS n
      FROM read_parquet('${join(data, 'indicators.parquet')}') i LEFT JOIN t f ON f.indicator = i.indicator
      GROUP BY i.indicator, i."group" ORDER BY i."group", n DESC, i.indicator`);
    expect(catalogs.indicators.filter((i) => !i.label).map((i) => ({ indicator: i.indicator, n: i.n }))).toEqual(indicators);
    // Then the labels of `other` with at least two dated figures, most dated first, at most OTHER_LABELS.max of them.
    const labels = await sql<{ label: string; n: number }>(`SELECT label, CAST(count(*) AS INTEGER) AS n FROM t
      WHERE indicator = 'other' AND label <> '' GROUP BY label HAVING count(year) >= ${OTHER_LABELS.minDated}
      ORDER BY count(year) DESC, n DESC, label LIMIT ${OTHER_LABELS.max}`);
    expect(labels.length).toBeGreaterThan(1);
    expect(catalogs.indicators.filter((i) => i.label).map((i) => ({ label: i.label, n: i.n }))).toEqual(labels);
    for (const { label } of labels) {
      expect(catalogs.indicators.find((i) => i.label === label)).toMatchObject({ indicator: `other:${label}`, group: 'other', name_zh: label, name_en: `Other: ${label}` });
      const measures = await sql(`SELECT measure, unit, CAST(count(*) AS INTEGER) AS n FROM t WHERE indicator = 'other' AND label = '${label.replace(/'/g, "''")}'
        AND year IS NOT NULL GROUP BY measure, unit ORDER BY n DESC, measure, unit`);
      expect(await loadMeasures(seeds, `other:${label}`), label).toEqual(measures);
    }
    const regions = await sql<{ region: string; n: number }>(`SELECT r.region, CAST(count(*) AS INTEGER) AS n
      FROM t f JOIN read_parquet('${join(data, 'regions.parquet')}') r ON r.region = f.region GROUP BY r.region ORDER BY n DESC, r.region`);
    expect(catalogs.regions.map((r) => ({ region: r.region, n: r.n }))).toEqual(regions);
    for (const { indicator } of indicators) {
      const measures = await sql(`SELECT measure, unit, CAST(count(*) AS INTEGER) AS n FROM t WHERE indicator = '${indicator}' AND year IS NOT NULL
        GROUP BY measure, unit ORDER BY n DESC, measure, unit`);
      expect(await loadMeasures(seeds, indicator), indicator).toEqual(measures);
    }
  });

  it('fetch kilobytes per indicator and region', async () => {
    const files = await sql<{ indicator: string; region: string }>('SELECT DISTINCT indicator, region FROM t WHERE year IS NOT NULL');
    for (const { indicator, region } of files) {
      expect(statSync(join(data, seriesFile(indicator, region))).size, `${indicator} ${region}`).toBeLessThan(16 * 1024);
    }
  });
});

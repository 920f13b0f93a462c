/**
 * The labels of `other` as indicators of their own (`other:<label>`): the series
 * keep each label's points apart and count them in the index, the catalogs list
 * the frequent ones, and a chart, its sources and a drill-down of one label see
 * that label's figures only. Over the queries' fixture with `other` figures of
 * two labels added, one fact reported twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeParquet } from '../pipelines/write/parquet.ts';
import { writeSeriesOfFile } from '../pipelines/write/series.ts';
import { indicatorRows } from '../src/lib/indicators.ts';
import { indicatorName, labelOptions, loadCatalogs, withLabel } from '../src/lib/catalog.ts';
import { loadChart, loadMeasures, loadPoints } from '../src/lib/charts/spec.ts';
import { seriesSources, tableCount } from '../src/lib/db/queries.ts';
import { SERIES_INDEX, seriesFile } from '../src/lib/db/layout.ts';
import { loadFigure } from '../src/lib/figure.ts';
import type { FigureRow, SeriesIndexRow, SeriesRow } from '../src/lib/types.ts';
import { openParquetFolder, type NodeQuery } from '../scripts/node-query.ts';
import { fixture, REGIONS } from './helpers/queries-fixture.ts';
import { readParquet } from './helpers/parquet.ts';

// [id, doc, region, year, label, value, confidence]: sentences added to the fixture's documents.
const OTHERS: Array<[string, 'a' | 'b', string, number, string, number, number]> = [
  ['00000000000000c1', 'a', 'hubei', 2021, '院士团队', 12, 0.9],
  ['00000000000000c5', 'b', 'hubei', 2021, '院士团队', 13, 0.8],
  ['00000000000000c2', 'b', 'hubei', 2022, '院士团队', 15, 0.8],
  ['00000000000000c3', 'a', 'hubei', 2021, 'A类学科', 52, 0.9],
  ['00000000000000c4', 'a', 'wuhan', 2021, 'A类学科', 20, 0.9],
  // A label no URL can name (a comma separates ids): counted, never offered.
  ['00000000000000c6', 'a', 'hubei', 2020, '甲,乙', 1, 0.9],
  ['00000000000000c7', 'b', 'hubei', 2021, '甲,乙', 2, 0.9],
];

let dir: string;
let db: NodeQuery;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kelan-other-labels-'));
  const { figures, documents } = fixture();
  for (const [figure_id, doc, region, year, label, value, confidence] of OTHERS) {
    const d = documents.find((x) => x.doc_id === `${doc}.txt`)!;
    const quote = `${value}个`;
    const sentence = `${year}年${label}${quote}。`;
    const start = d.raw_text.length;
    d.raw_text += `${sentence}\n`;
    d.text = d.raw_text;
    const at = start + sentence.indexOf(quote);
    figures.push({
      figure_id, doc_id: d.doc_id, indicator: 'other', label, region, year, period: 'year', stance: 'actual', measure: 'total', value,
      unit: 'count', qualifier: 'exact', quote, raw_start: at, raw_end: at + quote.length, sentence, sentence_raw_start: start,
      sentence_raw_end: start + sentence.length, confidence, year_inferred: false, text_start: at, text_end: at + quote.length, sentence_text_start: start,
    } satisfies FigureRow);
  }
  await writeParquet(dir, { figures, documents, indicators: indicatorRows(), regions: REGIONS });
  await writeSeriesOfFile(join(dir, 'figures.parquet'), dir);
  db = await openParquetFolder(dir);
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (rows: Array<{ figure_id: string }>) => rows.map((r) => r.figure_id);

describe('the series of `other`', () => {
  it('keep each label its own point, even where region, year, stance and measure agree', async () => {
    const rows = await readParquet<SeriesRow>(join(dir, seriesFile('other', 'hubei')));
    const y2021 = rows.filter((r) => r.year === 2021).map((r) => [r.label, r.figure_id, r.n_figures, r.value_min, r.value_max]);
    expect(y2021.sort()).toEqual([
      ['A类学科', '00000000000000c3', 1, 52, 52],
      ['甲,乙', '00000000000000c7', 1, 2, 2],
      ['科技创新指数', '0000000000000a12', 1, 33, 33],
      // Two documents for one fact of one label: one point, the more confident shown, both values' range.
      ['院士团队', '00000000000000c1', 2, 12, 13],
    ]);
  });

  it('are counted per label in the index; catalog indicators have no label', async () => {
    const index = await readParquet<SeriesIndexRow>(join(dir, SERIES_INDEX));
    const other = index.filter((r) => r.indicator === 'other' && r.region === 'hubei').map((r) => [r.label, r.n_figures, r.n_dated]);
    expect(other).toEqual([['A类学科', 1, 1], ['甲,乙', 2, 2], ['科技创新指数', 1, 1], ['院士团队', 3, 3]]);
    expect(index.filter((r) => r.indicator !== 'other').every((r) => r.label === null)).toBe(true);
  });
});

describe('the catalogs', () => {
  it('list the labels with at least two dated figures as indicators of the `other` group, after the catalog', async () => {
    const { indicators } = await loadCatalogs(db);
    const { unit } = indicatorRows().find((i) => i.indicator === 'other')!;
    expect(indicators.filter((i) => i.label)).toEqual([
      { indicator: 'other:院士团队', name_zh: '院士团队', name_en: 'Other: 院士团队', unit, group: 'other', n: 3, label: '院士团队' },
      { indicator: 'other:A类学科', name_zh: 'A类学科', name_en: 'Other: A类学科', unit, group: 'other', n: 2, label: 'A类学科' },
    ]);
    expect(indicators.filter((i) => !i.label).map((i) => i.indicator)).toEqual(indicatorRows().map((i) => i.indicator).sort((a, b) => {
      const [x, y] = [indicators.find((i) => i.indicator === a)!, indicators.find((i) => i.indicator === b)!];
      return (x.group < y.group ? -1 : x.group > y.group ? 1 : 0) || y.n - x.n || (a < b ? -1 : 1);
    }));
    expect(indicators.find((i) => i.indicator === 'other')!.n).toBe(8);
  });

  it('keep at most as many labels as asked, most dated figures first', async () => {
    const index = await readParquet<SeriesIndexRow>(join(dir, SERIES_INDEX));
    expect(labelOptions(index, undefined, { minDated: 2, max: 1 }).map((o) => o.indicator)).toEqual(['other:院士团队']);
    expect(labelOptions(index, undefined, { minDated: 1, max: 10 }).map((o) => o.indicator)).toEqual(['other:院士团队', 'other:A类学科', 'other:科技创新指数']);
  });

  it('name a label in both languages, listed or not', async () => {
    const { indicators } = await loadCatalogs(db);
    expect(indicatorName('zh', indicators, 'other:院士团队')).toBe('院士团队');
    expect(indicatorName('en', indicators, 'other:科技创新指数')).toBe('Other: 科技创新指数');
    expect(indicatorName('en', indicators, 'other')).toBe('Other');
    expect(withLabel(indicators, 'other:科技创新指数', 1).at(-1)).toMatchObject({ indicator: 'other:科技创新指数', n: 1 });
    expect(withLabel(indicators, 'other:院士团队', 9)).toBe(indicators);
    expect(withLabel(indicators, 'rd_expenditure', 9)).toBe(indicators);
  });
});

describe('a chart of one label', () => {
  it("draws that label's points only, with its measures", async () => {
    const regions = ['hubei', 'wuhan', 'chongqing'];
    expect(await loadMeasures(db, 'other:院士团队')).toEqual([{ measure: 'total', unit: 'count', n: 3 }]);
    expect(ids((await loadPoints(db, { indicator: 'other:院士团队', regions })).points)).toEqual(['00000000000000c1', '00000000000000c2']);
    expect(ids((await loadPoints(db, { indicator: 'other:A类学科', regions })).points)).toEqual(['00000000000000c3', '00000000000000c4']);
    expect(ids((await loadPoints(db, { indicator: 'other:A类学科', regions: ['wuhan'] })).points)).toEqual(['00000000000000c4']);
    // `other` whole still draws every label's points.
    expect((await loadPoints(db, { indicator: 'other', regions })).points).toHaveLength(7);
  });

  it('cites every figure behind its points, and is titled by the label', async () => {
    const catalogs = await loadCatalogs(db);
    const chart = await loadChart(db, { indicator: 'other:院士团队', regions: ['hubei', 'wuhan'], lang: 'en' }, catalogs);
    expect(ids(chart.rows)).toEqual(['00000000000000c1', '00000000000000c5', '00000000000000c2']);
    expect(chart.rows.every((r) => r.label === '院士团队')).toBe(true);
    expect(chart.title).toBe('Other: 院士团队');
    expect((await loadChart(db, { indicator: 'other:院士团队', regions: ['hubei'], lang: 'zh' }, catalogs)).title).toBe('院士团队');
    expect(ids(await db.exec(seriesSources('other:A类学科', 'total', 'count', ['hubei', 'wuhan'])))).toEqual(['00000000000000c3', '00000000000000c4']);
  });

  it('filters the figures table', async () => {
    const [{ n }] = await db.exec<{ n: number }>(tableCount({ indicator: 'other:院士团队' }));
    expect(n).toBe(3);
  });

  it.each(['other:无此标签', 'other:', "other:院士团队' OR '1'='1", 'other:甲,乙', 'other:院士团队\u0000'])('matches nothing when the label is unknown or malformed: %j', async (id) => {
    expect(await loadMeasures(db, id)).toEqual([]);
    expect((await loadPoints(db, { indicator: id, regions: ['hubei', 'wuhan'] })).points).toEqual([]);
    expect(await db.exec(seriesSources(id, 'total', 'count', ['hubei']))).toEqual([]);
  });
});

describe('a drill-down', () => {
  it("lists the other sources of the figure's fact, of its label only, never the figure itself", async () => {
    const d = (await loadFigure(db.exec, '00000000000000c1', 'other:院士团队'))!;
    expect(d.figure).toMatchObject({ figure_id: '00000000000000c1', label: '院士团队', quote: '12个' });
    expect(ids(d.same)).toEqual(['00000000000000c5']);
    expect(d.conflict).toBe(true);
    const alone = (await loadFigure(db.exec, '00000000000000c3', 'other:A类学科'))!;
    expect(alone.same).toEqual([]);
    expect(alone.conflict).toBe(false);
  });

  it('of a catalog indicator leaves the figure out too, and flags a conflict with the others', async () => {
    const d = (await loadFigure(db.exec, '00000000000000a1', 'high_tech_enterprises'))!;
    expect(ids(d.same)).toEqual(['00000000000000b2']);
    expect(d.conflict).toBe(true);
    const single = (await loadFigure(db.exec, '00000000000000b7'))!;
    expect(single.same).toEqual([]);
    expect(single.conflict).toBe(false);
  });
});

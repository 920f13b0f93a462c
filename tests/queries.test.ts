import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  documentById, documentFigures, documentGenres, documentList, documentRegions, figureDetail, sameFact, seriesSources,
  tableCount, tableExport, tablePage, TABLES, yearList, type Exec, type Query, type TableFilter,
} from '../src/lib/db/queries.ts';
import { fixture, writeFixture } from './helpers/queries-fixture.ts';
import { loadFigure } from '../src/lib/figure.ts';

let dir: string;
let db: DuckDBInstance;
let conn: DuckDBConnection;

/** Runs a query as the client does: prepared, its parameters bound, never spliced. */
async function rows(query: Query): Promise<Record<string, unknown>[]> {
  const stmt = await conn.prepare(query.sql);
  try {
    stmt.bind(query.params);
    return (await stmt.runAndReadAll()).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    stmt.destroySync();
  }
}

const ids = async (query: Query) => (await rows(query)).map((r) => r.figure_id);
const count = async (filter: TableFilter) => (await rows(tableCount(filter)))[0].n;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kelan-queries-'));
  await writeFixture(dir);
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  for (const t of TABLES) await conn.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet('${join(dir, `${t}.parquet`)}')`);
});

afterAll(() => {
  conn?.closeSync();
  db?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('the years the table offers', () => {
  it('yearList holds each dated year once, in order', async () => {
    expect(await rows(yearList())).toEqual([2017, 2020, 2021, 2022, 2025].map((year) => ({ year })));
  });

});

describe('drill-down queries', () => {
  it('figureDetail joins the figure to its document', async () => {
    const [row, ...rest] = await rows(figureDetail('00000000000000b7'));
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      figure_id: '00000000000000b7', quote: '6348家', sentence: '重庆高新技术企业6348家。', title: '重庆市科学技术局答复函',
      issuer: '重庆市科学技术局', published: '2023-07-26', doc_number: '渝科局函〔2023〕278号', doc_region: 'chongqing',
    });
    expect(await rows(figureDetail('ffffffffffffffff'))).toEqual([]);
  });

  it('figureDetail of a named indicator finds the figure only there', async () => {
    expect((await rows(figureDetail('00000000000000b7', 'high_tech_enterprises'))).map((r) => r.figure_id)).toEqual(['00000000000000b7']);
    expect(await rows(figureDetail('00000000000000b7', 'tech_contract_turnover'))).toEqual([]);
  });

  it('figureDetail narrowed to the region and year its chart point gives finds the figure there only; loadFigure falls back to the id alone', async () => {
    const id = '00000000000000b7';
    expect((await rows(figureDetail(id, 'high_tech_enterprises', { region: 'chongqing', year: 2022 }))).map((r) => r.figure_id)).toEqual([id]);
    expect(await rows(figureDetail(id, 'high_tech_enterprises', { region: 'hubei', year: 2022 }))).toEqual([]);
    expect(await rows(figureDetail(id, 'high_tech_enterprises', { region: 'chongqing', year: 2021 }))).toEqual([]);
    const exec = (<T>(q: Query) => rows(q) as Promise<T[]>) as Exec;
    // A stale place (a link whose point has moved) still opens the figure.
    expect((await loadFigure(exec, id, 'high_tech_enterprises', { region: 'hubei', year: 2020 }))?.figure.figure_id).toBe(id);
    expect((await loadFigure(exec, id, 'high_tech_enterprises', { region: 'chongqing', year: 2022 }))?.figure.figure_id).toBe(id);
  });

  it('sameFact lists every source of a fact, newest document first, so a conflict shows', async () => {
    const got = await rows(sameFact({ region: 'hubei', indicator: 'high_tech_enterprises', year: 2020, measure: 'total', unit: 'count', stance: 'actual' }));
    expect(got.map((r) => [r.figure_id, r.value, r.published])).toEqual([
      ['00000000000000b2', 10500, '2023-07-26'],
      ['00000000000000a1', 10400, '2021-07-29'],
    ]);
    expect(new Set(got.map((r) => r.value)).size).toBe(2);
    expect(got[1]).toEqual({
      figure_id: '00000000000000a1', doc_id: 'a.txt', value: 10400, qualifier: 'exact', quote: '10400家',
      sentence: '2020年全省高新技术企业达到10400家。', confidence: 0.9, title: '关于第278号建议的答复', issuer: '湖北省科学技术厅',
      published: '2021-07-29', doc_number: null, doc_region: 'hubei',
    });
    const alone = await rows(sameFact({ region: 'chongqing', indicator: 'high_tech_enterprises', year: 2022, measure: 'total', unit: 'count', stance: 'actual' }));
    expect(alone.map((r) => r.figure_id)).toEqual(['00000000000000b7']);
  });
});

describe('document queries', () => {
  it('documentById returns the document whole', async () => {
    const { documents } = fixture();
    expect(await rows(documentById('a.txt'))).toEqual([{
      doc_id: 'a.txt', file: 'a.txt', title: '关于第278号建议的答复', issuer: '湖北省科学技术厅', published: '2021-07-29', current_year: 2021, date_source: 'labelled publication date', source_url: null, genre: null, region: 'hubei',
      doc_number: null, script: 'simplified', encoding: 'utf-8', raw_text: documents[0].raw_text, text: documents[0].text,
      warnings: ['spam removed: 1 line'],
    }]);
    expect(await rows(documentById('missing.txt'))).toEqual([]);
  });

  it('documentFigures lists a document\'s figures in reading order with spans that point at their quotes', async () => {
    const got = await rows(documentFigures('b.txt'));
    expect(got.map((r) => r.figure_id)).toEqual(['00000000000000b2', '00000000000000b7', '00000000000000b8', '0000000000000b11']);
    const text = fixture().documents[1].text;
    for (const r of got) {
      expect(text.slice(r.text_start as number, r.text_end as number)).toBe(r.quote);
      expect(text.slice(r.raw_start as number, r.raw_end as number)).toBe(r.quote);
    }
    expect(Object.keys(got[0])).toEqual(['figure_id', 'indicator', 'label', 'region', 'year', 'stance', 'measure', 'value', 'unit',
      'qualifier', 'quote', 'raw_start', 'raw_end', 'text_start', 'text_end', 'sentence_raw_start', 'sentence_raw_end']);
  });
});

describe('documents library', () => {
  const list = async (...a: Parameters<typeof documentList>) => (await rows(documentList(...a))).map((r) => r.doc_id);

  it('documentList gives every document with its metadata and figure count, no text', async () => {
    const got = await rows(documentList({}, 'date', true));
    expect(got.map((r) => [r.doc_id, r.figures])).toEqual([['b.txt', 4], ['c.txt', 0], ['a.txt', 8]]);
    expect(got[1]).toEqual({
      doc_id: 'c.txt', file: 'dev/c.txt', title: 'Wuhan Science News 武汉科技新闻', issuer: '武汉市科技局', published: null, current_year: 2022,
      date_source: 'the latest year the text reports as past, plus one', region: 'wuhan', genre: 'News report',
      source_url: 'https://kjj.wuhan.gov.cn/c.html', doc_number: null, script: 'traditional', encoding: 'big5', warnings: [], figures: 0,
    });
    expect(got[2]).toMatchObject({ published: '2021-07-29', source_url: null, genre: null, warnings: ['spam removed: 1 line'] });
  });

  it('documentList sorts by date (a year-only document by its current year), title, region and figure count', async () => {
    expect(await list({}, 'date', false)).toEqual(['a.txt', 'c.txt', 'b.txt']);
    // Titles in code-point order (Latin first, then 关 U+5173 before 重 U+91CD): DuckDB-WASM has no ICU collation to sort by pinyin.
    expect(await list({}, 'title', false)).toEqual(['c.txt', 'a.txt', 'b.txt']);
    expect(await list({}, 'title', true)).toEqual((await list({}, 'title', false)).reverse());
    expect(await list({}, 'region', false)).toEqual(['b.txt', 'a.txt', 'c.txt']);
    expect(await list({}, 'figures', true)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(await list({}, 'figures', false)).toEqual(['c.txt', 'b.txt', 'a.txt']);
    expect(() => documentList({}, 'title; DROP TABLE documents' as never, false)).toThrow(/cannot sort documents by/);
  });

  it('documentList filters by free text over title, issuer and genre, by region and by genre', async () => {
    expect(await list({ q: '答复' }, 'date', true)).toEqual(['b.txt', 'a.txt']);
    expect(await list({ q: '武汉市' }, 'date', true)).toEqual(['c.txt']);
    expect(await list({ q: 'news REPORT' }, 'date', true)).toEqual(['c.txt']);
    expect(await list({ q: '湖北省科学技术厅' }, 'date', true)).toEqual(['a.txt']);
    // The text is not searched: 10400家 is in a's sentences only.
    expect(await list({ q: '10400家' }, 'date', true)).toEqual([]);
    expect(await list({ region: 'wuhan' }, 'date', true)).toEqual(['c.txt']);
    expect(await list({ genre: 'reply to a proposal' }, 'date', true)).toEqual(['b.txt']);
    expect(await list({ genre: 'reply' }, 'date', true)).toEqual([]);
    expect(await list({ q: '答复', region: 'hubei' }, 'date', true)).toEqual(['a.txt']);
    expect(await list({ q: '%' }, 'date', true)).toEqual([]);
  });

  it('documentRegions and documentGenres count the documents of each, most first', async () => {
    expect(await rows(documentRegions())).toEqual([
      { region: 'chongqing', name_zh: '重庆', name_en: 'Chongqing', n: 1 },
      { region: 'hubei', name_zh: '湖北', name_en: 'Hubei', n: 1 },
      { region: 'wuhan', name_zh: '武汉', name_en: 'Wuhan', n: 1 },
    ]);
    expect(await rows(documentGenres())).toEqual([{ genre: 'News report', n: 1 }, { genre: 'reply to a proposal', n: 1 }]);
  });
});

describe('figures table', () => {
  it('tableCount applies each filter and their conjunction', async () => {
    expect(await count({})).toBe(12);
    expect(await count({ region: 'wuhan' })).toBe(3);
    expect(await count({ indicator: 'high_tech_enterprises' })).toBe(7);
    expect(await count({ region: 'wuhan', indicator: 'high_tech_enterprises' })).toBe(2);
    expect(await count({ year: 2020 })).toBe(4);
    expect(await count({ stance: 'target' })).toBe(3);
    expect(await count({ region: 'hubei', stance: 'target', year: 2017 })).toBe(1);
  });

  it('free text matches sentence, quote, label or title literally', async () => {
    expect(await ids(tablePage({ q: '10400家' }, 'year', false, 50, 0))).toEqual(['00000000000000a1']);
    expect(await count({ q: '武汉' })).toBe(3);
    expect(await count({ q: '科技创新指数' })).toBe(1);
    expect(await count({ q: '答复函' })).toBe(4);
    // strpos, not LIKE: % and _ are characters, not wildcards.
    expect(await ids(tablePage({ q: '%' }, 'year', false, 50, 0))).toEqual(['0000000000000b11']);
    expect(await count({ q: '_' })).toBe(0);
    expect(await count({ q: '武汉', indicator: 'tech_contract_turnover' })).toBe(1);
  });

  it('tablePage sorts by each sortable column, nulls last, ties broken by id', async () => {
    expect(await ids(tablePage({}, 'year', false, 50, 0))).toEqual([
      '00000000000000a9', '00000000000000a1', '00000000000000a5', '00000000000000a6', '00000000000000b2', '00000000000000a3',
      '0000000000000a10', '0000000000000a12', '00000000000000b7', '00000000000000b8', '00000000000000a4', '0000000000000b11',
    ]);
    expect((await ids(tablePage({}, 'year', true, 50, 0))).slice(0, 2)).toEqual(['00000000000000a4', '00000000000000b7']);
    expect((await ids(tablePage({}, 'year', true, 50, 0))).at(-1)).toBe('0000000000000b11');
    expect(await ids(tablePage({ region: 'chongqing' }, 'value', true, 50, 0))).toEqual(['00000000000000b8', '00000000000000b7', '0000000000000b11']);
    expect(await ids(tablePage({ indicator: 'high_tech_enterprises' }, 'published', true, 50, 0))).toEqual([
      '00000000000000b2', '00000000000000b7', '00000000000000a1', '00000000000000a3', '00000000000000a4', '00000000000000a5', '00000000000000a6',
    ]);
    expect(await ids(tablePage({ region: 'wuhan' }, 'confidence', false, 50, 0))).toEqual(['00000000000000a6', '0000000000000a10', '00000000000000a5']);
    expect(await ids(tablePage({ year: 2020 }, 'region', false, 50, 0))).toEqual(['00000000000000a1', '00000000000000b2', '00000000000000a5', '00000000000000a6']);
    expect(await ids(tablePage({ region: 'hubei' }, 'stance', true, 50, 0))).toEqual(['00000000000000a4', '00000000000000a9', '00000000000000a1', '00000000000000a3', '00000000000000b2', '0000000000000a12']);
    expect(await ids(tablePage({ region: 'hubei' }, 'indicator', false, 50, 0))).toEqual(['00000000000000a1', '00000000000000a3', '00000000000000a4', '00000000000000b2', '0000000000000a12', '00000000000000a9']);
  });

  it('tablePage pages with LIMIT and OFFSET, and its rows carry the document', async () => {
    const all = await ids(tablePage({}, 'value', false, 50, 0));
    expect(await ids(tablePage({}, 'value', false, 5, 0))).toEqual(all.slice(0, 5));
    expect(await ids(tablePage({}, 'value', false, 5, 5))).toEqual(all.slice(5, 10));
    expect(await ids(tablePage({}, 'value', false, 5, 10))).toEqual(all.slice(10));
    expect(await ids(tablePage({}, 'value', false, 5, 15))).toEqual([]);
    // A nonsense page size or offset is clamped, not passed on.
    expect(await ids(tablePage({}, 'value', false, 0, -3))).toEqual(all.slice(0, 1));
    const [row] = await rows(tablePage({ q: '6348家' }, 'year', false, 50, 0));
    expect(row).toEqual({
      figure_id: '00000000000000b7', doc_id: 'b.txt', region: 'chongqing', indicator: 'high_tech_enterprises', label: '高新技术企业',
      year: 2022, period: 'year', stance: 'actual', measure: 'total', value: 6348, unit: 'count', qualifier: 'exact', quote: '6348家',
      confidence: 0.9, reviewed: false, title: '重庆市科学技术局答复函', published: '2023-07-26',
    });
  });

  it('tablePage refuses a column it cannot sort by', () => {
    expect(() => tablePage({}, 'title; DROP TABLE figures' as never, false, 50, 0)).toThrow(/cannot sort by/);
  });

  it('tableExport returns every kept row with its sources, ordered by region, indicator, year', async () => {
    const got = await rows(tableExport({ region: 'wuhan' }));
    expect(got.map((r) => r.figure_id)).toEqual(['00000000000000a5', '00000000000000a6', '0000000000000a10']);
    expect(got[0]).toEqual({
      figure_id: '00000000000000a5', region: 'wuhan', indicator: 'high_tech_enterprises', label: '高新技术企业', year: 2020,
      period: 'year', stance: 'actual', measure: 'total', value: 6259, unit: 'count', qualifier: 'exact', quote: '6259家',
      sentence: '武汉市高新技术企业6259家。', confidence: 0.9, year_inferred: false, reviewed: false, title: '关于第278号建议的答复',
      issuer: '湖北省科学技术厅', published: '2021-07-29', doc_number: null, doc_id: 'a.txt',
    });
    expect((await rows(tableExport({}))).length).toBe(12);
    expect((await rows(tableExport({ q: '10400家' }))).map((r) => r.figure_id)).toEqual(['00000000000000a1']);
  });
});

describe('hostile parameters are values', () => {
  const HOSTILE = ["'; DROP TABLE figures; --", '<script>alert(1)</script>', 'x'.repeat(10_000), "' OR '1'='1", '"; SELECT 1; --'];

  it.each(HOSTILE.map((s) => [s.slice(0, 30), s]))('%s matches nothing and breaks nothing', async (_name, s) => {
    expect(await count({ q: s })).toBe(0);
    expect(await count({ region: s, indicator: s, stance: s })).toBe(0);
    expect(await rows(tablePage({ q: s, region: s }, 'year', false, 50, 0))).toEqual([]);
    expect(await rows(tableExport({ q: s }))).toEqual([]);
    expect(await rows(documentById(s))).toEqual([]);
    expect(await rows(documentFigures(s))).toEqual([]);
    expect(await rows(figureDetail(s))).toEqual([]);
    expect(await rows(figureDetail(s, s))).toEqual([]);
    expect(await rows(seriesSources(s, s, s, [s, 'hubei'], { stances: [s] }))).toEqual([]);
    expect(await rows(sameFact({ region: s, indicator: s, year: 2020, measure: s, unit: s, stance: s }))).toEqual([]);
    expect(await rows(documentList({ q: s, region: s, genre: s }, 'date', true))).toEqual([]);
    expect(await rows(documentList({ region: s }, 'title', false))).toEqual([]);
    expect(await count({})).toBe(12);
    expect((await rows(documentById('a.txt'))).length).toBe(1);
  });
});

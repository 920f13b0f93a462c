import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureRow } from '../src/lib/types.ts';
import { runPipeline, type PipelineReport } from '../pipelines/run.ts';
import { readParquet } from './helpers/parquet.ts';

// Reviewers' decisions (corrections/*.jsonl) applied by the pipeline after extraction.
const root = resolve(import.meta.dirname, '..');
type Row = FigureRow & { reviewed: boolean; review: string | null };
type Doc = { doc_id: string; file: string; sha256: string; raw_text: string };

let work: string;
let corpus: string;
let corrections: string;
let cache: string;
let first: Row[];
let docs: Map<string, Doc>;
const run = (out: string) => runPipeline({ input: corpus, output: join(work, out), cache, corrections });
const figures = (out: string) => readParquet<Row>(join(work, out, 'figures.parquet'));
const line = (o: object) => JSON.stringify(o);
const who = { who: 'analyst@example.org', when: '2026-11-29T18:00:00Z' };

let fixed: Row;
let rejected: Row;
let confirmed: Row;
let add: { doc_id: string; raw_start: number; raw_end: number; quote: string; sha256: string };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kelan-corrections-'));
  corpus = join(work, 'corpus');
  corrections = join(work, 'corrections');
  cache = join(work, 'cache');
  cpSync(join(root, 'seeds'), corpus, { recursive: true });
  await run('plain');
  first = await figures('plain');
  docs = new Map((await readParquet<Doc>(join(work, 'plain', 'documents.parquet'))).map((d) => [d.doc_id, d]));
  const dated = first.filter((f) => f.year !== null && f.indicator !== 'other');
  [fixed, rejected, confirmed] = [dated[0], dated[1], dated[2]];
  // A number the extractor did not read: a run of digits in a document that no figure covers.
  const doc = docs.get(fixed.doc_id)!;
  const covered = (i: number) => first.some((f) => f.doc_id === doc.doc_id && f.raw_start <= i && i < f.raw_end);
  let start = -1;
  for (const m of doc.raw_text.matchAll(/\d{2,}/g)) if (![...Array(m[0].length).keys()].some((k) => covered(m.index + k))) { start = m.index; add = { doc_id: doc.doc_id, raw_start: m.index, raw_end: m.index + m[0].length, quote: m[0], sha256: doc.sha256 }; break; }
  expect(start).toBeGreaterThanOrEqual(0);
  const key = (f: Row) => ({ doc_id: f.doc_id, sha256: docs.get(f.doc_id)!.sha256, raw_start: f.raw_start, raw_end: f.raw_end, quote: f.quote });
  mkdirSync(corrections);
  writeFileSync(join(corrections, 'review.jsonl'), [
    line({ ...key(fixed), action: 'fix', set: { year: fixed.year! - 1 }, ...who, note: 'the report is of the year before' }),
    line({ ...key(rejected), action: 'reject', ...who }),
    line({ ...key(confirmed), action: 'confirm', ...who }),
    line({ ...add, action: 'add', set: { indicator: 'other', label: '某项', region: 'hubei', year: 2020, period: 'year', stance: 'actual', measure: 'total', value: Number(add.quote), unit: 'count', qualifier: 'exact' }, ...who }),
    '{"doc_id": "x", not json',
    line({ ...key(confirmed), action: 'fix', set: { indicator: 'no_such_indicator' }, ...who }),
    line({ ...key(confirmed), action: 'fix', set: { value: '12' }, ...who }),
    line({ ...key(confirmed), action: 'approve', ...who }),
    '',
  ].join('\n'));
}, 120_000);

describe('corrections', () => {
  let report: PipelineReport;
  let rows: Row[];
  const at = (r: Row[], f: { doc_id: string; raw_start: number }) => r.find((x) => x.doc_id === f.doc_id && x.raw_start === f.raw_start);

  beforeAll(async () => {
    report = await run('corrected');
    rows = await figures('corrected');
  }, 120_000);

  it('fix a figure\'s field and keep its original value in the review', () => {
    const f = at(rows, fixed)!;
    expect(f.year).toBe(fixed.year! - 1);
    expect(f.reviewed).toBe(true);
    const review = JSON.parse(f.review!);
    expect(review).toMatchObject({ action: 'fix', who: who.who, when: who.when, note: 'the report is of the year before', original: { year: fixed.year }, source: 'review.jsonl:1' });
  });

  it('take a rejected figure out of the tables and list it in run.json', () => {
    expect(at(rows, rejected)).toBeUndefined();
    expect(report.corrections!.rejected).toEqual([expect.objectContaining({ doc_id: rejected.doc_id, quote: rejected.quote, raw_start: rejected.raw_start, source: 'review.jsonl:2' })]);
  });

  it('mark a confirmed figure reviewed, unchanged', () => {
    const f = at(rows, confirmed)!;
    expect(f.reviewed).toBe(true);
    expect({ ...f, reviewed: undefined, review: undefined }).toEqual({ ...at(first as Row[], confirmed)!, reviewed: undefined, review: undefined });
  });

  it('add a figure the extractor missed, grounded in its sentence', () => {
    const f = at(rows, add)!;
    expect(f).toMatchObject({ indicator: 'other', region: 'hubei', year: 2020, value: Number(add.quote), quote: add.quote, reviewed: true });
    const raw = docs.get(add.doc_id)!.raw_text;
    expect(raw.slice(f.raw_start, f.raw_end)).toBe(f.quote);
    expect(f.sentence_raw_start).toBeLessThanOrEqual(f.raw_start);
    expect(f.sentence_raw_end).toBeGreaterThanOrEqual(f.raw_end);
    expect(rows.length).toBe(first.length);
  });

  it('refuse bad lines by file and line, and go on', () => {
    expect(report.corrections!.applied).toBe(4);
    expect(report.corrections!.refused.map((r) => r.source)).toEqual(['review.jsonl:5', 'review.jsonl:6', 'review.jsonl:7', 'review.jsonl:8']);
    expect(report.corrections!.refused.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^not JSON/), 'set.indicator: "no_such_indicator" is not a indicator', 'set.value: "12" is not a value', expect.stringMatching(/^action: "approve" is not one of/),
    ]);
    const written = JSON.parse(readFileSync(join(work, 'corrected', 'run.json'), 'utf8')) as PipelineReport;
    expect(written.corrections).toEqual(report.corrections);
  });

  it('reach the series the charts draw', async () => {
    const series = await readParquet<{ year: number; n_figures: number }>(join(work, 'corrected', 'series', fixed.indicator, `${fixed.region}.parquet`));
    expect(series.some((p) => p.year === fixed.year! - 1)).toBe(true);
  });

  it('survive a second run, from the cache, byte for byte', async () => {
    const again = await run('again');
    expect(again.documents_cached).toBeGreaterThan(0);
    expect(readFileSync(join(work, 'again', 'figures.parquet')).equals(readFileSync(join(work, 'corrected', 'figures.parquet')))).toBe(true);
  }, 120_000);

  it('are orphaned, not applied, once their document changed so that the span no longer says the quote', async () => {
    const file = join(corpus, docs.get(fixed.doc_id)!.file);
    writeFileSync(file, `新增一行。\n${readFileSync(file, 'utf8')}`);
    const changed = await run('changed');
    const orphans = changed.corrections!.orphaned.filter((o) => o.doc_id === fixed.doc_id);
    expect(orphans.length).toBeGreaterThanOrEqual(1);
    expect(orphans[0]).toMatchObject({ source: 'review.jsonl:1', reason: 'the document changed: the span no longer says the quote' });
    const now = await figures('changed');
    expect(now.filter((f) => f.doc_id === fixed.doc_id).every((f) => !f.reviewed)).toBe(true);
    expect(now.some((f) => f.doc_id === fixed.doc_id && f.quote === fixed.quote && f.year === fixed.year)).toBe(true);
  }, 120_000);
});

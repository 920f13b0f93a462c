/**
 * 1,001 hostile files made from the seeds (tests/helpers/hostile.ts) in one run:
 * every file extracted or refused by name, every mostly-good file extracted, every
 * figure grounded in its text, and the time per MB printed against ordinary text.
 */
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureRow } from '../src/lib/types.ts';
import { listDocuments } from '../pipelines/read/read.ts';
import { runPipeline, type PipelineReport } from '../pipelines/run.ts';
import { HOSTILE_FILES, seedTexts, writeHostile, type HostileFile } from './helpers/hostile.ts';
import { readParquet } from './helpers/parquet.ts';

const root = resolve(import.meta.dirname, '..');
let files: HostileFile[];
let report: PipelineReport;
let out: string;
let seconds: number;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kelan-hostile-'));
  files = writeHostile(join(dir, 'in'), seedTexts(join(root, 'seeds')));
  out = join(dir, 'out');
  const t = performance.now();
  report = await runPipeline({ input: join(dir, 'in'), output: out, workers: 'auto' });
  seconds = (performance.now() - t) / 1000;
  const mb = files.reduce((n, f) => n + f.bytes, 0) / 1e6;
  // Ordinary text to compare with: 300 copies of the seeds' documents, as they are.
  const texts = seedTexts(join(root, 'seeds'));
  mkdirSync(join(dir, 'ordinary'));
  for (let i = 0; i < 300; i++) writeFileSync(join(dir, 'ordinary', `plain-${i}.txt`), texts[i % texts.length]);
  const ordinaryMb = listDocuments(join(dir, 'ordinary')).reduce((n, f) => n + statSync(f).size, 0) / 1e6;
  const ordinary = performance.now();
  await runPipeline({ input: join(dir, 'ordinary'), output: join(dir, 'ordinary-out'), workers: 'auto' });
  const ordinaryRate = (performance.now() - ordinary) / 1000 / ordinaryMb;
  console.log(`hostile: ${HOSTILE_FILES} files, ${mb.toFixed(1)} MB in ${seconds.toFixed(1)} s (${(seconds / mb).toFixed(2)} s/MB); `
    + `ordinary text (${ordinaryMb.toFixed(1)} MB): ${ordinaryRate.toFixed(2)} s/MB; ratio ${(seconds / mb / ordinaryRate).toFixed(1)}`);
}, 600_000);

describe('1,001 hostile files', () => {
  it('are each extracted or refused by name', async () => {
    expect(files).toHaveLength(1001);
    const docs = await readParquet<{ file: string }>(join(out, 'documents.parquet'), 'SELECT file FROM t');
    const read = new Set(docs.map((d) => d.file));
    const refused = new Set(report.refused.map((r) => r.file));
    for (const f of files) expect(read.has(f.file) !== refused.has(f.file), f.file).toBe(true);
    expect(read.size + refused.size).toBe(1001);
  });

  it('refuse only what is not text; every mostly-good file is read', () => {
    const byFile = new Map(files.map((f) => [f.file, f]));
    const wrongly = report.refused.filter((r) => byFile.get(r.file)!.readable);
    expect(wrongly, JSON.stringify(wrongly.slice(0, 5))).toEqual([]);
    // Random bytes and empty files are all refused.
    expect(report.refused.length).toBe(files.filter((f) => !f.readable).length);
  });

  it('give only figures grounded in their text, with finite values, none beside a replaced character', async () => {
    const docs = await readParquet<{ doc_id: string; raw_text: string }>(join(out, 'documents.parquet'), 'SELECT doc_id, raw_text FROM t');
    const text = new Map(docs.map((d) => [d.doc_id, d.raw_text]));
    const figures = await readParquet<FigureRow>(join(out, 'figures.parquet'), 'SELECT doc_id, quote, raw_start, raw_end, value, year FROM t');
    expect(figures.length).toBeGreaterThan(10_000);
    let ungrounded = 0;
    for (const f of figures) {
      const raw = text.get(f.doc_id)!;
      if (raw.slice(f.raw_start, f.raw_end) !== f.quote || !Number.isFinite(f.value)
        || raw.slice(Math.max(0, f.raw_start - 1), f.raw_end + 1).includes('\ufffd')
        || (f.year !== null && (f.year < 1900 || f.year > 2100))) ungrounded++;
    }
    expect(ungrounded).toBe(0);
  });

  it('say in documents.warnings what was damaged or cut', async () => {
    const docs = await readParquet<{ file: string; warnings: string[] }>(join(out, 'documents.parquet'), 'SELECT file, warnings FROM t');
    const warned = (prefix: string, pattern: RegExp) => docs.filter((d) => d.file.startsWith(prefix) && d.warnings.some((w) => pattern.test(w))).length;
    expect(warned('cut-', /^damaged text: /)).toBe(70);
    expect(warned('number-list-', /lists \d+ numbers: only its first 2000 were read/)).toBe(71);
    expect(warned('long-line-', /only its first 100000 were read/)).toBe(1);
  });
});

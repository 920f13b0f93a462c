import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRow, FigureRow, RunReport } from '../src/lib/types.ts';
import { writeParquet } from '../pipelines/write/parquet.ts';
import { runPipeline } from '../pipelines/run.ts';
import { parseGold, score } from '../pipelines/evaluate/score.ts';
import { readParquet } from './helpers/parquet.ts';

const root = resolve(import.meta.dirname, '..');
// The acceptance scorer, when the project is checked out beside ../shared: the project's own
// scorer must agree with it. Nothing else reads ../shared.
const sharedScorer = resolve(root, '../shared/tools/score/score.mjs');
const fixedClock = () => Date.UTC(2026, 10, 22);

let out: string;
let figures: FigureRow[];
let documents: DocumentRow[];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'kelan-pipeline-'));
  await runPipeline({ input: join(root, 'seeds'), output: out, now: fixedClock });
  figures = await readParquet<FigureRow>(join(out, 'figures.parquet'));
  documents = await readParquet<DocumentRow>(join(out, 'documents.parquet'));
});

describe('pipeline over the corpus (seeds/: the five seeds, dev and dev2)', () => {
  it('writes the four tables and run.json', () => {
    for (const f of ['figures.parquet', 'documents.parquet', 'indicators.parquet', 'regions.parquet', 'run.json']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunReport;
    expect(run.documents_read).toBe(29);
    expect(run.documents_refused).toBe(0);
    expect(run.figures_written).toBe(figures.length);
    expect(Object.keys(run.stage_ms)).toEqual(['read', 'clean', 'normalize', 'metadata', 'sentences', 'figures', 'write']);
  });

  it('points every figure at the exact characters it came from', () => {
    const raw = new Map(documents.map((d) => [d.doc_id, d.raw_text]));
    expect(figures.length).toBeGreaterThan(100);
    for (const f of figures) {
      const text = raw.get(f.doc_id)!;
      expect(text.slice(f.raw_start, f.raw_end), `${f.doc_id}:${f.raw_start}`).toBe(f.quote);
      const normal = documents.find((d) => d.doc_id === f.doc_id)!.text;
      expect(f.sentence.slice(f.text_start - f.sentence_text_start, f.text_end - f.sentence_text_start)).toBe(normal.slice(f.text_start, f.text_end));
      expect(f.sentence_raw_start).toBeLessThanOrEqual(f.raw_start);
      expect(f.sentence_raw_end).toBeGreaterThanOrEqual(f.raw_end);
    }
  });

  it('keeps to the contract\'s vocabularies', () => {
    for (const f of figures) {
      expect(['year', 'as_of', 'h1', 'multi_year', 'unknown']).toContain(f.period);
      expect(['actual', 'target', 'expected']).toContain(f.stance);
      expect(['total', 'new', 'amount', 'growth_rate', 'share', 'rank']).toContain(f.measure);
      expect(['count', 'CNY', 'percent', 'people', 'items', 'times']).toContain(f.unit);
      expect(['exact', 'approx', 'at_least', 'more_than', 'at_most']).toContain(f.qualifier);
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      expect(f.figure_id).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(new Set(figures.map((f) => f.figure_id)).size).toBe(figures.length);
  });

  it('records each document\'s metadata, script and encoding', () => {
    const byId = new Map(documents.filter((d) => !d.file.includes('/')).map((d) => [d.doc_id.slice(0, 3), d]));
    expect(byId.get('000')).toMatchObject({ region: 'hubei', issuer: '湖北省科学技术厅', published: '2021-07-29', encoding: 'utf-8', script: 'simplified' });
    expect(byId.get('000')!.warnings.join('\n')).toMatch(/issuer inferred: 湖北省科学技术厅.*011043145/);
    expect(byId.get('001')).toMatchObject({ region: 'wuhan', doc_number: '武政办〔2021〕26号', published: '2021-03-28', script: 'traditional' });
    expect(byId.get('001')!.warnings.join('\n')).toMatch(/spam/);
    expect(byId.get('002')).toMatchObject({ region: 'chongqing', issuer: '重庆市科学技术局', doc_number: '渝科局函〔2023〕278号', published: '2023-07-26' });
    expect(byId.get('003')).toMatchObject({ region: 'hubei', published: '2017-03-01' });
    expect(byId.get('004')).toMatchObject({ region: 'hubei', issuer: '湖北省科学技术厅', published: '2025-07-30' });
    for (const d of documents) expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sets aside spam: no figure comes from it', () => {
    const spam = figures.filter((f) => /赌|羞羞|免费在线/.test(f.sentence));
    expect(spam).toEqual([]);
  });

  it('is deterministic: the same input gives the same rows and ids', async () => {
    const again = mkdtempSync(join(tmpdir(), 'kelan-pipeline-again-'));
    await runPipeline({ input: join(root, 'seeds'), output: again, now: fixedClock });
    const second = await readParquet<FigureRow>(join(again, 'figures.parquet'));
    expect(second).toEqual(figures);
  });

  it('keeps where each document came from (sources.tsv): source URL and genre', () => {
    const dev = documents.find((d) => d.doc_id === '002_hubei_tech_contracts_h1_2021.txt')!;
    expect(dev.file).toBe('dev/002_hubei_tech_contracts_h1_2021.txt');
    expect(dev.source_url).toMatch(/^http:\/\/www\.niita\.cn\//);
    expect(dev.genre).toMatch(/first-half technology-contract/);
    expect(documents.every((d) => d.genre)).toBe(true);
  });

  const raw = () => new Map(documents.map((d) => [d.doc_id, d.raw_text]));
  const gold = (set: string) => parseGold(readFileSync(join(root, 'tests/gold', `${set}.jsonl`), 'utf8'), set);

  // Floors a little under today's scores, so that a change that loses ground on any set fails.
  it.each([
    ['seeds', 0.99, 0.92],
    ['dev', 0.99, 0.92],
    ['dev2', 0.95, 0.85],
  ])('scores on the %s gold set: F1 ≥ %s, all-core-fields ≥ %s', (set, minF1, minAll) => {
    const s = score(figures, gold(set), raw());
    console.log(`${set}: F1 ${s.f1}  precision ${s.precision}  recall ${s.recall}  all-core-fields ${s.all_core_fields}`);
    expect(s.problems).toEqual([]);
    expect(s.f1).toBeGreaterThanOrEqual(minF1);
    expect(s.all_core_fields).toBeGreaterThanOrEqual(minAll);
  });

  it.skipIf(!existsSync(sharedScorer))('scores as the acceptance scorer does (../shared/tools/score), when it is beside the project', () => {
    for (const set of ['seeds', 'dev', 'dev2']) {
      const run = spawnSync(process.execPath, [sharedScorer, '--figures', join(out, 'figures.parquet'), '--gold', join(root, 'tests/gold', `${set}.jsonl`), '--json'], { cwd: root, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const theirs = JSON.parse(run.stdout) as { f1: number; precision: number; recall: number; all_core_fields: number; field_accuracy: Record<string, number> };
      const ours = score(figures, gold(set), raw());
      expect({ f1: ours.f1, precision: ours.precision, recall: ours.recall, all_core_fields: ours.all_core_fields, field_accuracy: ours.field_accuracy })
        .toEqual({ f1: theirs.f1, precision: theirs.precision, recall: theirs.recall, all_core_fields: theirs.all_core_fields, field_accuracy: theirs.field_accuracy });
    }
  });
});

describe('the command', () => {
  it('prints a summary and exits 0; an unknown option is an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kelan-cli-'));
    const ok = spawnSync('npx', ['tsx', 'pipelines/cli.ts', '--in', 'seeds', '--out', dir], { cwd: root, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/read 29 documents, refused 0, wrote \d+ figures/);
    const bad = spawnSync('npx', ['tsx', 'pipelines/cli.ts', '--frobnicate'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown argument: --frobnicate/);
    const missing = spawnSync('npx', ['tsx', 'pipelines/cli.ts', '--in', join(dir, 'nope'), '--out', dir], { cwd: root, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/input folder not found/);
  });
});

describe('atomic output', () => {
  it('a write that fails leaves the previous output whole', async () => {
    const before = statSync(join(out, 'figures.parquet'));
    const beforeRows = await readParquet(join(out, 'figures.parquet'), 'SELECT count(*)::INTEGER AS n FROM t');
    const broken = { year: 'not a year' } as unknown as FigureRow;
    await expect(writeParquet(out, { figures: [broken], documents: [], indicators: [], regions: [] })).rejects.toThrow();
    expect(statSync(join(out, 'figures.parquet')).mtimeMs).toBe(before.mtimeMs);
    expect(await readParquet(join(out, 'figures.parquet'), 'SELECT count(*)::INTEGER AS n FROM t')).toEqual(beforeRows);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('a run over a missing folder changes nothing', async () => {
    const keep = mkdtempSync(join(tmpdir(), 'kelan-keep-'));
    mkdirSync(join(keep, 'data'));
    await expect(runPipeline({ input: join(keep, 'absent'), output: join(keep, 'data') })).rejects.toThrow(/input folder not found/);
    expect(readdirSync(join(keep, 'data'))).toEqual([]);
  });
});


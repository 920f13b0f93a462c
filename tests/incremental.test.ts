import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineReport } from '../pipelines/run.ts';
import { extractorInputs } from '../pipelines/cache/cache.ts';

const root = resolve(import.meta.dirname, '..');
const fixedClock = () => Date.UTC(2026, 10, 22);
const TABLES = ['figures.parquet', 'documents.parquet', 'indicators.parquet', 'regions.parquet'];
const CHANGED = '001_31cbb575ad998fa6.txt';

let work: string;
let corpus: string;
let cache: string;
const run = (out: string, more: { cache?: string; workers?: number } = {}) =>
  runPipeline({ input: corpus, output: join(work, out), now: fixedClock, ...more });
const bytes = (out: string, table: string) => readFileSync(join(work, out, table));
const cacheFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kelan-incremental-'));
  corpus = join(work, 'corpus');
  cache = join(work, 'cache');
  cpSync(join(root, 'seeds'), corpus, { recursive: true });
});

describe('incremental runs: the extraction cache', () => {
  it('is keyed by a version of every rule, catalog and stage, and of the catalog they import from src/lib', () => {
    const inputs = extractorInputs();
    for (const f of ['pipelines/figures/rules/measure.ts', 'pipelines/figures/catalog/regions.ts', 'pipelines/normalize/normalize.ts', 'src/lib/indicators.ts', 'package-lock.json']) {
      expect(inputs, f).toContain(f);
    }
    expect(inputs).not.toContain('pipelines/cli.ts');
    expect(inputs.some((f) => f.startsWith('pipelines/evaluate/'))).toBe(false);
  });

  let cold: PipelineReport;
  let rerun: PipelineReport;
  let fresh: PipelineReport;

  beforeAll(async () => {
    cold = await run('cold', { cache });
    appendFileSync(join(corpus, CHANGED), '\n2025年，全市新增高新技术企业321家。\n');
    rerun = await run('rerun', { cache });
    fresh = await run('fresh');
  }, 120_000);

  it('extracts every document on a cold run and only the changed one on a rerun', () => {
    expect(cold.documents_extracted).toBe(29);
    expect(cold.documents_cached).toBe(0);
    expect(rerun.documents_extracted).toBe(1);
    expect(rerun.documents_cached).toBe(28);
    expect(fresh.documents_cached).toBe(0);
  });

  it('writes after a rerun exactly what a cold run over the changed corpus writes', () => {
    expect(rerun.figures_written).toBe(fresh.figures_written);
    expect(rerun.figures_written).toBeGreaterThan(cold.figures_written);
    expect(rerun.data_version).toBe(fresh.data_version);
    // run.json names its inputs by their content: the same for the same corpus, another once a file changed.
    expect(rerun.inputs_sha256).toBe(fresh.inputs_sha256);
    expect(rerun.inputs_sha256).not.toBe(cold.inputs_sha256);
    for (const t of TABLES) expect(bytes('rerun', t).equals(bytes('fresh', t)), t).toBe(true);
  });

  it('ignores a damaged cache entry with a warning and still writes the same output', async () => {
    const entries = cacheFiles(cache).filter((f) => f.endsWith('.json'));
    writeFileSync(entries[0], '{"key": "not this one"');
    writeFileSync(entries[1], '{"key": "');
    const again = await run('damaged', { cache });
    expect(again.documents_extracted).toBeGreaterThanOrEqual(1);
    expect(again.warnings!.filter((w) => w.startsWith('cache entry')).length).toBe(2);
    for (const t of TABLES) expect(bytes('damaged', t).equals(bytes('fresh', t)), t).toBe(true);
    const healed = await run('healed', { cache });
    expect(healed.documents_extracted).toBe(0);
    expect(healed.warnings!.filter((w) => w.startsWith('cache entry'))).toEqual([]);
  }, 120_000);

  it('extracts again, with a warning, when a part holding cached rows is damaged, and still writes the same output', async () => {
    const parts = cacheFiles(cache).filter((f) => f.endsWith('.figures.parquet'));
    expect(parts.length).toBeGreaterThan(0);
    writeFileSync(parts[0], 'PAR1 not a parquet file');
    const again = await run('damaged-part', { cache });
    expect(again.warnings!.some((w) => w.startsWith("the cache's rows could not be read"))).toBe(true);
    expect(again.documents_extracted).toBe(29);
    for (const t of TABLES) expect(bytes('damaged-part', t).equals(bytes('fresh', t)), t).toBe(true);
  }, 120_000);

  it('finds a cache entry whose part is gone a miss, with a warning', async () => {
    const healedCache = join(work, 'cache-gone');
    await run('gone-cold', { cache: healedCache });
    const parts = cacheFiles(healedCache).filter((f) => f.endsWith('.documents.parquet'));
    rmSync(parts[0]);
    const again = await run('gone', { cache: healedCache });
    expect(again.warnings!.some((w) => /cache entry .* ignored: its part .* is gone/.test(w))).toBe(true);
    expect(again.documents_extracted).toBeGreaterThan(0);
    for (const t of TABLES) expect(bytes('gone', t).equals(bytes('fresh', t)), t).toBe(true);
  }, 120_000);
});

describe('worker threads', () => {
  it('write byte for byte what one thread writes', async () => {
    const one = await run('one', { workers: 1 });
    const two = await run('two', { workers: 2 });
    expect(two.workers).toBe(2);
    expect(two.data_version).toBe(one.data_version);
    expect(two.inputs_sha256).toBe(one.inputs_sha256);
    expect(two.refused).toEqual(one.refused);
    for (const t of TABLES) expect(bytes('two', t).equals(bytes('one', t)), t).toBe(true);
  }, 120_000);
});

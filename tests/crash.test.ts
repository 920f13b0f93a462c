/**
 * SIGKILL at 20 moments of real pipeline runs (cold with a cache, incremental
 * reruns, shards): after each kill the previous output is whole and readable, and
 * the next run succeeds and writes what a run never killed writes, byte for byte.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/lib/types.ts';
import { readParquet } from './helpers/parquet.ts';

const root = resolve(import.meta.dirname, '..');
const TABLES = ['figures.parquet', 'documents.parquet', 'indicators.parquet', 'regions.parquet'];
const COPIES = 8;

let work: string;
let corpus: string;

/** Runs the pipeline CLI; with `killAfter` ms, kills it with SIGKILL then. Resolves with its exit code or signal. */
function pipeline(args: string[], killAfter?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'pipelines/cli.ts', '--quiet', ...args], { cwd: root, stdio: 'ignore' });
    const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, ms: performance.now() - started });
    });
  });
}

const bytes = (dir: string, file: string) => readFileSync(join(dir, file));

/** The output in `dir` is whole: every table readable, run.json's counts those of the tables. */
async function whole(dir: string, tables = TABLES, report = 'run.json'): Promise<void> {
  for (const t of tables) expect((await readParquet(join(dir, t), 'SELECT count(*) AS n FROM t')).length, t).toBe(1);
  const run = JSON.parse(readFileSync(join(dir, report), 'utf8')) as RunReport;
  const figures = await readParquet<{ n: number }>(join(dir, tables[0]), 'SELECT count(*)::INTEGER AS n FROM t');
  const documents = await readParquet<{ n: number }>(join(dir, tables[1]), 'SELECT count(*)::INTEGER AS n FROM t');
  // A kill after the new output was committed but before all of it moved in leaves .commit, which the next run finishes.
  if (!existsSync(join(dir, '.commit'))) {
    expect(figures[0].n).toBe(run.figures_written);
    expect(documents[0].n).toBe(run.documents_read);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kelan-crash-'));
  corpus = join(work, 'corpus');
  for (let i = 0; i < COPIES; i++) cpSync(join(root, 'seeds'), join(corpus, `copy-${i}`), { recursive: true });
});

describe('a pipeline killed with SIGKILL', () => {
  it('at 10 moments of cold runs, 5 of incremental reruns and 5 of shard runs leaves the previous output whole, and the next run writes what an unkilled one does', async () => {
    const out = join(work, 'out');
    const cache = join(work, 'cache');
    const part = join(work, 'part');
    expect((await pipeline(['--in', corpus, '--out', out, '--cache', cache])).code).toBe(0);
    expect((await pipeline(['--in', corpus, '--out', part, '--cache', cache, '--shard', '1/2'])).code).toBe(0);
    const txt = join(corpus, 'copy-0', readdirSync(join(corpus, 'copy-0')).find((f) => f.endsWith('.txt'))!);
    let edits = 0;
    const kinds = [
      { name: 'cold', runs: 10, prepare: () => rmSync(cache, { recursive: true, force: true }), args: ['--in', corpus, '--out', out, '--cache', cache], check: () => whole(out) },
      { name: 'rerun', runs: 5, prepare: () => appendFileSync(txt, `\n${2000 + ++edits}年，全市新增高新技术企业${100 + edits}家。\n`), args: ['--in', corpus, '--out', out, '--cache', cache], check: () => whole(out) },
      { name: 'shard', runs: 5, prepare: () => rmSync(cache, { recursive: true, force: true }), args: ['--in', corpus, '--out', part, '--cache', cache, '--shard', '1/2', '--workers', '2'],
        check: () => whole(part, ['figures-1-of-2.parquet', 'documents-1-of-2.parquet'], 'partition-1-of-2.json') },
    ];
    const killed: string[] = [];
    for (const kind of kinds) {
      // How long this kind of run takes unkilled, so that the kills fall from start-up to its end.
      kind.prepare();
      const { code, ms } = await pipeline(kind.args);
      expect(code).toBe(0);
      for (let i = 0; i < kind.runs; i++) {
        kind.prepare();
        const at = Math.round(150 + ((ms * 0.9 - 150) * i) / (kind.runs - 1));
        const r = await pipeline(kind.args, at);
        if (r.signal === 'SIGKILL') killed.push(`${kind.name}@${at}ms`);
        await kind.check();
      }
    }
    console.log(`killed ${killed.length} of 20 runs: ${killed.join(', ')}`);
    expect(killed.length).toBeGreaterThanOrEqual(15);

    // The next runs succeed, and write what runs never killed write over the same corpus.
    const fresh = join(work, 'fresh');
    expect((await pipeline(['--in', corpus, '--out', out, '--cache', cache])).code).toBe(0);
    expect((await pipeline(['--in', corpus, '--out', fresh, '--no-cache'])).code).toBe(0);
    for (const t of TABLES) expect(bytes(out, t).equals(bytes(fresh, t)), t).toBe(true);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    const freshPart = join(work, 'fresh-part');
    mkdirSync(freshPart);
    expect((await pipeline(['--in', corpus, '--out', part, '--cache', cache, '--shard', '1/2'])).code).toBe(0);
    expect((await pipeline(['--in', corpus, '--out', freshPart, '--no-cache', '--shard', '1/2'])).code).toBe(0);
    for (const t of ['figures-1-of-2.parquet', 'documents-1-of-2.parquet']) expect(bytes(part, t).equals(bytes(freshPart, t)), t).toBe(true);
  }, 600_000);
});

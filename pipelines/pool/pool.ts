import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { extractorVersion } from '../cache/cache.ts';
import type { Prepared } from '../prepare.ts';
import { extractOne, type IssuerOf, type Outcome } from './extract.ts';
import type { Task } from './worker.ts';

/**
 * Extracts documents, in this thread or on a pool of worker threads. A document that
 * came back waiting is finished (`peers` given) where its prepared form is held.
 */
export interface Extractor {
  extract(path: string, root: string, file: string, peers?: IssuerOf[]): Promise<Outcome>;
  close(): Promise<void>;
}

/** Extracts in this thread, one document at a time. */
export function inProcess(now?: () => number): Extractor {
  const held = new Map<string, Prepared>();
  let last: Promise<unknown> = Promise.resolve();
  return {
    extract(path, root, file, peers) {
      const next = last.then(() => extractOne(path, root, file, peers, held, now));
      last = next.catch(() => {});
      return next;
    },
    close: async () => { held.clear(); },
  };
}

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/**
 * The worker's entry: its stages bundled into one JavaScript file by esbuild (the
 * transpiler tsx itself runs), built once per extractor version under
 * node_modules/.cache/kelan, so a thread starts in a third of the time it takes to load
 * the TypeScript through tsx. Without a bundle (esbuild failed) boot.mjs loads the sources.
 */
export async function workerEntry(version = extractorVersion()): Promise<URL> {
  const dir = join(ROOT, 'node_modules', '.cache', 'kelan');
  const file = join(dir, `worker-${version}.mjs`);
  if (existsSync(file)) return pathToFileURL(file);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    // Dependencies stay imports, resolved from node_modules as the sources resolve them.
    await build({ entryPoints: [join(ROOT, 'pipelines', 'pool', 'worker.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: tmp, logLevel: 'silent' });
    renameSync(tmp, file);
    return pathToFileURL(file);
  } catch {
    rmSync(tmp, { force: true });
    return new URL('./boot.mjs', import.meta.url);
  }
}

interface Queued { task: Task; worker?: Worker; resolve: (o: Outcome) => void; reject: (e: Error) => void }

/** Heap a worker thread may use before it is stopped (its document then refused): a hostile document costs one thread, not the run. */
export const WORKER_HEAP_MB = 2048;

/**
 * A pool of `size` worker threads, each extracting one document at a time; a document
 * goes to the first idle worker, and is finished by the worker that holds it. Workers
 * run `entry`: the bundle of workerEntry, or the TypeScript sources through tsx's loader (boot.mjs).
 * A worker that dies (out of its `heapMb`, or a crash) has its document refused with the
 * reason and is replaced; the documents it held waiting are read again where they go.
 */
export function workerPool(size: number, entry: URL = new URL('./boot.mjs', import.meta.url), heapMb = WORKER_HEAP_MB): Extractor {
  const idle = new Set<Worker>();
  const queue: Queued[] = [];
  const pending = new Map<number, Queued & { worker: Worker }>();
  const holder = new Map<string, Worker>();
  const live = new Set<Worker>();
  let next = 0;
  let closing = false;

  const dispatch = () => {
    for (const w of idle) {
      const i = queue.findIndex((q) => q.worker === undefined || q.worker === w);
      if (i < 0) continue;
      const [q] = queue.splice(i, 1);
      idle.delete(w);
      pending.set(q.task.id, { ...q, worker: w });
      w.postMessage(q.task);
    }
  };
  const died = (w: Worker, reason: string) => {
    if (!live.delete(w) || closing) return;
    idle.delete(w);
    for (const [id, p] of pending) {
      if (p.worker !== w) continue;
      pending.delete(id);
      p.resolve({ file: p.task.file, refusal: { file: p.task.file, reason: `extraction worker failed: ${reason}` }, transient: true, stageMs: {} });
    }
    for (const [file, h] of holder) if (h === w) holder.delete(file);
    for (const q of queue) if (q.worker === w) q.worker = undefined;
    start();
    dispatch();
  };
  const start = () => {
    const w = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    live.add(w);
    w.on('message', (m: { id: number; outcome: Outcome }) => {
      const p = pending.get(m.id)!;
      pending.delete(m.id);
      if (m.outcome.waiting) holder.set(p.task.file, w);
      idle.add(w);
      p.resolve(m.outcome);
      dispatch();
    });
    w.on('error', (e) => died(w, e.message));
    w.on('exit', (code) => died(w, `exited with code ${code}`));
    idle.add(w);
  };
  for (let i = 0; i < size; i++) start();

  return {
    extract(path, root, file, peers) {
      return new Promise((resolve, reject) => {
        const worker = peers ? holder.get(file) : undefined;
        if (peers) holder.delete(file);
        queue.push({ task: { id: next++, path, root, file, peers }, worker, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closing = true;
      await Promise.all([...live].map((w) => w.terminate()));
    },
  };
}

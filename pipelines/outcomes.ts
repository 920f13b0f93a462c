import { readFileSync } from 'node:fs';
import { documentKey, finishedKey, OutcomeCache } from './cache/cache.ts';
import type { IssuerOf, Outcome } from './pool/extract.ts';
import { inProcess, workerPool, type Extractor } from './pool/pool.ts';

/** A document of the corpus: its path on disk and its path in the corpus. */
export interface CorpusFile {
  path: string;
  file: string;
}

/**
 * Outcomes of documents, from the cache when it holds them, else extracted (in this
 * thread or on worker threads) and stored; counts which were which.
 */
export class Outcomes {
  readonly extracted = new Set<string>();
  private readonly hits = new Set<string>();
  private readonly extractor: Extractor;

  constructor(readonly input: string, readonly cache: OutcomeCache | undefined, readonly workers: number, now?: () => number) {
    this.extractor = workers > 1 ? workerPool(workers) : inProcess(now);
  }

  /** The cache key of a document's first pass, or undefined without a cache or when it cannot be read. */
  keyOf(f: CorpusFile): string | undefined {
    if (!this.cache) return undefined;
    try { return documentKey(f.file, readFileSync(f.path)); } catch { return undefined; }
  }

  /** A document's first pass, or (with `peers`) a waiting document finished with them. */
  async get(f: CorpusFile, key: string | undefined, peers?: IssuerOf[]): Promise<Outcome> {
    const k = key && peers ? finishedKey(key, peers) : key;
    const hit = k ? this.cache?.get(k, f.file) : undefined;
    if (hit) { this.hits.add(f.file); return hit; }
    const o = await this.extractor.extract(f.path, this.input, f.file, peers);
    this.extracted.add(f.file);
    if (k) this.cache?.put(k, o);
    return o;
  }

  /** Documents that came wholly from the cache. */
  get cached(): number {
    return [...this.hits].filter((f) => !this.extracted.has(f)).length;
  }

  close(): Promise<void> {
    return this.extractor.close();
  }
}

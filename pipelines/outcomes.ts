import { availableParallelism } from 'node:os';
import { documentKey, fileDigest, finishedKey, OutcomeCache } from './cache/cache.ts';
import type { IssuerOf, Outcome } from './pool/extract.ts';
import { inProcess, workerEntry, workerPool, type Extractor } from './pool/pool.ts';

/** A document of the corpus: its path on disk and its path in the corpus. */
export interface CorpusFile {
  path: string;
  file: string;
}

/**
 * Bytes of documents to extract that make a worker thread worth starting with
 * `workers: 'auto'`: each takes about 0.3 s to load the bundled stages (pool.ts's
 * workerEntry), the time one thread takes to extract some 0.6 MB.
 */
export const BYTES_PER_WORKER = 2e6;

/**
 * Outcomes of documents, from the cache when it holds them, else extracted (in this
 * thread or on worker threads) and stored; counts which were which.
 */
export class Outcomes {
  readonly extracted = new Set<string>();
  private readonly hits = new Set<string>();
  private extractor?: Extractor;
  /** Threads extracting: 1 until start() chose more. */
  threads = 1;

  private readonly keys = new WeakMap<Outcome, string>();

  /** `rows` takes each extracted outcome that has rows (the run's part writer). */
  constructor(
    readonly input: string, readonly cache: OutcomeCache | undefined, readonly workers: number | 'auto',
    readonly rows: (o: Outcome) => Promise<void>, readonly now?: () => number,
  ) {}

  /** The cache key of a document's first pass (from the digest of its bytes), or undefined without a cache or a digest. */
  keyOf(f: CorpusFile, digest = fileDigest(f.path)): string | undefined {
    return this.cache && digest ? documentKey(f.file, digest) : undefined;
  }

  /** What the cache holds of a document's first pass or (with `peers`) of it finished with them. */
  lookup(f: CorpusFile, key: string | undefined, peers?: IssuerOf[]): Outcome | undefined {
    const k = key && peers ? finishedKey(key, peers) : key;
    const hit = k ? this.cache?.get(k, f.file) : undefined;
    if (hit) this.hits.add(f.file);
    return hit;
  }

  /**
   * Starts the extractor for `count` documents of `bytes` bytes: as many threads as
   * asked, or with 'auto' as many cores as have enough to do (BYTES_PER_WORKER each).
   */
  async start(count: number, bytes: number): Promise<void> {
    const asked = this.workers === 'auto' ? Math.min(availableParallelism(), Math.floor(bytes / BYTES_PER_WORKER)) : this.workers;
    this.threads = Math.max(1, Math.min(asked, count));
    this.extractor = this.threads > 1 ? workerPool(this.threads, await workerEntry()) : inProcess(this.now);
  }

  /**
   * Extracts a document's first pass, or (with `peers`) finishes a waiting one with them.
   * An outcome without rows is stored in the cache at once; one with rows goes to `rows`
   * (the run's part writer), which stores it once they are written (see `store`).
   */
  async extract(f: CorpusFile, key: string | undefined, peers?: IssuerOf[]): Promise<Outcome> {
    this.extractor ??= inProcess(this.now);
    const o = await this.extractor.extract(f.path, this.input, f.file, peers);
    this.extracted.add(f.file);
    const k = key && peers ? finishedKey(key, peers) : key;
    if (k) this.keys.set(o, k);
    if (o.figures) await this.rows(o);
    else this.store(o);
    return o;
  }

  /** Stores an outcome under the key it was extracted for (once its rows are in a part). */
  store(o: Outcome): void {
    const k = this.keys.get(o);
    if (k && !o.transient) this.cache?.put(k, o);
  }

  /** From the cache, else extracted. */
  async get(f: CorpusFile, key: string | undefined, peers?: IssuerOf[]): Promise<Outcome> {
    return this.lookup(f, key, peers) ?? this.extract(f, key, peers);
  }

  /** Documents that came wholly from the cache. */
  get cached(): number {
    return [...this.hits].filter((f) => !this.extracted.has(f)).length;
  }

  close(): Promise<void> {
    return this.extractor?.close() ?? Promise.resolve();
  }
}

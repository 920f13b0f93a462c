import { createHash } from 'node:crypto';

/** Shard k of n (k from 1 to n). */
export interface Shard {
  k: number;
  n: number;
}

/** Parses `k/n` as `--shard` takes it, naming the bad value. */
export function parseShard(s: string): Shard {
  const m = /^([0-9]+)\/([0-9]+)$/.exec(s);
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!(n >= 1 && k >= 1 && k <= n)) throw new Error(`--shard needs k/n with 1 ≤ k ≤ n, not ${s}`);
  return { k, n };
}

/**
 * Whether the document `docId` falls in `shard`: by a hash of its id, so a document
 * stays in its shard when its text changes, and documents of one id (refused as
 * duplicates but for the first) meet in one shard.
 */
export function inShard(docId: string, shard: Shard): boolean {
  return parseInt(createHash('sha256').update(docId).digest('hex').slice(0, 8), 16) % shard.n === shard.k - 1;
}

/** The suffix of a shard's files: `-2-of-3`. */
export const shardSuffix = (s: Shard) => `-${s.k}-of-${s.n}`;

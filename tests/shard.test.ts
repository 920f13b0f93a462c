import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineReport } from '../pipelines/run.ts';
import { mergePartitions } from '../pipelines/shard/merge.ts';
import { inShard, parseShard } from '../pipelines/shard/shard.ts';

const root = resolve(import.meta.dirname, '..');
const seeds = join(root, 'seeds');
const fixedClock = () => Date.UTC(2026, 10, 22);
const TABLES = ['figures.parquet', 'documents.parquet', 'indicators.parquet', 'regions.parquet'];

let work: string;
let whole: PipelineReport;
let shards: PipelineReport[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kelan-shard-'));
  whole = await runPipeline({ input: seeds, output: join(work, 'whole'), now: fixedClock });
  shards = [];
  for (const k of [1, 2, 3]) shards.push(await runPipeline({ input: seeds, output: join(work, `part-${k}`), shard: { k, n: 3 }, now: fixedClock }));
}, 120_000);

describe('shards', () => {
  it('parses k/n and puts each document in exactly one shard', () => {
    expect(parseShard('2/3')).toEqual({ k: 2, n: 3 });
    for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0']) expect(() => parseShard(bad), bad).toThrow(bad);
    for (const id of ['a.txt', 'b.html', '000_488863b9aa676d2a.txt']) {
      expect([1, 2, 3].filter((k) => inShard(id, { k, n: 3 }))).toHaveLength(1);
    }
    expect(shards.reduce((s, r) => s + r.documents_read, 0)).toBe(whole.documents_read);
    expect(shards.every((r) => r.documents_read > 0)).toBe(true);
  });

  it('merge three partitions into the very tables of one run', async () => {
    const merged = await mergePartitions({ partitions: [3, 1, 2].map((k) => join(work, `part-${k}`)), output: join(work, 'merged'), input: seeds, now: fixedClock });
    expect(merged.data_version).toBe(whole.data_version);
    expect(merged.inputs_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(merged.inputs_sha256).toBe(whole.inputs_sha256);
    expect(merged.figures_written).toBe(whole.figures_written);
    expect(merged.refused).toEqual(whole.refused);
    for (const t of TABLES) {
      expect(readFileSync(join(work, 'merged', t)).equals(readFileSync(join(work, 'whole', t))), t).toBe(true);
    }
  }, 60_000);

  it('asks for the corpus when a document waited for an issuer another shard names', async () => {
    const merged = JSON.parse(readFileSync(join(work, 'merged', 'run.json'), 'utf8')) as PipelineReport;
    // In the seeds split three ways, 000_…txt names no issuer and its 索引号 peer is in another shard.
    expect(merged.documents_extracted_again).toBeGreaterThan(0);
    await expect(mergePartitions({ partitions: [1, 2, 3].map((k) => join(work, `part-${k}`)), output: join(work, 'no-input') }))
      .rejects.toThrow(/pass --in/);
  }, 60_000);

  it('warns of a missing shard and refuses a shard given twice', async () => {
    const some = await mergePartitions({ partitions: [join(work, 'part-1')], output: join(work, 'some'), input: seeds });
    expect(some.warnings).toContain('shards missing: 2, 3 of 3; their documents are not in the output');
    await expect(mergePartitions({ partitions: [join(work, 'part-1'), join(work, 'part-1')], output: join(work, 'twice') })).rejects.toThrow(/twice/);
  }, 60_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerEntry, workerPool } from '../pipelines/pool/pool.ts';

const seeds = resolve(import.meta.dirname, '..', 'seeds');
const SEED = '001_31cbb575ad998fa6.txt';

describe('a worker thread that dies', () => {
  it('has its document refused with the reason, and the pool goes on with a new thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kelan-worker-death-'));
    // A document whose figures outgrow a worker given a 48 MB heap: some 400,000 of them.
    const line = '2023年全省高新技术企业达到1234家，同比增长12.5%，技术合同成交额达到345.6亿元。\n';
    writeFileSync(join(dir, 'huge.txt'), `湖北省科技厅\n2024年1月5日\n${line.repeat(140_000)}`);
    const pool = workerPool(2, await workerEntry(), 48);
    try {
      const [huge, seed] = await Promise.all([
        pool.extract(join(dir, 'huge.txt'), dir, 'huge.txt'),
        pool.extract(join(seeds, SEED), seeds, SEED),
      ]);
      expect(huge.refusal?.reason).toMatch(/^extraction worker failed: /);
      expect(huge.figures).toBeUndefined();
      expect(huge.transient).toBe(true); // never cached: the next run tries it again
      expect(seed.refusal).toBeUndefined();
      expect(seed.figures!.length).toBeGreaterThan(0);
      // Both threads still serve: two more documents at once after the death.
      const again = await Promise.all([SEED, '002_bc794e7ec96f70d4.txt'].map((f) => pool.extract(join(seeds, f), seeds, f)));
      expect(again[0].figures!.length).toBe(seed.figures!.length);
      expect(again.every((o) => o.docId !== undefined)).toBe(true);
    } finally {
      await pool.close();
    }
  }, 120_000);
});

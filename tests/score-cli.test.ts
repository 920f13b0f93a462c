import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../pipelines/run.ts';

const root = resolve(import.meta.dirname, '..');
let data: string;

beforeAll(async () => {
  data = join(mkdtempSync(join(tmpdir(), 'kelan-score-')), 'data');
  await runPipeline({ input: join(root, 'seeds'), output: data });
}, 120_000);

const score = (...more: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/score.ts', '--data', data, '--gold', 'tests/gold/dev2.jsonl', ...more], { cwd: root, encoding: 'utf8' });

describe('npm run score', () => {
  it('prints the scores, and with --by indicator a line per gold indicator whose counts add up to the gold', () => {
    const r = score('--by', 'indicator');
    expect(r.status, r.stderr).toBe(0);
    const total = Number(/^gold (\d+)/m.exec(r.stdout)![1]);
    const lines = [...r.stdout.matchAll(/^ {2}(\S+) +gold +(\d+) +matched +(\d+) +missed +(\d+) +all-core ([\d.]+)$/gm)];
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.reduce((n, m) => n + Number(m[2]), 0)).toBe(total);
    for (const m of lines) expect(Number(m[3]) + Number(m[4])).toBe(Number(m[2]));
    // Worst first.
    const allCore = lines.map((m) => Number(m[5]));
    expect(allCore).toEqual([...allCore].sort((a, b) => a - b));
    expect(r.stdout).toMatch(/^F1 0\.9\d+ +precision/m);
  }, 60_000);

  it('refuses another --by', () => {
    const r = score('--by', 'year');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--by takes indicator or doc, not year/);
  }, 60_000);
});

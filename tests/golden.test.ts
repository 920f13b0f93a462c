import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenRows } from './golden/rows.ts';

const dir = resolve(import.meta.dirname, 'golden');
const cases = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('golden extractions', () => {
  it.each(cases)('%s', async (name) => {
    const actual = (await goldenRows(join(dir, name))).map((r) => JSON.stringify(r)).join('\n') + '\n';
    const expected = readFileSync(join(dir, name, 'expected.jsonl'), 'utf8');
    const changed = join(dir, name, 'actual.changed.jsonl');
    // A mismatch leaves the actual rows beside the expected ones for review; goldens are
    // regenerated on purpose with `npm run golden:update`, never in CI.
    if (actual !== expected) writeFileSync(changed, actual);
    else rmSync(changed, { force: true });
    expect(actual).toBe(expected);
  });
});

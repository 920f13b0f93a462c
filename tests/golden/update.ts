import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { goldenRows } from './rows.ts';

// Regenerates every tests/golden/<case>/expected.jsonl: run on purpose, review the diff, commit.
const dir = resolve(import.meta.dirname);
for (const d of readdirSync(dir, { withFileTypes: true })) {
  if (!d.isDirectory()) continue;
  const rows = await goldenRows(join(dir, d.name));
  writeFileSync(join(dir, d.name, 'expected.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  rmSync(join(dir, d.name, 'actual.changed.jsonl'), { force: true });
  console.log(`${d.name}: ${rows.length} figures`);
}

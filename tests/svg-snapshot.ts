/**
 * Chart snapshots, as Plot's tests take them: an SVG with what varies between
 * runs normalised (class hashes, generated ids, float noise), compared to
 * `tests/charts/<name>.svg`. A mismatch writes `<name>.changed.svg` beside it
 * for review.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

const dir = resolve(import.meta.dirname, 'charts');

/** Renumbers generated ids, drops Plot's class hash, rounds floats, and puts each tag on its own line. */
export function normalise(html: string): string {
  let n = 0;
  const ids = new Map<string, string>();
  return html
    .replace(/plot-[0-9a-f]{6}/g, 'plot')
    .replace(/(?<=\s)(id|href|clip-path)="([^"]*)"/g, (_, k: string, v: string) => `${k}="${v.replace(/[\w-]*\d[\w-]*/g, (id) => ids.get(id) ?? (ids.set(id, `id${++n}`), `id${n}`))}"`)
    .replace(/\d+\.\d{3,}/g, (x) => String(Math.round(Number(x) * 100) / 100))
    .replace(/></g, '>\n<');
}

/** Compares to tests/charts/<name>.svg; a missing snapshot is written outside CI and fails in CI. */
export function snapshot(name: string, svg: string): void {
  const file = join(dir, `${name}.svg`);
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`missing snapshot ${file}`);
    writeFileSync(file, svg);
  }
  const expected = readFileSync(file, 'utf8');
  if (svg !== expected) writeFileSync(join(dir, `${name}.changed.svg`), svg);
  expect(svg).toBe(expected);
}

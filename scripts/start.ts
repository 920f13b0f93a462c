/**
 * `npm start`: on a fresh checkout after `npm ci`, makes the dashboard's data
 * (the pipeline over seeds/, when its output is missing or older than its
 * inputs), builds the site when its sources changed, and serves it on localhost.
 *
 * `--rebuild` builds even when build/ looks up to date.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runPipeline } from '../pipelines/run.ts';
import { closeOnSignals, portFromEnv, serve } from './serve.ts';
import { writeFirstView } from './first-view.ts';

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What the pipeline writes; the data is stale when any of it is missing or older than its inputs. */
export const DATA_OUTPUTS = ['figures.parquet', 'documents.parquet', 'indicators.parquet', 'regions.parquet', 'series/index.parquet', 'run.json'];

/** The newest file under `paths` (files or folders, recursively), or null when there is none. */
export function newestFile(paths: string[]): { path: string; mtimeMs: number } | null {
  let newest: { path: string; mtimeMs: number } | null = null;
  const visit = (path: string) => {
    let s;
    try {
      s = statSync(path);
    } catch {
      return;
    }
    if (s.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (!newest || s.mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: s.mtimeMs };
  };
  paths.forEach(visit);
  return newest;
}

/** Why the data in `output` must be rebuilt from `inputs`, or null when it is up to date. */
export function dataStaleness(output: string, inputs: string[]): string | null {
  let oldest = Infinity;
  for (const name of DATA_OUTPUTS) {
    const path = join(output, name);
    if (!existsSync(path)) return `${relative(ROOT, path)} is missing`;
    oldest = Math.min(oldest, statSync(path).mtimeMs);
  }
  const newest = newestFile(inputs);
  if (newest && newest.mtimeMs > oldest) return `${relative(ROOT, newest.path)} is newer than the data`;
  return null;
}

/** Why build/ must be rebuilt, or null when it is newer than everything it is built from. */
export function buildStaleness(root = ROOT): string | null {
  const built = join(root, 'build', 'index.html');
  if (!existsSync(built)) return 'build/ has no index.html';
  const inputs = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];
  const newest = newestFile(inputs.map((p) => join(root, p)));
  if (newest && newest.mtimeMs > statSync(built).mtimeMs) return `${relative(root, newest.path)} changed since the last build`;
  return null;
}

/**
 * Draws the compare page's default chart into the data folder (`first-view.ts`),
 * then runs `vite build` in its own process (so its plugins and memory stay out of the caller's).
 */
export async function buildSite(root = ROOT, logLevel: 'info' | 'warn' | 'error' | 'silent' = 'warn'): Promise<void> {
  await writeFirstView(join(root, 'static', 'data'));
  const vite = join(createRequire(join(root, 'package.json')).resolve('vite/package.json'), '..', 'bin', 'vite.js');
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', logLevel], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      // Under vitest NODE_ENV is 'test', which makes Svelte build its development runtime.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', fail);
    child.on('exit', (code, signal) =>
      code === 0 ? ok() : fail(new Error(`vite build failed (${signal ?? `exit status ${code}`})`)),
    );
  });
}

async function main(argv: string[]) {
  const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
  const input = join(ROOT, 'seeds');
  const output = join(ROOT, 'static', 'data');

  const stale = dataStaleness(output, [input, join(ROOT, 'pipelines')]);
  if (stale) {
    console.log(`data: ${stale}; running the pipeline over seeds/`);
    const t = performance.now();
    const report = await runPipeline({ input, output });
    console.log(`data: read ${report.documents_read} documents, refused ${report.documents_refused}, wrote ${report.figures_written} figures to static/data in ${seconds(t)}`);
    for (const r of report.refused) console.log(`  refused ${r.file}: ${r.reason}`);
  } else console.log('data: static/data is up to date');

  const rebuild = argv.includes('--rebuild') ? 'asked to rebuild' : buildStaleness();
  if (rebuild) {
    console.log(`build: ${rebuild}; running vite build`);
    const t = performance.now();
    await buildSite();
    console.log(`build: wrote build/ in ${seconds(t)}`);
  } else console.log('build: build/ is up to date');

  const serving = await serve({ root: join(ROOT, 'build'), port: portFromEnv() });
  console.log(`Kelan is serving at ${serving.url}`);
  closeOnSignals(serving);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`start: ${(e as Error).message}`);
    process.exit(1);
  });
}

/**
 * Global setup of the browser scenarios: makes the seed data, builds the site
 * once, and serves `build/` on a free port for every scenario file, which reads
 * the address with `inject('baseUrl')`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runPipeline } from '../../pipelines/run.ts';
import { ensureSeries } from '../helpers/series.ts';
import { buildSite, ROOT } from '../../scripts/start.ts';
import { serve } from '../../scripts/serve.ts';
import type {} from './harness.ts';

// The harness fails each scenario when it is missing; say so once up front too.
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
  if (!existsSync(CHROMIUM)) console.error(`browser tests: no Chromium at ${CHROMIUM}; every scenario will fail (bash .ci/run installs it)`);
  try {
    let t = performance.now();
    const report = await runPipeline({ input: join(ROOT, 'seeds'), output: join(ROOT, 'static', 'data') });
    console.log(`browser tests: pipeline wrote ${report.figures_written} figures to static/data in ${seconds(t)}`);
    if (await ensureSeries(join(ROOT, 'static', 'data'))) console.log('browser tests: laid out the series the pipeline did not write');

    t = performance.now();
    await buildSite(ROOT, 'error');
    console.log(`browser tests: built the site in ${seconds(t)}`);

    const serving = await serve({ root: process.env.KELAN_BUILD_DIR || join(ROOT, 'build'), port: 0 });
    console.log(`browser tests: serving ${process.env.KELAN_BUILD_DIR || 'build/'} at ${serving.url}`);
    project.provide('baseUrl', serving.url);
    return () => serving.close();
  } catch (e) {
    // Thrown here, the error would stop the unit tests too; each scenario fails with it instead.
    const message = `the browser tests' setup failed: ${(e as Error).message}`;
    console.error(message);
    project.provide('setupError', message);
    return undefined;
  }
}

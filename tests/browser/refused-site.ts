/**
 * A second copy of the built site whose data the pipeline made from a copy of
 * seeds/ with files added (here, files it must refuse), served on its own port:
 * the library's refused list is then drawn from a real run that refused real files.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runPipeline } from '../../pipelines/run.ts';
import { ROOT } from '../../scripts/start.ts';
import { serve } from '../../scripts/serve.ts';
import type { RunReport } from '../../src/lib/types.ts';
import { ensureSeries } from '../helpers/series.ts';

/** Files the pipeline cannot read, by their path under the corpus. */
export const BROKEN: Record<string, Buffer> = {
  'broken/empty.txt': Buffer.alloc(0),
  'broken/budget.xlsx': Buffer.from('PK\u0003\u0004 not a document the pipeline reads'),
};

/** The served copy: its address, the run it serves, and how to stop it. */
export interface RefusedSite {
  url: string;
  report: RunReport;
  /** The data folder it serves (removed by close()). */
  data: string;
  close(): Promise<void>;
}

/** Builds the data from seeds/ plus {@link BROKEN} and serves the site built by the browser setup with it. */
export function serveRefusedSite(): Promise<RefusedSite> {
  return serveCorpusSite(BROKEN);
}

/**
 * Builds the data from a copy of seeds/ with `files` added (paths under the corpus), lets `tamper`
 * change the data folder the pipeline wrote, and serves the site built by the browser setup with it.
 */
export async function serveCorpusSite(files: Record<string, Buffer | string>, tamper?: (data: string) => Promise<void>): Promise<RefusedSite> {
  const dir = mkdtempSync(join(tmpdir(), 'kelan-refused-'));
  const input = join(dir, 'seeds');
  cpSync(join(ROOT, 'seeds'), input, { recursive: true });
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(input, file)), { recursive: true });
    writeFileSync(join(input, file), bytes);
  }
  const report = await runPipeline({ input, output: join(dir, 'data') });
  await ensureSeries(join(dir, 'data'));
  await tamper?.(join(dir, 'data'));
  const site = join(dir, 'site');
  cpSync(process.env.KELAN_BUILD_DIR || join(ROOT, 'build'), site, { recursive: true });
  // The whole folder goes, precompressed copies of the seed run's run.json included.
  rmSync(join(site, 'data'), { recursive: true, force: true });
  cpSync(join(dir, 'data'), join(site, 'data'), { recursive: true });
  const serving = await serve({ root: site, port: 0 });
  return {
    url: serving.url,
    report,
    data: join(site, 'data'),
    async close() {
      await serving.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

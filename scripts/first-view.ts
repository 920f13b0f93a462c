/**
 * What used to be the build step before `vite build`: the compare page now draws
 * its default view itself when it is prerendered (`src/routes/+page.server.ts`),
 * from the data it will serve, so a plain `npm run build` is enough. This only
 * removes the first-view.json an older build step left in the data folder (the
 * site would serve it for nothing) and says whether the data has what the first
 * view is drawn from. `npm start` and the benchmark still call it; they need not.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SERIES_INDEX } from '../src/lib/db/layout.ts';

/** Removes `<data>/first-view.json`; whether the prerendered page will carry a chart (the data has its series). */
export async function writeFirstView(data: string): Promise<boolean> {
  rmSync(join(data, 'first-view.json'), { force: true });
  return existsSync(join(data, SERIES_INDEX));
}

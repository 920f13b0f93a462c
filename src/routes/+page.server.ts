import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_VIEW_FILE, type FirstView } from '$lib/first-view.ts';

// The one server-rendered page: its HTML carries the default chart, drawn at build time, for a first paint without DuckDB.
export const ssr = true;

/** The default view that `scripts/first-view.ts` drew before the build; null (the page queries as before) when there is none. */
export function load(): { first: FirstView | null } {
  try {
    const first = JSON.parse(readFileSync(join(process.cwd(), 'static', 'data', FIRST_VIEW_FILE), 'utf8')) as FirstView;
    // A file another version of the build step wrote is not drawn from; the page loads its chart itself.
    return { first: first?.view?.points ? first : null };
  } catch {
    return { first: null };
  }
}

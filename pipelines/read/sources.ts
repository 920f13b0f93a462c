import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** Where a document came from, as a corpus's `sources.tsv` records it. */
export interface Source {
  url: string | null;
  genre: string | null;
}

/** The name of the file that describes the documents of its folder: not a document itself. */
export const SOURCES_FILE = 'sources.tsv';

/**
 * The sources of the documents under `root`: each folder's `sources.tsv` (a header
 * line with `file`, `url` and `genre` columns, then a line per document of that
 * folder), keyed by the document's path relative to `root`. A line that does not
 * fit is skipped with a warning naming the file and line; nothing is thrown.
 */
export function readSources(root: string, files: string[]): { sources: Map<string, Source>; warnings: string[] } {
  const sources = new Map<string, Source>();
  const warnings: string[] = [];
  const folders = new Set(files.map((f) => dirname(f)));
  for (const folder of folders) {
    const path = join(folder, SOURCES_FILE);
    if (!existsSync(path)) continue;
    const name = relative(root, path).split(sep).join('/');
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = lines[0].split('\t');
    const col = (k: string) => header.indexOf(k);
    if (col('file') < 0) {
      warnings.push(`${name}: no "file" column in its header line; ignored`);
      continue;
    }
    lines.slice(1).forEach((line, i) => {
      if (!line.trim()) return;
      const cells = line.split('\t');
      const file = cells[col('file')]?.trim();
      if (!file) {
        warnings.push(`${name}:${i + 2}: no file name; line skipped`);
        return;
      }
      const cell = (k: string) => (col(k) >= 0 ? cells[col(k)]?.trim() || null : null);
      const rel = relative(root, join(folder, file)).split(sep).join('/');
      sources.set(rel, { url: cell('url'), genre: cell('genre') });
    });
  }
  return { sources, warnings };
}

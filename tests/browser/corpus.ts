/** The corpus the browser scenarios were built from, as the Parquet files hold it. */
import { join } from 'node:path';
import { readParquet } from '../helpers/parquet.ts';
import { ROOT } from '../../scripts/start.ts';

/** The data folder the browser setup wrote and the site serves. */
export const DATA = join(ROOT, 'static', 'data');

/** A document as the library should show it. */
export interface ExpectedDoc {
  doc_id: string; title: string; issuer: string; published: string | null; current_year: number | null; date_source: string;
  region: string; genre: string | null; source_url: string | null; script: string; encoding: string; warnings: number; figures: number;
}

/** Every document with its figure count, straight from the Parquet files. */
export function expectedDocs(data = DATA): Promise<ExpectedDoc[]> {
  const figures = join(data, 'figures.parquet').replace(/'/g, "''");
  return readParquet<ExpectedDoc>(join(data, 'documents.parquet'), `SELECT t.doc_id, t.title, t.issuer, CAST(t.published AS VARCHAR) AS published,
      t.current_year, t.date_source, t.region, t.genre, t.source_url, t.script, t.encoding, CAST(len(t.warnings) AS INTEGER) AS warnings,
      CAST((SELECT count(*) FROM read_parquet('${figures}') f WHERE f.doc_id = t.doc_id) AS INTEGER) AS figures
    FROM t ORDER BY t.doc_id`);
}


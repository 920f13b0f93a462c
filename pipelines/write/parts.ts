/**
 * Rows reach Parquet in parts: extracted documents are written in batches, a part
 * being a figures and a documents file of some documents, and the tables the
 * dashboard reads are then built from parts by DuckDB alone (read, joined with the
 * documents kept, sorted, written), so no stage holds the corpus's rows in memory
 * and a rerun reuses the parts of the documents that did not change.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { IndicatorRow, RegionRow } from '../../src/lib/types.ts';
import type { Outcome } from '../pool/extract.ts';
import type { FigureRow } from '../../src/lib/types.ts';
import { addedFigure, FIELDS, holding, type CorrectedDocument, type CorrectionsReport, type FigureFields, type Located } from '../corrections/corrections.ts';
import { appendRows, quote, rowGroupOption, SCHEMAS, selectList } from './parquet.ts';
import { writeSeries } from './series.ts';

/** A part's figures carry the corpus file they came from, so that rows of two files with one id stay apart. */
const PART_FIGURES = { ...SCHEMAS.figures.columns, file: 'VARCHAR' };

/**
 * How big the pieces are: a batch's text (in characters) and figures before it is
 * written as a part, and the text (UTF-8 bytes) of a row group of documents.parquet (see documentGroups).
 */
export interface Sizes { chars: number; figures: number; groupBytes: number }
export const SIZES: Sizes = { chars: 8e6, figures: 20_000, groupBytes: 8e6 };

/** The two files of a part, by its path without extension. */
export const partFiles = (part: string) => ({ figures: `${part}.figures.parquet`, documents: `${part}.documents.parquet` });

/**
 * DuckDB's memory in MB: a batch's part is staged within the first; the tables are
 * sorted within the second (a quarter of the machine's memory, 512 MB to 4 GB) and
 * spill to disk beyond it. Sorting and writing 100 MB of documents needed more than
 * 512 MB (the bench ran out of it), so the cap is what keeps memory bounded on a large
 * corpus, not flat on a small one. One document's text must fit whole, so a batch or
 * a table holding a longer one is given room for it (memoryFor).
 */
export const DUCK_MEMORY = { parts: 256, tables: Math.max(512, Math.min(4096, Math.floor(totalmem() / 4 / 1e6))) };

/** MB for DuckDB to hold `chars` characters of text (up to 3 bytes each in UTF-8) a few times over, and at least `base`. */
const memoryFor = (chars: number, base: number) => `${Math.max(base, Math.ceil((chars * 3 * 4) / 1e6))}MB`;

/** A DuckDB in memory that spills to `temp`, with the memory to write parts. */
export async function openDuck(temp: string): Promise<{ conn: DuckDBConnection; close(): void }> {
  mkdirSync(temp, { recursive: true });
  const db = await DuckDBInstance.create(':memory:', { memory_limit: `${DUCK_MEMORY.parts}MB`, temp_directory: temp, preserve_insertion_order: 'true' });
  const conn = await db.connect();
  return { conn, close: () => { conn.closeSync(); db.closeSync(); } };
}

/**
 * Collects the rows of extracted documents and writes them as parts into `dir`, a
 * batch at a time. When a part is written, each of its outcomes is given the part's
 * path and loses its rows, and `written` is told (the cache stores it then).
 */
export class PartWriter {
  private batch: Outcome[] = [];
  private chars = 0;
  private figures = 0;
  private last: Promise<void> = Promise.resolve();
  /** Milliseconds spent writing parts. */
  ms = 0;

  constructor(readonly dir: string, private readonly conn: DuckDBConnection, private readonly written: (o: Outcome) => void, readonly limit: Sizes = SIZES) {
    mkdirSync(dir, { recursive: true });
  }

  /** Adds an outcome that has rows; resolves once its batch is written when it filled one. */
  add(o: Outcome): Promise<void> {
    this.batch.push(o);
    this.chars += (o.document?.raw_text.length ?? 0) + (o.document?.text.length ?? 0);
    this.figures += o.figures?.length ?? 0;
    if (this.chars >= this.limit.chars || this.figures >= this.limit.figures) return this.flush();
    return this.last;
  }

  /** Writes what is collected (after any write under way). */
  flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.chars = 0;
    this.figures = 0;
    this.last = this.last.then(() => (batch.length ? this.write(batch) : undefined));
    return this.last;
  }

  private batchChars(batch: Outcome[]): number {
    return batch.reduce((n, o) => n + (o.document?.raw_text.length ?? 0) + (o.document?.text.length ?? 0)
      + (o.figures?.reduce((m, f) => m + f.sentence.length + f.label.length + 200, 0) ?? 0), 0);
  }

  private async write(batch: Outcome[]): Promise<void> {
    const started = performance.now();
    // Named by what it holds: the same documents' rows give the same name, other rows another.
    const h = createHash('sha256');
    for (const o of batch) h.update(`${o.file}\0${o.document!.sha256}\0${o.figures!.length}\0`);
    const part = join(this.dir, h.digest('hex').slice(0, 24));
    const files = partFiles(part);
    await this.conn.run(`SET memory_limit = ${quote(memoryFor(this.batchChars(batch), DUCK_MEMORY.parts))}`);
    const figures = batch.flatMap((o) => o.figures!.map((f) => ({ ...f, file: o.file })));
    const documents = batch.map((o) => o.document!);
    await stage(this.conn, 'part_figures', PART_FIGURES, figures, files.figures);
    await stage(this.conn, 'part_documents', SCHEMAS.documents.columns, documents, files.documents);
    for (const o of batch) {
      o.part = part;
      delete o.figures;
      delete o.document;
      this.written(o);
    }
    this.ms += performance.now() - started;
  }
}

/** Appends `rows` to a table and copies it to `file` (through a temporary name), as they are. */
async function stage(conn: DuckDBConnection, name: string, columns: Record<string, string>, rows: object[], file: string): Promise<void> {
  await appendRows(conn, name, columns, rows);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await conn.run(`COPY "${name}" TO ${quote(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
    renameSync(tmp, file);
  } finally {
    await conn.run(`DROP TABLE "${name}"`);
    rmSync(tmp, { force: true });
  }
}

/** A document of the output: the files holding its rows, and its source fields from sources.tsv. */
export interface Kept {
  figures: string;
  documents: string;
  file: string;
  source_url: string | null;
  genre: string | null;
}

/** What building the tables wrote. */
export interface Built {
  figures: number;
  documents: number;
  dataVersion: string;
  corrections?: CorrectionsReport;
}

/**
 * Makes the tables `corrections` (the decisions that hold, with each field they set and
 * the review a figure carries) and `added` (the figures reviewers added that the
 * extractor did not read), and returns the select list of the corrected figures, with
 * `reviewed` and `review` (JSON: action, who, when, note and a fix's original values).
 */
async function correctionsTable(conn: DuckDBConnection, corrections: Located[], extracted: string, documents: string, any: boolean): Promise<{ select: string; report: CorrectionsReport }> {
  const report: CorrectionsReport = { applied: 0, orphaned: [], refused: [], rejected: [] };
  const ids = [...new Set(corrections.map((c) => c.doc_id))];
  const inIds = ids.length ? `doc_id IN (${ids.map(quote).join(', ')})` : 'false';
  type Doc = CorrectedDocument & { file: string };
  const docs = any ? (await conn.runAndReadAll(`SELECT * FROM (${documents}) WHERE ${inIds}`)).getRowObjectsJS() as unknown as Doc[] : [];
  const byId = new Map(docs.map((d) => [d.doc_id, d]));
  const { holds, orphaned } = holding(corrections, byId);
  report.orphaned.push(...orphaned);
  type Read = FigureFields & { doc_id: string; raw_start: number; raw_end: number };
  const read = any ? (await conn.runAndReadAll(`SELECT doc_id, raw_start, raw_end, ${FIELDS.join(', ')} FROM (${extracted}) WHERE ${inIds}`)).getRowObjectsJS() as unknown as Read[] : [];
  const spanOf = (x: { doc_id: string; raw_start: number; raw_end: number }) => `${x.doc_id}\0${x.raw_start}\0${x.raw_end}`;
  const figures = new Map(read.map((f) => [spanOf(f), f]));
  const rows: Record<string, unknown>[] = [];
  const added: Array<FigureRow & { file: string }> = [];
  for (const c of holds) {
    const f = figures.get(spanOf(c));
    if (!f && c.action !== 'add') {
      report.orphaned.push({ source: c.source, doc_id: c.doc_id, quote: c.quote, reason: 'the extractor reads no figure at that span any more' });
      continue;
    }
    if (!f) added.push({ ...addedFigure(c, byId.get(c.doc_id)!), file: byId.get(c.doc_id)!.file });
    if (c.action === 'reject') report.rejected.push({ source: c.source, doc_id: c.doc_id, quote: c.quote, raw_start: c.raw_start, who: c.who, note: c.note });
    const set = c.set ?? {};
    const original = f && c.action !== 'confirm' ? Object.fromEntries(Object.keys(set).map((k) => [k, f[k as keyof FigureFields]])) : undefined;
    const row: Record<string, unknown> = {
      doc_id: c.doc_id, raw_start: c.raw_start, raw_end: c.raw_end, action: c.action,
      review: JSON.stringify({ action: c.action, who: c.who, when: c.when, note: c.note, original, source: c.source }),
    };
    for (const k of FIELDS) {
      row[`has_${k}`] = k in set;
      row[`set_${k}`] = set[k] ?? null;
    }
    rows.push(row);
    report.applied++;
  }
  const figureTypes = SCHEMAS.figures.columns;
  await appendRows(conn, 'corrections', {
    doc_id: 'VARCHAR', raw_start: 'INTEGER', raw_end: 'INTEGER', action: 'VARCHAR', review: 'VARCHAR',
    ...Object.fromEntries(FIELDS.flatMap((k) => [[`has_${k}`, 'BOOLEAN'], [`set_${k}`, figureTypes[k]]])),
  }, rows);
  await appendRows(conn, 'added', SCHEMAS.figures.columns, added);
  const select = Object.keys(figureTypes).map((k) => {
    if (k === 'reviewed') return `coalesce(c.action IS NOT NULL AND c.action <> 'reject', false) AS reviewed`;
    if (k === 'review') return 'c.review AS review';
    return (FIELDS as readonly string[]).includes(k) ? `CASE WHEN c."has_${k}" THEN c."set_${k}" ELSE f."${k}" END AS "${k}"` : `f."${k}"`;
  }).join(', ');
  return { select, report };
}

/** Whether both files of a part are there. */
export const partExists = (part: string) => {
  const f = partFiles(part);
  return existsSync(f.figures) && existsSync(f.documents);
};

/**
 * Builds figures and documents (named with `suffix`) from the parts holding the `kept`
 * documents' rows, with the catalogs and the series when given, into the folder `out`
 * (staged there: commit.ts puts it in place). Figures are
 * ordered by indicator, region and year for the dashboard; a shard's partition
 * (`keepFile`) keeps each figure's corpus file so that it can serve as a part again.
 */
export async function buildTables(
  conn: DuckDBConnection, kept: Kept[], out: string, work: string,
  opts: {
    suffix?: string; catalogs?: { indicators: IndicatorRow[]; regions: RegionRow[] }; keepFile?: boolean; sizes?: Sizes;
    /** Reviewers' decisions to apply (a whole output only, not a shard's partition). */
    corrections?: Located[];
  } = {},
): Promise<Built> {
  const suffix = opts.suffix ?? '';
  mkdirSync(out, { recursive: true });
  await conn.run(`SET memory_limit = ${quote(memoryFor(0, DUCK_MEMORY.tables))}`);
  await conn.run('DROP TABLE IF EXISTS kept');
  await appendRows(conn, 'kept', { figures_file: 'VARCHAR', documents_file: 'VARCHAR', file: 'VARCHAR', source_url: 'VARCHAR', genre: 'VARCHAR' },
    kept.map((k) => ({ figures_file: k.figures, documents_file: k.documents, file: k.file, source_url: k.source_url, genre: k.genre })));
  const list = (which: 'figures' | 'documents') => `read_parquet([${[...new Set(kept.map((k) => k[which]))].sort().map(quote).join(', ')}], filename = true)`;
  const written: string[] = [];
  const copy = async (name: string, select: string, options = '') => {
    const file = `${name}${suffix}.parquet`;
    await conn.run(`COPY (${select}) TO ${quote(join(out, file))} (FORMAT parquet, COMPRESSION zstd${options})`);
    written.push(file);
  };
  const fig = SCHEMAS.figures;
  const doc = SCHEMAS.documents;
  const figureColumns = opts.keepFile ? PART_FIGURES : fig.columns;
  const docColumns = selectList(doc.columns, 'd.').replace('d."source_url"', 'k.source_url').replace('d."genre"', 'k.genre');
  const empty = (columns: Record<string, string>) => `SELECT ${Object.entries(columns).map(([k, t]) => `CAST(NULL AS ${t}) AS "${k}"`).join(', ')} WHERE false`;
  const extracted = `SELECT ${selectList(figureColumns, 'f.')} FROM ${list('figures')} f JOIN kept k ON f.filename = k.figures_file AND f.file = k.file`;
  // A whole output says of each figure whether a reviewer decided on it (corrections/).
  const reviewed = opts.keepFile ? null : await correctionsTable(conn, opts.corrections ?? [], extracted, `SELECT d.doc_id, d.sha256, d.raw_text, k.file FROM ${list('documents')} d JOIN kept k ON d.filename = k.documents_file AND d.file = k.file`, kept.length > 0);
  if (kept.length) {
    await copy('figures', reviewed
      ? `SELECT ${reviewed.select} FROM (${extracted} UNION ALL SELECT ${selectList(figureColumns)} FROM added) f LEFT JOIN corrections c
         ON c.doc_id = f.doc_id AND c.raw_start = f.raw_start AND c.raw_end = f.raw_end WHERE c.action IS DISTINCT FROM 'reject' ORDER BY ${fig.order}`
      : `${extracted} ORDER BY ${fig.order}`, rowGroupOption('figures'));
    await conn.run(`CREATE TABLE documents_sorted AS SELECT ${docColumns} FROM ${list('documents')} d JOIN kept k ON d.filename = k.documents_file AND d.file = k.file ORDER BY ${doc.order}`);
    const longest = Number((await conn.runAndReadAll('SELECT coalesce(max(strlen(raw_text) + strlen(coalesce(text, \'\'))), 0)::BIGINT FROM documents_sorted')).getColumnsJS()[0][0]);
    await conn.run(`SET memory_limit = ${quote(memoryFor(longest / 3, DUCK_MEMORY.tables))}`);
    const groups = await documentGroups(conn, join(work, 'groups'), opts.sizes?.groupBytes ?? SIZES.groupBytes);
    await conn.run('DROP TABLE documents_sorted');
    // ROW_GROUP_SIZE 1: each group's rows (one chunk) are written as they come, a row group each.
    await copy('documents', `SELECT * FROM read_parquet([${groups.map(quote).join(', ')}])`, ', ROW_GROUP_SIZE 1');
  } else {
    await copy('figures', empty(figureColumns));
    await copy('documents', `${empty(doc.columns)}`);
  }
  if (opts.catalogs) {
    // The dashboard's files: what charts draw, laid out by indicator and region (series.ts).
    await writeSeries(conn, `read_parquet(${quote(join(out, `figures${suffix}.parquet`))})`, out);
    for (const name of ['indicators', 'regions'] as const) {
      const { columns, order } = SCHEMAS[name];
      await appendRows(conn, name, columns, opts.catalogs[name]);
      await copy(name, `SELECT ${selectList(columns)} FROM "${name}" ORDER BY ${order}`);
      await conn.run(`DROP TABLE "${name}"`);
    }
  }
  const rowsOf = async (file: string) => Number((await conn.runAndReadAll(
    `SELECT coalesce(sum(num_rows), 0)::BIGINT FROM parquet_file_metadata(${quote(join(out, file))})`)).getColumnsJS()[0][0]);
  const counts = { figures: await rowsOf(`figures${suffix}.parquet`), documents: await rowsOf(`documents${suffix}.parquet`) };
  const version = (await conn.runAndReadAll(DATA_VERSION_SQL(quote(join(out, `figures${suffix}.parquet`))))).getColumnsJS()[0][0] as string;
  await conn.run('DROP TABLE kept');
  for (const t of ['corrections', 'added']) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  return { ...counts, dataVersion: version, corrections: reviewed?.report };
}

/**
 * Writes the table documents_sorted, in its order, as files of about `groupBytes`
 * bytes of text each (but for a longer document), into `dir`. Copied in that order into documents.parquet, each
 * becomes a row group: writing buffers one group, not the up to 2,048 documents of
 * DuckDB's least row group, and the dashboard's document view fetches one group's text.
 */
async function documentGroups(conn: DuckDBConnection, dir: string, groupBytes: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const bytes = (await conn.runAndReadAll('SELECT (strlen(raw_text) + strlen(coalesce(text, \'\')))::BIGINT AS n FROM documents_sorted ORDER BY rowid'))
    .getColumnsJS()[0] as bigint[];
  const files: string[] = [];
  let start = 0;
  let size = 0;
  const cut = async (end: number) => {
    const file = join(dir, `${String(files.length).padStart(6, '0')}.parquet`);
    await conn.run(`COPY (SELECT * FROM documents_sorted WHERE rowid >= ${start} AND rowid < ${end} ORDER BY rowid) TO ${quote(file)} (FORMAT parquet, COMPRESSION lz4_raw)`);
    files.push(file);
    start = end;
    size = 0;
  };
  for (const [i, n] of bytes.entries()) {
    if (i > start && size + Number(n) > groupBytes) await cut(i);
    size += Number(n);
  }
  await cut(bytes.length);
  return files;
}

/**
 * The data's version: a hash of what each figure says (id, indicator, region, year,
 * value), summed over the figures so that it needs neither their order nor memory.
 * DuckDB's hash is fixed for the DuckDB version package-lock.json pins.
 */
const DATA_VERSION_SQL = (figures: string) =>
  `SELECT lpad(lower(to_hex(coalesce(sum(hash(figure_id, indicator, region, year, value)), 0) % 281474976710656)), 12, '0') FROM read_parquet(${figures})`;

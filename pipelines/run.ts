import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DocumentRow, FigureRow, Refusal, RunReport } from '../src/lib/types.ts';
import { indicatorRows } from '../src/lib/indicators.ts';
import { regions } from './figures/catalog/regions.ts';
import { clean } from './clean/clean.ts';
import { blankSetAside, setAsideIn } from './clean/set-aside.ts';
import { extractFigures } from './figures/figures.ts';
import { inferIssuers, readMetadata, type Metadata } from './metadata/metadata.ts';
import { normalize, type Normalized } from './normalize/normalize.ts';
import { writeParquet } from './write/parquet.ts';
import { documentRow, figureRow } from './write/rows.ts';
import { listDocuments, readDocument, type RawDocument } from './read/read.ts';
import { readSources } from './read/sources.ts';
import { splitSentences, type Sentence } from './sentences/sentences.ts';

/** Where to read, where to write, and the side effects a run may have. */
export interface RunOptions {
  input: string;
  output: string;
  /** Called after each document with how many of how many are done. */
  progress?: (done: number, total: number) => void;
  /** The clock, for stage timings and run.json's start time. */
  now?: () => number;
}

/** A document read, cleaned, normalised and split, ready for figures. */
export interface Prepared {
  raw: RawDocument;
  norm: Normalized;
  /** 1 where the clean stage set the normalised text aside. */
  setAside: Uint8Array;
  sentences: Sentence[];
  meta: Metadata;
  warnings: string[];
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

type Timer = <T>(stage: string, f: () => T) => T;
const untimed: Timer = (_stage, f) => f();

/** Runs the clean, normalize, metadata and sentence stages over one document read. */
export function prepare(raw: RawDocument, time: Timer = untimed): Prepared {
  const cleaned = time('clean', () => clean(raw.rawText));
  const norm = time('normalize', () => normalize(raw.rawText));
  const setAside = setAsideIn(norm, raw.rawText.length, cleaned.setAside);
  const meta = time('metadata', () => readMetadata(blankSetAside(norm.text, setAside), norm.text));
  const sentences = time('sentences', () => splitSentences(norm.text));
  const warnings = [...cleaned.warnings];
  if (norm.pinyinRemoved) warnings.push(`pinyin annotations removed: ${norm.pinyinRemoved}`);
  return { raw, norm, setAside, sentences, meta, warnings };
}

/** Extracts the figure rows of a prepared document. */
export function figuresOf(p: Prepared, time: Timer = untimed): FigureRow[] {
  const found = time('figures', () => extractFigures({ text: p.norm.text, setAside: p.setAside, sentences: p.sentences, meta: p.meta }));
  return found.map((f) => figureRow(p, f));
}

/** The metadata stage's second pass: issuers inferred across the documents of a run. */
export function inferAcross(docs: Prepared[]): void {
  inferIssuers(docs.map((p) => ({ docId: p.raw.docId, meta: p.meta, text: blankSetAside(p.norm.text, p.setAside) })));
}

/**
 * Runs the pipeline over every document under `input` and writes figures,
 * documents, indicators and regions as Parquet, with run.json, into `output`.
 * A document that cannot be read or extracted is refused by name; the others go on.
 */
export async function runPipeline(opts: RunOptions): Promise<RunReport> {
  const now = opts.now ?? (() => Date.now());
  const started = now();
  if (!existsSync(opts.input) || !statSync(opts.input).isDirectory()) throw new Error(`input folder not found: ${opts.input}`);
  const stageMs: Record<string, number> = { read: 0, clean: 0, normalize: 0, metadata: 0, sentences: 0, figures: 0, write: 0 };
  const time = <T>(stage: string, f: () => T): T => {
    const t = now();
    try { return f(); } finally { stageMs[stage] += now() - t; }
  };

  const files = listDocuments(opts.input);
  const { sources, warnings } = readSources(opts.input, files);
  const refused: Refusal[] = [];
  // Figures are extracted as each document is read, so that only its rows stay in
  // memory; a document whose issuer must be inferred from the others waits for them.
  const metas: Array<{ docId: string; meta: Metadata }> = [];
  const waiting: Prepared[] = [];
  const figures: FigureRow[] = [];
  const documents: DocumentRow[] = [];
  const finish = (p: Prepared) => {
    try {
      for (const f of figuresOf(p, time)) figures.push(f);
      documents.push(documentRow(p, sources.get(p.raw.file)));
    } catch (e) {
      refused.push({ file: p.raw.file, reason: `figure extraction failed: ${(e as Error).message}` });
    }
  };
  const seen = new Map<string, string>();
  for (const [i, path] of files.entries()) {
    const file = relative(opts.input, path).split('\\').join('/');
    try {
      const t = now();
      const result = await readDocument(path, opts.input);
      stageMs.read += now() - t;
      if (!result.ok) { refused.push(result.refusal); continue; }
      const raw = result.doc;
      if (seen.has(raw.docId)) { refused.push({ file, reason: `duplicate document id ${raw.docId}: also ${seen.get(raw.docId)}` }); continue; }
      seen.set(raw.docId, file);
      const p = prepare(raw, time);
      if (p.meta.issuer) {
        finish(p);
        metas.push({ docId: raw.docId, meta: p.meta });
      } else waiting.push(p);
    } catch (e) {
      refused.push({ file, reason: `could not be processed: ${(e as Error).message}` });
    } finally {
      opts.progress?.(i + 1, files.length);
    }
  }

  time('metadata', () => inferIssuers([
    ...metas.map((m) => ({ ...m, text: '' })),
    ...waiting.map((p) => ({ docId: p.raw.docId, meta: p.meta, text: blankSetAside(p.norm.text, p.setAside) })),
  ]));
  for (const p of waiting) finish(p);
  documents.sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0));
  figures.sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : a.raw_start - b.raw_start || a.raw_end - b.raw_end));

  const dataVersion = hash(figures.map((f) => `${f.figure_id}|${f.indicator}|${f.region}|${f.year}|${f.value}`).join('\n')).slice(0, 12);
  const t = now();
  await writeParquet(opts.output, { figures, documents, indicators: indicatorRows(), regions: regions().map(({ names: _n, ...r }) => r) });
  stageMs.write += now() - t;

  const report: RunReport = {
    started: new Date(started).toISOString(), input: opts.input, output: opts.output,
    documents_read: documents.length, documents_refused: refused.length, refused,
    figures_written: figures.length, stage_ms: stageMs, data_version: dataVersion, warnings,
  };
  mkdirSync(opts.output, { recursive: true });
  const tmp = join(opts.output, `.run.json.${process.pid}`);
  writeFileSync(tmp, JSON.stringify(report, null, 2) + '\n');
  renameSync(tmp, join(opts.output, 'run.json'));
  return report;
}

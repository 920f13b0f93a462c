import { createHash } from 'node:crypto';
import type { DocumentRow, FigureRow } from '../../src/lib/types.ts';
import type { Figure } from '../figures/figures.ts';
import type { Metadata } from '../metadata/metadata.ts';
import { rawSpan, type Normalized } from '../normalize/normalize.ts';
import type { RawDocument } from '../read/read.ts';
import type { Source } from '../read/sources.ts';

/** What the rows of one document are made from. */
export interface DocumentParts {
  raw: RawDocument;
  norm: Normalized;
  meta: Metadata;
  warnings: string[];
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/** A figure's stable id: of its document and its quote's span in the raw text. */
export const figureId = (docId: string, rawStart: number, rawEnd: number) => hash(`${docId}:${rawStart}:${rawEnd}`).slice(0, 16);

/**
 * Characters of its sentence a figure carries: a longer sentence (a flattened table
 * listing thousands of numbers) is cut to this much around the figure, so that the
 * rows of a sentence grow with its length, not with its length squared.
 */
export const MAX_SENTENCE = 1000;

/** The span of the sentence a figure carries: the whole sentence, or MAX_SENTENCE characters around the figure. */
function sentenceSpan(f: Figure): { start: number; end: number } {
  const { start, end } = f.sentence;
  if (end - start <= MAX_SENTENCE) return { start, end };
  const from = Math.max(start, Math.min(f.start - (MAX_SENTENCE >> 1), end - MAX_SENTENCE));
  return { start: from, end: Math.min(end, Math.max(from + MAX_SENTENCE, f.end)) };
}

/** A figure as figures.parquet holds it, its spans mapped back to the raw text. */
export function figureRow(p: DocumentParts, f: Figure): FigureRow {
  const [rawStart, rawEnd] = rawSpan(p.norm, f.start, f.end);
  const sentence = sentenceSpan(f);
  const [sStart, sEnd] = rawSpan(p.norm, sentence.start, sentence.end);
  const docId = p.raw.docId;
  return {
    figure_id: figureId(docId, rawStart, rawEnd),
    doc_id: docId, indicator: f.indicator, label: f.label, region: f.region, year: f.year, period: f.period,
    stance: f.stance, measure: f.measure, value: f.value, unit: f.unit, qualifier: f.qualifier,
    quote: p.raw.rawText.slice(rawStart, rawEnd), raw_start: rawStart, raw_end: rawEnd,
    sentence: p.norm.text.slice(sentence.start, sentence.end), sentence_raw_start: sStart, sentence_raw_end: sEnd,
    confidence: f.confidence, year_inferred: f.year_inferred, text_start: f.start, text_end: f.end, sentence_text_start: sentence.start,
  };
}

/** A document as documents.parquet holds it, with where it came from when its folder's sources.tsv says. */
export function documentRow(p: DocumentParts, source?: Source): DocumentRow {
  const m = p.meta;
  return {
    doc_id: p.raw.docId, file: p.raw.file, title: m.title, issuer: m.issuer, published: m.published, region: m.region,
    doc_number: m.docNumber, script: p.norm.script, raw_text: p.raw.rawText, text: p.norm.text, sha256: p.raw.sha256,
    encoding: p.raw.encoding, warnings: [...p.warnings, ...m.warnings], current_year: m.currentYear, date_source: m.dateSource,
    source_url: source?.url ?? null, genre: source?.genre ?? null,
  };
}

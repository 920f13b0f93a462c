/**
 * Corrections that survive re-extraction: an analyst's decisions on figures, one JSON
 * line each in `corrections/*.jsonl` (readable in a diff and a pull request), keyed by
 * the document's content (its SHA-256) and the quote's span and text. The pipeline
 * applies them after extraction: a confirmed or fixed figure is marked reviewed (a fix
 * keeps the original values), a rejected one leaves the tables (run.json lists it),
 * an added one is a figure the extractor missed. A correction whose document changed
 * so that its span no longer says its quote is orphaned and reported, never applied.
 * A line that cannot be a correction is refused by file and line; the run goes on.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FigureRow } from '../../src/lib/types.ts';
import { indicatorRows } from '../../src/lib/indicators.ts';
import { MEASURES, STANCES, UNITS, YEARS } from '../../src/lib/params.ts';
import { regions } from '../figures/catalog/regions.ts';
import { normalize } from '../normalize/normalize.ts';
import { splitSentences } from '../sentences/sentences.ts';
import { figureId } from '../write/rows.ts';

export const ACTIONS = ['confirm', 'fix', 'reject', 'add'] as const;
export type Action = (typeof ACTIONS)[number];

/** The fields a correction may set: what a figure means. */
export interface FigureFields {
  indicator: string;
  label: string;
  region: string;
  year: number | null;
  period: FigureRow['period'];
  stance: FigureRow['stance'];
  measure: FigureRow['measure'];
  value: number;
  unit: FigureRow['unit'];
  qualifier: FigureRow['qualifier'];
}
export const FIELDS = ['indicator', 'label', 'region', 'year', 'period', 'stance', 'measure', 'value', 'unit', 'qualifier'] as const;

/** One line of a corrections file. */
export interface Correction {
  doc_id: string;
  /** SHA-256 of the document's bytes when the decision was made. */
  sha256: string;
  raw_start: number;
  raw_end: number;
  quote: string;
  action: Action;
  /** For a fix, the fields changed; for an add, every field. */
  set?: Partial<FigureFields>;
  who: string;
  when: string;
  note?: string;
}

/** Where a correction came from, for what is said of it. */
export interface Located extends Correction { source: string }

/** What became of the corrections in a run (run.json's `corrections`). */
export interface CorrectionsReport {
  applied: number;
  /** Decisions whose document or span no longer holds: not applied. */
  orphaned: Array<{ source: string; doc_id: string; quote: string; reason: string }>;
  /** Lines that are not corrections. */
  refused: Array<{ source: string; reason: string }>;
  /** Figures rejected by a reviewer: gone from the tables, listed here. */
  rejected: Array<{ source: string; doc_id: string; quote: string; raw_start: number; who: string; note?: string }>;
}

export const PERIODS = ['year', 'as_of', 'h1', 'multi_year', 'unknown'];
export const QUALIFIERS = ['exact', 'approx', 'at_least', 'more_than', 'at_most'];
const SHA = /^[0-9a-f]{64}$/;

/** The catalogs a correction's ids must be in. */
export interface Known { indicators: Set<string>; regions: Set<string> }

/** The indicators and regions of the catalogs, as {@link invalid} checks ids against. */
export const knownIds = (): Known => ({ indicators: new Set(indicatorRows().map((r) => r.indicator)), regions: new Set(regions().map((r) => r.region)) });

/** The reason `value` is not a correction, or null (the review server checks a line with it before writing it). */
export function invalid(v: unknown, known: { indicators: Set<string>; regions: Set<string> }): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const c = v as Record<string, unknown>;
  if (typeof c.doc_id !== 'string' || c.doc_id === '') return 'doc_id: not a document id';
  if (typeof c.sha256 !== 'string' || !SHA.test(c.sha256)) return 'sha256: not a SHA-256 in hex';
  if (!Number.isInteger(c.raw_start) || !Number.isInteger(c.raw_end) || (c.raw_start as number) < 0 || (c.raw_end as number) <= (c.raw_start as number)) return 'raw_start, raw_end: not a span';
  if (typeof c.quote !== 'string' || c.quote.length !== (c.raw_end as number) - (c.raw_start as number)) return 'quote: not the text of the span';
  if (!ACTIONS.includes(c.action as Action)) return `action: ${JSON.stringify(c.action)} is not one of ${ACTIONS.join(', ')}`;
  if (typeof c.who !== 'string' || c.who === '') return 'who: missing';
  if (typeof c.when !== 'string' || Number.isNaN(Date.parse(c.when))) return 'when: not a date';
  if (c.note !== undefined && typeof c.note !== 'string') return 'note: not text';
  const set = (c.set ?? {}) as Record<string, unknown>;
  if (typeof set !== 'object' || Array.isArray(set)) return 'set: not an object';
  for (const k of Object.keys(set)) if (!(FIELDS as readonly string[]).includes(k)) return `set: unknown field ${k}`;
  const check: Record<string, (x: unknown) => boolean> = {
    indicator: (x) => typeof x === 'string' && known.indicators.has(x),
    label: (x) => typeof x === 'string' && x.length > 0 && x.length <= 200,
    region: (x) => typeof x === 'string' && known.regions.has(x),
    year: (x) => x === null || (Number.isInteger(x) && (x as number) >= YEARS.min && (x as number) <= YEARS.max),
    period: (x) => PERIODS.includes(x as string),
    stance: (x) => (STANCES as readonly unknown[]).includes(x),
    measure: (x) => (MEASURES as readonly unknown[]).includes(x),
    value: (x) => typeof x === 'number' && Number.isFinite(x),
    unit: (x) => (UNITS as readonly unknown[]).includes(x),
    qualifier: (x) => QUALIFIERS.includes(x as string),
  };
  for (const [k, x] of Object.entries(set)) if (!check[k](x)) return `set.${k}: ${JSON.stringify(x)} is not a ${k}`;
  if (c.action === 'fix' && Object.keys(set).length === 0) return 'a fix sets no field';
  if (c.action === 'add') for (const k of FIELDS) if (!(k in set)) return `an add must set every field: ${k} missing`;
  if ((c.action === 'confirm' || c.action === 'reject') && Object.keys(set).length) return `a ${c.action} sets no field`;
  return null;
}

/**
 * Reads every `*.jsonl` file in `dir` (none when it is absent): the valid corrections,
 * a later line on the same figure replacing an earlier one, and the lines refused.
 */
export function readCorrections(dir: string | undefined): { corrections: Located[]; refused: CorrectionsReport['refused'] } {
  const refused: CorrectionsReport['refused'] = [];
  if (!dir || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return { corrections: [], refused };
  const known = knownIds();
  const latest = new Map<string, Located>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const source = `${name}:${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        refused.push({ source, reason: `not JSON: ${(e as Error).message}` });
        return;
      }
      const why = invalid(value, known);
      if (why) {
        refused.push({ source, reason: why });
        return;
      }
      const c = value as Correction;
      latest.set(`${c.doc_id}\0${c.raw_start}\0${c.raw_end}`, { ...c, source });
    });
  }
  return { corrections: [...latest.values()], refused };
}

/** A document as corrections are checked against it. */
export interface CorrectedDocument { doc_id: string; sha256: string; raw_text: string }

/**
 * Which corrections hold for the documents as they are now: the same bytes, or else
 * the same quote at the same span. The others are orphaned with the reason.
 */
export function holding(corrections: Located[], documents: Map<string, CorrectedDocument>): { holds: Located[]; orphaned: CorrectionsReport['orphaned'] } {
  const holds: Located[] = [];
  const orphaned: CorrectionsReport['orphaned'] = [];
  for (const c of corrections) {
    const d = documents.get(c.doc_id);
    const orphan = (reason: string) => orphaned.push({ source: c.source, doc_id: c.doc_id, quote: c.quote, reason });
    if (!d) orphan('no such document in this run');
    else if (d.raw_text.slice(c.raw_start, c.raw_end) !== c.quote) orphan(d.sha256 === c.sha256 ? 'the span does not say the quote' : 'the document changed: the span no longer says the quote');
    else holds.push(c);
  }
  return { holds, orphaned };
}

/** The figure an add makes: its spans, its sentence (the one the splitter finds around it) and the fields it sets. */
export function addedFigure(c: Correction, d: CorrectedDocument): FigureRow {
  const norm = normalize(d.raw_text);
  // The normalised span: the first index whose raw index reaches the start, the first that reaches the end.
  const toText = (raw: number) => {
    let lo = 0;
    let hi = norm.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (norm.toRaw[mid] < raw) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = toText(c.raw_start);
  const end = Math.max(start + 1, toText(c.raw_end));
  const s = splitSentences(norm.text).find((x) => x.start <= start && x.end >= end) ?? { start, end };
  const set = c.set as FigureFields;
  return {
    figure_id: figureId(c.doc_id, c.raw_start, c.raw_end), doc_id: c.doc_id, ...set,
    quote: c.quote, raw_start: c.raw_start, raw_end: c.raw_end,
    sentence: norm.text.slice(s.start, s.end), sentence_raw_start: norm.toRaw[s.start], sentence_raw_end: norm.toRaw[s.end],
    confidence: 1, year_inferred: false, text_start: start, text_end: end, sentence_text_start: s.start,
  };
}

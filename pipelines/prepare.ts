import type { FigureRow } from '../src/lib/types.ts';
import { clean } from './clean/clean.ts';
import { blankSetAside, setAsideIn, setAsideLongLines } from './clean/set-aside.ts';
import { extractFigures, MAX_NUMBERS_PER_SENTENCE } from './figures/figures.ts';
import { readMetadata, type Metadata } from './metadata/metadata.ts';
import { normalize, type Normalized } from './normalize/normalize.ts';
import type { RawDocument } from './read/read.ts';
import { splitSentences, type Sentence } from './sentences/sentences.ts';
import { figureRow } from './write/rows.ts';

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

/** Runs `f`, adding the time it took to `stage`. */
export type Timer = <T>(stage: string, f: () => T) => T;
const untimed: Timer = (_stage, f) => f();

/** Runs the clean, normalize, metadata and sentence stages over one document read. */
export function prepare(raw: RawDocument, time: Timer = untimed): Prepared {
  const cleaned = time('clean', () => clean(raw.rawText));
  const norm = time('normalize', () => normalize(raw.rawText));
  const setAside = setAsideIn(norm, raw.rawText.length, cleaned.setAside);
  const cut = setAsideLongLines(norm.text, setAside);
  const meta = time('metadata', () => readMetadata(blankSetAside(norm.text, setAside), norm.text));
  const sentences = time('sentences', () => splitSentences(norm.text));
  const warnings = [...raw.warnings, ...cleaned.warnings, ...cut];
  if (norm.pinyinRemoved) warnings.push(`pinyin annotations removed: ${norm.pinyinRemoved}`);
  return { raw, norm, setAside, sentences, meta, warnings };
}

/**
 * Extracts the figure rows of a prepared document; none whose quote touches a
 * character that could not be read (U+FFFD, at the quote or beside it), since the
 * number may have lost a digit.
 */
export function figuresOf(p: Prepared, time: Timer = untimed): FigureRow[] {
  const tooMany = (n: number, start: number) =>
    p.warnings.push(`the sentence at ${p.norm.toRaw[start]} lists ${n} numbers: only its first ${MAX_NUMBERS_PER_SENTENCE} were read`);
  const found = time('figures', () => extractFigures({ text: p.norm.text, setAside: p.setAside, sentences: p.sentences, meta: p.meta, tooMany }));
  const rows = found.map((f) => figureRow(p, f));
  const raw = p.raw.rawText;
  if (!raw.includes('\ufffd')) return rows;
  return rows.filter((r) => !raw.slice(Math.max(0, r.raw_start - 1), r.raw_end + 1).includes('\ufffd'));
}

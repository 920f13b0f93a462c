import type { FigureRow } from '../src/lib/types.ts';
import { clean } from './clean/clean.ts';
import { blankSetAside, setAsideIn } from './clean/set-aside.ts';
import { extractFigures } from './figures/figures.ts';
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

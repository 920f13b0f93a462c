/**
 * Scores extracted figures against hand-labelled gold figures, as the
 * acceptance scorer (../shared/tools/score) documents: a gold figure matches an
 * extracted one when both name the same document and their quote spans in the
 * raw text overlap (each matched at most once, the largest overlap first);
 * precision, recall and F1 over figures; over matched pairs, the accuracy of
 * each field and the share of gold figures whose core fields are all right.
 */

/** A line of a gold file (tests/gold/*.jsonl; see tests/gold/SCHEMA.md). */
export interface GoldFigure {
  doc: string;
  quote: string;
  sentence: string;
  [field: string]: unknown;
}

/** The fields of an extracted figure the scorer reads (a figures.parquet row has them all). */
export interface ScoredFigure {
  doc_id: string;
  raw_start: number;
  raw_end: number;
  quote?: string;
  indicator?: string;
}

export const CORE = ['indicator', 'region', 'year', 'stance', 'measure', 'value'] as const;
export const FIELDS = [...CORE, 'period', 'unit', 'qualifier'] as const;

/** What a scoring run found. */
export interface Score {
  gold: number;
  extracted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  all_core_fields: number;
  field_accuracy: Record<(typeof FIELDS)[number], number>;
  /** Gold figures whose quote is not in their document's raw text. */
  problems: string[];
  missed: GoldFigure[];
  spurious: ScoredFigure[];
  /** `doc quote field: gold X got Y`, for every core field that differs. */
  wrong: string[];
  /** Each matched gold figure: its document, indicator (gold's) and whether all core fields are right. */
  pairs: Array<{ doc: string; indicator: string; all_core: boolean }>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

function occurrences(text: string, s: string): number[] {
  const out: number[] = [];
  if (!s) return out;
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) out.push(i);
  return out;
}

/** The gold quote's span in the raw text: the occurrence nearest to its sentence (within 60 characters). */
function locate(raw: string, g: GoldFigure): [number, number] | null {
  const anchors = occurrences(raw, g.sentence);
  const hits = occurrences(raw, g.quote);
  if (!hits.length) return null;
  if (!anchors.length) return hits.length === 1 ? [hits[0], hits[0] + g.quote.length] : null;
  let best: { h: number; d: number } | null = null;
  for (const h of hits) {
    for (const s of anchors) {
      const inside = h >= s && h + g.quote.length <= s + g.sentence.length;
      const d = inside ? -1 : Math.min(Math.abs(h - s), Math.abs(h - (s + g.sentence.length)));
      if (!best || d < best.d) best = { h, d };
    }
  }
  return best && best.d <= 60 ? [best.h, best.h + g.quote.length] : null;
}

/** Scores `figures` against `gold`; `rawText` gives each document's raw text by doc id. */
export function score(figures: ScoredFigure[], gold: GoldFigure[], rawText: Map<string, string>): Score {
  const docs = new Set(gold.map((g) => g.doc));
  const byDoc = new Map<string, ScoredFigure[]>();
  for (const f of figures) {
    const id = String(f.doc_id).split('/').pop()!;
    // Figures of documents the gold does not cover are not scored.
    if (!docs.has(id)) continue;
    if (!byDoc.has(id)) byDoc.set(id, []);
    byDoc.get(id)!.push(f);
  }
  let extracted = 0;
  for (const list of byDoc.values()) extracted += list.length;

  const pairs: Array<[GoldFigure, ScoredFigure]> = [];
  const missed: GoldFigure[] = [];
  const problems: string[] = [];
  const used = new Set<ScoredFigure>();
  for (const g of gold) {
    const text = rawText.get(g.doc);
    const span = text ? locate(text, g) : null;
    if (!span) {
      problems.push(`gold line not located: ${g.doc} ${g.quote}`);
      missed.push(g);
      continue;
    }
    let best: { f: ScoredFigure; o: number } | null = null;
    for (const f of byDoc.get(g.doc) ?? []) {
      if (used.has(f)) continue;
      const o = Math.max(0, Math.min(span[1], Number(f.raw_end)) - Math.max(span[0], Number(f.raw_start)));
      if (o > 0 && (!best || o > best.o)) best = { f, o };
    }
    if (best) {
      used.add(best.f);
      pairs.push([g, best.f]);
    } else missed.push(g);
  }
  const spurious = [...byDoc.values()].flat().filter((f) => !used.has(f));

  const precision = extracted ? pairs.length / extracted : 0;
  const recall = gold.length ? pairs.length / gold.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const right = Object.fromEntries(FIELDS.map((k) => [k, 0])) as Record<(typeof FIELDS)[number], number>;
  const wrong: string[] = [];
  let allCore = 0;
  const byPair: Score['pairs'] = [];
  for (const [g, f] of pairs) {
    let ok = true;
    for (const k of FIELDS) {
      const mine = (f as unknown as Record<string, unknown>)[k];
      const same = k === 'value' ? sameValue(g.value, mine) : (g[k] ?? null) === (mine ?? null);
      if (same) right[k]++;
      else if ((CORE as readonly string[]).includes(k)) {
        ok = false;
        wrong.push(`${g.doc} ${g.quote} ${k}: gold ${String(g[k])} got ${String(mine)}`);
      }
    }
    if (ok) allCore++;
    byPair.push({ doc: g.doc, indicator: String(g.indicator), all_core: ok });
  }
  const n = pairs.length || 1;
  return {
    gold: gold.length, extracted, matched: pairs.length,
    precision: round(precision), recall: round(recall), f1: round(f1),
    all_core_fields: round(allCore / (gold.length || 1)),
    field_accuracy: Object.fromEntries(FIELDS.map((k) => [k, round(right[k] / n)])) as Score['field_accuracy'],
    problems, missed, spurious, wrong, pairs: byPair,
  };
}

/** Reads a gold file's lines (JSON Lines; blank lines skipped); a bad line is an error naming the line. */
export function parseGold(text: string, name: string): GoldFigure[] {
  return text.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as GoldFigure];
    } catch (e) {
      throw new Error(`${name}:${i + 1}: not JSON: ${(e as Error).message}`);
    }
  });
}

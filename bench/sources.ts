/**
 * Real sentences for the corpus: harvested from the seed and dev documents, then
 * varied (numbers, regions, years) so that recombined documents do not repeat verbatim.
 */
import * as OpenCC from 'opencc-js/t2cn';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Random } from './prng.ts';

/** Sentences in one script. */
export interface Pool {
  /** Sentences that end with 。 (or ;!?), to be joined into paragraphs. */
  sentences: string[];
  /** Lines without an end mark: headings, list items, captions, stray page chrome. */
  lines: string[];
}

/** The sentences a corpus is built from, by script, and a digest that changes when they do. */
export interface Sources {
  simplified: Pool;
  /** Traditional sentences, many with pinyin annotations such as 創(chuàng), as mirror sites serve them. */
  traditional: Pool;
  digest: string;
}

const NUMERAL = /[0-9０-９〇零一二三四五六七八九十百千万亿两]/;
const CJK = /[\u4e00-\u9fff]/g;

/** Every sentence of the `.txt` files in `dirs` that holds a number, in a fixed order. */
export function harvestSentences(dirs: string[]): Sources {
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const seen = new Set<string>();
  const simplified: Pool = { sentences: [], lines: [] };
  const traditional: Pool = { sentences: [], lines: [] };
  for (const dir of dirs) {
    const names = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort();
    for (const name of names) {
      const text = readFileSync(join(dir, name), 'utf8');
      for (const piece of text.match(/[^。\n]+。?/g) ?? []) {
        const s = piece.trim();
        if (seen.has(s) || !keep(s)) continue;
        seen.add(s);
        const pool = toSimplified(s) === s ? simplified : traditional;
        (/[。;;!!??]$/.test(s) ? pool.sentences : pool.lines).push(s);
      }
    }
  }
  if (simplified.sentences.length === 0) throw new Error(`no Simplified sentences with numbers in ${dirs.join(', ')}`);
  // Without Traditional sources, Traditional documents are converted from Simplified ones.
  if (traditional.sentences.length === 0) Object.assign(traditional, simplified);
  const all = [simplified, traditional].flatMap((p) => [...p.sentences, '', ...p.lines, '']);
  const digest = createHash('sha256').update(all.join('\n')).digest('hex').slice(0, 16);
  return { simplified, traditional, digest };
}

/** Prose with a number: not a metadata row, a link, or a line of symbols. */
function keep(s: string): boolean {
  if (s.length < 8 || s.length > 600 || !NUMERAL.test(s)) return false;
  if (s.includes('|') || /https?:|www\./.test(s)) return false;
  return (s.match(CJK)?.length ?? 0) >= s.length * 0.4;
}

/** The regions a sentence may be moved to, with their Traditional forms and their level's suffix. */
const REGIONS = [
  { simplified: '湖北', traditional: '湖北', suffix: '省' },
  { simplified: '武汉', traditional: '武漢', suffix: '市' },
  { simplified: '重庆', traditional: '重慶', suffix: '市' },
  { simplified: '襄阳', traditional: '襄陽', suffix: '市' },
  { simplified: '宜昌', traditional: '宜昌', suffix: '市' },
] as const;

/** The regions' Simplified names, in the order {@link Variation.regions} permutes. */
export const REGION_NAMES = REGIONS.map((r) => r.simplified);

const REGION = /(湖北|武汉|武漢|重庆|重慶|襄阳|襄陽|宜昌)(省|市)?/g;
const FIRST_YEAR = 2015;
const LAST_YEAR = 2025;

/** How one document changes the sentences it borrows. */
export interface Variation {
  /** `regions[i]` is the index of the region that region `i` becomes. */
  regions: number[];
  /** Years 2015–2025 move forward by this many, wrapping within the range. */
  yearShift: number;
}

/** A random variation for one document. */
export function randomVariation(rnd: Random): Variation {
  return { regions: rnd.shuffle(REGIONS.map((_, i) => i)), yearShift: rnd.int(0, LAST_YEAR - FIRST_YEAR) };
}

/**
 * `s` with its regions swapped, its years 2015–2025 shifted and every other
 * Arabic number replaced by a random one of as many digits. Dates and times
 * (digits next to 月, 日, -, /, :) are left alone so that they stay valid.
 */
export function vary(s: string, v: Variation, rnd: Random): string {
  const moved = s.replace(REGION, (_m, name: string, suffix?: string) => {
    const from = REGIONS.findIndex((r) => r.simplified === name || r.traditional === name);
    const to = REGIONS[v.regions[from]];
    const traditional = name !== REGIONS[from].simplified;
    return (traditional ? to.traditional : to.simplified) + (suffix ? to.suffix : '');
  });
  return moved.replace(/\d+/g, (digits: string, at: number, all: string) => {
    const before = all[at - 1] ?? '';
    const after = all[at + digits.length] ?? '';
    if (/[-/:]/.test(before) || /[-/:月日时点]/.test(after)) return digits;
    const n = Number(digits);
    if (digits.length === 4 && n >= FIRST_YEAR && n <= LAST_YEAR) {
      return String(FIRST_YEAR + ((n - FIRST_YEAR + v.yearShift) % (LAST_YEAR - FIRST_YEAR + 1)));
    }
    // Other years (2012, 2035) stay years.
    if (digits.length === 4 && n >= 1949 && n <= 2060) return digits;
    // A leading zero (0159号, 0.5) stays a zero; otherwise the number keeps its magnitude.
    let out = digits[0] === '0' ? '0' : String(rnd.int(1, 9));
    for (let i = 1; i < digits.length; i++) out += String(rnd.int(0, 9));
    return out;
  });
}

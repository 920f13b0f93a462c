import type { Script } from '../../src/lib/types.ts';
import { foldCompatibility } from './compatibility.ts';
import { TRADITIONAL_CHARS } from './traditional-chars.ts';
import { convert } from './traditional-table.ts';

/** Normalised text with a map from each of its UTF-16 indices back into the raw text. */
export interface Normalized {
  text: string;
  /** toRaw[i] is the raw index of normalised index i; toRaw[text.length] is raw.length. */
  toRaw: Int32Array;
  script: Script;
  /** How many `字(pinyin)` annotations were removed. */
  pinyinRemoved: number;
}

// The characters the converter changes when read alone (generated: traditional-chars.ts). A text
// with none of them (most pages are Simplified) skips the conversion, a trie lookup per character;
// an astral character sends the text through it whatever it is.
const traditional = new Uint8Array(0x10000);
for (let i = 0; i < TRADITIONAL_CHARS.length; i++) traditional[TRADITIONAL_CHARS.charCodeAt(i)] = 1;

/** Traditional → Simplified, only when the text has a character to convert. */
function toSimplified(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (traditional[c] || (c >= 0xd800 && c <= 0xdbff)) return convert(text);
  }
  return text;
}

// `創(chuàng)新`: a Han character followed by its pinyin, at least one letter tone-marked.
const PINYIN = /(?<=[\u3400-\u9fff])\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]{1,7})\)/g;
const TONE = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜń]/;

const FULL_WIDTH: Record<string, string> = {
  '，': ',', '；': ';', '：': ':', '（': '(', '）': ')', '％': '%', '．': '.',
  '！': '!', '？': '?', '～': '~', '－': '-', '＋': '+', '／': '/', '　': ' ',
  '﹪': '%', '〜': '~',
  // GB2312's dash (A1AA) is U+2015 in some tables and U+2014 in others; PDF text layers give either,
  // and the deprecated angle brackets U+2329/U+232A for 〈〉.
  '―': '—', '\u2329': '〈', '\u232a': '〉',
};

const FOLDABLE = /[\uff01-\uff5e\u3000﹪〜―\u2329\u232a]/g;

function foldChar(c: string): string {
  const code = c.charCodeAt(0);
  // Full-width ASCII block: digits and Latin letters.
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0);
  if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) return String.fromCharCode(code - 0xfee0);
  return FULL_WIDTH[c] ?? c;
}

/**
 * Turns raw text into the form the extractor reads: pinyin annotations removed,
 * full-width digits and punctuation folded, compatibility forms of ideographs
 * (the Kangxi radicals of PDF text layers) read as ideographs, Traditional
 * converted to Simplified, keeping for every character the raw index it came from.
 */
export function normalize(raw: string): Normalized {
  // 1. Drop `(pinyin)` after Han characters; fold full-width characters (1:1 in code units).
  const drops: Array<[number, number]> = [];
  if (raw.includes('(')) {
    for (const m of raw.matchAll(PINYIN)) if (TONE.test(m[1])) drops.push([m.index!, m.index! + m[0].length]);
  }
  const pinyinRemoved = drops.length;
  let kept = raw;
  let keptRaw: Int32Array | null = null;
  if (drops.length) {
    const pieces: string[] = [];
    keptRaw = new Int32Array(raw.length);
    let from = 0;
    let n = 0;
    for (const [s, e] of [...drops, [raw.length, raw.length] as [number, number]]) {
      pieces.push(raw.slice(from, s));
      for (let i = from; i < s; i++) keptRaw[n++] = i;
      from = e;
    }
    kept = pieces.join('');
  }
  const folded = kept.replace(FOLDABLE, foldChar);
  const rawOf = (i: number) => (keptRaw ? keptRaw[i] : i);

  // 2. Compatibility forms → ideographs, then Traditional → Simplified. Both keep
  // the number of code points, but a few characters change UTF-16 length, so then
  // map code point by code point. Only the second step counts towards the script.
  const unified = foldCompatibility(folded);
  const converted = toSimplified(unified);
  const toRaw = new Int32Array(converted.length + 1);
  let changed = 0;
  let han = 0;
  if (converted.length === folded.length && unified.length === folded.length) {
    for (let i = 0; i < converted.length; i++) {
      toRaw[i] = rawOf(i);
      const c = unified.charCodeAt(i);
      if (c >= 0x3400 && c <= 0x9fff) {
        han++;
        if (c !== converted.charCodeAt(i)) changed++;
      }
    }
  } else {
    let j = 0;
    let u = 0;
    for (let i = 0; i < folded.length; ) {
      const a = unified.codePointAt(u)!;
      const b = converted.codePointAt(j)!;
      const lb = b > 0xffff ? 2 : 1;
      for (let k = 0; k < lb; k++) toRaw[j + k] = rawOf(i);
      if (a >= 0x3400 && a <= 0x9fff) han++;
      if (a !== b) changed++;
      i += folded.codePointAt(i)! > 0xffff ? 2 : 1;
      u += a > 0xffff ? 2 : 1;
      j += lb;
    }
  }
  toRaw[converted.length] = raw.length;
  return { text: converted, toRaw, script: scriptOf(changed, han, pinyinRemoved), pinyinRemoved };
}

function scriptOf(changed: number, han: number, pinyin: number): Script {
  if (han === 0) return 'simplified';
  const ratio = changed / han;
  if (ratio < 0.003 && pinyin === 0) return 'simplified';
  if (ratio > 0.04) return 'traditional';
  return 'mixed';
}

/** Maps a normalised span to its raw span (end exclusive). */
export function rawSpan(n: Normalized, start: number, end: number): [number, number] {
  const rs = n.toRaw[start];
  // The raw end is one past the raw index of the last normalised character.
  const re = end > start ? n.toRaw[end - 1] + 1 : rs;
  return [rs, re];
}

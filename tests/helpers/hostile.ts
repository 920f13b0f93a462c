/**
 * A corpus of hostile files made from the real documents in seeds/, the same bytes
 * for a seed: damaged encodings, invisible characters between digits, absurd
 * numbers and years, broken and deep HTML, lists of thousands of numbers, and files
 * that are not text at all. Each file's name says its kind.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { mulberry32, type Random } from '../../bench/prng.ts';

/** A kind of hostile file: how to make one from a document's text, and whether its text must be read. */
interface Kind {
  name: string;
  count: number;
  /** True when the file is mostly good text: it must be read, never refused. */
  readable: boolean;
  make(text: string, r: Random): Uint8Array | string;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** `bytes` with `n` of them changed at random places. */
function damage(bytes: Uint8Array, n: number, r: Random, value: (r: Random) => number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < n; i++) out[r.int(0, out.length - 1)] = value(r);
  return out;
}

/** Inserts `what` between the digits of the text's numbers, here and there. */
function betweenDigits(text: string, r: Random, what: readonly string[]): string {
  return text.replace(/(\d)(?=\d)/g, (d) => (r.chance(0.3) ? d + r.pick(what) : d));
}

const KINDS: Kind[] = [
  { name: 'flipped', count: 100, readable: true, make: (t, r) => damage(utf8(t), r.int(1, 8), r, (q) => q.int(0, 255)) },
  { name: 'flipped-gb18030', count: 40, readable: true, make: (t, r) => damage(iconv.encode(t, 'gb18030'), r.int(1, 8), r, (q) => q.int(0x80, 0xff)) },
  { name: 'cut', count: 70, readable: true, make: (t) => { const b = utf8(t); let i = b.length - 1; while (b[i] < 0xe0) i--; return b.subarray(0, i + 1 + (i % 2)); } },
  { name: 'nul', count: 40, readable: true, make: (t, r) => damage(utf8(t), r.int(1, 6), r, () => 0) },
  { name: 'control', count: 40, readable: true, make: (t, r) => damage(utf8(t), r.int(1, 6), r, (q) => q.pick([1, 7, 8, 0x1b, 0x7f])) },
  { name: 'invisible', count: 80, readable: true, make: (t, r) => betweenDigits(t, r, ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u202d', '\u2066', '\u2069']) },
  { name: 'long-number', count: 60, readable: true, make: (t, r) => t.replace(/\d+/, () => Array.from({ length: 40 }, () => r.int(0, 9)).join('')) + `\n全省研发投入达到${'9'.repeat(40)}亿元。\n` },
  { name: 'deep-html', count: 30, readable: true, make: (t) => `<html><body>${'<div>'.repeat(5000)}${t.split('\n').map((l) => `<p>${l}</p>`).join('')}${'</div>'.repeat(5000)}</body></html>` },
  { name: 'unclosed-html', count: 30, readable: true, make: (t) => `<html><head><title>${t.slice(0, 20)}<body>${t.split('\n').map((l) => `<div><p><span>${l}`).join('')}<script>var a = "` },
  { name: 'mislabelled', count: 60, readable: true, make: (t, r) => r.chance(0.5)
    ? Buffer.concat([utf8('<html><head><meta charset="gbk"></head><body><pre>'), utf8(t), utf8('</pre></body></html>')])
    : Buffer.concat([utf8('<html><head><meta charset="utf-8"></head><body><pre>'), iconv.encode(t, 'gb18030'), utf8('</pre></body></html>')]) },
  { name: 'utf16-nobom', count: 70, readable: true, make: (t, r) => iconv.encode(t, r.chance(0.5) ? 'utf16le' : 'utf16be') },
  { name: 'pinyin', count: 60, readable: true, make: (t, r) => t.replace(/[\u4e00-\u9fff]/g, (c) => (r.chance(0.2) ? `${c}(${r.pick(['kē', 'jì', 'chuàng', 'xīn'])}(${r.pick(['a', 'b'])}))` : c)) },
  { name: 'impossible-year', count: 60, readable: true, make: (t, r) => t.replace(/(?:19|20)\d\d年/g, () => `${r.pick(['0', '9999', '1066', '3024', '20233', '-2023'])}年`) },
  { name: 'number-list', count: 71, readable: true, make: (t) => `${t}\n2023年各地高新技术企业数量分别为${Array.from({ length: 10_000 }, (_, i) => `${100 + i}家`).join('、')}。\n` },
  { name: 'random', count: 50, readable: false, make: (_t, r) => Buffer.from(Array.from({ length: r.int(16, 8192) }, () => r.int(0, 255))) },
  { name: 'empty', count: 30, readable: false, make: () => Buffer.alloc(0) },
  { name: 'plain-gb18030', count: 109, readable: true, make: (t) => iconv.encode(t, 'gb18030') },
  { name: 'long-line', count: 1, readable: true, make: (t) => t.replace(/\n/g, ' ').repeat(Math.ceil(20e6 / 3 / t.length)) },
];

/** Total files: 1,001. */
export const HOSTILE_FILES = KINDS.reduce((n, k) => n + k.count, 0);

/** What was written: each file's name, kind and whether it must be read. */
export interface HostileFile { file: string; kind: string; readable: boolean; bytes: number }

/** Writes the hostile corpus made from `sources` (texts of documents) into `dir`. */
export function writeHostile(dir: string, sources: string[], seed = 1729): HostileFile[] {
  mkdirSync(dir, { recursive: true });
  const r = mulberry32(seed);
  const files: HostileFile[] = [];
  for (const kind of KINDS) {
    for (let i = 0; i < kind.count; i++) {
      const html = kind.name.endsWith('html') || kind.name === 'mislabelled';
      const file = `${kind.name}-${String(i).padStart(3, '0')}.${html ? 'html' : 'txt'}`;
      const made = kind.make(r.pick(sources), r);
      const bytes = typeof made === 'string' ? utf8(made) : made;
      writeFileSync(join(dir, file), bytes);
      files.push({ file, kind: kind.name, readable: kind.readable, bytes: bytes.length });
    }
  }
  return files;
}

/** The texts of the seeds' documents (UTF-8 .txt files of seeds/ and its dev folders). */
export function seedTexts(seeds: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(seeds, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.txt') && !e.name.includes('mojibake')) out.push(readFileSync(join(e.parentPath, e.name), 'utf8'));
  }
  return out.sort();
}

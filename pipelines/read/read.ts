/**
 * Stage 1: files → RawDocument. Lists the input folder, detects each file's
 * encoding from its bytes, turns HTML into its visible text, reads the text layer
 * of a PDF and the paragraphs of a Word (.docx) file, and refuses what is not a
 * prose document, naming the reason.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import type { Refusal } from '../../src/lib/types';
import { docxToText } from './docx-text.ts';
import { htmlToText } from './html-text.ts';
import { pdfToText } from './pdf-text.ts';
import { SOURCES_FILE } from './sources.ts';

/** One decoded input document, before any cleaning. */
export interface RawDocument {
  /** The file name without folders, e.g. `000_488863b9aa676d2a.txt`. */
  docId: string;
  /** Path relative to the input root, with `/` separators. */
  file: string;
  /** Hex SHA-256 of the raw bytes. */
  sha256: string;
  /** `utf-8`, `utf-8-bom`, `gb18030`, `big5`, `utf-16le` or `utf-16be`; `pdf` or `docx` for text read out of those. */
  encoding: string;
  format: 'text' | 'html' | 'pdf' | 'docx';
  /** The decoded text; for HTML the visible text, for PDF and Word the text read out; figure offsets point into it. */
  rawText: string;
}

/** A document read, or the reason it was refused. */
export type ReadResult = { ok: true; doc: RawDocument } | { ok: false; refusal: Refusal };

/** The outcome of {@link decode}: the text and the encoding found, or why none fits. */
export type DecodeResult = { text: string; encoding: string } | { error: string };

const MAX_BYTES = 64 * 1024 * 1024;
const MAX_LINE = 100_000;
const FORMATS: Record<string, RawDocument['format']> = {
  '.txt': 'text', '.html': 'html', '.htm': 'html', '.pdf': 'pdf', '.docx': 'docx'
};

/**
 * Frequent Chinese characters, Simplified and their Traditional forms. Legacy
 * bytes decoded with the wrong table (Big5 read as GBK or the reverse) turn into
 * rare characters and symbols, so the share of these tells the right table.
 */
const COMMON_CHARS = new Set(
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经' +
    '十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平' +
    '形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党' +
    '程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干' +
    '做必战先回则任取据处府研科技创企务服投金融财税收口市场省县乡镇村街改济教育卫健康医疗药安环境保护态源交输信息网络智造集群园台' +
    '验室究院校专才团队项目划规案标措施策报告答复议委况办单门构织领导推快完善升促支持鼓励引培落深续断步积极键核础沿略兴未传优势色' +
    '域模格局效益增达超突破累约近余万亿元户名占百今半截至底末初季号届附布索类东南北湖江河海京津沪渝鄂湘粤川汉武庆' +
    '這為個國時來們於對會發動過說產種後學經進著電裡現實兩體機當點從業應開還義間樣與關線內數麼質氣變條沒結問無軍並題黨員總設長頭資' +
    '邊級圖統較將組見計別論運農幾區強決幹戰則據處創務財稅場縣鄉鎮濟衛醫療藥環護態輸網絡園臺驗專團隊項劃規標報覆復複議況辦單門構織' +
    '領導勵續斷積極鍵礎興傳優勢達約餘萬億戶佔號屆類東滬漢慶'
);

const decoders = {
  'utf-8': new TextDecoder('utf-8', { fatal: true }),
  'utf-16le': new TextDecoder('utf-16le', { fatal: true }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: true }),
  gb18030: new TextDecoder('gb18030', { fatal: true }),
  big5: new TextDecoder('big5', { fatal: true })
};

/** Every regular file under `root` (dotfiles and dot-folders skipped), sorted by relative path. */
export function listDocuments(root: string): string[] {
  if (statSync(root).isFile()) return [root];
  const found: { rel: string; path: string }[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === SOURCES_FILE) continue;
      const path = join(dir, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path, childRel);
      else if (entry.isFile()) found.push({ rel: childRel, path });
    }
  };
  walk(root, '');
  // Plain code-unit order on the whole relative path, so the order never depends on the locale.
  found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return found.map((f) => f.path);
}

/** Reads one file into a RawDocument, or refuses it with a reason; never throws for bad content. */
export async function readDocument(path: string, root: string): Promise<ReadResult> {
  const file = relative(root, path).split(sep).join('/') || basename(path);
  const refuse = (reason: string): ReadResult => ({ ok: false, refusal: { file, reason } });

  const ext = extname(path).toLowerCase();
  const format = FORMATS[ext];
  if (!format) return refuse(`unsupported file type: ${ext || '(no extension)'}`);

  let bytes: Uint8Array;
  try {
    const size = statSync(path).size;
    if (size > MAX_BYTES) return refuse(`file too large: ${size} bytes (limit ${MAX_BYTES})`);
    bytes = readFileSync(path);
  } catch (err) {
    return refuse(`cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (bytes.length === 0) return refuse('empty document');

  const decoded =
    format === 'pdf' ? await pdfToText(bytes)
    : format === 'docx' ? await docxToText(bytes)
    : decode(bytes, format === 'html' ? declaredCharset(bytes) : undefined);
  if ('error' in decoded) return refuse(decoded.error);

  const rawText = format === 'html' ? htmlToText(decoded.text) : decoded.text;
  if (rawText.trim() === '') return refuse('empty document');
  const longest = longestLine(rawText);
  if (longest > MAX_LINE) return refuse(`a line of ${longest} characters: not a prose document`);

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { ok: true, doc: { docId: basename(path), file, sha256, encoding: decoded.encoding, format, rawText } };
}

/**
 * Detects the encoding of `bytes` and decodes them: byte-order mark, then strict
 * UTF-8, then GB18030 or Big5 (whichever reads as more common Chinese; `hint`, a
 * charset an HTML page declares, breaks near ties).
 */
export function decode(bytes: Uint8Array, hint?: string): DecodeResult {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const result = decodeUtf8(bytes.subarray(3), 3);
    return 'error' in result ? result : checkControls(result.text, 'utf-8-bom');
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const body = bytes.subarray(2);
    if (body.length % 2 === 1) return { error: `truncated ${encoding.toUpperCase()}: odd number of bytes (${bytes.length})` };
    try {
      return checkControls(decoders[encoding].decode(body), encoding);
    } catch {
      return { error: `cannot decode: invalid ${encoding.toUpperCase()} (unpaired surrogate)` };
    }
  }

  let nul = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) nul++;
  if (nul > 0) return { error: `binary content (${nul} NUL bytes)` };

  const utf8 = decodeUtf8(bytes, 0);
  if (!('error' in utf8)) return checkControls(utf8.text, 'utf-8');

  const candidates: { encoding: 'gb18030' | 'big5'; text: string; score: number }[] = [];
  for (const encoding of ['gb18030', 'big5'] as const) {
    try {
      const text = decoders[encoding].decode(bytes);
      // ICU passes some unmapped bytes through as C1 controls (Big5 0x80) instead of failing.
      if (!C1_CONTROL.test(text)) candidates.push({ encoding, text, score: commonShare(text) });
    } catch {
      // Not this table; the other may still fit.
    }
  }
  // A UTF-8 text cut mid-character is still UTF-8: refuse it rather than read it as mojibake.
  if (utf8.truncatedAt !== undefined && (utf8.prefixHasNonAscii || candidates.length === 0)) return { error: utf8.error };
  if (candidates.length === 0) return { error: 'cannot decode: not UTF-8, GB18030 or Big5' };

  const [first, second] = candidates;
  let best = first;
  if (second) {
    const close = Math.abs(first.score - second.score) < 0.02;
    const hinted = candidates.find((c) => c.encoding === hint);
    best = close && hinted ? hinted : second.score > first.score ? second : first;
  }
  return checkControls(best.text, best.encoding);
}

const C1_CONTROL = /[\u0080-\u009f]/;

type Utf8Result =
  | { text: string }
  | { error: string; truncatedAt?: number; prefixHasNonAscii?: boolean };

/** Strict UTF-8, telling a text cut mid-character (its last 1–3 bytes) from one that is not UTF-8. */
function decodeUtf8(bytes: Uint8Array, offset: number): Utf8Result {
  try {
    return { text: decoders['utf-8'].decode(bytes) };
  } catch {
    const cut = incompleteTail(bytes);
    if (cut === -1) return { error: 'cannot decode: not UTF-8, GB18030 or Big5' };
    const prefix = bytes.subarray(0, cut);
    try {
      decoders['utf-8'].decode(prefix);
    } catch {
      return { error: 'cannot decode: not UTF-8, GB18030 or Big5' };
    }
    let prefixHasNonAscii = false;
    for (let i = 0; i < prefix.length && !prefixHasNonAscii; i++) prefixHasNonAscii = prefix[i] >= 0x80;
    const at = cut + offset;
    return { error: `truncated UTF-8: incomplete multi-byte sequence at byte ${at}`, truncatedAt: at, prefixHasNonAscii };
  }
}

/** The index of a lead byte whose sequence runs past the end of `bytes`, or -1. */
function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
    const b = bytes[i];
    if (b >= 0x80 && b < 0xc0) continue;
    const need = b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
    if (b >= 0xf5) return -1;
    return need > n - i ? i : -1;
  }
  return -1;
}

/** Refuses text that is mostly control characters (other than tab, newlines and form feed). */
function checkControls(text: string, encoding: string): DecodeResult {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c <= 0x9f)) controls++;
  }
  if (controls > 0 && controls > text.length * 0.1) {
    const nul = text.split('\u0000').length - 1;
    return {
      error: nul > 0 ? `binary content (${nul} NUL characters)` : `binary content (${controls} control characters in ${text.length})`
    };
  }
  return { text, encoding };
}

/**
 * How much `text` reads as Chinese: the share of its non-ASCII characters that
 * are common characters, less the share that are odd in Chinese prose
 * (private-use, rare extension-A characters, kana, Cyrillic, box drawing …).
 */
function commonShare(text: string): number {
  let other = 0;
  let score = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) continue;
    other++;
    if (COMMON_CHARS.has(ch)) score++;
    else if (!isUsual(code)) score--;
  }
  return other === 0 ? 0 : score / other;
}

/** Unified CJK characters and the punctuation Chinese text uses. */
function isUsual(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff01 && code <= 0xff5e) ||
    (code >= 0x2010 && code <= 0x2027) ||
    code === 0xb7 ||
    code === 0xa0
  );
}

const CHARSET = /charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)/i;

/** The charset an HTML page declares in its first 4 KB, as a decoder name, if any. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const name = CHARSET.exec(head)?.[1].toLowerCase();
  if (!name) return undefined;
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(name)) return 'gb18030';
  if (/^(big5|big5-hkscs|x-x-big5|cp950)$/.test(name)) return 'big5';
  if (/^utf-?8$/.test(name)) return 'utf-8';
  return undefined;
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > longest) longest = end - start;
    if (nl < 0) return longest;
    start = nl + 1;
  }
}

export { htmlToText };

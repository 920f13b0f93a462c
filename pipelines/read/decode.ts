/**
 * Bytes to text, leniently: a file that is mostly text in one encoding is read with
 * its damaged bytes (invalid sequences, a character cut at the end, stray NUL and
 * control bytes) replaced by U+FFFD and counted, so that its intact sentences can
 * be read; only what is not text — images, archives, executables, random bytes — is
 * refused. The encoding comes from a byte-order mark, the pattern of zero bytes
 * that UTF-16 leaves, UTF-8's own structure, and for the legacy Chinese encodings
 * from `chardet`'s statistics (a page's declared charset breaks near ties).
 */
import chardet from 'chardet';

/** What decoding found: the text and its encoding, with the damage repaired; or why it is not text. */
export type DecodeResult =
  | { text: string; encoding: string; damage?: Damage }
  | { error: string };

/** Characters replaced by U+FFFD: how many, and the first offsets into the text. */
export interface Damage {
  count: number;
  offsets: number[];
}

/** Bytes at the head of a file that the choice of encoding is judged on; only the one chosen decodes the whole. */
const SAMPLE = 1 << 18;
/** Bytes chardet ranks GB18030 and Big5 on: some 4,000 characters settle it, and its single-byte recognizers cost ~1 ms per 10 KB. */
const CHARDET_SAMPLE = 1 << 13;

/** Share of a text's characters that may be damaged before it is taken for something else than text. */
export const MAX_DAMAGE = 0.05;
/** Offsets a damage warning lists. */
const OFFSETS_LISTED = 10;
const REPLACEMENT = 0xfffd;

// Files that are not text, by their first bytes.
const MAGIC: Array<{ kind: string; bytes: number[] }> = [
  { kind: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'a ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { kind: 'a 7z archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { kind: 'an ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'a Windows executable', bytes: [0x4d, 0x5a, 0x90, 0x00] },
  { kind: 'an OLE2 (old Office) file', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: 'a PDF', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

const decoders = {
  'utf-8': new TextDecoder('utf-8'),
  'utf-16le': new TextDecoder('utf-16le'),
  'utf-16be': new TextDecoder('utf-16be'),
  gb18030: new TextDecoder('gb18030'),
  big5: new TextDecoder('big5'),
};
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The kind of file the bytes start as, when it is a known kind that is not text. */
export function notText(bytes: Uint8Array): string | undefined {
  return MAGIC.find((m) => m.bytes.every((b, i) => bytes[i] === b))?.kind;
}

/**
 * Decodes `bytes`: BOM, then BOM-less UTF-16, then UTF-8 (strict, or with a few
 * damaged sequences), then GB18030 or Big5 as chardet ranks them (`hint`, an HTML
 * page's declared charset, for near ties). Damage is repaired and reported.
 */
export function decode(bytes: Uint8Array, hint?: string): DecodeResult {
  const kind = notText(bytes);
  if (kind) return { error: `not text: ${kind}` };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return repaired(decoders['utf-8'].decode(bytes.subarray(3)), 'utf-8-bom');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return repaired(decoders['utf-16le'].decode(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return repaired(decoders['utf-16be'].decode(bytes.subarray(2)), 'utf-16be');

  const utf16 = utf16Order(bytes);
  if (utf16) return repaired(decoders[utf16].decode(bytes), utf16);

  try {
    return repaired(strictUtf8.decode(bytes), 'utf-8');
  } catch {
    // Not clean UTF-8: damaged UTF-8, or another encoding.
  }
  // Legacy Chinese bytes read as UTF-8 are nearly all invalid; a few bad sequences among
  // many valid multi-byte characters are damage. Judged on the head of the file, then on the whole.
  const looksUtf8 = (text: string) => {
    const bad = replacements(text);
    const multi = multiByteChars(text);
    return bad * 4 <= multi && bad <= Math.max(2, multi * 0.05);
  };
  const head = bytes.subarray(0, SAMPLE);
  if (looksUtf8(decoders['utf-8'].decode(head))) {
    const utf8 = decoders['utf-8'].decode(bytes);
    if (looksUtf8(utf8)) return repaired(utf8, 'utf-8');
  }

  const ranked = new Map<string, number>();
  for (const m of chardet.analyse(bytes.subarray(0, CHARDET_SAMPLE))) {
    const name = m.name === 'GB18030' ? 'gb18030' : m.name === 'Big5' ? 'big5' : undefined;
    if (name && !ranked.has(name)) ranked.set(name, m.confidence);
  }
  const candidates = (['gb18030', 'big5'] as const).map((encoding) => {
    const sample = decoders[encoding].decode(head);
    return { encoding, bad: replacements(sample) / Math.max(1, sample.length), confidence: ranked.get(encoding) ?? 0 };
  });
  // The one with less damage; of two alike, chardet's first, unless chardet finds them
  // close (a text of a few characters), when the declared one wins, else GB18030.
  candidates.sort((a, b) => {
    if (Math.abs(a.bad - b.bad) > 0.005) return a.bad - b.bad;
    if (Math.abs(a.confidence - b.confidence) > 5) return b.confidence - a.confidence;
    return hint ? (a.encoding === hint ? -1 : b.encoding === hint ? 1 : 0) : 0;
  });
  const best = repaired(decoders[candidates[0].encoding].decode(bytes), candidates[0].encoding);
  // Chinese UTF-16 with no ASCII in it leaves no zero bytes to tell it by; read as a
  // legacy encoding it falls apart into control characters.
  if ('error' in best) {
    for (const order of ['utf-16le', 'utf-16be'] as const) {
      const text = decoders[order].decode(bytes);
      if (textShare(text) >= 0.9) return repaired(text, order);
    }
  }
  return best;
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: the high byte of every
 * ASCII character (digits, newlines, Latin letters) is zero, so zeros fall nearly all
 * on one side of each byte pair, and what decodes is text.
 */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 1 << 16) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i & 1 ? odd++ : even++);
  const zeros = even + odd;
  if (zeros < n * 0.005 || Math.max(even, odd) < zeros * 0.95) return undefined;
  const order = odd > even ? 'utf-16le' : 'utf-16be';
  return readable(decoders[order].decode(bytes.subarray(0, n))) >= 0.95 ? order : undefined;
}

/** The share of characters that can be text at all: not controls, U+FFFD (a lone surrogate decodes to it) or private use. */
function readable(text: string): number {
  let ok = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isControl(c) && c !== REPLACEMENT && !(c >= 0xe000 && c <= 0xf8ff)) ok++;
  }
  return text.length === 0 ? 0 : ok / text.length;
}

/** The share of printable ASCII, line breaks, CJK characters and full-width forms in (the first 32K characters of) `text`. */
function textShare(text: string): number {
  const n = Math.min(text.length, 1 << 15);
  let ok = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || (c >= 0x3000 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef)) ok++;
  }
  return n === 0 ? 0 : ok / n;
}

/** Characters outside ASCII that decoded (not U+FFFD). */
function multiByteChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c !== REPLACEMENT) n++;
  }
  return n;
}

function replacements(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === REPLACEMENT) n++;
  return n;
}

/** Whether a character is a control character prose does not carry (tab, newlines and form feed it does). */
const isControl = (c: number) => (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c <= 0x9f);

/**
 * The text with its control characters replaced by U+FFFD, and every U+FFFD counted;
 * an error when so much is damaged that it is not text.
 */
function repaired(decoded: string, encoding: string): DecodeResult {
  let count = 0;
  const offsets: number[] = [];
  let out: string[] | undefined;
  let from = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    const control = isControl(c);
    if (!control && c !== REPLACEMENT) continue;
    count++;
    if (offsets.length < OFFSETS_LISTED) offsets.push(i);
    if (control) {
      (out ??= []).push(decoded.slice(from, i), '\ufffd');
      from = i + 1;
    }
  }
  const text = out ? [...out, decoded.slice(from)].join('') : decoded;
  if (count > text.length * MAX_DAMAGE) {
    return { error: `not text: ${count} of ${text.length} characters are control characters or undecodable as ${encoding.replace(/-bom$/, '').toUpperCase()}` };
  }
  return count ? { text, encoding, damage: { count, offsets } } : { text, encoding };
}

/** The warning a damaged text carries in documents.warnings. */
export function damageWarning(d: Damage): string {
  const more = d.count > d.offsets.length ? ', …' : '';
  return `damaged text: ${d.count} character${d.count === 1 ? '' : 's'} unreadable, replaced by U+FFFD (at ${d.offsets.join(', ')}${more}); no figure is read from them`;
}

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
import { damageWarning, decode, type Damage } from './decode.ts';
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
  /** What reading found wrong but read anyway (damaged bytes replaced). */
  warnings: string[];
}

/** A document read, or the reason it was refused. */
export type ReadResult = { ok: true; doc: RawDocument } | { ok: false; refusal: Refusal };

export { decode, type DecodeResult } from './decode.ts';

const MAX_BYTES = 64 * 1024 * 1024;
const FORMATS: Record<string, RawDocument['format']> = {
  '.txt': 'text', '.html': 'html', '.htm': 'html', '.pdf': 'pdf', '.docx': 'docx'
};

/** The damage left in a page's visible text: its U+FFFD characters, counted anew. */
function damageIn(text: string, source: Damage): Damage {
  const offsets: number[] = [];
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) {
    count++;
    if (offsets.length < source.offsets.length) offsets.push(i);
  }
  return { count, offsets };
}

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
  // The damage counted in the page's source; what is left of it in the visible text is what the figures see.
  const warnings = 'damage' in decoded && decoded.damage ? [damageWarning(format === 'html' ? damageIn(rawText, decoded.damage) : decoded.damage)] : [];

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { ok: true, doc: { docId: basename(path), file, sha256, encoding: decoded.encoding, format, rawText, warnings } };
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

export { htmlToText };

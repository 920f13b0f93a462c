/**
 * PDF bytes → the text of its text layer, read with pdfjs-dist: each page's
 * text items (Unicode through the fonts' ToUnicode maps) grouped into lines,
 * then joined into paragraphs by {@link layoutText}. A PDF that is not one, is
 * cut short, needs a password or has no text layer is refused with that reason.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import { ems, layoutText, type TextLine } from './pdf-layout.ts';

/** The text of a PDF (its encoding given as `pdf`), or why it has none that can be read. */
export type PdfTextResult = { text: string; encoding: 'pdf' } | { error: string };

// Predefined CMaps (Adobe-GB1 fonts that a PDF does not embed) and the standard 14 fonts, from the package.
const PDFJS = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAPS = join(PDFJS, 'cmaps') + '/';
const STANDARD_FONTS = join(PDFJS, 'standard_fonts') + '/';

const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');

/** Reads the text layer of a PDF; never throws for bad content. */
export async function pdfToText(bytes: Uint8Array): Promise<PdfTextResult> {
  if (!ascii(bytes, 0, 1024).includes('%PDF-')) return { error: 'not a PDF: no %PDF- header' };
  // A PDF ends with %%EOF; pdf.js would read what is left of a cut file, silently missing its end.
  if (!ascii(bytes, Math.max(0, bytes.length - 1024), bytes.length).includes('%%EOF')) {
    return { error: 'truncated PDF: no %%EOF at its end' };
  }
  let doc: PDFDocumentProxy;
  try {
    // Loaded on the first PDF only: the library costs about a second to load, which a corpus without PDFs never pays.
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    doc = await getDocument({
      // pdf.js may detach the buffer it is given.
      data: new Uint8Array(bytes),
      cMapUrl: CMAPS,
      cMapPacked: true,
      standardFontDataUrl: STANDARD_FONTS,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const e = err as Error;
    if (e.name === 'PasswordException') return { error: 'encrypted PDF: it needs a password to be read' };
    return { error: `broken PDF: ${e.message}` };
  }
  try {
    const pages: TextLine[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(linesOf(content.items));
      page.cleanup();
    }
    const text = layoutText(pages);
    if (text.trim() === '') return { error: `no text layer: none of its ${doc.numPages} page(s) has text (a scan or images only)` };
    return { text, encoding: 'pdf' };
  } catch (err) {
    return { error: `broken PDF: ${(err as Error).message}` };
  } finally {
    await doc.destroy();
  }
}

/** A page's text items, in the order drawn, grouped into lines by their baselines. */
function linesOf(items: Array<TextItem | TextMarkedContent>): TextLine[] {
  const lines: TextLine[] = [];
  let line: TextLine | undefined;
  let parts: string[] = [];
  const end = () => {
    if (line) {
      line.text = parts.join('').trimEnd();
      lines.push(line);
    }
    line = undefined;
    parts = [];
  };
  for (const item of items) {
    if (!('str' in item)) continue;
    const [, , c, d, x, y] = item.transform as number[];
    const size = Math.hypot(c, d) || item.height || 1;
    if (line && item.str !== '' && Math.abs(y - line.y) > 0.5 * Math.max(size, line.size)) end();
    if (item.str.trim() === '') {
      // A space between words; before a line's first word it is indent, which `left` keeps.
      if (line) parts.push(item.str);
    } else {
      const [left, right] = inkOf(item.str, x, item.width);
      if (!line) {
        line = { text: '', left, right, y, size };
      } else {
        // A gap wider than a space, with no space drawn, separates words or table cells.
        if (left - line.right > 0.8 * size && !/\s$/.test(parts[parts.length - 1] ?? '')) parts.push(' ');
        line.left = Math.min(line.left, left);
        line.right = Math.max(line.right, right);
        line.size = Math.max(line.size, size);
      }
      parts.push(parts.length === 0 ? item.str.trimStart() : item.str);
    }
    if (item.hasEOL) end();
  }
  end();
  return lines;
}

/**
 * Where the ink of an item drawn from `x` over `width` begins and ends: spaces
 * before and after its text are drawn too (a wrapped line's spaces hang past the
 * margin), and are taken off in proportion to their estimated width.
 */
function inkOf(str: string, x: number, width: number): [number, number] {
  const total = ems(str);
  if (total === 0) return [x, x + width];
  const lead = ems(str.slice(0, str.length - str.trimStart().length));
  const trail = ems(str.slice(str.trimEnd().length));
  return [x + (width * lead) / total, x + width - (width * trail) / total];
}

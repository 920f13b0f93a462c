/**
 * Word (.docx) bytes → the document's text, read with mammoth: a line per
 * paragraph (an empty paragraph is a blank line), a line break inside a
 * paragraph as a line break, a table row as one line of cells followed by ` | `,
 * as the HTML reader writes them. A file that is not a Word document is refused.
 */
import mammoth from 'mammoth';

/** The text of a Word document (its encoding given as `docx`), or why it cannot be read. */
export type DocxTextResult = { text: string; encoding: 'docx' } | { error: string };

/** The parts of mammoth's document model that hold text. */
interface DocxElement {
  type: string;
  value?: string;
  children?: DocxElement[];
  breakType?: string;
}

/** Reads the text of a .docx; never throws for bad content. */
export async function docxToText(bytes: Uint8Array): Promise<DocxTextResult> {
  // A .docx is a ZIP archive (PK…); anything else is not one, whatever its name says.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { error: 'not a Word document: not a .docx (ZIP) file' };
  let text = '';
  try {
    // mammoth reads the document model and hands it over before it writes HTML, which is not needed.
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) },
      { ignoreEmptyParagraphs: false, transformDocument: (doc: DocxElement) => ((text = documentText(doc)), doc) },
    );
  } catch (err) {
    return { error: `broken .docx: ${(err as Error).message}` };
  }
  if (text.trim() === '') return { error: 'empty document' };
  return { text, encoding: 'docx' };
}

/** The text of mammoth's document, in one pass over its elements. */
function documentText(doc: DocxElement): string {
  const lines: string[] = [];
  let line: string[] = [];
  const endLine = () => {
    lines.push(line.join('').trimEnd());
    line = [];
  };
  const visit = (el: DocxElement): void => {
    switch (el.type) {
      case 'text':
        line.push(el.value ?? '');
        return;
      case 'tab':
        line.push('\t');
        return;
      case 'break':
        // A page or column break inside a paragraph is not a line of the text.
        if (el.breakType === 'line' || el.breakType === undefined) endLine();
        return;
      case 'paragraph':
        el.children?.forEach(visit);
        endLine();
        return;
      case 'tableRow': {
        const cells: string[] = [];
        const pending = line;
        for (const cell of el.children ?? []) {
          // A cell's paragraphs, read as one line.
          const before = lines.length;
          line = [];
          cell.children?.forEach(visit);
          if (line.length) endLine();
          cells.push(lines.splice(before).filter((s) => s.trim() !== '').join(' ').trim());
        }
        line = pending;
        lines.push(cells.map((c) => `${c} |`).join(' '));
        return;
      }
      default:
        el.children?.forEach(visit);
    }
  };
  visit(doc);
  if (line.length) endLine();
  return lines.join('\n').replace(/\n+$/, '');
}

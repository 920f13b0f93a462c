/**
 * PDF and Word documents made from text, for the reader's tests: PDFs printed by
 * headless Chromium (as a browser prints a page), a .docx written with the docx
 * package (as Word saves one), an image-only PDF (as a scanner makes one) and a
 * PDF encrypted with a user password.
 */
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { Document, Packer, Paragraph, TextRun } from 'docx';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** How the text is laid out on the printed page. */
export type PrintLayout =
  /** As Chromium shows a .txt file: one preformatted block that wraps, blank lines kept. */
  | 'plain-text'
  /** As a web page shows paragraphs: a `<p>` per line with space between them. */
  | 'paragraphs';

/** Prints `text` to A4 PDF pages with Chromium's `page.pdf()`, in a CJK serif font, no header or footer. */
export async function printPdf(browser: Browser, text: string, layout: PrintLayout): Promise<Buffer> {
  const body =
    layout === 'plain-text'
      ? `<pre>${escapeHtml(text)}</pre>`
      : text.split('\n').map((line) => `<p>${escapeHtml(line) || '<br>'}</p>`).join('\n');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    body { margin: 0; font: 12pt 'Noto Serif CJK SC', serif; }
    pre { margin: 0; font: inherit; white-space: pre-wrap; }
    p { margin: 0 0 0.5em; }
  </style></head><body>${body}</body></html>`;
  const page = await browser.newPage();
  try {
    await page.setContent(html);
    return await page.pdf({ format: 'A4', displayHeaderFooter: false, margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' } });
  } finally {
    await page.close();
  }
}

/** A PDF of one page that shows `text` as a picture only: a canvas drawing, printed as an image. */
export async function printImagePdf(browser: Browser, text: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><html><body style="margin:0"><img id="scan"></body></html>');
    await page.evaluate(async (t) => {
      const canvas = document.createElement('canvas');
      canvas.width = 800;
      canvas.height = 400;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 800, 400);
      ctx.fillStyle = '#000';
      ctx.font = "28px 'Noto Serif CJK SC', serif";
      t.split('\n').forEach((line, i) => ctx.fillText(line, 40, 60 + i * 44));
      const img = document.getElementById('scan') as HTMLImageElement;
      img.src = canvas.toDataURL('image/png');
      await img.decode();
    }, text);
    return await page.pdf({ format: 'A4', displayHeaderFooter: false });
  } finally {
    await page.close();
  }
}

/** A .docx with a paragraph for each line of `text` (an empty line is an empty paragraph). */
export async function writeDocx(text: string): Promise<Buffer> {
  const paragraphs = text.split('\n').map((line) => new Paragraph({ children: line ? [new TextRun(line)] : [] }));
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

// The padding string of the PDF standard security handler (ISO 32000-1, 7.6.3.3).
const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/** RC4, which Node's OpenSSL 3 no longer offers by default; tiny and only for test fixtures. */
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

/**
 * A one-page PDF whose text `line` (ASCII) is encrypted with the standard security
 * handler (revision 2, 40-bit RC4) under the user password `password`: it opens
 * only with that password.
 */
export function encryptedPdf(line: string, password: string): Buffer {
  const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
  const padded = (p: string) => Buffer.concat([Buffer.from(p, 'latin1'), PAD]).subarray(0, 32);
  const id = Buffer.from('6b656c616e2d746573742d706466', 'hex');
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(-4);
  // Owner key from the same password (algorithm 3), then the file key (algorithm 2) and /U (algorithm 4).
  const owner = rc4(md5(padded(password)).subarray(0, 5), padded(password));
  const fileKey = md5(padded(password), owner, permissions, id).subarray(0, 5);
  const user = rc4(fileKey, PAD);
  const objectKey = (num: number) => md5(fileKey, Buffer.from([num & 255, (num >> 8) & 255, num >> 16, 0, 0])).subarray(0, 10);
  const content = rc4(objectKey(4), Buffer.from(`BT /F1 24 Tf 72 720 Td (${line}) Tj ET`, 'latin1'));

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P -4 >>`,
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.from(body as string | Buffer), Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const hexId = id.toString('hex');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${hexId}> <${hexId}>] >>\nstartxref\n${length}\n%%EOF\n`;
  return Buffer.concat([...chunks, Buffer.from(xref + trailer, 'latin1')]);
}

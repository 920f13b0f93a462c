/**
 * PDF and Word inputs, made here from the five seeds: each seed printed to PDF by
 * headless Chromium (as a text file and as a page of paragraphs) and written as a
 * .docx must give the figures its text gives; a scan, a cut, a broken and an
 * encrypted PDF and a broken .docx are refused by name while the rest go through.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRow, FigureRow, RunReport } from '../src/lib/types.ts';
import { runPipeline } from '../pipelines/run.ts';
import { launchChromium } from './browser/harness.ts';
import { encryptedPdf, printImagePdf, printPdf, writeDocx } from './helpers/documents.ts';
import { readParquet } from './helpers/parquet.ts';

const SEEDS = resolve(import.meta.dirname, '..', 'seeds');
// The five seeds: the .txt files at the top of seeds/, not the corpora in its folders.
const seeds = readdirSync(SEEDS, { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.txt'))
  .map((e) => e.name.replace(/\.txt$/, ''))
  .sort();

/** The forms each seed is made in, by the name suffix of the file made. */
const FORMS = ['printed-text.pdf', 'printed-page.pdf', 'docx'] as const;
const fileOf = (seed: string, form: (typeof FORMS)[number]) => `${seed}.${form}`;

/** The refused files, with the start of the reason each must be given. */
const BAD: Record<string, string> = {
  'scan.pdf': 'no text layer',
  'cut.pdf': 'truncated PDF: no %%EOF at its end',
  'broken.pdf': 'broken PDF: ',
  'locked.pdf': 'encrypted PDF: it needs a password to be read',
  'broken.docx': 'broken .docx: ',
  'renamed.docx': 'not a Word document',
};

let dir: string;
let figures: FigureRow[];
let documents: DocumentRow[];
let report: RunReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kelan-pdf-docx-'));
  const input = join(dir, 'in');
  mkdirSync(input);
  const browser = await launchChromium();
  try {
    for (const seed of seeds) {
      const text = readFileSync(join(SEEDS, `${seed}.txt`), 'utf8');
      copyFileSync(join(SEEDS, `${seed}.txt`), join(input, `${seed}.txt`));
      writeFileSync(join(input, fileOf(seed, 'printed-text.pdf')), await printPdf(browser, text, 'plain-text'));
      writeFileSync(join(input, fileOf(seed, 'printed-page.pdf')), await printPdf(browser, text, 'paragraphs'));
      writeFileSync(join(input, fileOf(seed, 'docx')), await writeDocx(text));
    }
    const first = readFileSync(join(SEEDS, `${seeds[0]}.txt`), 'utf8');
    writeFileSync(join(input, 'scan.pdf'), await printImagePdf(browser, first.split('\n').slice(0, 6).join('\n')));
    const pdf = readFileSync(join(input, fileOf(seeds[0], 'printed-page.pdf')));
    writeFileSync(join(input, 'cut.pdf'), pdf.subarray(0, pdf.length >> 1));
    // Whole at both ends, its middle overwritten: no object or cross-reference can be found.
    writeFileSync(join(input, 'broken.pdf'), Buffer.concat([pdf.subarray(0, 1024), Buffer.alloc(pdf.length - 2048, 0x41), pdf.subarray(-1024)]));
    writeFileSync(join(input, 'locked.pdf'), encryptedPdf('Hubei 2024: 25000 high-tech enterprises', 'secret'));
    const docx = readFileSync(join(input, fileOf(seeds[0], 'docx')));
    writeFileSync(join(input, 'broken.docx'), docx.subarray(0, docx.length >> 1));
    writeFileSync(join(input, 'renamed.docx'), first);
  } finally {
    await browser.close();
  }
  report = await runPipeline({ input, output: join(dir, 'out'), now: () => Date.UTC(2026, 10, 22) });
  figures = await readParquet<FigureRow>(join(dir, 'out', 'figures.parquet'));
  documents = await readParquet<DocumentRow>(join(dir, 'out', 'documents.parquet'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A figure as the comparison sees it: what is counted, where, when, how much. */
const key = (f: FigureRow) => `${f.indicator} | ${f.region} | ${f.year} | ${f.value}`;

/** What one multiset has that the other lacks, each way, with counts. */
function difference(expected: string[], actual: string[]): { missing: string[]; extra: string[] } {
  const count = new Map<string, number>();
  for (const k of expected) count.set(k, (count.get(k) ?? 0) + 1);
  for (const k of actual) count.set(k, (count.get(k) ?? 0) - 1);
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [k, n] of [...count].sort()) {
    for (let i = 0; i < n; i++) missing.push(k);
    for (let i = 0; i < -n; i++) extra.push(k);
  }
  return { missing, extra };
}

describe('PDF and Word documents made from the seeds', () => {
  it('finds the five seeds', () => {
    expect(seeds).toHaveLength(5);
  });

  it.each(seeds.flatMap((seed) => FORMS.map((form) => [seed, form] as const)))(
    '%s as .%s gives the same figures (indicator, region, year, value) as its text',
    (seed, form) => {
      const of = (docId: string) => figures.filter((f) => f.doc_id === docId).map(key);
      const text = of(`${seed}.txt`);
      expect(text.length).toBeGreaterThan(0);
      // Empty both ways, or the list of what the PDF or .docx lost and gained.
      expect(difference(text, of(fileOf(seed, form)))).toEqual({ missing: [], extra: [] });
    },
  );

  it.each(seeds)('%s reads with the same title, issuer, date and 文号 in every form', (seed) => {
    const meta = (docId: string) => {
      const d = documents.find((r) => r.doc_id === docId);
      return d && { title: d.title, issuer: d.issuer, published: d.published, doc_number: d.doc_number, region: d.region };
    };
    for (const form of FORMS) expect(meta(fileOf(seed, form)), form).toEqual(meta(`${seed}.txt`));
  });

  it('points every figure at its quote in the text read out of the PDF or .docx', () => {
    const raw = new Map(documents.map((d) => [d.doc_id, d.raw_text]));
    const made = figures.filter((f) => !f.doc_id.endsWith('.txt'));
    expect(made.length).toBeGreaterThan(100);
    for (const f of made) expect(raw.get(f.doc_id)!.slice(f.raw_start, f.raw_end), `${f.doc_id}:${f.raw_start}`).toBe(f.quote);
  });

  it('keeps the Kangxi radicals of the PDF text layer in raw_text and reads them as ideographs', () => {
    const pdf = documents.find((d) => d.doc_id === fileOf('002_bc794e7ec96f70d4', 'printed-page.pdf'))!;
    // Chromium maps the glyph of 文 back to the Kangxi radical ⽂ (U+2F42).
    expect(pdf.raw_text).toContain('发\u2f42字号');
    expect(pdf.text).toContain('发文字号');
    expect(pdf.text).not.toMatch(/[\u2e80-\u2fdf]/);
    expect(pdf.script).toBe('simplified');
  });

  it('records the format as the encoding', () => {
    const encoding = (docId: string) => documents.find((d) => d.doc_id === docId)?.encoding;
    for (const seed of seeds) {
      expect(encoding(fileOf(seed, 'printed-text.pdf'))).toBe('pdf');
      expect(encoding(fileOf(seed, 'docx'))).toBe('docx');
    }
  });
});

describe('PDF and Word files that cannot be read', () => {
  it('are refused by name with their reasons, and the other documents go through', () => {
    const refused = new Map(report.refused.map((r) => [r.file, r.reason]));
    expect([...refused.keys()].sort()).toEqual(Object.keys(BAD).sort());
    for (const [file, reason] of Object.entries(BAD)) expect(refused.get(file), file).toMatch(new RegExp(`^${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(report.documents_read).toBe(seeds.length * (1 + FORMS.length));
    expect(documents).toHaveLength(seeds.length * (1 + FORMS.length));
  });
});

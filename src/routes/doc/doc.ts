import { run } from '$lib/db/duckdb.ts';
import { documentById, documentFigures } from '$lib/db/queries.ts';
import type { DocumentRow, FigureRow } from '$lib/types.ts';
import { FIGURE_ID, MAX_DOC_ID } from '$lib/params.ts';

/** What the document view shows, as its URL says: `?doc=<doc_id>&figure=<figure_id>&raw=1`. */
export interface DocParams {
  doc: string | null;
  figure: string | null;
  raw: boolean;
}

/** Reads the document view's URL; a malformed figure id is dropped, a doc id is only ever a bound value. */
export function parseDocParams(params: URLSearchParams): DocParams {
  const doc = params.get('doc');
  const figure = params.get('figure');
  return {
    doc: doc && doc.length <= MAX_DOC_ID ? doc : null,
    figure: figure && FIGURE_ID.test(figure) ? figure : null,
    raw: params.get('raw') === '1',
  };
}

/** A document as the view reads it. */
export type DocumentView = Omit<DocumentRow, 'sha256'>;

/** A figure of the document with its spans in both texts. */
export type DocFigure = Pick<FigureRow, 'figure_id' | 'indicator' | 'label' | 'region' | 'year' | 'stance' | 'measure' | 'value' | 'unit'
  | 'qualifier' | 'quote' | 'raw_start' | 'raw_end' | 'text_start' | 'text_end' | 'sentence_raw_start' | 'sentence_raw_end'>;

/** A document and its figures, or null when the data has no such document. */
export async function loadDocument(dataUrl: string, docId: string): Promise<{ doc: DocumentView; figures: DocFigure[] } | null> {
  const [docs, figures] = await Promise.all([
    run<DocumentView>(dataUrl, documentById(docId)),
    run<DocFigure>(dataUrl, documentFigures(docId)),
  ]);
  return docs[0] ? { doc: { ...docs[0], warnings: docs[0].warnings ?? [] }, figures } : null;
}

/** A run of the text: plain, or a figure's quote to highlight. */
export interface Segment {
  text: string;
  figure?: DocFigure;
}

/**
 * Cuts a text into plain runs and figure marks, using the raw spans for the raw
 * text and the normalised spans otherwise. The text stays data: the view renders
 * each run as a text node, never as HTML, because documents are untrusted input.
 */
export function segments(text: string, figures: DocFigure[], raw: boolean): Segment[] {
  const spans = figures
    .map((figure) => ({ figure, start: raw ? figure.raw_start : figure.text_start, end: raw ? figure.raw_end : figure.text_end }))
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const { figure, start, end } of spans) {
    // Overlapping spans (a range inside a range) keep the earlier mark whole; the later one shows only past it.
    const from = Math.max(start, at);
    if (from >= end) continue;
    if (from > at) out.push({ text: text.slice(at, from) });
    out.push({ text: text.slice(from, end), figure });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

import type { DocumentRow, FigureRow, Refusal } from '../../src/lib/types.ts';
import { blankSetAside } from '../clean/set-aside.ts';
import { inferIssuers, type Metadata } from '../metadata/metadata.ts';
import { readDocument } from '../read/read.ts';
import { figuresOf, prepare, type Prepared, type Timer } from '../prepare.ts';
import { documentRow } from '../write/rows.ts';

/** What issuer inference needs of a document whose metadata names its issuer. */
export interface IssuerOf {
  docId: string;
  indexPrefix: string | null;
  issuer: string;
  issuerPolluted: boolean;
}

/**
 * What one document gave, as plain data (it crosses threads and lives in the cache).
 * `docId` is set once the file was read; `issuer` when its metadata named the issuer;
 * `waiting` when it did not and its figures wait for the run's other documents.
 */
export interface Outcome {
  file: string;
  docId?: string;
  issuer?: IssuerOf;
  waiting?: { indexPrefix: string | null };
  refusal?: Refusal;
  /** The document row, its source fields (from sources.tsv) left null for the run to fill. */
  document?: DocumentRow;
  figures?: FigureRow[];
  /** Set when the refusal came from the thread dying, not from the document: never cached. */
  transient?: boolean;
  /** The part (see write/parts.ts) its rows were written to, once they were; it then has none. */
  part?: string;
  stageMs: Record<string, number>;
}

/** Documents waiting for the run's issuers whose prepared form a thread keeps; others are read again. */
const HELD = 32;

/**
 * Reads and extracts one document. Without `peers` a document that does not name its
 * issuer comes back `waiting`, and its prepared form is kept in `held` by file; with
 * them (the run's documents of the same 索引号 prefix that name theirs) its issuer is
 * inferred as a whole run would, and it is finished, from `held` when it is there.
 */
export async function extractOne(
  path: string, root: string, file: string, peers: IssuerOf[] | undefined,
  held: Map<string, Prepared>, now: () => number = Date.now,
): Promise<Outcome> {
  const stageMs: Record<string, number> = {};
  const time: Timer = (stage, f) => {
    const t = now();
    try { return f(); } finally { stageMs[stage] = (stageMs[stage] ?? 0) + now() - t; }
  };
  const out: Outcome = { file, stageMs };
  try {
    let p = peers ? held.get(file) : undefined;
    held.delete(file);
    if (!p) {
      const t = now();
      const result = await readDocument(path, root);
      stageMs.read = now() - t;
      if (!result.ok) return { ...out, refusal: result.refusal };
      out.docId = result.doc.docId;
      p = prepare(result.doc, time);
    }
    out.docId = p.raw.docId;
    const m = p.meta;
    if (m.issuer && !peers) out.issuer = { docId: out.docId, indexPrefix: m.indexPrefix, issuer: m.issuer, issuerPolluted: m.issuerPolluted };
    else if (!peers) {
      // Held to be finished without reading it again, up to a bound that keeps memory flat.
      if (held.size < HELD) held.set(file, p);
      return { ...out, waiting: { indexPrefix: m.indexPrefix } };
    } else {
      const known = peers.map((d) => ({ docId: d.docId, meta: { indexPrefix: d.indexPrefix, issuer: d.issuer, issuerPolluted: d.issuerPolluted } as Metadata, text: '' }));
      const doc = { docId: out.docId, meta: m, text: blankSetAside(p.norm.text, p.setAside) };
      time('metadata', () => inferIssuers([...known, doc]));
    }
    try {
      out.figures = figuresOf(p, time);
      out.document = documentRow(p);
    } catch (e) {
      out.refusal = { file, reason: `figure extraction failed: ${(e as Error).message}` };
    }
  } catch (e) {
    out.refusal = { file, reason: `could not be processed: ${(e as Error).message}` };
  }
  return out;
}

import { createHash } from 'node:crypto';
import type { FigureRow } from '../../src/lib/types.ts';
import { figuresOf, prepare, type Prepared } from '../../pipelines/run.ts';

/** Runs one document's text through the pipeline's stages, as a run would. */
export function prepareText(text: string, docId = 'test.txt'): Prepared {
  return prepare({ docId, file: docId, sha256: createHash('sha256').update(text).digest('hex'), encoding: 'utf-8', format: 'text', rawText: text, warnings: [] });
}

/** The figures of one document's text. */
export function extractText(text: string, docId = 'test.txt'): FigureRow[] {
  return figuresOf(prepareText(text, docId));
}

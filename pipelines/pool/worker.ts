import { parentPort } from 'node:worker_threads';
import type { Prepared } from '../prepare.ts';
import { extractOne, type IssuerOf } from './extract.ts';

/** One document to extract, as the pool sends it. */
export interface Task {
  id: number;
  path: string;
  root: string;
  file: string;
  peers?: IssuerOf[];
}

// Documents waiting for the run's issuers, finished by this same worker.
const held = new Map<string, Prepared>();

parentPort!.on('message', async (t: Task) => {
  const outcome = await extractOne(t.path, t.root, t.file, t.peers, held);
  parentPort!.postMessage({ id: t.id, outcome });
});

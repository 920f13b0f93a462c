import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Outcome } from '../pool/extract.ts';
import { partExists } from '../write/parts.ts';

const PIPELINES = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(PIPELINES);

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

function sources(dir: string): string[] {
  const found: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) found.push(...sources(path));
    else if (e.name.endsWith('.ts')) found.push(path);
  }
  return found;
}

/** The files outside pipelines/ that `files` import, followed through their own imports (the indicator catalog in src/lib). */
function importedFrom(files: string[]): string[] {
  const found = new Set<string>();
  const queue = [...files];
  while (queue.length) {
    const file = queue.pop()!;
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch { continue; }
    for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
      const target = join(dirname(file), m[1].endsWith('.ts') ? m[1] : `${m[1]}.ts`);
      if (target.startsWith(PIPELINES) || found.has(target)) continue;
      found.add(target);
      queue.push(target);
    }
  }
  return [...found];
}

/** The files the extractor's version hashes, relative to the project, sorted. */
export function extractorInputs(): string[] {
  const own = sources(PIPELINES).filter((p) => {
    const rel = relative(ROOT, p).split('\\').join('/');
    return !rel.startsWith('pipelines/evaluate/') && rel !== 'pipelines/cli.ts';
  });
  return [...[...own, ...importedFrom(own)].map((p) => relative(ROOT, p).split('\\').join('/')).sort(), 'package-lock.json'];
}

/**
 * The extractor's version: a hash of every source file under pipelines/ (the stages,
 * their rule tables and catalogs), of what they import from outside it (src/lib's
 * indicator catalog) and of the locked dependency versions, so that a changed rule
 * invalidates the cache by itself. The scorer and the CLI are left out.
 */
export function extractorVersion(): string {
  const h = createHash('sha256');
  for (const f of extractorInputs()) {
    h.update(f + '\0');
    try { h.update(readFileSync(join(ROOT, f))); } catch { h.update('missing'); }
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** The SHA-256 of a file's bytes, or undefined when it cannot be read. */
export function fileDigest(path: string): string | undefined {
  try { return sha(readFileSync(path)); } catch { return undefined; }
}

/** The key of a document: its path in the corpus (its id and rows name it) and the digest of its bytes. */
export function documentKey(file: string, digest: string): string {
  return sha(`${file}\0${digest}`);
}

/** The digest of a corpus: of each file's path and bytes (`null` for one that cannot be read), in the order given. */
export function corpusDigest(files: Array<{ file: string; digest: string | undefined }>): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.file}\t${f.digest ?? 'null'}\n`);
  return h.digest('hex');
}

/** The key of a document finished with the issuers its 索引号 peers name. */
export function finishedKey(key: string, peers: unknown): string {
  return sha(`${key}\0${JSON.stringify(peers)}`);
}

/**
 * Outcomes of documents stored by key, one JSON file each under `<dir>/<version>/`.
 * An entry that cannot be read or does not fit its key is ignored with a warning,
 * so a damaged cache costs time, never correct output.
 */
export class OutcomeCache {
  readonly dir: string;
  readonly warnings: string[] = [];

  constructor(root: string, readonly version: string) {
    this.dir = join(root, version);
    mkdirSync(this.dir, { recursive: true });
    // Entries of other extractor versions can never be read again.
    for (const e of readdirSync(root, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== version && /^[0-9a-f]{16}$/.test(e.name)) rmSync(join(root, e.name), { recursive: true, force: true });
    }
  }

  /** Where the parts holding cached documents' rows are written (see write/parts.ts). */
  get parts(): string {
    return join(this.dir, 'parts');
  }

  private path(key: string) {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The stored outcome for `key` of `file`, or undefined. */
  get(key: string, file: string): Outcome | undefined {
    let text: string;
    try { text = readFileSync(this.path(key), 'utf8'); } catch { return undefined; }
    try {
      const entry = JSON.parse(text) as { key?: string; outcome?: Outcome };
      const o = entry.outcome;
      if (entry.key !== key || !o || o.file !== file || (!o.refusal && !o.waiting && typeof o.part !== 'string')) throw new Error('does not fit its key');
      if (o.part !== undefined && !this.hasPart(o.part)) throw new Error(`its part ${o.part} is gone`);
      return { ...o, part: o.part === undefined ? undefined : join(this.parts, o.part), stageMs: {} };
    } catch (e) {
      this.warnings.push(`cache entry ${key} for ${file} ignored: ${(e as Error).message}`);
      return undefined;
    }
  }

  private readonly partsSeen = new Map<string, boolean>();
  private hasPart(part: string): boolean {
    let has = this.partsSeen.get(part);
    if (has === undefined) this.partsSeen.set(part, (has = partExists(join(this.parts, part))));
    return has;
  }

  /** Stores `outcome` under `key`, written to a temporary name and renamed into place. */
  put(key: string, outcome: Outcome): void {
    const path = this.path(key);
    try {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      // A part is named relative to the parts folder, so the cache can move.
      const part = outcome.part === undefined ? undefined : relative(this.parts, outcome.part);
      writeFileSync(tmp, JSON.stringify({ key, outcome: { ...outcome, part, stageMs: {} } }));
      renameSync(tmp, path);
    } catch (e) {
      this.warnings.push(`cache entry ${key} for ${outcome.file} not written: ${(e as Error).message}`);
    }
  }
}

/**
 * The benchmark corpus: documents of 20–200 KB in the encodings and forms the
 * real web serves, generated deterministically from a seed into a folder with a
 * manifest, so that a later run can reuse it instead of generating it again.
 */
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import * as OpenCC from 'opencc-js/cn2t';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeContent, renderHtml, renderText, type Content } from './documents.ts';
import { mulberry32, type Random } from './prng.ts';
import type { Sources } from './sources.ts';

/** How a document is stored: its encoding, and whether it is a text file or an HTML page. */
export type Form = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'big5' | 'html-utf-8' | 'html-gb18030';

/** Most documents are UTF-8 text; the rest are legacy encodings and HTML pages, as on government sites. */
const FORMS: [Form, number][] = [
  ['utf-8', 0.6],
  ['utf-8-bom', 0.05],
  ['gb18030', 0.12],
  ['big5', 0.07],
  ['html-utf-8', 0.1],
  ['html-gb18030', 0.06],
];

/** The share of documents that copy a Traditional mirror site, pinyin annotations and all (Big5 ones are converted from Simplified). */
const MIRROR_SHARE = 0.05;
/** Bumped whenever the generator's output changes, so that a reused corpus is never a stale one. */
const GENERATOR_VERSION = 2;
const MANIFEST = '.manifest.json';
const MIN_BYTES = 20_000;
// Leaves room for HTML chrome and the last paragraph under 200 KB.
const MAX_BYTES = 185_000;

/** What a corpus folder holds; a dotfile, so the pipeline does not list it. */
export interface Manifest {
  generator: number;
  seed: number;
  target_bytes: number;
  sources_digest: string;
  documents: number;
  bytes: number;
  forms: Record<Form, number>;
  /** SHA-256 over every file's name and bytes in the order written: two corpora with the same digest are the same files. */
  sha256: string;
}

/** The corpus wanted: where, from which seed, how large, from which sentences. */
export interface CorpusSpec {
  dir: string;
  seed: number;
  targetBytes: number;
  sources: Sources;
}

/** The manifest of the corpus in `spec.dir` if it is the one `spec` asks for and its files are all there. */
export function existingCorpus(spec: CorpusSpec): Manifest | undefined {
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(join(spec.dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  const same =
    m.generator === GENERATOR_VERSION && m.seed === spec.seed && m.target_bytes === spec.targetBytes && m.sources_digest === spec.sources.digest;
  if (!same || typeof m.sha256 !== 'string') return undefined;
  const files = readdirSync(spec.dir).filter((n) => !n.startsWith('.'));
  const bytes = files.reduce((sum, n) => sum + statSync(join(spec.dir, n)).size, 0);
  return files.length === m.documents && bytes === m.bytes ? m : undefined;
}

/** Generates the corpus into `spec.dir`, replacing whatever was there, and returns its manifest. */
export function generateCorpus(spec: CorpusSpec): Manifest {
  rmSync(spec.dir, { recursive: true, force: true });
  mkdirSync(spec.dir, { recursive: true });
  const rnd = mulberry32(spec.seed);
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const forms = Object.fromEntries(FORMS.map(([f]) => [f, 0])) as Record<Form, number>;
  const digest = createHash('sha256');
  let bytes = 0;
  let documents = 0;
  while (bytes < spec.targetBytes) {
    const form = pickForm(rnd);
    // Log-uniform sizes: many short notices, fewer long reports.
    const target = Math.round(MIN_BYTES * (MAX_BYTES / MIN_BYTES) ** rnd.next());
    const mirror = form !== 'big5' && rnd.chance(MIRROR_SHARE);
    const sizeOf = form.startsWith('utf-8') || form === 'html-utf-8' ? utf8Size : legacySize;
    const content = composeContent(rnd, spec.sources, target, sizeOf, mirror);
    const encoded = encode(form, content, rnd, toTraditional);
    const name = `${String(documents).padStart(5, '0')}_${form}.${form.startsWith('html') ? 'html' : 'txt'}`;
    writeFileSync(join(spec.dir, name), encoded);
    digest.update(`${name}\0${encoded.length}\0`).update(encoded);
    bytes += encoded.length;
    documents++;
    forms[form]++;
  }
  const manifest: Manifest = {
    generator: GENERATOR_VERSION,
    seed: spec.seed,
    target_bytes: spec.targetBytes,
    sources_digest: spec.sources.digest,
    documents,
    bytes,
    forms,
    sha256: digest.digest('hex'),
  };
  writeFileSync(join(spec.dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

function pickForm(rnd: Random): Form {
  let u = rnd.next();
  for (const [form, share] of FORMS) {
    if (u < share) return form;
    u -= share;
  }
  return FORMS[0][0];
}

function encode(form: Form, content: Content, rnd: Random, toTraditional: (s: string) => string): Uint8Array {
  // Sites that serve GBK/GB18030 bytes declare gb2312.
  const page = form.startsWith('html') ? renderHtml(content, form === 'html-gb18030' ? 'gb2312' : 'utf-8', rnd) : renderText(content);
  const text = form === 'big5' || content.traditional ? toTraditional(page) : page;
  if (form === 'big5') return iconv.encode(text, 'big5');
  if (form === 'gb18030' || form === 'html-gb18030') return iconv.encode(text, 'gb18030');
  const utf8 = Buffer.from(text, 'utf8');
  return form === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
}

const utf8Size = (s: string): number => Buffer.byteLength(s, 'utf8');

/** GB18030 and Big5 take one byte for ASCII and two for nearly every Chinese character. */
function legacySize(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n += s.charCodeAt(i) < 0x80 ? 1 : 2;
  return n;
}

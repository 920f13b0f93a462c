/**
 * Review mode: the built dashboard served on loopback as `scripts/serve.ts` serves it,
 * with the pipeline's output as its data and one write endpoint, so that an analyst
 * confirms, fixes, rejects or adds figures from the figure panel and the document view.
 *
 * - `GET /api/review/token`: the run's random token, as JSON. No CORS header is sent,
 *   so a page of another origin cannot read it; the dashboard asks for it to know it is
 *   in review mode (the static build answers it with a page, not the token).
 * - `POST /api/review`: one correction (the line of `corrections/*.jsonl` that
 *   pipelines/corrections/corrections.ts reads, `who` and `when` filled in when absent).
 *   Accepted only with the server's own Origin, a Host naming the loopback and the
 *   token in `X-Kelan-Review-Token` (else 403); checked with the pipeline's own rules and
 *   against the document as it is now (else 400, naming the problem); then appended to
 *   `<corrections>/review.jsonl` and the pipeline rerun from its cache into the served
 *   data folder. The answer: the new data_version and what became of the correction.
 *
 * `npm run review` (`tsx scripts/review.ts`) reads seeds/, writes static/data/ and serves
 * build/ on `PORT` (4173 or a free one). Options: --in, --out, --site, --cache, --corrections.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parquetReadObjects } from 'hyparquet';
import { decompressZstd } from 'hyparquet-compressors';
import { closeOnSignals, portFromEnv, requestTarget, serve, type Serving } from './serve.ts';
import { runPipeline, type PipelineReport } from '../pipelines/run.ts';
import { FIELDS, invalid, knownIds, type Correction } from '../pipelines/corrections/corrections.ts';
import { ROOT } from './start.ts';

/** Options of {@link review}. */
export interface ReviewOptions {
  /** The built site (default build/, or KELAN_BUILD_DIR). */
  site: string;
  /** The corpus the pipeline reads. */
  input: string;
  /** The pipeline's output, served as the site's /data. */
  output: string;
  /** The pipeline's extraction cache. */
  cache?: string;
  /** The corrections folder; the endpoint appends to `review.jsonl` in it. */
  corrections: string;
  port?: number;
  /** Run the pipeline before serving (default true), so the data has the corrections as they are. */
  runFirst?: boolean;
  /** Who a correction is by when the page does not say (default the system user's name). */
  who?: string;
  /** Called with each run's report. */
  onRun?: (report: PipelineReport) => void;
}

/** A running review server. */
export interface Reviewing extends Serving {
  /** The token the endpoint requires. */
  token: string;
  /** The last run's report. */
  report(): PipelineReport | undefined;
}

/** What the endpoint answers to an accepted correction. */
export interface ReviewAnswer {
  data_version: string;
  /** Where the line is: `review.jsonl:N`. */
  source: string;
  /** What the rerun made of it. */
  fate: 'applied' | 'rejected' | 'orphaned' | 'refused';
  reason?: string;
  correction: Correction;
}

export const TOKEN_HEADER = 'x-kelan-review-token';
const FILE = 'review.jsonl';
const MAX_BODY = 64 * 1024;
const KEYS = ['doc_id', 'sha256', 'raw_start', 'raw_end', 'quote', 'action', 'set', 'who', 'when', 'note'];

type Doc = { doc_id: string; sha256: string; raw_text: string };

async function readDocuments(output: string): Promise<Map<string, Doc>> {
  const path = join(output, 'documents.parquet');
  if (!existsSync(path)) return new Map();
  const buf = readFileSync(path);
  const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const rows = (await parquetReadObjects({ file, columns: ['doc_id', 'sha256', 'raw_text'], compressors: { ZSTD: (x: Uint8Array) => decompressZstd(x) } })) as Doc[];
  return new Map(rows.map((d) => [d.doc_id, d]));
}

/** The request listener `serve` made for `root` (its checks, sirv and its headers), sirv having listed the folder now. */
async function handlerOf(root: string): Promise<RequestListener> {
  const s = await serve({ root, port: 0 });
  const [listener] = s.server.listeners('request') as RequestListener[];
  await s.close();
  return listener;
}

class Refusal extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = Buffer.from(`${JSON.stringify(body)}\n`);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(text.length), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }).end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { fail(new Refusal(413, `the body is over ${MAX_BODY} bytes`)); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Serves the site with the pipeline's output as /data and the review endpoint; resolves once it listens. */
export async function review(opts: ReviewOptions): Promise<Reviewing> {
  const output = resolve(opts.output);
  const corrections = resolve(opts.corrections);
  const token = randomBytes(32).toString('base64url');
  let report: PipelineReport | undefined;
  let docs = new Map<string, Doc>();
  let data: RequestListener;
  const rerun = async () => {
    report = await runPipeline({ input: opts.input, output, cache: opts.cache, corrections });
    docs = await readDocuments(output);
    // sirv lists a folder once: a new listing for the new files.
    data = await handlerOf(output);
    opts.onRun?.(report);
    return report;
  };
  if (opts.runFirst !== false || !existsSync(join(output, 'run.json'))) await rerun();
  else {
    docs = await readDocuments(output);
    data = await handlerOf(output);
  }
  const serving = await serve({ root: opts.site, port: opts.port ?? 4173 });
  const site = serving.server.listeners('request')[0] as RequestListener;
  serving.server.removeAllListeners('request');
  const origins = new Set([`http://localhost:${serving.port}`, `http://127.0.0.1:${serving.port}`]);
  const hosts = new Set([`localhost:${serving.port}`, `127.0.0.1:${serving.port}`]);
  const known = knownIds();
  // One correction at a time: each is appended and its run finished before the next.
  let queue: Promise<unknown> = Promise.resolve();

  const accept = async (req: IncomingMessage): Promise<ReviewAnswer> => {
    if (req.headers.origin === undefined || !origins.has(req.headers.origin)) throw new Refusal(403, 'forbidden: not from the review page (Origin)');
    const sent = req.headers[TOKEN_HEADER];
    if (typeof sent !== 'string' || !same(sent, token)) throw new Refusal(403, 'forbidden: no review token, or not this run\'s');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new Refusal(415, 'the body must be application/json');
    const text = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw new Refusal(400, `not JSON: ${(e as Error).message}`);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Refusal(400, 'not a JSON object');
    const b = body as Record<string, unknown>;
    for (const k of Object.keys(b)) if (!KEYS.includes(k)) throw new Refusal(400, `unknown field ${k}`);
    if (b.note === '') delete b.note;
    if (b.set !== undefined && typeof b.set === 'object' && b.set !== null && Object.keys(b.set).length === 0) delete b.set;
    // Written in one order, so that the file reads the same line after line.
    const line = Object.fromEntries(KEYS.map((k) => [k, k === 'who' ? (b.who ?? opts.who ?? userInfo().username) : k === 'when' ? (b.when ?? new Date().toISOString()) : b[k]]).filter(([, v]) => v !== undefined));
    const why = invalid(line, known);
    if (why) throw new Refusal(400, why);
    const c = line as unknown as Correction;
    const d = docs.get(c.doc_id);
    if (!d) throw new Refusal(400, `doc_id: no document ${JSON.stringify(c.doc_id)} in the data`);
    if (d.sha256 !== c.sha256) throw new Refusal(400, 'sha256: not the document as it is now');
    if (d.raw_text.slice(c.raw_start, c.raw_end) !== c.quote) throw new Refusal(400, 'quote: the span of the document does not say it');
    const set = (c.set ?? {}) as Record<string, unknown>;
    if (Object.keys(set).some((k) => !(FIELDS as readonly string[]).includes(k))) throw new Refusal(400, 'set: unknown field');
    mkdirSync(corrections, { recursive: true });
    const path = join(corrections, FILE);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const lead = before === '' || before.endsWith('\n') ? '' : '\n';
    appendFileSync(path, `${lead}${JSON.stringify(line)}\n`);
    const n = (before + lead).split('\n').length;
    const source = `${FILE}:${n}`;
    const r = await rerun();
    const orphan = r.corrections?.orphaned.find((o) => o.source === source);
    const refused = r.corrections?.refused.find((o) => o.source === source);
    const rejected = r.corrections?.rejected.some((o) => o.source === source);
    const fate: ReviewAnswer['fate'] = refused ? 'refused' : orphan ? 'orphaned' : rejected ? 'rejected' : 'applied';
    return { data_version: r.data_version, source, fate, ...(orphan || refused ? { reason: (orphan ?? refused)!.reason } : {}), correction: c };
  };

  const api = (req: IncomingMessage, res: ServerResponse, path: string) => {
    // A Host that is not the loopback is a page of another name resolving here (DNS rebinding): not ours.
    if (!hosts.has(req.headers.host ?? '')) return json(res, 403, { error: 'forbidden: not a loopback Host' });
    if (path === '/api/review/token') {
      if (req.method !== 'GET') return json(res, 405, { error: 'method not allowed' });
      // Sent only to a same-origin fetch: a page of another origin sends its Origin (or Sec-Fetch-Site: cross-site).
      if ((req.headers.origin !== undefined && !origins.has(req.headers.origin)) || req.headers['sec-fetch-site'] === 'cross-site') return json(res, 403, { error: 'forbidden: not from the review page' });
      return json(res, 200, { token, who: opts.who ?? userInfo().username });
    }
    if (path !== '/api/review') return json(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return json(res, 405, { error: 'method not allowed' });
    const done = queue.then(() => accept(req));
    queue = done.catch(() => {});
    done.then(
      (answer) => json(res, 200, answer),
      (e: unknown) => {
        if (e instanceof Refusal) json(res, e.status, { error: e.message });
        else json(res, 500, { error: `the run failed: ${(e as Error).message}` });
      },
    );
  };

  serving.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const target = requestTarget(req.url ?? '/');
    let path = target === undefined ? undefined : target.slice(0, target.search(/[?#]|$/));
    try {
      if (path !== undefined) path = decodeURIComponent(path);
    } catch {
      path = undefined;
    }
    if (path !== undefined && (path === '/api' || path.startsWith('/api/'))) return api(req, res, path);
    if (path !== undefined && target !== undefined && (path === '/data' || path.startsWith('/data/'))) {
      req.url = target.slice(target.indexOf('/data') + '/data'.length) || '/';
      return data(req, res);
    }
    return site(req, res);
  });
  return { ...serving, token, report: () => report };
}

function parseArgs(argv: string[]) {
  const a = {
    site: process.env.KELAN_BUILD_DIR || join(ROOT, 'build'),
    input: join(ROOT, 'seeds'),
    output: join(ROOT, 'static', 'data'),
    cache: join(ROOT, 'node_modules', '.cache', 'kelan', 'pipeline') as string | undefined,
    corrections: join(ROOT, 'corrections'),
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--no-cache') { a.cache = undefined; continue; }
    if (v === undefined || v.startsWith('--')) throw new Error(`${k} needs a value`);
    if (k === '--in') a.input = v;
    else if (k === '--out') a.output = v;
    else if (k === '--site') a.site = v;
    else if (k === '--cache') a.cache = v;
    else if (k === '--corrections') a.corrections = v;
    else throw new Error(`unknown argument: ${k} (usage: npm run review -- [--in seeds] [--out static/data] [--site build] [--cache <folder> | --no-cache] [--corrections corrections])`);
    i++;
  }
  return a;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(args.site, 'index.html'))) {
    console.error(`review: no built site in ${args.site}; run npm run build (or npm start) first`);
    process.exit(1);
  }
  review({ ...args, port: portFromEnv(), onRun: (r) => console.log(`review: data ${r.data_version}; corrections applied ${r.corrections?.applied ?? 0}, orphaned ${r.corrections?.orphaned.length ?? 0}, refused ${r.corrections?.refused.length ?? 0}, rejected ${r.corrections?.rejected.length ?? 0}`) })
    .then((s) => {
      console.log(`Kelan review mode at ${s.url} (corrections go to ${join(args.corrections, FILE)})`);
      closeOnSignals(s);
    })
    .catch((e) => {
      console.error(`review: ${(e as Error).message}`);
      process.exit(1);
    });
}

/**
 * A small static server for the built dashboard (`build/`), with what
 * DuckDB-WASM and SvelteKit's static output need and `vite preview` lacks:
 * HTTP Range requests (DuckDB reads Parquet by ranges), HEAD, application/wasm,
 * gzip/brotli of the large wasm and scripts, and each route's prerendered page.
 *
 * `tsx scripts/serve.ts [folder]` serves a folder (default `build/`) on
 * `PORT` (default 4173, or any free port when that one is taken).
 */
import { createReadStream, existsSync, realpathSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.parquet': 'application/vnd.apache.parquet',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

const COMPRESSIBLE = new Set(['.wasm', '.js', '.mjs', '.css', '.json', '.map', '.html', '.svg', '.txt', '.csv']);
// Below this, compressing costs more than it saves.
const MIN_COMPRESS_BYTES = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

type Encoding = 'br' | 'gzip';

/** Options of {@link serve}. */
export interface ServeOptions {
  /** The folder to serve. */
  root: string;
  /** The port to listen on; 0 for any free one. */
  port?: number;
  /** Listen on any free port when `port` is taken (default true). */
  fallbackPort?: boolean;
  /** The interface to bind; loopback by default, so nothing is exposed beyond this machine. */
  host?: string;
  /** Called once per request with its method, path and status. */
  log?: (line: string) => void;
}

/** A running server: its address and how to stop it. */
export interface Serving {
  server: Server;
  port: number;
  /** `http://localhost:PORT/` */
  url: string;
  close(): Promise<void>;
}

/** Parses Accept-Encoding and picks brotli over gzip when the client takes either. */
export function pickEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

/**
 * Parses a single `bytes=` range against a file of `size` bytes.
 * Returns null for a header to ignore (not bytes, several ranges), 'unsatisfiable', or [start, end] inclusive.
 */
export function parseRange(header: string, size: number): [number, number] | 'unsatisfiable' | null {
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!m) return null;
  const [, a, b] = m;
  if (a === '' && b === '') return null;
  let start: number;
  let end: number;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(size - suffix, 0);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
    if (b !== '' && Number(b) < start) return null;
  }
  if (start >= size || size === 0) return 'unsatisfiable';
  return [start, end];
}

/** The file a request path maps to: the file itself, a route's prerendered `.html`, or a folder's index. */
function resolveFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root + sep)) return null;
  const candidates = [path, `${path.replace(/[\\/]+$/, '')}.html`, join(path, 'index.html')];
  for (const c of candidates) {
    const s = statOrNull(c);
    if (s?.isFile()) return c;
  }
  return null;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The prerendered shell an unknown route falls back to; SvelteKit's client router takes it from there. */
function fallbackFile(root: string): string | null {
  for (const name of ['200.html', 'index.html']) {
    const p = join(root, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/** Compressed bodies, made once per file version and encoding (the eh wasm is 18 MB). */
class CompressionCache {
  private entries = new Map<string, Promise<Buffer>>();

  get(file: string, stats: Stats, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}:${file}:${stats.size}:${stats.mtimeMs}`;
    let entry = this.entries.get(key);
    if (!entry) {
      for (const k of this.entries.keys()) if (k.startsWith(`${encoding}:${file}:`)) this.entries.delete(k);
      entry = readFile(file).then((raw) =>
        encoding === 'br'
          ? brotliAsync(raw, {
              params: {
                // Quality 5 compresses the wasm about as well as gzip -9 in a fraction of brotli's maximum's time.
                [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            })
          : gzipAsync(raw, { level: 6 }),
      );
      entry.catch(() => this.entries.delete(key));
      this.entries.set(key, entry);
    }
    return entry;
  }
}

function cacheControl(pathname: string): string {
  // SvelteKit names immutable assets by their content hash.
  return pathname.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function handler(root: string, cache: CompressionCache, log?: (line: string) => void) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const done = (status: number) => log?.(`${req.method} ${req.url} ${status}`);
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
        return done(405);
      }
      // The request target is a path: '//x' is a path too, not a host as URL() would read it.
      const pathname = new URL(`http://localhost/${(req.url ?? '/').replace(/^\/+/, '')}`).pathname;
      let file = resolveFile(root, pathname);
      if (!file && extname(pathname) === '') file = fallbackFile(root);
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}\n`);
        return done(404);
      }
      const stats = statSync(file);
      const ext = extname(file).toLowerCase();
      const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
      const headers: Record<string, string | number> = {
        'Content-Type': MIME[ext] ?? 'application/octet-stream',
        'Accept-Ranges': 'bytes',
        'Cache-Control': cacheControl(pathname),
        'Last-Modified': stats.mtime.toUTCString(),
        ETag: etag,
        'X-Content-Type-Options': 'nosniff',
      };
      const compressible = COMPRESSIBLE.has(ext) && stats.size >= MIN_COMPRESS_BYTES;
      if (compressible) headers.Vary = 'Accept-Encoding';

      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return done(304);
      }

      const rangeHeader = req.headers.range;
      const ifRange = req.headers['if-range'];
      const rangeApplies = rangeHeader && (!ifRange || ifRange === etag || ifRange === headers['Last-Modified']);
      if (rangeApplies) {
        const range = parseRange(rangeHeader, stats.size);
        if (range === 'unsatisfiable') {
          res.writeHead(416, { ...headers, 'Content-Range': `bytes */${stats.size}` }).end();
          return done(416);
        }
        if (range) {
          const [start, end] = range;
          res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${stats.size}`, 'Content-Length': end - start + 1 });
          if (req.method === 'HEAD') res.end();
          else createReadStream(file, { start, end }).on('error', (e) => res.destroy(e)).pipe(res);
          return done(206);
        }
      }

      const encoding = compressible ? pickEncoding(req.headers['accept-encoding'] as string | undefined) : null;
      if (encoding) {
        const body = await cache.get(file, stats, encoding);
        res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return done(200);
      }
      res.writeHead(200, { ...headers, 'Content-Length': stats.size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).on('error', (e) => res.destroy(e)).pipe(res);
      return done(200);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`server error: ${(e as Error).message}\n`);
      done(500);
    }
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((ok, fail) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      fail(e);
    };
    const onListening = () => {
      server.off('error', onError);
      ok();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Serves `root` on localhost; resolves once it listens. */
export async function serve(opts: ServeOptions): Promise<Serving> {
  const root = realpathSync(resolve(opts.root));
  if (!statOrNull(root)?.isDirectory()) throw new Error(`nothing to serve: ${opts.root} is not a folder`);
  const host = opts.host ?? '127.0.0.1';
  const server = createServer(handler(root, new CompressionCache(), opts.log));
  const wanted = opts.port ?? 4173;
  try {
    await listen(server, wanted, host);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || opts.fallbackPort === false) throw e;
    await listen(server, 0, host);
  }
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close((e) => (e ? fail(e) : ok()));
        server.closeAllConnections();
      }),
  };
}

/** The port asked for in `PORT`, else 4173. */
export function portFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 4173;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got: ${raw}`);
  return port;
}

/** Stops the server on Ctrl-C or SIGTERM. */
export function closeOnSignals(serving: Serving): void {
  const stop = () => {
    serving.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  const root = process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'build');
  serve({ root, port: portFromEnv() })
    .then((serving) => {
      console.log(`Kelan is serving at ${serving.url}`);
      closeOnSignals(serving);
    })
    .catch((e) => {
      console.error(`serve: ${(e as Error).message}`);
      process.exit(1);
    });
}

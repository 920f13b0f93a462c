/**
 * Serves the built dashboard (`build/`) on localhost with sirv, which gives
 * what DuckDB-WASM and SvelteKit's static output need: HTTP Range requests
 * (DuckDB reads Parquet by ranges), ETags, the `.br`/`.gz` files that
 * adapter-static's `precompress` writes, each route's prerendered `.html`, and
 * the home page for an unknown route. Around it, only what sirv leaves to its
 * caller: types and caching headers, the Range forms it misreads, 404 and 405
 * answers, request targets to refuse, timeouts for slow clients, and the port.
 *
 * sirv lists the folder when it starts: restart the server after a rebuild.
 *
 * `tsx scripts/serve.ts [folder]` serves a folder (default `build/`) on
 * `PORT` (default 4173, or any free port when that one is taken).
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex, Readable } from 'node:stream';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sirv from 'sirv';

// sirv has no type for Parquet, and none with a charset: a classic script such as embed.js is read in its host page's encoding without one.
const TYPES: Record<string, string> = {
  '.parquet': 'application/vnd.apache.parquet',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

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
  /** Milliseconds a client has to send a request's headers (default 10 s); then it gets 408 and is closed. */
  headersTimeout?: number;
  /** Milliseconds a client has to send a whole request (default 30 s, at least `headersTimeout`). */
  requestTimeout?: number;
  /** Milliseconds a connection may stay with nothing moving either way, such as a client that stops reading a response (default 60 s). */
  idleTimeout?: number;
}

/** A running server: its address and how to stop it. */
export interface Serving {
  server: Server;
  port: number;
  /** `http://localhost:PORT/` */
  url: string;
  close(): Promise<void>;
}

/**
 * The Range header in the one form sirv reads right, `bytes=first-[last]`, or
 * undefined to send the whole file (RFC 9110 lets a server ignore Range); the
 * unit in any case, as RFC 9110 has it.
 * sirv reads `bytes=-N` (the last N bytes) as the first N+1, `bytes=0-0` as the
 * whole file, and a last before the first as a stream it cannot open.
 */
export function sirvRange(range: string, size: number): string | undefined {
  const m = /^bytes=(\d*)-(\d*)$/i.exec(range.replace(/\s+/g, ''));
  if (!m) return undefined;
  const [, first, last] = m;
  if (first === '') return Number(last) > 0 ? `bytes=${Math.max(size - Number(last), 0)}-` : undefined;
  return last === '' || (Number(last) >= Number(first) && Number(last) > 0) ? `bytes=${first}-${last}` : undefined;
}

/**
 * The request target as the path and query sirv looks up, or undefined for one
 * to refuse with 400. The absolute form (`http://host/path`, which RFC 9112 has
 * a server accept) gives its path; `//x` is /x, not a host. Refused: any other
 * form (`*`, `host:port`), a path whose percent-encoding does not decode, and a
 * path with a `..` segment or a control byte (NUL above all) as it is or after
 * decoding it up to four times, with `\` read as a separator as well as `/`
 * (`/..%2f`, `/%2e%2e/`, `/%252e%252e%252f`, `/a\..\`). sirv serves only the
 * files it listed, so none of these could reach a file outside the folder; they
 * are refused so that no such request gets the home page as if it were a route.
 */
export function requestTarget(target: string): string | undefined {
  let url = target;
  if (!url.startsWith('/')) {
    const absolute = /^https?:\/\/[^/?#]*/i.exec(url);
    if (!absolute) return undefined;
    url = url.slice(absolute[0].length);
    if (!url.startsWith('/')) url = `/${url}`;
  }
  url = url.replace(/^\/+/, '/');
  let path = url.slice(0, url.search(/[?#]|$/));
  for (let depth = 0; ; depth++) {
    if (/[\0-\x1f\x7f]/.test(path) || path.split(/[\\/]/).includes('..')) return undefined;
    if (depth === 4 || !path.includes('%')) return url;
    try {
      path = decodeURIComponent(path);
    } catch {
      // A '%' that is not an escape: malformed as sent, a literal '%' once decoded.
      return depth === 0 ? undefined : url;
    }
  }
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  // Content-Length, not chunks: a HEAD gets the same headers as a GET.
  const body = Buffer.from(`${text}\n`);
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.length), 'X-Content-Type-Options': 'nosniff' }).end(body);
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

/**
 * Whether an If-Range validator names the file as it is: sirv's ETag (`W/"size-mtime"`,
 * weak in form but changing with every change of the file) or its Last-Modified date.
 * No If-Range is unchanged too.
 */
export function unchanged(ifRange: string | undefined, stats: { size: number; mtime: Date }): boolean {
  if (ifRange === undefined) return true;
  const tag = `"${stats.size}-${stats.mtime.getTime()}"`;
  return ifRange === tag || ifRange === `W/${tag}` || ifRange === stats.mtime.toUTCString();
}

/** Serves `root` on localhost; resolves once it listens. */
export async function serve(opts: ServeOptions): Promise<Serving> {
  const root = resolve(opts.root);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`nothing to serve: ${opts.root} is not a folder`);
  const files = sirv(root, {
    etag: true,
    gzip: true,
    brotli: true,
    // The prerendered shell of an unknown route (a path without an extension); SvelteKit's client router takes it from there.
    single: existsSync(join(root, '200.html')) ? '200.html' : true,
    setHeaders(res, pathname, stats) {
      const req = res.req;
      // sirv ignores If-Range. A browser that holds part of a file asks for the rest with If-Range and the
      // validator it got (the ETag, or Last-Modified): a range is served when that is still the file's, else the whole file.
      if (req.headers.range !== undefined) req.headers.range = unchanged(req.headers['if-range'] as string | undefined, stats) ? sirvRange(req.headers.range, stats.size) : undefined;
      // sirv answers a range that starts past the end with 416 and no body; Node gives the GET a Content-Length of 0 but not the HEAD.
      if (req.headers.range !== undefined && Number.parseInt(req.headers.range.slice('bytes='.length), 10) >= stats.size) res.setHeader('Content-Length', '0');
      // SvelteKit names immutable assets by their content hash; everything else, the data above all, is checked each time.
      res.setHeader('Cache-Control', pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('Accept-Ranges', 'bytes');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      const type = TYPES[extname(pathname).toLowerCase()];
      if (type) res.setHeader('Content-Type', type);
    },
  });
  const headersTimeout = opts.headersTimeout ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(opts.requestTimeout ?? 30_000, headersTimeout),
      // How often Node looks for requests past those timeouts (30 s by default).
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
    },
    (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      const url = requestTarget(req.url ?? '/');
      if (url === undefined) return plain(res, 400, 'bad request: not a path in this site');
      req.url = url;
      res.on('pipe', (body: Readable) => {
        // A file gone since sirv listed the folder (a rebuild under a running server) ends its response, not the server.
        body.on('error', () => res.destroy());
        // sirv reads the whole file for a HEAD too (DuckDB sends one for each Parquet file's size).
        if (req.method === 'HEAD') {
          body.unpipe(res).destroy();
          res.end();
        }
      });
      try {
        files(req, res, () => plain(res, 404, `not found: ${req.url}`));
      } catch (e) {
        if (!res.headersSent) plain(res, 500, `server error: ${(e as Error).message}`);
        else res.destroy();
      }
    },
  );
  // A socket with nothing moving either way, such as a client that stopped reading, is closed.
  server.timeout = opts.idleTimeout ?? 60_000;
  // Node drops a CONNECT without a word unless someone listens for it.
  server.on('connect', (_req, socket: Duplex) => socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
  const host = opts.host ?? '127.0.0.1';
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

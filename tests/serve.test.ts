import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portFromEnv, serve, sirvRange, type Serving } from '../scripts/serve.ts';

// A built site in small: prerendered pages, a hashed script with the .br and .gz that precompress writes, wasm and Parquet.
const PARQUET = Buffer.concat([Buffer.from('PAR1'), Buffer.from(Array.from({ length: 2000 }, (_, i) => i % 251)), Buffer.from('PAR1')]);
const SCRIPT = `export const label = '${'高新技术企业 '.repeat(200)}';\n`;
const FILES: Record<string, string | Buffer> = {
  'index.html': '<!doctype html><title>home</title>',
  'report.html': '<!doctype html><title>report</title>',
  'data/figures.parquet': PARQUET,
  '_app/immutable/assets/duckdb-eh.wasm': Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
  '_app/immutable/entry/app.js': SCRIPT,
  '_app/immutable/entry/app.js.br': brotliCompressSync(SCRIPT),
  '_app/immutable/entry/app.js.gz': gzipSync(SCRIPT),
  'embed.js': 'window.kelan = 1;\n',
};

function writeSite(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'kelan-serve-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request with the path exactly as given: fetch() would normalise `..` and `//` away, and decode br and gzip. */
function get(serving: Serving, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: serving.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

let root: string;
let serving: Serving;

beforeAll(async () => {
  root = writeSite(FILES);
  serving = await serve({ root, port: 0 });
});

afterAll(async () => {
  await serving?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('serve: Parquet by ranges, as DuckDB-WASM reads it', () => {
  const size = PARQUET.length;

  it('answers a range with 206, Content-Range and those bytes', async () => {
    const r = await get(serving, '/data/figures.parquet', { range: 'bytes=4-11' });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 4-11/${size}`);
    expect(r.headers['content-length']).toBe('8');
    expect(r.headers['content-type']).toBe('application/vnd.apache.parquet');
    expect(r.body).toEqual(PARQUET.subarray(4, 12));
  });

  it("answers DuckDB's HEAD with bytes=0- by 206 and the file's size, without a body", async () => {
    const r = await get(serving, '/data/figures.parquet', { range: 'bytes=0-' }, 'HEAD');
    expect(r.status).toBe(206);
    expect(r.headers['content-length']).toBe(String(size));
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.body.length).toBe(0);
  });

  it('reads the footer by a suffix range: the last bytes, not the first', async () => {
    const r = await get(serving, '/data/figures.parquet', { range: 'bytes=-8' });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes ${size - 8}-${size - 1}/${size}`);
    expect(r.body).toEqual(PARQUET.subarray(size - 8));
  });

  it.each([
    ['bytes=0-0', 'the one form of a first byte sirv misreads'],
    ['bytes=9-3', 'last before first'],
    ['bytes=0-1,5-6', 'several ranges'],
    ['items=0-5', 'not bytes'],
  ])('sends the whole file, with 200, for %s (%s)', async (range) => {
    const r = await get(serving, '/data/figures.parquet', { range });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(PARQUET);
  });

  it('sends the whole file under an If-Range whose validator is not the file\'s any more', async () => {
    for (const validator of ['W/"x"', '"1-2"', 'Thu, 01 Jan 1970 00:00:00 GMT']) {
      const r = await get(serving, '/data/figures.parquet', { range: 'bytes=0-9', 'if-range': validator });
      expect(r.status, validator).toBe(200);
      expect(r.body.length).toBe(size);
    }
  });

  it('sends the range under an If-Range naming the file as it is, by its ETag or Last-Modified (a browser resuming a read)', async () => {
    const head = await get(serving, '/data/figures.parquet', {});
    for (const validator of [head.headers.etag as string, head.headers['last-modified'] as string]) {
      const r = await get(serving, '/data/figures.parquet', { range: 'bytes=0-9', 'if-range': validator });
      expect(r.status, validator).toBe(206);
      expect(r.body).toEqual(PARQUET.subarray(0, 10));
    }
  });

  it('answers a range past the end with 416', async () => {
    const r = await get(serving, '/data/figures.parquet', { range: `bytes=${size}-` });
    expect(r.status).toBe(416);
    expect(r.headers['content-range']).toBe(`bytes */${size}`);
  });

  it('lets the browser revalidate the data by its ETag', async () => {
    const first = await get(serving, '/data/figures.parquet');
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await get(serving, '/data/figures.parquet', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
  });
});

describe('serve: precompressed files', () => {
  const path = '/_app/immutable/entry/app.js';

  it.each([
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
  ])('sends the precompressed file to a client that accepts %s', async (accept, encoding, decode) => {
    const r = await get(serving, path, { 'accept-encoding': accept });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe(encoding);
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(decode(r.body).toString()).toBe(SCRIPT);
  });

  it('sends the file as it is to a client that accepts neither, and caches hashed assets for good', async () => {
    const r = await get(serving, path);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe(SCRIPT);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

describe('serve: routes, types and odd requests', () => {
  it.each([
    ['/_app/immutable/assets/duckdb-eh.wasm', 'application/wasm'],
    ['/data/figures.parquet', 'application/vnd.apache.parquet'],
    ['/embed.js', 'text/javascript; charset=utf-8'],
    ['/', 'text/html;charset=utf-8'],
  ])('serves %s as %s, not to be sniffed', async (path, type) => {
    const r = await get(serving, path);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(type);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['/report', 'report'],
    ['/report?indicator=rd_expenditure', 'report'],
    ['//report', 'report'],
    ['/doc', 'home'],
    ['/no/such/route', 'home'],
    ['//?x', 'home'],
  ])('answers %s with the prerendered page %s', async (path, title) => {
    const r = await get(serving, path);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain(`<title>${title}</title>`);
  });

  it.each(['/_app/immutable/entry/missing.js', '/data/missing.parquet', '/favicon.ico'])('answers a missing asset %s with 404', async (path) => {
    const r = await get(serving, path);
    expect(r.status).toBe(404);
    expect(r.body.toString()).toContain(`not found: ${path}`);
  });

  it.each(['/../../../../etc/passwd', '/..%2f..%2f..%2f..%2fetc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%', '/%E4%B8', '/a\\..\\..\\etc\\passwd'])(
    'answers %s without an error or a file outside the folder',
    async (path) => {
      const r = await get(serving, path);
      expect(r.status).toBeLessThan(500);
      expect(r.body.toString()).not.toContain('root:');
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    const r = await get(serving, '/', {}, 'POST');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });

  it('falls back to 200.html when the build has one', async () => {
    const other = writeSite({ 'index.html': '<title>home</title>', '200.html': '<title>shell</title>' });
    const s = await serve({ root: other, port: 0 });
    try {
      expect((await get(s, '/no/such/route')).body.toString()).toContain('<title>shell</title>');
      expect((await get(s, '/')).body.toString()).toContain('<title>home</title>');
    } finally {
      await s.close();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('ends the response, not the server, when a file went away after it started', async () => {
    const other = writeSite({ 'index.html': '<title>home</title>', 'gone.js': 'x' });
    const s = await serve({ root: other, port: 0 });
    try {
      rmSync(join(other, 'gone.js'));
      await get(s, '/gone.js').catch(() => undefined);
      expect((await get(s, '/')).status).toBe(200);
    } finally {
      await s.close();
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('serve: address', () => {
  it('listens on loopback only', () => {
    expect((serving.server.address() as { address: string }).address).toBe('127.0.0.1');
    expect(serving.url).toBe(`http://localhost:${serving.port}/`);
  });

  it('takes another port when the one asked for is taken, unless told not to', async () => {
    const s = await serve({ root, port: serving.port });
    try {
      expect(s.port).not.toBe(serving.port);
      expect((await get(s, '/')).status).toBe(200);
    } finally {
      await s.close();
    }
    await expect(serve({ root, port: serving.port, fallbackPort: false })).rejects.toThrow(/EADDRINUSE/);
  });

  it('says what is wrong with a folder it cannot serve', async () => {
    await expect(serve({ root: join(root, 'nowhere'), port: 0 })).rejects.toThrow(/nothing to serve: .*nowhere is not a folder/);
    await expect(serve({ root: join(root, 'index.html'), port: 0 })).rejects.toThrow(/not a folder/);
  });

  it.each([
    [{}, 4173],
    [{ PORT: '' }, 4173],
    [{ PORT: '0' }, 0],
    [{ PORT: '8080' }, 8080],
  ])('reads the port from %o: %i', (env, port) => {
    expect(portFromEnv(env)).toBe(port);
  });

  it.each(['x', '-1', '65536', '80.5'])('refuses PORT=%s', (raw) => {
    expect(() => portFromEnv({ PORT: raw })).toThrow(`PORT must be a port number, got: ${raw}`);
  });
});

describe('sirvRange', () => {
  it.each([
    ['bytes=0-', 100, 'bytes=0-'],
    ['bytes=10-19', 100, 'bytes=10-19'],
    ['bytes = 10 - 19', 100, 'bytes=10-19'],
    ['bytes=-8', 100, 'bytes=92-'],
    ['bytes=-500', 100, 'bytes=0-'],
    ['bytes=-0', 100, undefined],
    ['bytes=0-0', 100, undefined],
    ['bytes=5-5', 100, 'bytes=5-5'],
    ['bytes=9-3', 100, undefined],
    ['bytes=-', 100, undefined],
    ['bytes=0-1,5-6', 100, undefined],
  ])('%s of %i bytes → %s', (range, size, expected) => {
    expect(sirvRange(range, size)).toBe(expected);
  });
});

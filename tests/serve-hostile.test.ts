/**
 * The local server (scripts/serve.ts) against hostile requests, on loopback:
 * path traversal in every encoding, overlong request lines and headers,
 * malformed and multi-range `Range` headers, HEAD, slow and stalled clients,
 * many connections at once. Requests go over raw sockets, since fetch() and
 * node:http would normalise or refuse what is sent here. The site lives in a
 * temporary folder whose parent holds files that must never be served; every
 * answer of the file is checked for their content.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestTarget, serve, type Serving } from '../scripts/serve.ts';

const SECRET = 'KELAN-SECRET-4f1c9';
const PARQUET = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
const SITE: Record<string, string | Buffer> = {
  'index.html': '<!doctype html><title>home</title>',
  'report.html': '<!doctype html><title>report</title>',
  'data/a.txt': '0123456789abcdef',
  'data/figures.parquet': PARQUET,
  'app.js': 'export const x = 1;\n'.repeat(50),
  'app.js.gz': gzipSync('export const x = 1;\n'.repeat(50)),
  // Inside the folder but hidden: sirv does not list dotfiles.
  '.env': `TOKEN=${SECRET}`,
  '.hidden.txt': SECRET,
};
// Beside and above the folder: nothing here may ever be served.
const OUTSIDE: Record<string, string> = {
  secret: SECRET,
  'secret.txt': SECRET,
  'secret.html': `<title>${SECRET}</title>`,
  // A sibling whose name starts with the site's: a prefix check without a separator would let it through.
  'site-private/secret.txt': SECRET,
};

let parent: string;
let root: string;
let serving: Serving;
/** Every byte any server of this file sent, checked at the end for what lies outside the site. */
const received: Buffer[] = [];

function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
}

beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'kelan-hostile-'));
  root = join(parent, 'site');
  writeFiles(root, SITE);
  writeFiles(parent, OUTSIDE);
  serving = await serve({ root, port: 0 });
});

afterAll(async () => {
  await serving?.close();
  if (parent) rmSync(parent, { recursive: true, force: true });
});

interface Answer {
  status: number;
  statusLine: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Sends `data` on a fresh connection and resolves with all the server sent
 * once it closes (requests here say `Connection: close`), or rejects after
 * `limit` ms. A reset after the answer (the server closing with part of an
 * overlong request unread) counts as a close.
 */
function exchange(port: number, data: string | Buffer, limit = 5000): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new Error(`no close within ${limit} ms after sending ${JSON.stringify(String(data).slice(0, 80))}`));
    }, limit);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      received.push(all);
      ok(all);
    });
    socket.write(data);
  });
}

/** The answers in `raw`, one after another; `head[i]` says the i-th answered a HEAD (headers only). */
function parseAnswers(raw: Buffer, head: boolean[] = []): Answer[] {
  const answers: Answer[] = [];
  let at = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\r\n\r\n', at);
    if (end < 0) throw new Error(`an answer without the end of its headers: ${JSON.stringify(raw.subarray(at).toString('latin1').slice(0, 200))}`);
    const [statusLine, ...lines] = raw.subarray(at, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      headers[name] = headers[name] === undefined ? line.slice(colon + 1).trim() : `${headers[name]}, ${line.slice(colon + 1).trim()}`;
    }
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
    const length = head[answers.length] || status === 304 ? 0 : headers['content-length'] !== undefined ? Number(headers['content-length']) : raw.length - end - 4;
    expect(headers['transfer-encoding'], 'answers here have a Content-Length').toBeUndefined();
    answers.push({ status, statusLine, headers, body: raw.subarray(end + 4, end + 4 + length) });
    at = end + 4 + length;
  }
  return answers;
}

/** One request with the target exactly as given. */
async function ask(target: string, headers: Record<string, string> = {}, method = 'GET', port = serving.port): Promise<Answer> {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'Connection: close'];
  const raw = await exchange(port, `${lines.join('\r\n')}\r\n\r\n`);
  const answers = parseAnswers(raw, [method === 'HEAD']);
  expect(answers).toHaveLength(1);
  return answers[0];
}

/** Runs `task` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i]);
      }
    }),
  );
  return out;
}

function noSecret(a: Answer | Buffer): void {
  const text = Buffer.isBuffer(a) ? a.toString('latin1') : `${a.statusLine}\n${JSON.stringify(a.headers)}\n${a.body.toString('latin1')}`;
  expect(text).not.toContain(SECRET);
  expect(text).not.toMatch(/root:.*:0:0:/);
}

// Dots, separators and how many times each is encoded: /../, /..%2f, /%2e%2e/, /%252e%252e%252f, backslashes.
const DOTS = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '%25252e%25252e'];
const SEPARATORS = ['/', '%2f', '%2F', '%252f', '\\', '%5c', '%255C'];
const FROM = [
  ['/', 1],
  ['/data/', 2],
] as const;
const TARGETS = ['secret', 'secret.txt', 'secret.html', 'site-private/secret.txt', 'etc/passwd'];
const TRAVERSALS = DOTS.flatMap((dot) =>
  SEPARATORS.flatMap((sep) => FROM.flatMap(([from, depth]) => TARGETS.map((target) => `${from}${`${dot}${sep}`.repeat(depth)}${target}`))),
);

describe('serve, hostile: path traversal', () => {
  it(`refuses each of ${TRAVERSALS.length} traversals (dots × separators × encodings) with 400, serving nothing outside the site`, async () => {
    expect(TRAVERSALS).toContain('/../secret');
    expect(TRAVERSALS).toContain('/..%2fsecret');
    expect(TRAVERSALS).toContain('/%2e%2e/secret');
    expect(TRAVERSALS).toContain('/%252e%252e%252fsecret');
    expect(TRAVERSALS).toContain('/data/..\\..\\secret.txt');
    const answers = await pool(TRAVERSALS, 16, (t) => ask(t));
    const wrong = TRAVERSALS.filter((_, i) => answers[i].status !== 400);
    expect(wrong).toEqual([]);
    for (const a of answers) {
      noSecret(a);
      expect(a.body.toString()).toBe('bad request: not a path in this site\n');
    }
  });

  it.each([
    ['http://127.0.0.1/../secret.txt', 400],
    ['http://127.0.0.1/..%2fsecret.txt', 400],
    ['HTTP://localhost:1/%2e%2e/secret', 400],
    ['file:///etc/passwd', 400],
    ['*', 400],
    ['127.0.0.1:22', 400],
    ['secret.txt', 400],
    ['../secret.txt', 400],
  ])('refuses the request target %s with %i', async (target, status) => {
    const a = await ask(target);
    expect(a.status).toBe(status);
    noSecret(a);
  });

  it.each([
    ['/data/a.txt%00', 400],
    ['/data/a.txt%00.html', 400],
    ['/%00', 400],
    ['/index.html%2500', 400],
    ['/data%0a/a.txt', 400],
    ['/%', 400],
    ['/%zz', 400],
    ['/%E4%B8', 400],
    ['/.env', 200],
    ['/.hidden.txt', 404],
    ['/site-private/secret.txt', 404],
    ['/secret', 200],
  ])('answers %s with %i and nothing hidden or outside (NUL, control bytes, bad escapes, dotfiles)', async (target, status) => {
    const a = await ask(target);
    expect(a.status).toBe(status);
    // An unknown route without an extension gets the home page, as any route the app's router takes over.
    if (status === 200) expect(a.body.toString()).toContain('<title>home</title>');
    noSecret(a);
  });

  it('refuses a raw NUL or control byte in the request line with 400 (Node parser) and keeps serving', async () => {
    for (const bad of ['/data/a.txt\0', '/\x01', '/a\x7fb']) {
      const raw = await exchange(serving.port, `GET ${bad} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(raw.toString('latin1')).toMatch(/^HTTP\/1\.1 400 /);
      noSecret(raw);
    }
    expect((await ask('/data/a.txt')).body.toString()).toBe('0123456789abcdef');
  });

  it.each([
    ['http://127.0.0.1/data/a.txt', '0123456789abcdef'],
    ['HTTP://example.org:8080/data/a.txt?x=1', '0123456789abcdef'],
    ['http://127.0.0.1', '<!doctype html><title>home</title>'],
    ['//data/a.txt', '0123456789abcdef'],
    ['/data/a.txt?../../secret.txt', '0123456789abcdef'],
    ['/data/a.txt#../../secret.txt', '0123456789abcdef'],
    ['/report?p=%2e%2e%2fsecret', '<!doctype html><title>report</title>'],
  ])('serves %s, the absolute form as its path and the query left alone', async (target, body) => {
    const a = await ask(target);
    expect(a.status).toBe(200);
    expect(a.body.toString()).toBe(body);
  });
});

describe('serve, hostile: overlong requests', () => {
  it.each([
    ['a 100 KB request line', `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['a 100 KB URL in the absolute form', `GET http://127.0.0.1/${'%2e'.repeat(34_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['a 100 KB header', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`],
    ['a 100 KB Range header', `GET /data/a.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=${'0-1,'.repeat(25_000)}0-1\r\n\r\n`],
    ['5,000 short headers', `GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 5000 }, (_, i) => `X-${i}: 1\r\n`).join('')}\r\n`],
  ])('answers %s with 431 and closes', async (_, request) => {
    const raw = await exchange(serving.port, request);
    expect(raw.toString('latin1')).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });

  it('answers a long URL under the limit (8 KB) as any other, then serves the next request', async () => {
    expect((await ask(`/${'a'.repeat(8000)}.js`)).status).toBe(404);
    expect((await ask(`/${'a'.repeat(8000)}`)).status).toBe(200);
    expect((await ask(`/..%2f${'a'.repeat(8000)}`)).status).toBe(400);
    expect((await ask('/data/a.txt')).body.toString()).toBe('0123456789abcdef');
  });
});

describe('serve, hostile: Range headers', () => {
  const size = PARQUET.length;
  const path = '/data/figures.parquet';

  it.each([
    'bytes=0-0,5-9',
    'bytes=0-1,5-6',
    'bytes=1-2,1-2',
    'bytes=0-,0-',
    'bytes=0-1, 2-3, 4-5, 6-7, 8-9, 10-11, 12-13, 14-15, 16-17, 18-19',
    'bytes=abc',
    'bytes=',
    'bytes=-',
    'bytes=--1',
    'bytes=1-2-3',
    'bytes=9-5',
    'bytes=0x10-0x20',
    'bytes=1e3-',
    'bytes=-0',
    'bytes=0-0',
    'bytes=+1-2',
    'bytes=١-٢',
    'bytes 0-5',
    'bytes=0-5;',
    '=0-5',
    'bits=0-5',
    '',
  ])('sends the whole file with 200 for Range: %s (multi-range, malformed or misread by sirv; HTTP lets a server ignore Range)', async (range) => {
    const a = await ask(path, { Range: range });
    expect(a.status).toBe(200);
    expect(a.headers['content-range']).toBeUndefined();
    expect(a.headers['content-length']).toBe(String(size));
    expect(a.body.equals(PARQUET)).toBe(true);
  });

  it('sends the whole file with 200 for two Range headers', async () => {
    const raw = await exchange(serving.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nRange: bytes=1-2\r\nRange: bytes=3-4\r\nConnection: close\r\n\r\n`);
    const [a] = parseAnswers(raw);
    expect(a.status).toBe(200);
    expect(a.body.equals(PARQUET)).toBe(true);
  });

  it.each([
    ['bytes=999999-', '999999'],
    [`bytes=${size}-`, String(size)],
    [`bytes=${size}-${size + 10}`, String(size)],
    ['bytes=99999999999999999999999999-', 'huge'],
  ])('answers Range: %s, past the end, with 416 and bytes */size', async (range) => {
    const a = await ask(path, { Range: range });
    expect(a.status).toBe(416);
    expect(a.headers['content-range']).toBe(`bytes */${size}`);
    expect(a.headers['content-length']).toBe('0');
    expect(a.body.length).toBe(0);
  });

  it.each([
    ['bytes=3-3', 3, 3],
    ['bytes=0-99999999', 0, size - 1],
    [`bytes=${size - 1}-`, size - 1, size - 1],
    ['bytes=-99999', 0, size - 1],
    ['bytes=-1', size - 1, size - 1],
    [' bytes = 10 - 19 ', 10, 19],
    ['BYTES=0-5', 0, 5],
  ])('answers Range: %s with 206 and bytes %i-%i', async (range, first, last) => {
    const a = await ask(path, { Range: range });
    expect(a.status).toBe(206);
    expect(a.headers['content-range']).toBe(`bytes ${first}-${last}/${size}`);
    expect(a.headers['content-length']).toBe(String(last - first + 1));
    expect(a.body.equals(PARQUET.subarray(first, last + 1))).toBe(true);
  });
});

describe('serve, hostile: HEAD', () => {
  it.each([
    ['/data/a.txt', {}],
    ['/data/figures.parquet', {}],
    ['/data/figures.parquet', { Range: 'bytes=0-' }],
    ['/data/figures.parquet', { Range: 'bytes=10-19' }],
    ['/data/figures.parquet', { Range: 'bytes=0-0,5-9' }],
    ['/data/figures.parquet', { Range: 'bytes=999999-' }],
    ['/app.js', { 'Accept-Encoding': 'gzip' }],
    ['/', {}],
    ['/no/such/route', {}],
    ['/missing.js', {}],
    ['/..%2fsecret.txt', {}],
    ['http://127.0.0.1/data/a.txt', {}],
  ] as [string, Record<string, string>][])('answers HEAD %s %o with the headers of the GET and no body', async (target, headers) => {
    const get = await ask(target, headers, 'GET');
    const head = await ask(target, headers, 'HEAD');
    const without = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'date'));
    expect(head.statusLine).toBe(get.statusLine);
    expect(without(head.headers)).toEqual(without(get.headers));
    expect(head.body.length).toBe(0);
    noSecret(get);
  });

  it('sends no body after a HEAD even on a connection kept open, and answers the next request on it', async () => {
    const raw = await exchange(
      serving.port,
      'HEAD /data/figures.parquet HTTP/1.1\r\nHost: x\r\n\r\nGET /data/a.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=2-4\r\n\r\nGET /..%2fsecret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    const [head, range, refused] = parseAnswers(raw, [true, false, false]);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(PARQUET.length));
    expect(range.status).toBe(206);
    expect(range.body.toString()).toBe('234');
    expect(refused.status).toBe(400);
  });
});

describe('serve, hostile: methods', () => {
  it.each([
    ['CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n', 405],
    ['OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405],
    ['TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405],
    ['DELETE /data/a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405],
    ['POST /data/a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello', 405],
    ['GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
    ['GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
    ['GARBAGE\r\n\r\n', 400],
  ])('answers %j with %i', async (request, status) => {
    const raw = await exchange(serving.port, request);
    expect(raw.toString('latin1')).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    noSecret(raw);
  });
});

describe('serve, hostile: many clients and slow ones', () => {
  const CASES: [string, Record<string, string>, string, number, (b: Buffer) => boolean][] = [
    ['/data/a.txt', {}, 'GET', 200, (b) => b.toString() === '0123456789abcdef'],
    ['/data/figures.parquet', { Range: 'bytes=100-199' }, 'GET', 206, (b) => b.equals(PARQUET.subarray(100, 200))],
    ['/data/figures.parquet', { Range: 'bytes=0-0,5-9' }, 'GET', 200, (b) => b.equals(PARQUET)],
    ['/%252e%252e%252fsecret.txt', {}, 'GET', 400, () => true],
    ['/missing.parquet', {}, 'GET', 404, () => true],
    ['/data/figures.parquet', { Range: 'bytes=0-' }, 'HEAD', 206, (b) => b.length === 0],
    ['/report', {}, 'GET', 200, (b) => b.toString().includes('<title>report</title>')],
  ];

  it('answers 200 connections opened at once, each correctly', async () => {
    const n = 200;
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => ask(...(CASES[i % CASES.length].slice(0, 3) as [string, Record<string, string>, string]))));
    const wrong = answers.flatMap((a, i) => {
      const [target, , , status, body] = CASES[i % CASES.length];
      return a.status === status && body(a.body) ? [] : [`${i} ${target}: ${a.status}`];
    });
    expect(wrong).toEqual([]);
    answers.forEach(noSecret);
  });

  it('defaults to timeouts that close slow clients: 10 s for headers, 30 s for a request, 60 s of silence', () => {
    expect(serving.server.headersTimeout).toBe(10_000);
    expect(serving.server.requestTimeout).toBe(30_000);
    expect(serving.server.timeout).toBe(60_000);
  });

  it('closes clients that stall mid-request or never send a byte within a bounded time, serving others meanwhile', async () => {
    // Short timeouts, so the test takes a few seconds: a client past them gets 408 (or is dropped) and is closed.
    const quick = await serve({ root, port: 0, headersTimeout: 500, requestTimeout: 1000, idleTimeout: 1000 });
    const BOUND = 8000;
    const stalled = (first: string, trickle?: string) =>
      new Promise<{ ms: number; text: string }>((ok, fail) => {
        const start = Date.now();
        const socket = connect(quick.port, '127.0.0.1');
        const chunks: Buffer[] = [];
        let drip: NodeJS.Timeout | undefined;
        const timer = setTimeout(() => {
          clearInterval(drip);
          socket.destroy();
          fail(new Error(`a client that sent ${JSON.stringify(first)} was still open after ${BOUND} ms`));
        }, BOUND);
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearTimeout(timer);
          clearInterval(drip);
          const all = Buffer.concat(chunks);
          received.push(all);
          ok({ ms: Date.now() - start, text: all.toString('latin1') });
        });
        if (first) socket.write(first);
        // A slowloris: one more byte of header every 100 ms, never finishing.
        if (trickle) {
          let i = 0;
          drip = setInterval(() => socket.writable && socket.write(trickle[i++ % trickle.length]), 100);
        }
      });
    try {
      const slow = [
        ...Array.from({ length: 10 }, () => stalled('GET /data/a.t')),
        stalled('GET /data/a.txt HTTP/1.1\r\nHost: x\r\n'),
        stalled('GET /data/a.txt HTTP/1.1\r\nHost: x\r\nX-Slow: ', 'abcdefgh'),
        stalled(''),
      ];
      // Others are served while those hang.
      const others = await Promise.all(Array.from({ length: 20 }, () => ask('/data/a.txt', {}, 'GET', quick.port)));
      expect(others.map((a) => `${a.status} ${a.body}`)).toEqual(Array(20).fill('200 0123456789abcdef'));
      const closed = await Promise.all(slow);
      for (const c of closed) {
        expect(c.ms).toBeLessThan(BOUND);
        expect(c.text === '' || c.text.startsWith('HTTP/1.1 408 Request Timeout\r\n')).toBe(true);
      }
      // The half-sent request lines got their 408.
      expect(closed.slice(0, 10).every((c) => c.text.startsWith('HTTP/1.1 408'))).toBe(true);
      expect((await ask('/data/a.txt', {}, 'GET', quick.port)).status).toBe(200);
    } finally {
      await quick.close();
    }
  }, 20_000);

  it('closes a client that stops reading a large file, within a bounded time, serving others meanwhile', async () => {
    const big = mkdtempSync(join(tmpdir(), 'kelan-hostile-big-'));
    const size = 32 * 1024 * 1024;
    writeFiles(big, { 'index.html': '<title>home</title>', 'big.bin': Buffer.alloc(size, 7) });
    const quick = await serve({ root: big, port: 0, headersTimeout: 500, requestTimeout: 1000, idleTimeout: 1000 });
    try {
      const serverSockets = new Map<number, Socket>();
      quick.server.on('connection', (s: Socket) => serverSockets.set(s.remotePort ?? 0, s));
      const socket = connect(quick.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.pause();
      await new Promise((ok) => socket.once('connect', ok));
      socket.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((ok) => setTimeout(ok, 50));
      const served = serverSockets.get(socket.localPort ?? -1);
      expect(served).toBeDefined();
      const serverSide = new Promise((ok) => (served!.destroyed ? ok(undefined) : served!.once('close', ok)));
      const other = await ask('/index.html', {}, 'GET', quick.port);
      expect(other.status).toBe(200);
      const start = Date.now();
      await Promise.race([serverSide, new Promise((_, fail) => setTimeout(() => fail(new Error('the stalled reader was not closed within 8 s')), 8000))]);
      expect(Date.now() - start).toBeLessThan(8000);
      // What reached the client before the close is less than the file: the response was cut, not completed.
      let got = 0;
      socket.on('data', (c: Buffer) => (got += c.length));
      socket.resume();
      await new Promise((ok) => socket.once('close', ok));
      expect(got).toBeGreaterThan(0);
      expect(got).toBeLessThan(size);
    } finally {
      await quick.close();
      rmSync(big, { recursive: true, force: true });
    }
  }, 20_000);
});

describe('requestTarget', () => {
  it.each([
    ['/', '/'],
    ['//x', '/x'],
    ['///data/a.txt?q=1', '/data/a.txt?q=1'],
    ['http://h', '/'],
    ['http://h?x', '/?x'],
    ['https://h:1/a/b?c', '/a/b?c'],
    ['/a..b/c..', '/a..b/c..'],
    ['/%E6%B9%96%E5%8C%97', '/%E6%B9%96%E5%8C%97'],
    ['/100%25', '/100%25'],
    ['/a?x=%', '/a?x=%'],
    ['/a?../../etc', '/a?../../etc'],
    ['/..', undefined],
    ['/a/..', undefined],
    ['/a/%2E%2e', undefined],
    ['/%2525252e%2525252e/', undefined],
    ['/%252525252e%252525252e/', '/%252525252e%252525252e/'],
    ['/a\\..', undefined],
    ['/%00', undefined],
    ['/%', undefined],
    ['', undefined],
    ['*', undefined],
    ['ftp://h/a', undefined],
    ['h:80', undefined],
  ])('%j → %j', (target, expected) => {
    expect(requestTarget(target)).toBe(expected);
  });
});

describe('serve, hostile: the whole file', () => {
  it('never sent a byte of what lies outside the site or hidden in it', () => {
    expect(received.length).toBeGreaterThan(0);
    for (const r of received) noSecret(r);
  });
});

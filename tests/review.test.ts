import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { review, TOKEN_HEADER, type Reviewing } from '../scripts/review.ts';
import { readParquet } from './helpers/parquet.ts';

// The review server's write endpoint: only its own page, with this run's token, may write a correction.
const root = resolve(import.meta.dirname, '..');
type Fig = { figure_id: string; doc_id: string; raw_start: number; raw_end: number; quote: string; year: number | null; indicator: string; reviewed: boolean };

let work: string;
let server: Reviewing;
let origin: string;
let fig: Fig;
let sha: string;
let corrections: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kelan-review-'));
  cpSync(join(root, 'seeds'), join(work, 'corpus'), { recursive: true });
  mkdirSync(join(work, 'site'));
  writeFileSync(join(work, 'site', 'index.html'), '<!doctype html><title>site</title>');
  corrections = join(work, 'corrections');
  server = await review({ site: join(work, 'site'), input: join(work, 'corpus'), output: join(work, 'data'), cache: join(work, 'cache'), corrections, port: 0, who: 'tester' });
  origin = `http://localhost:${server.port}`;
  const figs = await readParquet<Fig>(join(work, 'data', 'figures.parquet'), "SELECT * FROM t WHERE year IS NOT NULL AND indicator <> 'other' ORDER BY figure_id LIMIT 1");
  fig = figs[0];
  [{ sha256: sha }] = await readParquet<{ sha256: string }>(join(work, 'data', 'documents.parquet'), `SELECT sha256 FROM t WHERE doc_id = '${fig.doc_id.replace(/'/g, "''")}'`);
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const good = () => ({ doc_id: fig.doc_id, sha256: sha, raw_start: fig.raw_start, raw_end: fig.raw_end, quote: fig.quote, action: 'fix', set: { year: fig.year! - 1 }, note: 'test' });
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}api/review`, { method: 'POST', headers: { 'content-type': 'application/json', origin, [TOKEN_HEADER]: server.token, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const rawPost = (headers: Record<string, string>) => new Promise<number>((ok, fail) => {
  const body = JSON.stringify(good());
  const req = request({ host: '127.0.0.1', port: server.port, path: '/api/review', method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
    res.resume();
    ok(res.statusCode!);
  });
  req.on('error', fail);
  req.end(body);
});
const lines = () => (existsSync(join(corrections, 'review.jsonl')) ? readFileSync(join(corrections, 'review.jsonl'), 'utf8').split('\n').filter(Boolean) : []);

describe('review endpoint', () => {
  it('gives its token to a same-origin GET, without CORS headers', async () => {
    const r = await fetch(`${server.url}api/review/token`);
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect((await r.json()).token).toBe(server.token);
    const other = await fetch(`${server.url}api/review/token`, { headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(403);
  });

  it('refuses without the token, with a wrong one, from another Origin or Host, and other methods', async () => {
    const { [TOKEN_HEADER]: _t, ...noToken } = { [TOKEN_HEADER]: '' };
    const bare = await fetch(`${server.url}api/review`, { method: 'POST', headers: { 'content-type': 'application/json', origin, ...noToken }, body: JSON.stringify(good()) });
    expect(bare.status).toBe(403);
    expect((await post(good(), { [TOKEN_HEADER]: 'x'.repeat(server.token.length) })).status).toBe(403);
    expect((await post(good(), { [TOKEN_HEADER]: `${server.token}x` })).status).toBe(403);
    expect((await post(good(), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(good(), { origin: 'null' })).status).toBe(403);
    expect((await fetch(`${server.url}api/review`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token }, body: JSON.stringify(good()) })).status).toBe(403);
    // fetch() will not send another Host: a raw request, as a page of a rebound name would send it.
    expect(await rawPost({ host: `evil.example:${server.port}`, origin: `http://evil.example:${server.port}` })).toBe(403);
    expect(await rawPost({ host: `evil.example:${server.port}`, origin })).toBe(403);
    expect((await fetch(`${server.url}api/review`)).status).toBe(405);
    expect(lines()).toEqual([]);
  });

  it('refuses a bad correction with 400 naming the problem, and keeps serving', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{"doc_id": "x", not json', /^not JSON/],
      ['[1,2]', /not a JSON object/],
      [{ ...good(), set: { indicator: 'no_such_indicator' } }, /set\.indicator: "no_such_indicator" is not a indicator/],
      [{ ...good(), set: { year: '2020' } }, /set\.year/],
      [{ ...good(), set: { region: 'atlantis' } }, /set\.region/],
      [{ ...good(), action: 'approve' }, /^action/],
      [{ ...good(), doc_id: 'no/such/doc' }, /doc_id: no document/],
      [{ ...good(), sha256: '0'.repeat(64) }, /sha256/],
      [{ ...good(), quote: `${fig.quote.slice(1)}x` }, /quote/],
      [{ ...good(), extra: 1 }, /unknown field extra/],
    ];
    for (const [body, why] of cases) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((await r.json()).error).toMatch(why);
    }
    expect(lines()).toEqual([]);
    expect((await fetch(`${server.url}data/run.json`)).status).toBe(200);
  });

  it('accepts a good one: a line in corrections/, a new run, the fix in the data', async () => {
    const before = server.report()!.data_version;
    const r = await post(good());
    expect(r.status).toBe(200);
    const answer = await r.json();
    expect(answer).toMatchObject({ fate: 'applied', source: 'review.jsonl:1' });
    expect(answer.data_version).not.toBe(before);
    expect(lines().map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ ...good(), who: 'tester' })]);
    const served = await (await fetch(`${server.url}data/run.json`)).json();
    expect(served.data_version).toBe(answer.data_version);
    const [now] = await readParquet<Fig>(join(work, 'data', 'figures.parquet'), `SELECT * FROM t WHERE doc_id = '${fig.doc_id.replace(/'/g, "''")}' AND raw_start = ${fig.raw_start}`);
    expect(now).toMatchObject({ year: fig.year! - 1, reviewed: true });
    const points = await readParquet<{ figure_id: string; year: number; n_reviewed: number }>(join(work, 'data', 'series', fig.indicator, `${(now as unknown as { region: string }).region}.parquet`));
    expect(points.find((p) => p.year === fig.year! - 1 && p.n_reviewed > 0)).toBeDefined();
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureRow, RunReport } from '../src/lib/types.ts';
import { runPipeline } from '../pipelines/run.ts';
import { readParquet } from './helpers/parquet.ts';

const root = resolve(import.meta.dirname, '..');
// The five seed documents (the corpus's other folders are read by the pipeline tests).
const seeds = readdirSync(join(root, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** What a figure means, whatever script or encoding its document came in. */
const meaning = (f: FigureRow) => [f.doc_id.replace(/\.\w+$/, ''), f.indicator, f.region, f.year, f.stance, f.measure, f.value, f.unit, f.qualifier, f.period].join('|');

async function extract(files: Record<string, Uint8Array | string>): Promise<{ figures: FigureRow[]; report: RunReport }> {
  const dir = mkdtempSync(join(tmpdir(), 'kelan-variant-'));
  mkdirSync(join(dir, 'in'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, 'in', name), content);
  const report = await runPipeline({ input: join(dir, 'in'), output: join(dir, 'out') });
  return { figures: await readParquet<FigureRow>(join(dir, 'out', 'figures.parquet')), report };
}

function cluttered(title: string, text: string): string {
  const body = text.split('\n').map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<style>p { margin: 0 } .nav { color: red }</style><script>var hits = 12345; document.write('访问量 99999 次');</script></head>
<body><nav class="nav"><a href="/">首页</a> | <a href="/a">新闻中心</a> | <a href="/b">政务公开</a></nav>
<div class="share">分享到：微信 微博</div><article>${body}</article>
<footer>版权所有 © 2024 某某网站 备案号：鄂ICP备12345678号-1 联系电话：027-88888888</footer></body></html>`;
}

let original: string[];

beforeAll(async () => {
  const files = Object.fromEntries(seeds.map((f) => [f, readFileSync(join(root, 'seeds', f))]));
  original = (await extract(files)).figures.map(meaning).sort();
});

describe('the same figures whatever the form', () => {
  it('in Traditional script', async () => {
    const files = Object.fromEntries(seeds.map((f) => [f, toTraditional(readFileSync(join(root, 'seeds', f), 'utf8'))]));
    const { figures, report } = await extract(files);
    expect(report.documents_refused).toBe(0);
    expect(figures.map(meaning).sort()).toEqual(original);
  });

  it('as GBK (GB18030) bytes', async () => {
    const files = Object.fromEntries(seeds.map((f) => [f, iconv.encode(readFileSync(join(root, 'seeds', f), 'utf8'), 'gb18030')]));
    const { figures, report } = await extract(files);
    expect(report.documents_refused).toBe(0);
    expect(figures.map(meaning).sort()).toEqual(original);
  });

  it('as Big5 bytes of the Traditional text', async () => {
    // Big5 has no tone-marked Latin letters, so a Big5 page cannot carry 字(pinyin) annotations.
    const plain = (f: string) => readFileSync(join(root, 'seeds', f), 'utf8').replace(/(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g, '');
    const files = Object.fromEntries(seeds.map((f) => [f, iconv.encode(toTraditional(plain(f)), 'big5')]));
    const { figures } = await extract(files);
    expect(figures.map(meaning).sort()).toEqual(original);
  });

  it('wrapped in a cluttered web page', async () => {
    const files = Object.fromEntries(seeds.map((f) => {
      const text = readFileSync(join(root, 'seeds', f), 'utf8');
      return [f.replace(/\.txt$/, '.html'), cluttered(text.split('\n')[0], text)];
    }));
    const { figures, report } = await extract(files);
    expect(report.documents_refused).toBe(0);
    expect(figures.map(meaning).sort()).toEqual(original);
  });
});

describe('bad files', () => {
  it('are refused by name while the good documents go through, exit status 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kelan-bad-'));
    const input = join(dir, 'in');
    mkdirSync(join(input, 'nested'), { recursive: true });
    const good = readFileSync(join(root, 'seeds', seeds[4]));
    writeFileSync(join(input, seeds[4]), good);
    writeFileSync(join(input, 'empty.txt'), '');
    writeFileSync(join(input, 'nested', 'binary.txt'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096)]));
    // A file cut in the middle of a character: the first two bytes of the three of 受.
    writeFileSync(join(input, 'truncated.txt'), Buffer.concat([good, Buffer.from([0xe5, 0x8f])]));
    writeFileSync(join(input, 'one-line.txt'), '科技'.repeat(10 * 1024 * 1024));
    writeFileSync(join(input, 'report.pdf'), '%PDF-1.4');

    const run = spawnSync('npx', ['tsx', 'pipelines/cli.ts', '--in', input, '--out', join(dir, 'out')], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'run.json'), 'utf8')) as RunReport;
    const reasons = Object.fromEntries(report.refused.map((r) => [r.file, r.reason]));
    // Only what is not a document is refused; a file cut mid-character and a 20 MB line are read.
    expect(Object.keys(reasons).sort()).toEqual(['empty.txt', 'nested/binary.txt', 'report.pdf']);
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['nested/binary.txt']).toBe('not text: a PNG image');
    expect(reasons['report.pdf']).toMatch(/truncated PDF/);
    expect(report.documents_read).toBe(3);
    expect(report.figures_written).toBeGreaterThan(40);
    for (const file of Object.keys(reasons)) expect(run.stdout).toContain(`refused ${file}`);
  });

  it('read with what was damaged or cut said in documents.warnings, and no figure beside a replaced character', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kelan-damaged-'));
    const input = join(dir, 'in');
    mkdirSync(input, { recursive: true });
    const good = readFileSync(join(root, 'seeds', seeds[4]));
    // A character cut at the end; a byte inside a number of the text made invalid.
    const digit = /\d{3,}/.exec(good.toString('latin1'))!.index;
    const flipped = Buffer.from(good);
    flipped[digit + 1] = 0xff;
    writeFileSync(join(input, 'truncated.txt'), Buffer.concat([good, Buffer.from([0xe5, 0x8f])]));
    writeFileSync(join(input, 'flipped.txt'), flipped);
    writeFileSync(join(input, 'one-line.txt'), `全省高新技术企业达到25000家。${'科技'.repeat(150_000)}`);
    await runPipeline({ input, output: join(dir, 'out') });
    const docs = await readParquet<{ doc_id: string; warnings: string[]; raw_text: string }>(join(dir, 'out', 'documents.parquet'));
    const warned = Object.fromEntries(docs.map((d) => [d.doc_id, d.warnings.join(' | ')]));
    expect(warned['truncated.txt']).toMatch(/damaged text: 1 character unreadable/);
    expect(warned['flipped.txt']).toMatch(/damaged text: \d+ characters? unreadable/);
    expect(warned['one-line.txt']).toMatch(/line 1 has 300017 characters: only its first 100000 were read/);
    const figures = await readParquet<FigureRow>(join(dir, 'out', 'figures.parquet'));
    const text = Object.fromEntries(docs.map((d) => [d.doc_id, d.raw_text]));
    expect(figures.filter((f) => f.doc_id === 'one-line.txt').map((f) => f.value)).toEqual([25000]);
    for (const f of figures) {
      expect(text[f.doc_id].slice(f.raw_start, f.raw_end)).toBe(f.quote);
      expect(text[f.doc_id].slice(Math.max(0, f.raw_start - 1), f.raw_end + 1)).not.toContain('\ufffd');
    }
  }, 60_000);
});

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, htmlToText, listDocuments, readDocument } from '../pipelines/read/read.ts';

const SEEDS = resolve(import.meta.dirname, '../seeds');
const SIMPLIFIED = readFileSync(`${SEEDS}/000_488863b9aa676d2a.txt`, 'utf8');
// From line 3 on: line 1 is injected Simplified spam, which Big5 cannot encode.
const TRADITIONAL = readFileSync(`${SEEDS}/dev/011_chongqing_st_index_2023_traditional.txt`, 'utf8')
  .split('\n')
  .slice(2)
  .join('\n');

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kelan-read-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Writes `bytes` to `name` under the temp root and returns the full path. */
function put(name: string, bytes: Uint8Array | string): string {
  const path = join(root, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

const bom = (head: number[], body: Uint8Array): Uint8Array => Buffer.concat([Buffer.from(head), body]);
/** `bytes` with `n` bytes spread through them XOR-ed (as a bad disk or transfer would). */
const flip = (bytes: Uint8Array, n: number) => {
  const out = Buffer.from(bytes);
  for (let i = 1; i <= n; i++) out[Math.floor((out.length * i) / (n + 1))] ^= 0x5a;
  return out;
};
/** `bytes` with `n` bytes spread through them set to `value`. */
const stray = (bytes: Uint8Array, value: number, n: number) => {
  const out = Buffer.from(bytes);
  for (let i = 1; i <= n; i++) out[Math.floor((out.length * i) / (n + 1))] = value;
  return out;
};
/** `n` bytes of a fixed pseudo-random sequence. */
const random = (n: number) => {
  const out = Buffer.alloc(n);
  let x = 1729;
  for (let i = 0; i < n; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
};

describe('encodings', () => {
  it('the Traditional sample is representable in Big5', () => {
    expect(iconv.decode(iconv.encode(TRADITIONAL, 'big5'), 'big5')).toBe(TRADITIONAL);
  });

  it.each([
    ['utf-8 Simplified', () => Buffer.from(SIMPLIFIED, 'utf8'), 'utf-8', SIMPLIFIED],
    ['utf-8 Traditional', () => Buffer.from(TRADITIONAL, 'utf8'), 'utf-8', TRADITIONAL],
    ['utf-8 with BOM', () => bom([0xef, 0xbb, 0xbf], Buffer.from(SIMPLIFIED, 'utf8')), 'utf-8-bom', SIMPLIFIED],
    ['utf-16le with BOM', () => bom([0xff, 0xfe], iconv.encode(SIMPLIFIED, 'utf16le')), 'utf-16le', SIMPLIFIED],
    ['utf-16be with BOM', () => bom([0xfe, 0xff], iconv.encode(TRADITIONAL, 'utf16be')), 'utf-16be', TRADITIONAL],
    ['GBK Simplified', () => iconv.encode(SIMPLIFIED, 'gbk'), 'gb18030', SIMPLIFIED],
    ['GB18030 Simplified', () => iconv.encode(SIMPLIFIED, 'gb18030'), 'gb18030', SIMPLIFIED],
    ['GBK Traditional', () => iconv.encode(TRADITIONAL, 'gbk'), 'gb18030', TRADITIONAL],
    ['Big5 Traditional', () => iconv.encode(TRADITIONAL, 'big5'), 'big5', TRADITIONAL],
    ['utf-16le without BOM', () => iconv.encode(SIMPLIFIED, 'utf16le'), 'utf-16le', SIMPLIFIED],
    ['utf-16be without BOM', () => iconv.encode(TRADITIONAL, 'utf16be'), 'utf-16be', TRADITIONAL]
  ])('%s is detected and decoded exactly', async (name, bytes, encoding, text) => {
    const data = bytes();
    const path = put(`enc/${name.replace(/\W+/g, '_')}.txt`, data);
    const result = await readDocument(path, root);
    if (!result.ok) throw new Error(result.refusal.reason);
    expect(result.doc.encoding).toBe(encoding);
    expect(result.doc.rawText).toBe(text);
    expect(result.doc.format).toBe('text');
    expect(result.doc.file).toBe(relative(root, path).split('\\').join('/'));
    expect(result.doc.docId).toBe(`${name.replace(/\W+/g, '_')}.txt`);
    expect(result.doc.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it.each([
    ['重慶市科學技術局關於市政協提案的答覆', 'big5'],
    ['湖北省科学技术厅关于省政协提案的答复', 'gbk'],
    ['全市高新技術企業達到6,000家，研發投入佔GDP比重達3.2%。', 'big5'],
    ['全省高新技术企业达到25000家，研发投入强度2.3%。', 'gbk'],
  ])('a one-line text %s in %s reads back as itself', (text, encoding) => {
    const result = decode(iconv.encode(text, encoding));
    expect(result).toEqual({ text, encoding: encoding === 'gbk' ? 'gb18030' : 'big5' });
  });

  // GBK D5 C9 is 丈 and Big5 D5 C9 is 桾: neither table reads better, so the page's declaration decides.
  it.each([
    ['big5', 'big5', '桾'],
    ['gbk', 'gb18030', '丈'],
    ['', 'gb18030', '丈']
  ])('a tie between GB18030 and Big5 follows the declared charset %j', async (declared, encoding, text) => {
    const meta = declared ? `<meta charset="${declared}">` : '';
    const bytes = Buffer.concat([Buffer.from(`<html><head>${meta}</head><body><p>`), Buffer.from([0xd5, 0xc9]), Buffer.from('</p></body></html>')]);
    const result = await readDocument(put(`enc/tie-${declared || 'none'}.html`, bytes), root);
    expect(result.ok && result.doc).toMatchObject({ encoding, rawText: text });
  });

  it('an HTML page in GBK declaring its charset is read as GB18030', async () => {
    const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>科技创新</title></head><body><p>全省高新技术企业达10400家</p></body></html>';
    const result = await readDocument(put('enc/page.htm', iconv.encode(html, 'gbk')), root);
    if (!result.ok) throw new Error(result.refusal.reason);
    expect(result.doc).toMatchObject({ encoding: 'gb18030', format: 'html', rawText: '科技创新\n全省高新技术企业达10400家' });
  });
});

describe('refusals', () => {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    Buffer.alloc(64)
  ]);

  it.each([
    ['empty.txt', 'empty document', () => Buffer.alloc(0)],
    ['blank.txt', 'empty document', () => Buffer.from(' \n\t\r\n\u3000\n', 'utf8')],
    ['blank.html', 'empty document', () => Buffer.from('<html><script>x()</script><p>  </p></html>', 'utf8')],
    ['image.txt', 'not text: a PNG image', () => png],
    ['archive.txt', 'not text: a ZIP archive', () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])],
    ['program.txt', 'not text: an ELF executable', () => Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])],
    ['controls.txt', 'not text: 5 of 8 characters are control characters or undecodable as UTF-8', () => Buffer.from('\u0001\u0002\u0003abc\u0004\u0005', 'utf8')],
    ['random.txt', /^not text: \d+ of \d+ characters are control characters or undecodable as (GB18030|BIG5)$/, () => random(4096)],
    ['report.doc', 'unsupported file type: .doc', () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
  ])('%s is refused: %s', async (name, reason, bytes) => {
    const path = put(`bad/${name}`, bytes());
    const result = await readDocument(path, root);
    if (result.ok) throw new Error(`${name} was read`);
    expect(result.refusal.file).toBe(`bad/${name}`);
    if (typeof reason === 'string') expect(result.refusal.reason).toBe(reason);
    else expect(result.refusal.reason).toMatch(reason);
  });

  it('a file over 64 MB is refused without being read', async () => {
    const path = put('bad/huge.txt', '');
    truncateSync(path, 65 * 1024 * 1024);
    expect(await readDocument(path, root)).toEqual({
      ok: false,
      refusal: { file: 'bad/huge.txt', reason: 'file too large: 68157440 bytes (limit 67108864)' }
    });
  });

});

describe('damaged but readable text', () => {
  const utf8 = Buffer.from(SIMPLIFIED, 'utf8');
  const readOf = async (name: string, bytes: Uint8Array) => {
    const result = await readDocument(put(`damaged/${name}`, bytes), root);
    if (!result.ok) throw new Error(`${name} refused: ${result.refusal.reason}`);
    return result.doc;
  };
  const damaged = (text: string) => [...text].filter((c) => c === '\ufffd').length;

  it('a UTF-8 file cut mid-character is read as UTF-8, its last character replaced', async () => {
    // The last three-byte character's lead byte, cut after its first continuation byte.
    let lead = utf8.length - 1;
    while (utf8[lead] < 0xe0 || utf8[lead] >= 0xf0) lead--;
    const doc = await readOf('cut.txt', utf8.subarray(0, lead + 2));
    expect(doc.encoding).toBe('utf-8');
    expect(doc.rawText.slice(0, -1)).toBe(utf8.subarray(0, lead).toString('utf8'));
    expect(doc.rawText.endsWith('\ufffd')).toBe(true);
    expect(doc.warnings).toEqual([expect.stringMatching(/^damaged text: 1 character unreadable, replaced by U\+FFFD \(at \d+\)/)]);
  });

  // A flipped byte in GB18030 or Big5 often makes another valid character: damage no decoder
  // can see. What it can see it replaces; either way most sentences come through intact.
  it.each([
    ['UTF-8 with flipped bytes', 'utf-8', 1, () => flip(utf8, 5)],
    ['GB18030 with flipped bytes', 'gb18030', 0, () => flip(iconv.encode(SIMPLIFIED, 'gb18030'), 5)],
    ['Big5 with flipped bytes', 'big5', 0, () => flip(iconv.encode(TRADITIONAL, 'big5'), 5)],
    ['UTF-8 with stray NUL bytes', 'utf-8', 1, () => stray(utf8, 0x00, 6)],
    ['GB18030 with stray control bytes', 'gb18030', 1, () => stray(iconv.encode(SIMPLIFIED, 'gb18030'), 0x07, 6)],
  ])('%s is read in its encoding, the damage it sees replaced and counted', async (name, encoding, least, bytes) => {
    const doc = await readOf(`${name.replace(/\W+/g, '_')}.txt`, bytes());
    expect(doc.encoding).toBe(encoding);
    const n = damaged(doc.rawText);
    expect(n).toBeGreaterThanOrEqual(least);
    expect(n).toBeLessThanOrEqual(6 * 4);
    if (n) expect(doc.warnings[0]).toMatch(new RegExp(`^damaged text: ${n} characters? unreadable`));
    else expect(doc.warnings).toEqual([]);
    const original = encoding === 'big5' ? TRADITIONAL : SIMPLIFIED;
    const sentences = original.split(/[。\n]/).filter((x) => x.length > 8);
    expect(sentences.filter((x) => doc.rawText.includes(x)).length / sentences.length).toBeGreaterThan(0.7);
  });

  it('a page with damaged bytes counts what is left of them in its visible text', async () => {
    const html = Buffer.concat([Buffer.from('<html><head><title>科技</title></head><body><p>全省高新技术企业达10400家'), Buffer.from([0xff]), Buffer.from('。</p></body></html>')]);
    const doc = await readOf('page.html', html);
    expect(doc.rawText).toBe('科技\n全省高新技术企业达10400家\ufffd。');
    expect(doc.warnings).toEqual([`damaged text: 1 character unreadable, replaced by U+FFFD (at ${doc.rawText.indexOf('\ufffd')}); no figure is read from them`]);
  });
});

describe('listDocuments', () => {
  it('lists every regular file recursively in code-unit order of the relative path, without dotfiles', () => {
    const tree = mkdtempSync(join(tmpdir(), 'kelan-list-'));
    try {
      for (const name of ['b.txt', 'a/z.txt', 'a-b.txt', 'A.txt', 'a/b/c.txt', 'sub/deep/c.html', 'x.pdf', '.hidden.txt', '.git/x.txt']) {
        mkdirSync(dirname(join(tree, name)), { recursive: true });
        writeFileSync(join(tree, name), 'x');
      }
      const files = listDocuments(tree).map((p) => relative(tree, p).split('\\').join('/'));
      expect(files).toEqual(['A.txt', 'a-b.txt', 'a/b/c.txt', 'a/z.txt', 'b.txt', 'sub/deep/c.html', 'x.pdf']);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('reads the corpus in order, every document and no sources.tsv, and accepts every one', async () => {
    const paths = listDocuments(SEEDS);
    const names = paths.map((p) => relative(SEEDS, p).split(sep).join('/'));
    expect(names.slice(0, 5)).toEqual([
      '000_488863b9aa676d2a.txt',
      '001_31cbb575ad998fa6.txt',
      '002_bc794e7ec96f70d4.txt',
      '003_cc9d41f681d31d0b.txt',
      '004_552c6465ef7f0f77.txt'
    ]);
    expect(names.filter((n) => n.startsWith('dev/'))).toHaveLength(12);
    expect(names.filter((n) => n.startsWith('dev2/'))).toHaveLength(12);
    expect(names.filter((n) => n.endsWith('sources.tsv'))).toEqual([]);
    for (const path of paths) {
      const result = await readDocument(path, SEEDS);
      expect(result.ok && result.doc.encoding).toBe('utf-8');
      expect(result.ok && result.doc.rawText).toBe(readFileSync(path, 'utf8'));
    }
  });
});

describe('htmlToText', () => {
  it('keeps the visible text of a cluttered page', () => {
    const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>湖北省科技厅 &amp; 答复</title>
<style>p { color: red }</style><script>var s = "</div><p>不可见</p>";</script></head>
<body><header><div class="logo">湖北政府网</div><nav><a href="/">首页</a> | <a href="/news">新闻</a></nav></header>
<div class="main">
  <h1>关于第278号建议的答复</h1>
  <!-- <p>注释里的10400家</p> -->
  <p>全省高新技术企业
  数量达10400家,&nbsp;位居全国第七&#65292;中部第一&#x3002;</p>
  <table><tr><th>项目</th><th>数量</th></tr>
  <tr><td>湖北实验室<td>7家</tr></table>
  <ul><li>研发投入 &lt; 3% &amp;&amp; 增长 &gt; 12%</li><li>&ldquo;十四五&rdquo; &copy 2021 &unknown;</li></ul>
  <noscript>请启用脚本</noscript><form><input value="搜索"><button>提交</button></form>
  <aside>广告:博彩</aside><svg><text>图</text></svg>
  <p>第一行<br>第二行</p>
</div>
<footer>版权所有 &copy; 湖北省科学技术厅</footer></body></html>`;
    expect(htmlToText(page)).toBe(
      [
        '湖北省科技厅 & 答复',
        '关于第278号建议的答复',
        '',
        '全省高新技术企业数量达10400家, 位居全国第七，中部第一。',
        '',
        '项目 | 数量 |',
        '湖北实验室 | 7家 |',
        '',
        '研发投入 < 3% && 增长 > 12%',
        '“十四五” © 2021 &unknown;',
        '',
        '第一行',
        '第二行'
      ].join('\n')
    );
  });

  it.each([
    ['<p>a</p><p>b</p>', 'a\n\nb'],
    ['<div>a</div><div>b</div>', 'a\nb'],
    ['a<br>b<br><br><br><br>c', 'a\nb\n\nc'],
    ['<p>  lots   of \t spaces  </p>', 'lots of spaces'],
    ['中文\n续行 and\nEnglish', '中文续行 and English'],
    ['<pre>line 1\nline 2</pre>', 'line 1\nline 2'],
    ['<header>never closed<p>text</p>', 'never closed\n\ntext'],
    ['<nav>menu<nav>inner</nav>still menu</nav>body', 'body'],
    ['<head><title>T</title><body><p>x</p>', 'T\nx'],
    ['<body><svg><title>icon</title></svg><p>x</p></body>', 'x'],
    ['a < b, 1<2 and c<d>x', 'a < b, 1<2 and cx'],
    ['text cut inside a tag <a href="', 'text cut inside a tag'],
    ['<a title="x > y">link</a>', 'link'],
    ['&#0; &#x110000; &#55296;', '\ufffd \ufffd \ufffd'],
    ['<![CDATA[ data ]]>text<?xml version="1.0"?>', 'text']
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('stays linear on pathological markup', () => {
    const inputs = ['<a "'.repeat(200_000), '<!--'.repeat(200_000), '<script>'.repeat(200_000), '<nav>'.repeat(200_000) + 'x'];
    const started = performance.now();
    for (const html of inputs) htmlToText(html);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

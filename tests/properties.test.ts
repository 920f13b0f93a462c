/**
 * Properties that hold for any input, checked by fast-check on generated text: the
 * number reader, the normaliser's offset map, the sentence splitter, the decoder and
 * the whole extraction of one document never throw, keep their spans inside the text
 * and in order, and give finite values whose quotes are exactly what the text says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNumbers } from '../pipelines/numbers/numbers.ts';
import { normalize } from '../pipelines/normalize/normalize.ts';
import { decode } from '../pipelines/read/decode.ts';
import { splitSentences } from '../pipelines/sentences/sentences.ts';
import { extractText } from './helpers/extract.ts';

// Pieces of the documents Kelan reads, so that generated text has numbers, units,
// qualifiers, years and sentence ends in every arrangement, with clutter between.
const TOKENS = [
  '第31,234位', '排名第2', 
  '全省', '全市', '湖北', '武汉', '重庆', '高新技术企业', '研发投入', '技术合同成交额', '占GDP比重', '同比增长',
  '达到', '超过', '近', '约', '以上', '力争', '到2025年', '2023年', '今年', '上半年', '1-6月', '“十四五”',
  '家', '个', '项', '亿元', '万元', '%', '个百分点', '倍', '位', '第3', '翻一番',
  '0', '1', '7', '12', '3.5', '10400', '1,234', '２０２４', '一', '二十', '三万', '一百零五', '千', '亿', '.', ',', '，', '、',
  '。', '；', '！', '\n', '\n\n', ' ', '\u3000', '（', '）', '(', ')', '《', '》', '：', '-', '—', '~',
  '們', '於', '與', '國', '萬', '億', '研發', 'ā', 'zhōng', '(kē)', '\u200b', '\u202e', '\ufffd', '\u0000', '\ud800', '😀', '𠀀',
];
const text = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((t) => t.join(''));
// Any UTF-16 string at all, lone surrogates included.
const chaos = fc.string({ unit: 'binary', maxLength: 200 });
const anyText = fc.oneof(text, chaos);
// A fixed seed, so that CI sees the same cases each run; FC_SEED=<n> (or FC_RUNS) explores others.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261129), numRuns: Number(process.env.FC_RUNS ?? 400) });
const RUNS = {};

function inOrder(spans: Array<{ start: number; end: number }>, length: number) {
  let last = 0;
  for (const s of spans) {
    expect(s.start).toBeGreaterThanOrEqual(last);
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expect(s.end).toBeLessThanOrEqual(length);
    last = s.start;
  }
}

describe('for any text', () => {
  it('the number reader gives spans inside it, in order, and finite values', () => {
    fc.assert(fc.property(anyText, (t) => {
      const found = findNumbers(t);
      inOrder(found, t.length);
      for (const m of found) {
        expect(m.end).toBeGreaterThan(m.start);
        expect(Number.isFinite(m.value)).toBe(true);
      }
    }), RUNS);
  });

  it('the normaliser maps every character back into the raw text, in order, ending at its end', () => {
    fc.assert(fc.property(anyText, (raw) => {
      const n = normalize(raw);
      expect(n.toRaw.length).toBe(n.text.length + 1);
      expect(n.toRaw[n.text.length]).toBe(raw.length);
      for (let i = 0; i < n.text.length; i++) {
        expect(n.toRaw[i]).toBeGreaterThanOrEqual(0);
        expect(n.toRaw[i]).toBeLessThanOrEqual(n.toRaw[i + 1]);
      }
    }), RUNS);
  });

  it('the sentence splitter gives spans inside it, in order and apart', () => {
    fc.assert(fc.property(anyText, (t) => {
      const sentences = splitSentences(t);
      inOrder(sentences, t.length);
      for (let i = 1; i < sentences.length; i++) expect(sentences[i].start).toBeGreaterThanOrEqual(sentences[i - 1].end);
    }), RUNS);
  });

  it('each figure of a document quotes exactly what its raw text says there, with a finite value, inside its sentence', () => {
    fc.assert(fc.property(anyText, (t) => {
      for (const f of extractText(t)) {
        expect(t.slice(f.raw_start, f.raw_end)).toBe(f.quote);
        expect(Number.isFinite(f.value)).toBe(true);
        expect(f.sentence_raw_start).toBeLessThanOrEqual(f.raw_start);
        expect(f.sentence_raw_end).toBeGreaterThanOrEqual(f.raw_end);
        expect(f.year === null || (Number.isInteger(f.year) && f.year >= 1900 && f.year <= 2100)).toBe(true);
      }
    }), { numRuns: Math.ceil(Number(process.env.FC_RUNS ?? 400) / 2) });
  });
});

describe('for any bytes', () => {
  it('the decoder gives text or a reason, never throws, and repairs what it reads', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      const r = decode(bytes);
      if ('error' in r) expect(r.error).toMatch(/^not text: /);
      else {
        expect(typeof r.text).toBe('string');
        // No control character but tab, newlines and form feed survives.
        expect(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/.test(r.text)).toBe(false);
      }
    }), RUNS);
  });

  it('the decoder reads back any text it is given in UTF-8', () => {
    fc.assert(fc.property(text, (t) => {
      // What it would rightly take for damage: NUL, lone surrogates, U+FFFD itself.
      const clean = t.replace(/[\u0000\ud800-\udfff\ufffd]/g, '');
      const r = decode(Buffer.from(clean, 'utf8'));
      if (clean.trim() === '') return;
      expect(r).toMatchObject({ text: clean });
    }), RUNS);
  });
});

/**
 * The fixture the dashboard's queries and series are tested over: two documents
 * of figures (each figure a sentence of its document, so that spans point at
 * their quotes), a third document with none, and a small gazetteer.
 */
import { writeParquet } from '../../pipelines/write/parquet.ts';
import { writeSeriesOfFile } from '../../pipelines/write/series.ts';
import { indicatorRows } from '../../src/lib/indicators.ts';
import type { DocumentRow, FigureRow, RegionRow } from '../../src/lib/types.ts';
import { join } from 'node:path';

// Two documents; each figure is one sentence of its document, so that the
// spans below are where the quote really is.
type Spec = [id: string, doc: 'a' | 'b', region: string, indicator: string, year: number | null, stance: FigureRow['stance'],
  measure: FigureRow['measure'], value: number, unit: FigureRow['unit'], qualifier: FigureRow['qualifier'], quote: string,
  sentence: string, confidence: number];

export const SPECS: Spec[] = [
  ['00000000000000a1', 'a', 'hubei', 'high_tech_enterprises', 2020, 'actual', 'total', 10400, 'count', 'exact', '10400家', '2020年全省高新技术企业达到10400家。', 0.9],
  ['00000000000000b2', 'b', 'hubei', 'high_tech_enterprises', 2020, 'actual', 'total', 10500, 'count', 'approx', '近1.05万家', '湖北2020年高新技术企业近1.05万家。', 0.7],
  ['00000000000000a3', 'a', 'hubei', 'high_tech_enterprises', 2021, 'actual', 'total', 14560, 'count', 'more_than', '超过14560家', '2021年高新技术企业超过14560家。', 0.8],
  ['00000000000000a4', 'a', 'hubei', 'high_tech_enterprises', 2025, 'target', 'total', 20000, 'count', 'at_least', '20000家以上', '到2025年高新技术企业达到20000家以上。', 0.85],
  ['00000000000000a5', 'a', 'wuhan', 'high_tech_enterprises', 2020, 'actual', 'total', 6259, 'count', 'exact', '6259家', '武汉市高新技术企业6259家。', 0.9],
  ['00000000000000a6', 'a', 'wuhan', 'high_tech_enterprises', 2020, 'actual', 'new', 1500, 'count', 'exact', '1500家', '武汉新增高新技术企业1500家。', 0.6],
  ['00000000000000b7', 'b', 'chongqing', 'high_tech_enterprises', 2022, 'actual', 'total', 6348, 'count', 'exact', '6348家', '重庆高新技术企业6348家。', 0.9],
  ['00000000000000b8', 'b', 'chongqing', 'tech_contract_turnover', 2022, 'actual', 'amount', 7.5e10, 'CNY', 'exact', '750亿元', '技术合同成交额750亿元。', 0.95],
  ['00000000000000a9', 'a', 'hubei', 'tech_contract_turnover', 2017, 'target', 'amount', 1e11, 'CNY', 'exact', '1000亿元', '2017年技术合同成交额1000亿元。', 0.9],
  ['0000000000000a10', 'a', 'wuhan', 'tech_contract_turnover', 2021, 'target', 'amount', 1.2e11, 'CNY', 'approx', '约1200亿元', '武汉技术合同成交额约1200亿元。', 0.75],
  ['0000000000000b11', 'b', 'chongqing', 'rd_expenditure', null, 'actual', 'growth_rate', 12, 'percent', 'exact', '12%', '研发经费投入增长12%。', 0.5],
  ['0000000000000a12', 'a', 'hubei', 'other', 2021, 'actual', 'total', 33, 'count', 'exact', '33个', '科技创新指数33个。', 0.4],
];

export const DOCS: Record<'a' | 'b' | 'c', Omit<DocumentRow, 'raw_text' | 'text'>> = {
  a: { doc_id: 'a.txt', file: 'a.txt', title: '关于第278号建议的答复', issuer: '湖北省科学技术厅', published: '2021-07-29', current_year: 2021, date_source: 'labelled publication date', source_url: null, genre: null, region: 'hubei',
    doc_number: null, script: 'simplified', sha256: 'a'.repeat(64), encoding: 'utf-8', warnings: ['spam removed: 1 line'] },
  b: { doc_id: 'b.txt', file: 'b.txt', title: '重庆市科学技术局答复函', issuer: '重庆市科学技术局', published: '2023-07-26', current_year: 2023, date_source: 'labelled publication date', source_url: 'http://kjj.cq.gov.cn/a.html', genre: 'reply to a proposal', region: 'chongqing',
    doc_number: '渝科局函〔2023〕278号', script: 'simplified', sha256: 'b'.repeat(64), encoding: 'gb18030', warnings: [] },
  // No full date and no figures: the library places it by its current year and counts 0.
  c: { doc_id: 'c.txt', file: 'dev/c.txt', title: 'Wuhan Science News 武汉科技新闻', issuer: '武汉市科技局', published: null, current_year: 2022, date_source: 'the latest year the text reports as past, plus one', source_url: 'https://kjj.wuhan.gov.cn/c.html', genre: 'News report',
    region: 'wuhan', doc_number: null, script: 'traditional', sha256: 'c'.repeat(64), encoding: 'big5', warnings: [] },
};

const NAMES = new Map(indicatorRows().map((i) => [i.indicator, i.name_zh]));

export function fixture(): { figures: FigureRow[]; documents: DocumentRow[] } {
  const texts = { a: '', b: '' };
  const figures = SPECS.map(([figure_id, doc, region, indicator, year, stance, measure, value, unit, qualifier, quote, sentence, confidence]): FigureRow => {
    const sentenceStart = texts[doc].length;
    texts[doc] += sentence + '\n';
    const start = sentenceStart + sentence.indexOf(quote);
    return {
      figure_id, doc_id: DOCS[doc].doc_id, indicator, label: indicator === 'other' ? '科技创新指数' : NAMES.get(indicator)!, region, year,
      period: year === null ? 'unknown' : 'year', stance, measure, value, unit, qualifier, quote,
      raw_start: start, raw_end: start + quote.length, sentence, sentence_raw_start: sentenceStart,
      sentence_raw_end: sentenceStart + sentence.length, confidence, year_inferred: figure_id.endsWith('3'),
      text_start: start, text_end: start + quote.length, sentence_text_start: sentenceStart,
    };
  });
  const documents = [
    ...(['a', 'b'] as const).map((d) => ({ ...DOCS[d], raw_text: texts[d], text: texts[d] })),
    { ...DOCS.c, raw_text: '武漢科技新聞。\n', text: '武汉科技新闻。\n' },
  ];
  return { figures, documents };
}

export const REGIONS: RegionRow[] = [
  { region: 'china', name_zh: '全国', name_en: 'China', level: 'country', parent: null, adcode: '100000' },
  { region: 'hubei', name_zh: '湖北', name_en: 'Hubei', level: 'province', parent: 'china', adcode: '420000' },
  { region: 'wuhan', name_zh: '武汉', name_en: 'Wuhan', level: 'prefecture', parent: 'hubei', adcode: '420100' },
  { region: 'chongqing', name_zh: '重庆', name_en: 'Chongqing', level: 'municipality', parent: 'china', adcode: '500000' },
  { region: 'shanghai', name_zh: '上海', name_en: 'Shanghai', level: 'municipality', parent: 'china', adcode: '310000' },
];

/** Writes the fixture's four tables into `dir`, and with `series` the series laid out for the browser. */
export async function writeFixture(dir: string, series = false): Promise<void> {
  const { figures, documents } = fixture();
  await writeParquet(dir, { figures, documents, indicators: indicatorRows(), regions: REGIONS });
  if (series) await writeSeriesOfFile(join(dir, 'figures.parquet'), dir);
}

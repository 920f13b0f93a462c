/**
 * Time as a model of the document: its date, headings, paragraph openings and
 * from–to changes, on invented documents (SCHEMA.md, "How time, scope and parts
 * are resolved").
 */
import { describe, expect, it } from 'vitest';
import type { FigureRow } from '../src/lib/types.ts';
import { extractText, prepareText } from './helpers/extract.ts';

const pick = (rows: FigureRow[], quote: string) => {
  const found = rows.filter((f) => f.quote === quote);
  expect(found, quote).toHaveLength(1);
  const { indicator, region, year, period, stance, measure } = found[0];
  return { indicator, region, year, period, stance, measure };
};

describe('headings and paragraph openings scope what follows', () => {
  const text = [
    '关于2038年甲市科技工作情况的报告',
    '发布日期:2039-01-20',
    '一、2038年工作回顾',
    '全市新增国家重点实验室2家,累计达到18家。',
    '（一）上半年进展',
    '全市技术合同成交额320亿元,同比增长20%。',
    '二、2039年工作安排',
    '全市高新技术企业力争达到9000家。',
  ].join('\n');
  const rows = extractText(text);

  it('a review heading with its year dates the figures under it as facts', () => {
    expect(pick(rows, '2家')).toMatchObject({ indicator: 'national_key_labs', year: 2038, stance: 'actual', measure: 'new' });
    expect(pick(rows, '18家')).toMatchObject({ year: 2038, period: 'as_of', measure: 'total' });
  });

  it('a sub-heading with 上半年 makes its flows half-year figures', () => {
    expect(pick(rows, '320亿元')).toMatchObject({ indicator: 'tech_contract_turnover', year: 2038, period: 'h1' });
  });

  it('a plan heading with its year makes the figures under it goals for that year', () => {
    expect(pick(rows, '9000家')).toMatchObject({ year: 2039, stance: 'target' });
  });
});

describe('a headline with a part of the year dates the whole report', () => {
  it('一季度 in the headline: flows of the current year, period unknown (a quarter)', () => {
    const rows = extractText('甲省一季度科技型中小企业入库数同比增长40%\n时间:2041-04-12\n全省科技型中小企业研发投入120亿元,同比增长18%。');
    expect(pick(rows, '120亿元')).toMatchObject({ year: 2041, period: 'unknown', indicator: 'other' });
  });
});

describe('the current year without a date', () => {
  it('a dateline takes its year from the latest year reported, plus one', () => {
    const p = prepareText('甲省科技新闻\n新华社武汉3月5日电 2044年全省技术合同成交额突破5000亿元。');
    expect(p.meta).toMatchObject({ currentYear: 2045, published: '2045-03-05' });
    expect(p.meta.dateSource).toMatch(/dateline/);
  });

  it('undated actuals take the year before the current one; 今年 takes the current one', () => {
    const rows = extractText('2046年是“十九五”收官之年。\n全市新增众创空间12家。今年全市高新技术企业达到3000家。');
    expect(pick(rows, '12家')).toMatchObject({ year: 2045, stance: 'actual' });
    expect(pick(rows, '3000家')).toMatchObject({ year: 2046 });
  });
});

describe('from–to changes', () => {
  it('the first value is dated at the start of the stated span', () => {
    const rows = extractText('发布日期:2052-02-01\n2047—2051年,全市新型研发机构由120家增至185家。');
    expect(pick(rows, '120家')).toMatchObject({ indicator: 'new_rd_institutions', year: 2047 });
    expect(pick(rows, '185家')).toMatchObject({ indicator: 'new_rd_institutions', year: 2051 });
  });

  it('without a span, the year before the second value', () => {
    const rows = extractText('发布日期:2052-02-01\n2051年,全市综合科技创新水平排名由全国第9位跃居第5位。');
    expect(pick(rows, '第9位')).toMatchObject({ year: 2050, measure: 'rank' });
    expect(pick(rows, '第5位')).toMatchObject({ year: 2051, measure: 'rank' });
  });
});

describe('periods', () => {
  it('growth over the year before is a year\'s; over an older base it spans years', () => {
    const rows = extractText('发布日期:2061-02-01\n2060年,全市技术合同成交额较2059年增长20%,较2056年增长80%。');
    expect(pick(rows, '20%')).toMatchObject({ measure: 'growth_rate', period: 'year' });
    expect(pick(rows, '80%')).toMatchObject({ measure: 'growth_rate', period: 'multi_year' });
  });

  it('both ends of a change over a span are values at a point', () => {
    const rows = extractText('发布日期:2061-02-01\n2055—2060年,全市高新技术产业增加值由5900亿元增至10200亿元,增长72%。');
    expect(pick(rows, '5900亿元')).toMatchObject({ year: 2055, period: 'year' });
    expect(pick(rows, '10200亿元')).toMatchObject({ year: 2060, period: 'year' });
    expect(pick(rows, '72%')).toMatchObject({ period: 'multi_year' });
  });

  it('what a plan adds by a year still to come is added over the years until then', () => {
    const rows = extractText('甲市科技创新三年行动方案\n发布日期:2061-02-01\n到2063年,组建产业创新联合实验室15家,全市高新技术企业达到2万家。');
    expect(pick(rows, '15家')).toMatchObject({ stance: 'target', year: 2063, measure: 'new', period: 'multi_year' });
    expect(pick(rows, '2万家')).toMatchObject({ stance: 'target', year: 2063, period: 'as_of' });
  });

  it('1-6月 is the first half', () => {
    const rows = extractText('时间:2061-07-20\n2061年1-6月,全市技术合同成交额420亿元。');
    expect(pick(rows, '420亿元')).toMatchObject({ year: 2061, period: 'h1' });
  });

  it('a quarter\'s stock is of no whole year', () => {
    const rows = extractText('时间:2061-04-12\n一季度,全省科技型中小企业入库数量达12309家。');
    expect(pick(rows, '12309家')).toMatchObject({ year: 2061, period: 'unknown' });
  });

  it('a vague span opening a paragraph (近年来) does not make its figures multi-year', () => {
    const rows = extractText('发布日期:2061-07-30\n近年来,我省着力构建成果转化生态。全年开展成果转化活动超300场。');
    expect(pick(rows, '超300场')).toMatchObject({ year: 2060, period: 'year' });
  });
});

describe('stocks and flows', () => {
  it('what a paragraph of 目前 says was built up is a total, unless it says new', () => {
    const rows = extractText('发布日期:2061-03-01\n目前,全市已建成科技型企业管理系统。培育引进研发机构1463家,新型研发机构58家,新增两院院士3人。');
    expect(pick(rows, '1463家')).toMatchObject({ measure: 'total', period: 'as_of' });
    expect(pick(rows, '58家')).toMatchObject({ measure: 'total' });
    expect(pick(rows, '3人')).toMatchObject({ measure: 'new' });
  });

  it('a yearly figure over a span is one year\'s; a doubling over years spans them', () => {
    const rows = extractText('发布日期:2061-03-01\n2055年以来,全市每年新增科技企业3000家以上,高新技术企业数量实现三年翻番。');
    expect(pick(rows, '3000家以上')).toMatchObject({ measure: 'new', period: 'year' });
    expect(pick(rows, '翻番')).toMatchObject({ period: 'multi_year' });
  });
});

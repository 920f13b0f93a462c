/**
 * Every named rule of the extractor's tables, run on its own invented example:
 * a rule whose example does not come out as it says is a failing test.
 */
import { describe, expect, it } from 'vitest';
import { DATE_RULES, findDocumentDate, YEAR_RULES } from '../pipelines/metadata/date.ts';
import { INDICATORS } from '../pipelines/figures/catalog/indicators.ts';
import { MODIFIER_RULES, PART_RULES } from '../pipelines/figures/rules/parts.ts';
import { REGION_RULES } from '../pipelines/figures/rules/region.ts';
import { STANCE_RULES } from '../pipelines/figures/rules/stance.ts';
import { TIME_RULES } from '../pipelines/figures/rules/time.ts';
import { VERB_RULES } from '../pipelines/figures/rules/measure.ts';
import { HEADING_RULES, headingLevel } from '../pipelines/figures/structure.ts';
import { extractText } from './helpers/extract.ts';

/** The figure of `text` whose quote is `quote` (the examples name one number each). */
function figureOf(text: string, quote: string) {
  const found = extractText(text).filter((f) => f.quote === quote);
  expect(found, `one figure quoted ${quote} in ${text}`).toHaveLength(1);
  return found[0];
}

describe('date rules', () => {
  it.each(DATE_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    const [text, date] = rule.example;
    expect(rule.find(text, text.split('\n'))).toBe(date);
    expect(findDocumentDate(text, text)).toMatchObject({ published: date, currentYear: Number(date.slice(0, 4)) });
  });
});

describe('current-year rules', () => {
  it.each(YEAR_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    const [text, year] = rule.example;
    expect(rule.find(text)).toBe(year);
    expect(findDocumentDate(text, text).currentYear).toBe(year);
  });
});

describe('time rules', () => {
  it.each(TIME_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    const { text, quote, year, period } = rule.example;
    expect(figureOf(text, quote)).toMatchObject({ year, period });
  });
});

describe('heading rules', () => {
  it.each(HEADING_RULES.map((r) => [r.name, r] as const))('%s', (name, rule) => {
    expect(headingLevel(rule.example)).toEqual({ level: rule.level, rule: name });
  });
});

describe('part rules: a modifier makes a catalog figure other', () => {
  it.each(PART_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    const { text, quote, modifier } = rule.example;
    expect(figureOf(text, quote).indicator).toBe('other');
    expect(figureOf(text.replace(modifier, '全市'), quote).indicator).not.toBe('other');
  });
});

describe('shares: of GDP, of the region around, of the indicator\'s own whole, else other', () => {
  it.each([
    ['湖北省科技新闻\n2031年,全省研发经费投入占地区生产总值的比重为2.5%。', '2.5%', 'rd_expenditure', 'hubei'],
    ['湖北省统计公报\n全年研究与试验发展(R&D)经费支出1250亿元,相当于全省生产总值的2.3%。', '2.3%', 'rd_expenditure', 'hubei'],
    ['湖北省科技新闻\n2031年,宜昌高新技术企业数量占全省的12%。', '12%', 'high_tech_enterprises', 'yichang'],
    ['湖北省科技新闻\n2031年,全省科学技术支出98亿元,占一般公共预算支出的比重为2.0%。', '2.0%', 'government_st_funding', 'hubei'],
    ['湖北省科技新闻\n2031年,全省高新技术企业占规上工业企业的35%。', '35%', 'other', 'hubei'],
    ['湖北省科技新闻\n2031年,中心城区研发经费投入占全省的61%。', '61%', 'other', 'hubei'],
  ])('%s', (text, quote, indicator, region) => {
    expect(figureOf(text, quote)).toMatchObject({ indicator, region, measure: 'share' });
  });
});

describe('分别 within its sentence', () => {
  it('matches the numbers after it to the figures before it, not counting the next sentence', () => {
    const text = '发布日期:2031-01-20\n全市科技型企业达到5.5万家,高新技术企业达到7500家,分别增长28%、18%。全市众创空间达到120家。';
    expect(figureOf(text, '28%').indicator).toBe('tech_enterprises');
    expect(figureOf(text, '18%').indicator).toBe('high_tech_enterprises');
  });
});

describe('labels of figures said of the one before', () => {
  it('a share or a change in points takes the name of what it is said of', () => {
    const text = '发布日期:2031-02-01\n全市研发投入强度达到3.1%,比上年提高0.2个百分点。东湖高新区高新技术企业达到6000家,占全市的43%。';
    expect(figureOf(text, '0.2个百分点').label).toBe('R&D经费变化(百分点)');
    expect(figureOf(text, '43%').label).toBe('东湖高新区高新技术企业占比');
  });
});

describe('region rules', () => {
  it.each(REGION_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    const { text, quote, region, area } = rule.example;
    const f = figureOf(text, quote);
    expect(f.region).toBe(region);
    if (area) expect(f.indicator).toBe('other');
  });
});

describe('stance rules', () => {
  it.each(STANCE_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    expect(figureOf(rule.example.text, rule.example.quote).stance).toBe(rule.then);
  });
});

describe('modifier rules: a number inside a noun phrase is not a figure', () => {
  it.each(MODIFIER_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    const { text, quote } = rule.example;
    expect(text).toContain(quote);
    expect(extractText(text).map((f) => f.quote)).not.toContain(quote);
    expect(extractText(text).length).toBeGreaterThan(0);
  });
});

describe('measure verb rules', () => {
  it.each(VERB_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    expect(figureOf(rule.example.text, rule.example.quote).measure).toBe(rule.then);
  });
});

describe('catalog', () => {
  it('gives every alias a reason', () => {
    for (const i of INDICATORS) {
      expect(i.reasons, i.indicator).toHaveLength(i.aliases.length);
      for (const why of i.reasons) expect(why.length, `${i.indicator}: reason`).toBeGreaterThan(3);
    }
  });

  it('names money by the funding words around it (支持资金, 奖励, 引导基金)', () => {
    expect(figureOf('发布日期:2031-03-01\n全市安排支持资金3亿元。', '3亿元').indicator).toBe('government_st_funding');
    expect(figureOf('发布日期:2031-03-01\n全市设立2亿元的政府引导基金。', '2亿元').indicator).toBe('government_st_funding');
    expect(figureOf('发布日期:2031-03-01\n某院士荣获500万元(人民币)奖励。', '500万元').indicator).toBe('government_st_funding');
  });

  it('finds {province}实验室 for provinces no document named', () => {
    expect(figureOf('江苏省科技新闻\n2031年,全省新建江苏实验室3家。', '3家').indicator).toBe('provincial_labs');
  });
});

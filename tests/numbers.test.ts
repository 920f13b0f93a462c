import { describe, expect, it } from 'vitest';
import { findNumbers, parseChineseNumeral, scaleDecimal } from '../pipelines/numbers/numbers.ts';

const one = (text: string) => {
  const found = findNumbers(text);
  expect(found, `one number in ${text}`).toHaveLength(1);
  const m = found[0];
  return { quote: text.slice(m.start, m.end), value: m.value, unit: m.unit, qualifier: m.qualifier, kind: m.kind };
};

describe('numbers', () => {
  it.each([
    ['2020年拨付基建基金近24亿元', { quote: '近24亿元', value: 2.4e9, unit: 'CNY', qualifier: 'approx' }],
    ['科技型企业超过4.2万家', { quote: '超过4.2万家', value: 42000, unit: 'count', qualifier: 'more_than' }],
    ['发放专项补贴2.28亿元', { quote: '2.28亿元', value: 228000000, unit: 'CNY', qualifier: 'exact' }],
    ['支持4000万元', { quote: '4000万元', value: 40000000, unit: 'CNY', qualifier: 'exact' }],
    ['实现增加值1.18万亿元', { quote: '1.18万亿元', value: 1.18e12, unit: 'CNY', qualifier: 'exact' }],
    ['总量突破4800家', { quote: '突破4800家', value: 4800, unit: 'count', qualifier: 'more_than' }],
    ['储备早期项目600余个', { quote: '600余个', value: 600, unit: 'count', qualifier: 'more_than' }],
    ['区县特色科创平台10余个', { quote: '10余个', value: 10, unit: 'count', qualifier: 'more_than' }],
    ['集成300多万科研人才', { quote: '300多万', value: 3e6, unit: 'people', qualifier: 'more_than' }],
    ['力争30万以上大学毕业生留汉', { quote: '30万以上', value: 300000, unit: 'people', qualifier: 'at_least' }],
    ['引进10名左右战略科技人才', { quote: '10名左右', value: 10, unit: 'people', qualifier: 'approx' }],
    ['新建10家以上产业技术研究院', { quote: '10家以上', value: 10, unit: 'count', qualifier: 'at_least' }],
    ['力争立项1-2个', { quote: '1-2个', value: 2, unit: 'count', qualifier: 'at_most' }],
    ['形成3—5个高端研发产业集聚区', { quote: '3—5个', value: 5, unit: 'count', qualifier: 'at_most' }],
    ['每年至少完成2门课程', { quote: '2门', value: 2, unit: 'count', qualifier: 'at_least' }],
    ['研发投入增长12%', { quote: '12%', value: 12, unit: 'percent', qualifier: 'exact' }],
    ['工业总产值占全市40%以上', { quote: '40%以上', value: 40, unit: 'percent', qualifier: 'at_least' }],
    ['较上年增长10.1个百分点', { quote: '10.1个百分点', value: 10.1, unit: 'percent', qualifier: 'exact', kind: 'points' }],
    ['同比增长五成', { quote: '五成', value: 50, unit: 'percent', qualifier: 'approx', kind: 'fraction' }],
    ['近半数规上企业', { quote: '近半数', value: 50, unit: 'percent', qualifier: 'approx', kind: 'fraction' }],
    ['较上年翻了一番', { quote: '翻了一番', value: 100, unit: 'percent', qualifier: 'approx', kind: 'doubling' }],
    ['汽车产业同步迈入万亿级', { quote: '万亿级', value: 1e12, unit: 'CNY', qualifier: 'at_least' }],
    ['年组织万名高校科技人员', { quote: '万名', value: 10000, unit: 'people', qualifier: 'exact' }],
    ['累计争取国家级科技计划项目近万个', { quote: '近万个', value: 10000, unit: 'count', qualifier: 'approx' }],
    ['全时当量75.09人年', { quote: '75.09人年', value: 75.09, unit: 'people', qualifier: 'exact' }],
    ['排名全国第4位', { quote: '第4位', value: 4, unit: 'count', qualifier: 'exact', kind: 'rank' }],
    ['获批数全国第一', { quote: '第一', value: 1, unit: 'count', qualifier: 'exact', kind: 'rank' }],
    ['比上年提升3位', { quote: '3位', value: 3, unit: 'count', qualifier: 'exact', kind: 'rank_change' }],
    ['汇聚82位院士', { quote: '82位', value: 82, unit: 'people', qualifier: 'exact' }],
    ['共完成5批', { quote: '5批', value: 5, unit: 'times', qualifier: 'exact' }],
    ['成果转化活动超300场', { quote: '超300场', value: 300, unit: 'times', qualifier: 'more_than' }],
    ['全市高新技术企业达到1,234家', { quote: '1,234家', value: 1234, unit: 'count', qualifier: 'exact' }],
    ['技术合同成交额12,345.6万元', { quote: '12,345.6万元', value: 123456000, unit: 'CNY', qualifier: 'exact' }],
  ])('%s', (text, expected) => {
    expect(one(text)).toMatchObject(expected);
  });

  it.each([
    ['省十三届人大第五次会议第278号建议'], ['武政办〔2021〕26号'], ['打造“五个中心”'], ['“十四五”规划'],
    ['在6G、人工智能等领域'], ['实施“61020”全链条攻关'], ['增长1.9倍'], ['一个实验室一个专班'], ['35岁以下科技新人'],
    ['对绩效前20%的大学科技园'], ['第四代同步辐射光源'], ['以下五项重点工作'], ['2021年3月28日'], ['十年不鸣'],
    ['构建“4+12”高新区发展体系'], ['上百家企业'], ['首届湖北技术成果交易会'], ['索引号 011043145/2021-50713'],
    ['每万人口高价值发明专利'], ['召开第一届理事会'], ['（2021-2025）'], ['10年来'],
  ])('no figure in %s', (text) => {
    expect(findNumbers(text)).toEqual([]);
  });

  it('reads a list of ranks', () => {
    const text = '分别排名为第七、八、十一和第九位';
    expect(findNumbers(text).map((m) => [text.slice(m.start, m.end), m.value])).toEqual([['第七', 7], ['八', 8], ['十一', 11], ['第九位', 9]]);
  });

  it.each([['七', 7], ['十一', 11], ['二十', 20], ['一百零五', 105], ['两', 2], ['三万', 30000], ['万亿', 1e12], ['十', 10]])(
    'Chinese numeral %s', (s, v) => expect(parseChineseNumeral(s)).toBe(v));

  it.each([['4.2', 4, 42000], ['2.28', 8, 228000000], ['1.18', 12, 1.18e12], ['0.5', 4, 5000], ['12.345', 2, 1234.5]])(
    'scales %s by 10^%i exactly', (d, p, v) => expect(scaleDecimal(d, p)).toBe(v));
});

describe('lists are not thousands', () => {
  it('reads 12%,15% and 2020,2021 as they are', () => {
    const text = '分别增长12%,15%;新增2403家,1000项成果';
    expect(findNumbers(text).map((m) => text.slice(m.start, m.end))).toEqual(['12%', '15%', '2403家', '1000项']);
  });
});

import { describe, expect, it } from 'vitest';
import { extractText } from './helpers/extract.ts';

const HUBEI_REPLY = '关于省人大建议的答复\n发布机构 | 湖北省科学技术厅 | 发文日期 | 2021-07-29 |\n';
const WUHAN_PLAN = '武汉市2021年科技创新工作方案\n发布日期:2021-03-28\n';
const CQ_NEWS = '重庆市科技创新工作会召开\n发布时间:2023/2/23\n';

function figure(doc: string, sentence: string, quote: string) {
  const rows = extractText(doc + sentence);
  const row = rows.find((r) => r.quote === quote);
  expect(row, `${quote} in ${sentence}: got ${rows.map((r) => r.quote).join(', ')}`).toBeDefined();
  return row!;
}

describe('figures', () => {
  it.each([
    [HUBEI_REPLY, '截至2020年底,全省高新技术企业数量达10400家,位居全国第七。', '10400家',
      { indicator: 'high_tech_enterprises', region: 'hubei', year: 2020, period: 'as_of', stance: 'actual', measure: 'total', value: 10400 }],
    [HUBEI_REPLY, '截至2020年底,全省高新技术企业数量达10400家,位居全国第七。', '第七',
      { indicator: 'high_tech_enterprises', measure: 'rank', value: 7, period: 'as_of' }],
    [HUBEI_REPLY, '今年上半年,全省共申报高新技术企业3332家,预计全年可组织申报6000家。', '3332家',
      { indicator: 'high_tech_enterprise_applications', year: 2021, period: 'h1', measure: 'amount', stance: 'actual' }],
    [HUBEI_REPLY, '今年上半年,全省共申报高新技术企业3332家,预计全年可组织申报6000家。', '6000家',
      { indicator: 'high_tech_enterprise_applications', stance: 'expected', year: 2021 }],
    [HUBEI_REPLY, '省财政切实加大对武汉市科技创新的投入力度,2020年拨付基建基金近24亿元。', '近24亿元',
      { indicator: 'government_st_funding', region: 'wuhan', year: 2020, value: 2.4e9, unit: 'CNY', qualifier: 'approx', measure: 'amount' }],
    [HUBEI_REPLY, '支持襄阳建设区域性科技创新中心,襄阳新增高新技术企业300家。', '300家',
      { region: 'xiangyang', indicator: 'high_tech_enterprises', measure: 'new', year: 2020 }],
    [HUBEI_REPLY, '目前全省建有52个A类学科,排名全国第4位。', '52个', { indicator: 'other', year: 2021, period: 'as_of' }],
    [HUBEI_REPLY, '下一步,我厅将计划新增省重点实验室10家以上。', '10家以上',
      { indicator: 'provincial_key_labs', stance: 'target', measure: 'new', qualifier: 'at_least', year: 2021 }],
    [WUHAN_PLAN, '全社会研发投入增长12%,R&D经费支出占地区生产总值的比重达到3.24%。', '12%',
      { indicator: 'rd_expenditure', measure: 'growth_rate', stance: 'target', year: 2021, region: 'wuhan' }],
    [WUHAN_PLAN, '全社会研发投入增长12%,R&D经费支出占地区生产总值的比重达到3.24%。', '3.24%',
      { indicator: 'rd_expenditure', measure: 'share', stance: 'target' }],
    [WUHAN_PLAN, '推动28家国家重点实验室优化调整。', '28家', { indicator: 'national_key_labs', stance: 'actual', measure: 'total' }],
    [WUHAN_PLAN, '积极争取纳入国家重大科技基础设施规划,力争立项1-2个。', '1-2个',
      { indicator: 'big_science_facilities', value: 2, qualifier: 'at_most', stance: 'target' }],
    [CQ_NEWS, '技术合同成交额630.5亿元,较上年翻了一番。', '翻了一番', { indicator: 'tech_contract_turnover', measure: 'growth_rate', value: 100, year: 2022 }],
    [CQ_NEWS, '新增为2403家企业发放知识价值信用贷款70.7亿元,较上年分别增长30.8%、31.2%。', '31.2%',
      { indicator: 'knowledge_value_loans', measure: 'growth_rate' }],
    [CQ_NEWS, '新增为2403家企业发放知识价值信用贷款70.7亿元,较上年分别增长30.8%、31.2%。', '2403家', { indicator: 'other', measure: 'new' }],
    [CQ_NEWS, '展望2023年,力争全市研发经费投入强度2.35%左右,高新技术企业突破7000家。', '突破7000家',
      { indicator: 'high_tech_enterprises', stance: 'target', year: 2023, period: 'as_of', qualifier: 'more_than' }],
    [CQ_NEWS, '全社会研发经费从2012年的33.8亿元增加到2021年的92.6亿元,年均增长11.9%。', '33.8亿元', { year: 2012, stance: 'actual', indicator: 'rd_expenditure' }],
    [CQ_NEWS, '全社会研发经费从2012年的33.8亿元增加到2021年的92.6亿元,年均增长11.9%。', '11.9%', { year: 2022, period: 'multi_year', measure: 'growth_rate' }],
    [HUBEI_REPLY, '全年全省研究与试验发展(R&D)经费支出1254.7亿元,比上年增长8.5%,占全省生产总值的比重为2.33%。', '2.33%',
      { indicator: 'rd_expenditure', measure: 'share', year: 2020 }],
    [HUBEI_REPLY, '全年全省研究与试验发展(R&D)经费支出1254.7亿元,比上年增长8.5%。', '1254.7亿元', { indicator: 'rd_expenditure', measure: 'amount' }],
    [WUHAN_PLAN, '截至目前,全市累计培育科技型企业3.6万家,较去年同期增长20%;今年1-5月,技术合同成交额达到305亿元。', '20%',
      { indicator: 'tech_enterprises', measure: 'growth_rate', period: 'year', stance: 'actual' }],
    [WUHAN_PLAN, '截至目前,全市累计培育科技型企业3.6万家,较去年同期增长20%;今年1-5月,技术合同成交额达到305亿元。', '305亿元',
      { indicator: 'tech_contract_turnover', period: 'unknown', year: 2021, stance: 'actual' }],
    // A part's share of its region's total is not the indicator; a share of GDP is its intensity.
    [CQ_NEWS, '中心城区R&D經費投入占全市的61.20%。', '61.20%', { indicator: 'other', measure: 'share' }],
    [HUBEI_REPLY, '企业输出技术合同成交额占全省技术合同成交额的79.87%。', '79.87%', { indicator: 'other', measure: 'share' }],
    [HUBEI_REPLY, '全省R&D经费支出占全省生产总值的2.33%。', '2.33%', { indicator: 'rd_expenditure', measure: 'share' }],
    [WUHAN_PLAN, '高新技术产业增加值占全市GDP比重达到25%。', '25%', { indicator: 'high_tech_industry_value_added', measure: 'share' }],
    // A number shared by a list of kinds: national labs and platforms together are national platforms, any other mix is other.
    [WUHAN_PLAN, '国家(重点)实验室、国家工程(技术)研究中心和国家企业技术中心新增21家,达到82家。', '21家',
      { indicator: 'national_innovation_platforms', measure: 'new' }],
    [WUHAN_PLAN, '国家(重点)实验室、国家工程(技术)研究中心和国家企业技术中心新增21家,达到82家。', '82家',
      { indicator: 'national_innovation_platforms', measure: 'total' }],
    [WUHAN_PLAN, '新增省级以上孵化器、众创空间30家。', '30家', { indicator: 'other', measure: 'new' }],
    [WUHAN_PLAN, '建成国家重点实验室5家、国家工程研究中心3家。', '3家', { indicator: 'engineering_research_centers' }],
    [WUHAN_PLAN, '加强国家数字建造与安全技术创新中心、国家智能设计与数控技术创新中心等科技创新平台建设申报,争取获批1-2家。', '1-2家',
      { indicator: 'national_innovation_platforms', stance: 'target', value: 2 }],
    [WUHAN_PLAN, '加强科技创新平台建设,争取获批10家。', '10家', { indicator: 'innovation_platforms' }],
    // A change's starting point is the year before the change's year; the endpoint is that year.
    [CQ_NEWS, '2019年综合科技创新水平指数排名由全国第8位提升到第7位。', '第8位', { measure: 'rank', year: 2018, year_inferred: true }],
    [CQ_NEWS, '2019年综合科技创新水平指数排名由全国第8位提升到第7位。', '第7位', { measure: 'rank', year: 2019 }],
    [CQ_NEWS, '全社会研发经费从2012年的33.8亿元增加到2021年的92.6亿元。', '33.8亿元', { year: 2012 }],
    [CQ_NEWS, '2022年高新技术企业达到6348家,由第10位上升至第9位。', '6348家', { year: 2022 }],
  ])('%#: %s', (doc, sentence, quote, expected) => {
    expect(figure(doc, sentence, quote)).toMatchObject(expected);
  });

  it.each([
    [CQ_NEWS, '地区生产总值增长8%左右,固定资产投资增长11%左右。'],
    [CQ_NEWS, '聚焦人工智能、高端芯片等5个关键赛道,打造“五个中心”。'],
    [CQ_NEWS, '估值超过10亿美元的初创企业。'],
    [HUBEI_REPLY, '网上赌搏平台会同省发改委召开第一次会议。'],
  ])('%#: nothing in %s', (doc, sentence) => {
    expect(extractText(doc + sentence).filter((r) => r.sentence.includes(sentence.slice(0, 6)))).toEqual([]);
  });

  it('places each of a list of ranks with its region (分别)', () => {
    const rows = extractText('湖北科技创新能力显著增强\n2017-09-14 08:27:00 来源:湖北日报\n报告显示,中部的湖北、西南的重庆和四川、西北的陕西,综合科技创新水平分别排名为第七、八、十一和第九位。');
    expect(rows.map((r) => [r.quote, r.region, r.measure])).toEqual([
      ['第七', 'hubei', 'rank'], ['八', 'chongqing', 'rank'], ['十一', 'sichuan', 'rank'], ['第九位', 'shaanxi', 'rank'],
    ]);
  });
});

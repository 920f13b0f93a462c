import type { IndicatorRow, Unit } from '../../src/lib/types.ts';

/** A catalog indicator with the Chinese phrases that name it in text. */
export interface Indicator extends IndicatorRow {
  /** Units a figure of this indicator may have (percent always allowed for rates). */
  units: Unit[];
  /** Phrases, as regular-expression sources, matched on Simplified text. */
  aliases: string[];
  /** A national-level variant: 其中国家级N家 after this indicator files under it. */
  national?: string;
}

const Q = '[“"”]?';

/**
 * The indicator catalog of ../shared/gold/SCHEMA.md, kept as data. Anything a
 * figure counts that is not here is `other`, with a label.
 */
export const INDICATORS: Indicator[] = [
  { indicator: 'high_tech_enterprises', group: 'enterprises', name_zh: '高新技术企业', name_en: 'High-tech enterprises', unit: 'count', units: ['count'],
    description: '高新技术企业: total (measure total) or 新增/认定 (measure new)',
    aliases: ['高新技术企业', '高新企业', '高企'] },
  { indicator: 'high_tech_enterprise_applications', group: 'enterprises', name_zh: '申报高新技术企业', name_en: 'High-tech enterprise applications', unit: 'count', units: ['count'],
    description: 'Enterprises applying for high-tech status (申报)',
    aliases: ['申报高新技术企业', '高新技术企业申报'] },
  { indicator: 'tech_smes', group: 'enterprises', name_zh: '科技型中小企业', name_en: 'Tech-based SMEs', unit: 'count', units: ['count'],
    description: '科技型中小企业 registered or evaluated (入库/评价)',
    aliases: ['科技型中小企业'] },
  { indicator: 'tech_enterprises', group: 'enterprises', name_zh: '科技型企业', name_en: 'Tech-based enterprises', unit: 'count', units: ['count'],
    description: '科技型企业 of all sizes',
    aliases: ['科技型企业', '科技企业(?!孵化|加速)'] },
  { indicator: 'little_giants', group: 'enterprises', name_zh: '专精特新“小巨人”企业', name_en: '"Little giant" enterprises', unit: 'count', units: ['count'],
    description: '专精特新“小巨人”企业',
    aliases: [`专精特新${Q}小巨人${Q}`] },
  { indicator: 'national_key_labs', group: 'labs_platforms', name_zh: '国家重点实验室', name_en: 'State key laboratories', unit: 'count', units: ['count'],
    description: '国家重点实验室 (全国重点实验室 after the 2022 reform)',
    aliases: ['国家[(（]?重点[)）]?实验室', '全国重点实验室'] },
  { indicator: 'provincial_labs', group: 'labs_platforms', name_zh: '省级实验室', name_en: 'Provincial flagship laboratories', unit: 'count', units: ['count'],
    description: '省级旗舰实验室: 湖北实验室, 重庆实验室',
    aliases: ['湖北实验室', '重庆实验室', '省实验室', '省级实验室'] },
  { indicator: 'provincial_key_labs', group: 'labs_platforms', name_zh: '省(市)重点实验室', name_en: 'Provincial key laboratories', unit: 'count', units: ['count'],
    description: '省(市)重点实验室',
    aliases: ['省重点实验室', '省级重点实验室', '市重点实验室', '市级重点实验室'] },
  { indicator: 'innovation_platforms', group: 'labs_platforms', name_zh: '省级以上科技创新平台', name_en: 'Innovation platforms (provincial and above)', unit: 'count', units: ['count'],
    description: '省级以上科技创新平台', national: 'national_innovation_platforms',
    aliases: ['(?:省级以上)?科技创新平台', '省级以上(?:科创|创新)平台'] },
  { indicator: 'national_innovation_platforms', group: 'labs_platforms', name_zh: '国家级科技创新平台', name_en: 'National innovation platforms', unit: 'count', units: ['count'],
    description: '国家级科技创新平台',
    aliases: ['国家级?科技创新平台', '国家级?科创平台', '国家级?创新平台', '国家科技创新平台'] },
  { indicator: 'new_rd_institutions', group: 'labs_platforms', name_zh: '新型研发机构', name_en: 'New R&D institutions', unit: 'count', units: ['count'],
    description: '新型研发机构',
    aliases: ['新型研发机构'] },
  { indicator: 'incubators', group: 'labs_platforms', name_zh: '科技企业孵化器', name_en: 'Tech business incubators', unit: 'count', units: ['count'],
    description: '科技企业孵化器 (national ones labelled 国家级)',
    aliases: ['孵化器'] },
  { indicator: 'maker_spaces', group: 'labs_platforms', name_zh: '众创空间', name_en: 'Maker spaces', unit: 'count', units: ['count'],
    description: '众创空间',
    aliases: ['众创空间'] },
  { indicator: 'high_tech_zones', group: 'labs_platforms', name_zh: '高新区', name_en: 'High-tech zones', unit: 'count', units: ['count'],
    description: '高新区 (label says 国家级 / 省级以上)',
    aliases: ['高新区', '高新技术产业开发区', '高新技术开发区'] },
  { indicator: 'big_science_facilities', group: 'labs_platforms', name_zh: '重大科技基础设施', name_en: 'Major S&T infrastructure', unit: 'count', units: ['count'],
    description: '重大科技基础设施',
    aliases: ['重大科技基础设施', '大科学装置'] },
  { indicator: 'engineering_research_centers', group: 'labs_platforms', name_zh: '工程研究中心', name_en: 'Engineering research centers', unit: 'count', units: ['count'],
    description: '工程研究中心',
    aliases: ['工程[(（]?技术[)）]?研究中心', '工程研究中心'] },
  { indicator: 'enterprise_tech_centers', group: 'labs_platforms', name_zh: '企业技术中心', name_en: 'Enterprise technology centers', unit: 'count', units: ['count'],
    description: '企业技术中心',
    aliases: ['企业技术中心'] },
  { indicator: 'innovative_industry_clusters', group: 'labs_platforms', name_zh: '创新型产业集群', name_en: 'Innovative industry clusters', unit: 'count', units: ['count'],
    description: '创新型产业集群',
    aliases: ['创新型产业集群', '(?<=[省国]级)集群'] },
  { indicator: 'rd_expenditure', group: 'rd_output', name_zh: 'R&D经费', name_en: 'R&D expenditure', unit: 'CNY', units: ['CNY'],
    description: 'R&D经费 / 全社会研发投入: amount in CNY, growth rate, share of GDP (强度)',
    aliases: ['R&D经费(?:支出|投入)?(?:强度)?', '研发经费(?:支出|投入)?(?:强度)?', '(?:全社会)?研发投入(?:强度)?', '研究与试验发展(?:\\(R&D\\))?经费', '研发强度'] },
  { indicator: 'tech_contract_turnover', group: 'rd_output', name_zh: '技术合同成交额', name_en: 'Technology contract turnover', unit: 'CNY', units: ['CNY'],
    description: '技术合同成交额: amount and growth rate',
    aliases: ['技术合同成交额', '技术合同交易额', '技术交易额', '技术合同成交金额', '(?<=技术合同.*)(?<!技术(?:服务|开发|咨询|转让)|输出)合同成交额'] },
  { indicator: 'high_tech_industry_value_added', group: 'rd_output', name_zh: '高新技术产业增加值', name_en: 'High-tech industry value added', unit: 'CNY', units: ['CNY'],
    description: '高新技术产业增加值: amount, growth rate, share of GDP',
    aliases: ['高新技术产业(?:实现)?增加值'] },
  { indicator: 'knowledge_value_loans', group: 'funding_finance', name_zh: '知识价值信用贷款', name_en: 'Knowledge-value credit loans', unit: 'CNY', units: ['CNY'],
    description: '知识价值信用贷款',
    aliases: ['知识价值信用贷款'] },
  { indicator: 'ip_pledge_financing', group: 'funding_finance', name_zh: '知识产权质押融资', name_en: 'IP pledge financing', unit: 'CNY', units: ['CNY'],
    description: '知识产权质押融资',
    aliases: ['知识产权质押融资', '专利权?质押融资'] },
  { indicator: 'government_st_funding', group: 'funding_finance', name_zh: '财政科技投入', name_en: 'Government S&T funding', unit: 'CNY', units: ['CNY'],
    description: '财政对科技的投入 of any named kind (基建基金, 建设经费, 专项补贴, 科技创新券); the label names the kind',
    aliases: ['基建基金', '(?:双一流' + Q + ')?建设经费', '专项补贴', '科技创新券', '创新券', '科学技术支出', '财政科技(?:投入|支出|经费)', '科技经费', '科技专项资金', '支持资金'] },
  { indicator: 'natural_science_fund_projects', group: 'rd_output', name_zh: '自然科学基金项目', name_en: 'Natural science fund projects', unit: 'items', units: ['items', 'count'],
    description: '自然科学基金项目',
    aliases: ['自然科学基金项目'] },
  { indicator: 'tech_achievements_transferred', group: 'rd_output', name_zh: '科技成果转化', name_en: 'S&T achievements transferred', unit: 'items', units: ['items', 'count'],
    description: '科技成果转化/转移 (项)',
    aliases: ['转移转化科技成果', '科技成果转移转化', '科技成果转化', '科技成果(?:在[^,;。]{1,4})?(?:就地)?转(?:移|化)'] },
];

/** Phrases naming things that are not the catalog indicator they contain (技术服务合同成交额 is a part). */
export const OTHER_PHRASES: string[] = [
  '技术(?:服务|开发|咨询|转让|输出)合同成交额', '输出合同成交额', '基础研究投入', '高新技术产业产值', '高新技术产品',
  '高新技术产业化', '科技创新指数', '创新指数', '孵化载体', '大学科技园', '研发人员', '营业收入', '净利润', '有效专利',
];

/** Indicator rows for indicators.parquet: the catalog plus `other`. */
export function indicatorRows(): IndicatorRow[] {
  const rows: IndicatorRow[] = INDICATORS.map(({ indicator, name_zh, name_en, unit, description, group }) => ({ indicator, name_zh, name_en, unit, description, group }));
  rows.push({ indicator: 'other', name_zh: '其他', name_en: 'Other', unit: '', description: 'Any other S&T quantity; the figure label names what is counted', group: 'other' });
  return rows;
}

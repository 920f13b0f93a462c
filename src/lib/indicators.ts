/**
 * The indicator catalog of ../shared/gold/SCHEMA.md as the dashboard and the
 * data contract name it: ids, groups, names in both languages, units. The
 * pipeline adds the phrases that find each in text (pipelines/figures/catalog/indicators.ts).
 */
import type { IndicatorRow } from './types.ts';

/** The catalog's indicators, in the order the pipeline matches their phrases. */
export const CATALOG: IndicatorRow[] = [
  { indicator: 'high_tech_enterprises', group: 'enterprises', name_zh: '高新技术企业', name_en: 'High-tech enterprises', unit: 'count',
    description: '高新技术企业: total (measure total) or 新增/认定 (measure new)' },
  { indicator: 'high_tech_enterprise_applications', group: 'enterprises', name_zh: '申报高新技术企业', name_en: 'High-tech enterprise applications', unit: 'count',
    description: 'Enterprises applying for high-tech status (申报)' },
  { indicator: 'tech_smes', group: 'enterprises', name_zh: '科技型中小企业', name_en: 'Tech-based SMEs', unit: 'count',
    description: '科技型中小企业 registered or evaluated (入库/评价)' },
  { indicator: 'tech_enterprises', group: 'enterprises', name_zh: '科技型企业', name_en: 'Tech-based enterprises', unit: 'count',
    description: '科技型企业 of all sizes' },
  { indicator: 'little_giants', group: 'enterprises', name_zh: '专精特新“小巨人”企业', name_en: '"Little giant" enterprises', unit: 'count',
    description: '专精特新“小巨人”企业' },
  { indicator: 'national_key_labs', group: 'labs_platforms', name_zh: '国家重点实验室', name_en: 'State key laboratories', unit: 'count',
    description: '国家重点实验室 (全国重点实验室 after the 2022 reform)' },
  { indicator: 'provincial_labs', group: 'labs_platforms', name_zh: '省级实验室', name_en: 'Provincial flagship laboratories', unit: 'count',
    description: '省级旗舰实验室: 湖北实验室, 重庆实验室' },
  { indicator: 'provincial_key_labs', group: 'labs_platforms', name_zh: '省(市)重点实验室', name_en: 'Provincial key laboratories', unit: 'count',
    description: '省(市)重点实验室' },
  { indicator: 'innovation_platforms', group: 'labs_platforms', name_zh: '省级以上科技创新平台', name_en: 'Innovation platforms (provincial and above)', unit: 'count',
    description: '省级以上科技创新平台' },
  { indicator: 'national_innovation_platforms', group: 'labs_platforms', name_zh: '国家级科技创新平台', name_en: 'National innovation platforms', unit: 'count',
    description: '国家级科技创新平台' },
  { indicator: 'new_rd_institutions', group: 'labs_platforms', name_zh: '新型研发机构', name_en: 'New R&D institutions', unit: 'count',
    description: '新型研发机构' },
  { indicator: 'incubators', group: 'labs_platforms', name_zh: '科技企业孵化器', name_en: 'Tech business incubators', unit: 'count',
    description: '科技企业孵化器 (national ones labelled 国家级)' },
  { indicator: 'maker_spaces', group: 'labs_platforms', name_zh: '众创空间', name_en: 'Maker spaces', unit: 'count',
    description: '众创空间' },
  { indicator: 'high_tech_zones', group: 'labs_platforms', name_zh: '高新区', name_en: 'High-tech zones', unit: 'count',
    description: '高新区 (label says 国家级 / 省级以上)' },
  { indicator: 'big_science_facilities', group: 'labs_platforms', name_zh: '重大科技基础设施', name_en: 'Major S&T infrastructure', unit: 'count',
    description: '重大科技基础设施' },
  { indicator: 'engineering_research_centers', group: 'labs_platforms', name_zh: '工程研究中心', name_en: 'Engineering research centers', unit: 'count',
    description: '工程研究中心' },
  { indicator: 'enterprise_tech_centers', group: 'labs_platforms', name_zh: '企业技术中心', name_en: 'Enterprise technology centers', unit: 'count',
    description: '企业技术中心' },
  { indicator: 'innovative_industry_clusters', group: 'labs_platforms', name_zh: '创新型产业集群', name_en: 'Innovative industry clusters', unit: 'count',
    description: '创新型产业集群' },
  { indicator: 'rd_expenditure', group: 'rd_output', name_zh: 'R&D经费', name_en: 'R&D expenditure', unit: 'CNY',
    description: 'R&D经费 / 全社会研发投入: amount in CNY, growth rate, share of GDP (强度)' },
  { indicator: 'tech_contract_turnover', group: 'rd_output', name_zh: '技术合同成交额', name_en: 'Technology contract turnover', unit: 'CNY',
    description: '技术合同成交额: amount and growth rate' },
  { indicator: 'high_tech_industry_value_added', group: 'rd_output', name_zh: '高新技术产业增加值', name_en: 'High-tech industry value added', unit: 'CNY',
    description: '高新技术产业增加值: amount, growth rate, share of GDP' },
  { indicator: 'knowledge_value_loans', group: 'funding_finance', name_zh: '知识价值信用贷款', name_en: 'Knowledge-value credit loans', unit: 'CNY',
    description: '知识价值信用贷款' },
  { indicator: 'ip_pledge_financing', group: 'funding_finance', name_zh: '知识产权质押融资', name_en: 'IP pledge financing', unit: 'CNY',
    description: '知识产权质押融资' },
  { indicator: 'government_st_funding', group: 'funding_finance', name_zh: '财政科技投入', name_en: 'Government S&T funding', unit: 'CNY',
    description: '财政对科技的投入 of any named kind (基建基金, 建设经费, 专项补贴, 科技创新券); the label names the kind' },
  { indicator: 'natural_science_fund_projects', group: 'rd_output', name_zh: '自然科学基金项目', name_en: 'Natural science fund projects', unit: 'items',
    description: '自然科学基金项目' },
  { indicator: 'tech_achievements_transferred', group: 'rd_output', name_zh: '科技成果转化', name_en: 'S&T achievements transferred', unit: 'items',
    description: '科技成果转化/转移 (项)' },
];

/** Where a figure that is none of the catalog's goes; its label names what it counts. */
export const OTHER: IndicatorRow = {
  indicator: 'other', name_zh: '其他', name_en: 'Other', unit: '', description: 'Any other S&T quantity; the figure label names what is counted', group: 'other',
};

/** Indicator rows for indicators.parquet: the catalog plus `other`. */
export function indicatorRows(): IndicatorRow[] {
  return [...CATALOG, OTHER].map((row) => ({ ...row }));
}

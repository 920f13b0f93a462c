import { CATALOG } from '../../../src/lib/indicators.ts';
import type { IndicatorRow, Unit } from '../../../src/lib/types.ts';

/** A catalog indicator with the Chinese phrases that name it in text. */
export interface Indicator extends IndicatorRow {
  /** Units a figure of this indicator may have (percent always allowed for rates). */
  units: Unit[];
  /** Phrases, as regular-expression sources, matched on Simplified text. */
  aliases: string[];
  /** A national-level variant: 其中国家级N家 after this indicator files under it. */
  national?: string;
  /** Performed by sectors (enterprises, universities, institutes), so that 企业研发投入 is a part of it. */
  performed?: boolean;
}

const Q = '[“"”]?';

/** How each catalog indicator is found in text: its units and phrases, by id. */
const FINDING: Record<string, Pick<Indicator, 'units' | 'aliases' | 'national' | 'performed'>> = {
  high_tech_enterprises: { units: ['count'], aliases: ['高新技术企业', '高新企业', '高企'] },
  high_tech_enterprise_applications: { units: ['count'], aliases: ['申报高新技术企业', '高新技术企业申报'] },
  tech_smes: { units: ['count'], aliases: ['科技型中小企业'] },
  tech_enterprises: { units: ['count'], aliases: ['科技型企业', '科技企业(?!孵化|加速)'] },
  little_giants: { units: ['count'], aliases: [`专精特新${Q}小巨人${Q}`] },
  national_key_labs: { units: ['count'], aliases: ['国家级?[(（]?重点[)）]?实验室', '全国重点实验室'] },
  provincial_labs: { units: ['count'], aliases: ['湖北实验室', '重庆实验室', '省实验室', '省级实验室'] },
  provincial_key_labs: { units: ['count'], aliases: ['省重点实验室', '省级重点实验室', '市重点实验室', '市级重点实验室'] },
  innovation_platforms: { units: ['count'], national: 'national_innovation_platforms', aliases: ['(?:省级以上)?科技创新平台', '省级以上(?:科创|创新)平台'] },
  national_innovation_platforms: { units: ['count'], aliases: ['国家级?科技创新平台', '国家级?科创平台', '国家级?创新平台', '国家科技创新平台'] },
  new_rd_institutions: { units: ['count'], aliases: ['新型研发机构'] },
  incubators: { units: ['count'], aliases: ['孵化器'] },
  maker_spaces: { units: ['count'], aliases: ['众创空间'] },
  high_tech_zones: { units: ['count'], aliases: ['高新区', '高新技术产业开发区', '高新技术开发区'] },
  big_science_facilities: { units: ['count'], aliases: ['重大科技基础设施', '大科学装置'] },
  engineering_research_centers: { units: ['count'], aliases: ['工程[(（]?技术[)）]?研究中心', '工程研究中心'] },
  enterprise_tech_centers: { units: ['count'], aliases: ['企业技术中心'] },
  innovative_industry_clusters: { units: ['count'], aliases: ['创新型产业集群', '(?<=[省国]级)集群'] },
  rd_expenditure: { units: ['CNY'], performed: true, aliases: ['R&D经费(?:支出|投入)?(?:强度)?', '研发经费(?:支出|投入)?(?:强度)?', '(?:全社会)?研发投入(?:强度)?', '研究与试验发展(?:\\(R&D\\))?经费', '研发强度'] },
  tech_contract_turnover: { units: ['CNY'], performed: true, aliases: ['技术合同[\u4e00-\u9fff]{0,4}?成交(?:总)?(?:金)?额', '技术合同交易额', '技术(?:市场)?交易额', '技术市场(?:合同)?成交额', '(?<=技术合同.*)(?<!技术(?:服务|开发|咨询|转让)|输出)合同成交额'] },
  high_tech_industry_value_added: { units: ['CNY'], aliases: ['高新技术产业(?:实现)?增加值'] },
  knowledge_value_loans: { units: ['CNY'], aliases: ['知识价值信用贷款'] },
  ip_pledge_financing: { units: ['CNY'], aliases: ['知识产权质押融资', '专利权?质押融资'] },
  government_st_funding: { units: ['CNY'], aliases: ['基建基金', '(?:双一流' + Q + ')?建设经费', '专项补贴', '科技创新券', '创新券', '科学技术支出', '财政科技(?:投入|支出|经费)', '科技经费', '科技专项资金', '支持资金'] },
  natural_science_fund_projects: { units: ['items', 'count'], aliases: ['自然科学基金项目'] },
  tech_achievements_transferred: { units: ['items', 'count'], aliases: ['转移转化科技成果', '科技成果转移转化', '科技成果转化', '科技成果(?:在[^,;。]{1,4})?(?:就地)?转(?:移|化)'] },
};

/**
 * The catalog (src/lib/indicators.ts) with the phrases that name each indicator.
 * Anything a figure counts that is not here is `other`, with a label.
 */
export const INDICATORS: Indicator[] = CATALOG.map((row) => {
  const finding = FINDING[row.indicator];
  if (!finding) throw new Error(`no phrases for catalog indicator ${row.indicator}`);
  return { ...row, ...finding };
});

/** Phrases naming things that are not the catalog indicator they contain (技术服务合同成交额 is a part). */
export const OTHER_PHRASES: string[] = [
  '技术(?:服务|开发|咨询|转让|输出)合同成交额', '输出合同成交额', '基础研究投入', '高新技术产业产值', '高新技术产品',
  '高新技术产业化', '科技创新指数', '创新指数', '孵化载体', '大学科技园', '研发人员', '营业收入', '净利润', '有效专利',
];

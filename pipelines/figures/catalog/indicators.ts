import { CATALOG } from '../../../src/lib/indicators.ts';
import type { IndicatorRow, Unit } from '../../../src/lib/types.ts';
import { regions } from './regions.ts';

/** A catalog indicator with the Chinese phrases that name it in text, and the rules it brings (see Finding). */
export interface Indicator extends IndicatorRow, Omit<Finding, 'aliases'> {
  /** Phrases, as regular-expression sources, matched on Simplified text. */
  aliases: string[];
  /** Why each phrase is a general term of the field, by phrase. */
  reasons: string[];
}

const Q = '[“"”]?';

/** A phrase that names an indicator (a regular-expression source) and why it is a general term of the field. */
type Alias = [phrase: string, why: string];

/** How each catalog indicator is found in text. */
interface Finding {
  /** Units a figure of this indicator may have (percent always allowed for rates). */
  units: Unit[];
  aliases: Alias[];
  /** A national-level variant: 其中国家级N家 after this indicator files under it. */
  national?: string;
  /** Performed by sectors (enterprises, universities, institutes), so that 企业研发投入 is a part of it. */
  performed?: boolean;
  /** What a share of this indicator is of, when not GDP (a regex source): 科学技术支出占一般公共预算支出的比重. */
  shareOf?: string;
  /** Money given with these words and no phrase of its own is of this indicator: 支持资金3亿元, 荣获800万元奖励. */
  fundingWords?: { before: string; after: string };
  /** The indicator a count of this one becomes when it is applied for (申报…高新技术企业). */
  applied?: string;
  /** A number shared by a list of national kinds of this group is of this indicator (国家重点实验室、国家工程研究中心共21家). */
  umbrella?: string;
}

const NAME = 'catalog name (SCHEMA.md)';

/** `{省}实验室` for every province and municipality of the gazetteer: 湖北实验室, 重庆实验室, 江苏实验室. */
function provincialLabs(): string {
  const names = regions().filter((r) => r.level === 'province' || r.level === 'municipality').map((r) => r.name_zh);
  return `(?:${names.join('|')})实验室`;
}

/** How each catalog indicator is found in text: its units and phrases, by id. */
const FINDING: Record<string, Finding> = {
  high_tech_enterprises: { units: ['count'], applied: 'high_tech_enterprise_applications', aliases: [
    ['高新技术企业', NAME], ['高新企业', 'short form used in provincial statistics'], ['高企', 'common abbreviation in government text']] },
  high_tech_enterprise_applications: { units: ['count'], aliases: [['申报高新技术企业', NAME], ['高新技术企业申报', 'noun order of application statistics']] },
  tech_smes: { units: ['count'], aliases: [['科技型中小企业', NAME]] },
  tech_enterprises: { units: ['count'], aliases: [['科技型企业', NAME], ['科技企业(?!孵化|加速)', 'usual short form; 科技企业孵化器 is an incubator']] },
  little_giants: { units: ['count'], aliases: [[`专精特新${Q}小巨人${Q}`, NAME + ', with or without quotes']] },
  national_key_labs: { units: ['count'], aliases: [
    ['国家级?[(（]?重点[)）]?实验室', NAME + '; 国家级 and 国家(重点) are inserted words'], ['全国重点实验室', 'the name since the 2022 reform']] },
  provincial_labs: { units: ['count'], aliases: [
    [provincialLabs(), '{province}实验室, the flagship labs, for every province of the gazetteer'], ['省级?实验室', 'the generic name']] },
  provincial_key_labs: { units: ['count'], aliases: [['[省市]级?重点实验室', NAME + ': province or municipality, 级 inserted']] },
  innovation_platforms: { units: ['count'], national: 'national_innovation_platforms', umbrella: 'national_innovation_platforms', aliases: [
    ['(?:省级以上)?科技创新平台', NAME], ['省级以上(?:科创|创新)平台', 'short forms of the name'],
    ['工程[(（]?技术[)）]?研究中心', 'a kind of innovation platform, not an engineering research center (SCHEMA 7)']] },
  national_innovation_platforms: { units: ['count'], aliases: [['国家级?(?:科技创新|科创|创新)平台', NAME + ' and its short forms']] },
  new_rd_institutions: { units: ['count'], aliases: [['新型研发机构', NAME]] },
  incubators: { units: ['count'], aliases: [['孵化器', 'head noun of 科技企业孵化器']] },
  maker_spaces: { units: ['count'], aliases: [['众创空间', NAME]] },
  high_tech_zones: { units: ['count'], aliases: [['高新区', NAME], ['高新技术(?:产业)?开发区', 'the full legal name']] },
  big_science_facilities: { units: ['count'], aliases: [['重大科技基础设施', NAME], ['大科学装置', 'the usual synonym']] },
  engineering_research_centers: { units: ['count'], aliases: [['(?<!技术)工程研究中心', NAME + '; 工程技术研究中心 is another programme (SCHEMA 7)']] },
  enterprise_tech_centers: { units: ['count'], aliases: [['企业技术中心', NAME]] },
  innovative_industry_clusters: { units: ['count'], aliases: [['创新型产业集群', NAME], ['集群(?<=[省国]级集群)', 'head noun after a level']] },
  rd_expenditure: { units: ['CNY'], performed: true, aliases: [
    ['R&D经费(?:支出|投入)?(?:强度)?', NAME], ['研发经费(?:支出|投入)?(?:强度)?', 'Chinese form of R&D经费'],
    ['(?:全社会)?研发投入(?:强度)?', 'SCHEMA name 全社会研发投入'], ['研究开发(?:经费|费用|投入)', 'the long form of 研发'],
    ['投入强度(?<=(?:研发|R&D|研究与试验发展)[^。]{0,40}投入强度)', 'elided head after R&D in the same sentence (looked for 40 characters back, where 投入强度 stands)'], ['研究与试验发展(?:\\(R&D\\))?经费', 'the statistical name'], ['研发强度', 'short for 研发投入强度']] },
  tech_contract_turnover: { units: ['CNY'], performed: true, aliases: [
    ['技术合同[\\u4e00-\\u9fff]{0,4}?成交(?:总)?(?:金)?额', NAME + ' with inserted words (年, 认定登记)'], ['技术合同交易额', 'synonym'],
    ['技术(?:市场)?交易额', 'synonym'], ['技术市场(?:合同)?成交额', 'synonym (SCHEMA 7)'],
    ['合同成交(?:金)?额(?<=技术合同[^。]{0,60}合同成交(?:金)?额)(?<!(?:技术(?:服务|开发|咨询|转让)|输出)合同成交(?:金)?额)', 'elided head after 技术合同 in the same sentence (looked for 60 characters back, where 合同成交额 stands)'],
    ['成交(?:总)?(?:金)?额(?<=技术市场[^。;]{0,16}成交(?:总)?(?:金)?额)', 'elided head after 技术市场 in the same clause']] },
  high_tech_industry_value_added: { units: ['CNY'], aliases: [['高新技术产业[\\u4e00-\\u9fff]{0,2}?增加值', NAME + ' with inserted words (实现, 产值)']] },
  knowledge_value_loans: { units: ['CNY'], aliases: [['知识价值信用贷款', NAME]] },
  ip_pledge_financing: { units: ['CNY'], aliases: [['知识产权质押融资', NAME], ['专利权?质押融资', 'patents are the usual pledged IP']] },
  government_st_funding: { units: ['CNY'], shareOf: '(?:公共)?(?:预算|财政)支出', fundingWords: { before: '(?:支持|资助|补助|奖补|拨付|安排|投入)(?:资金|经费)?$', after: '^(?:的)?(?:奖励|奖金|奖补|补助|补贴|资助)|^的?[^,;。]{0,16}(?:政府引导基金|引导基金|风险补偿基金|补偿资金)' }, aliases: [
    ['基建基金', 'SCHEMA kind'], ['建设经费', 'SCHEMA kind'], ['专项补贴', 'SCHEMA kind'], ['科技创新券', 'SCHEMA kind'], ['创新券', 'short form'],
    ['科学技术支出', 'budget line name'], ['财政科技(?:投入|支出|经费)', 'SCHEMA: 财政对科技的投入'], ['科技经费', 'generic name'],
    ['科技专项资金', 'generic name'], ['支持资金', 'generic name']] },
  natural_science_fund_projects: { units: ['items', 'count'], aliases: [['自然科学基金项目', NAME]] },
  tech_achievements_transferred: { units: ['items', 'count'], aliases: [
    ['转移转化科技成果', 'word order variant'], ['科技成果转移转化', NAME], ['科技成果转化', NAME],
    ['科技成果(?:在[^,;。]{1,4})?(?:就地)?转(?:移|化)', 'with a place inserted (在汉, 就地)'],
    ['(?<!科技)成果转化(?:项目)?', 'short form: in S&T text 成果 are S&T achievements']] },
};

/**
 * The catalog (src/lib/indicators.ts) with the phrases that name each indicator.
 * Anything a figure counts that is not here is `other`, with a label.
 */
export const INDICATORS: Indicator[] = CATALOG.map((row) => {
  const finding = FINDING[row.indicator];
  if (!finding) throw new Error(`no phrases for catalog indicator ${row.indicator}`);
  return { ...row, ...finding, aliases: finding.aliases.map(([p]) => p), reasons: finding.aliases.map(([, why]) => why) };
});

/** Phrases naming things that are not the catalog indicator they contain (技术服务合同成交额 is a part). */
export const OTHER_PHRASES: string[] = [
  '技术(?:服务|开发|咨询|转让|输出)合同成交额', '输出合同成交额', '基础研究投入', '高新技术产业产值', '高新技术产品',
  '高新技术产业化', '科技创新指数', '创新指数', '孵化载体', '大学科技园', '研发人员', '营业收入', '净利润', '有效专利',
];

/**
 * The counted noun phrase: a catalog phrase names the whole region's figure; the
 * words around it say when the number is only a part of that whole (an industry,
 * a performer, one organisation, a place inside the region), and which words
 * between the phrase and its number still belong to it.
 */

/** A named rule over the words before a catalog phrase, with an invented example. */
export interface PartRule {
  name: string;
  /** Tested on the words of the number's segment before the catalog phrase. */
  when: RegExp;
  /** Only for indicators that sectors perform (R&D spending): 企业研发投入 is a part, 企业专项补贴 is not. */
  performedOnly?: boolean;
  /** An invented sentence, the quote of the number the rule makes `other`, and the modifier without which it is the catalog's. */
  example: { text: string; quote: string; modifier: string };
}

/** Modifiers that make a catalog figure a part of the region's whole: `other`, with a label. */
export const PART_RULES: PartRule[] = [
  {
    name: 'a field, sector or industry',
    when: /领域|行业|类|(?:第[一二三]|制造|服务|信息|汽车|医药|能源|材料)产业|制造业|服务业/,
    example: { text: '2031年,全市生物医药领域技术合同成交额达到35亿元。', quote: '35亿元', modifier: '生物医药领域' },
  },
  {
    name: 'a performer (enterprises, universities, institutes)',
    when: /(?:企业|高校|高等学校|院所|科研院所|科研机构|研究机构|医院|事业单位)(?:总体|整体|合计|共计|的)?$/,
    performedOnly: true,
    example: { text: '2031年,全市规模以上工业企业研发经费支出120亿元。', quote: '120亿元', modifier: '规模以上工业企业' },
  },
  {
    name: 'per unit (each enterprise, per head)',
    when: /平均每|每家|每个|户均|家均|人均|平均/,
    example: { text: '2031年,平均每家孵化器在孵企业研发投入达到300万元。', quote: '300万元', modifier: '平均每家孵化器在孵企业' },
  },
  {
    name: 'a location inside the region',
    when: /(?:园区|区内|园内|基地内|开发区内|新区内|城区)$/,
    example: { text: '2031年,某某园区内高新技术企业达到85家。', quote: '85家', modifier: '某某园区内' },
  },
  {
    name: 'one organisation',
    when: /集团|公司|下属|旗下|本单位|该校|该院/,
    example: { text: '2031年,某某集团下属高新技术企业达到12家。', quote: '12家', modifier: '某某集团下属' },
  },
];

/** The first part rule whose modifier stands before a catalog phrase, or null. */
export function partRule(before: string, performed: boolean): PartRule | null {
  return PART_RULES.find((r) => (performed || !r.performedOnly) && r.when.test(before)) ?? null;
}

// Heads of other counted nouns: words between a catalog phrase and its number that
// name something else (高新技术企业研发投入25亿元 counts money, not enterprises).
const OTHER_HEAD = /企业|机构|平台|中心|项目|人才|人员|专利|成果|资金|基金|基地|实验室|团队|产品|标准|论文|合同|投入|收入|营收|产值|利润|税|贷款|增加值|总值|知识产权|规模|面积|人次|[人家个项件额率值费款]/;

/**
 * Whether the words between a catalog phrase and its number still belong to the
 * phrase: 科技型中小企业评价入库数量达, 技术合同年成交额 (inserted words of the field),
 * not 高新技术企业研发投入 (another head noun).
 */
export function insertedWords(gap: string): boolean {
  return gap.length <= 10 && !OTHER_HEAD.test(gap);
}

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
    name: 'a location or sub-area inside the region (园区内, 两江新区, 东湖高新区)',
    when: /(?:园区|区内|园内|基地内|开发区内|新区内|城区|新区|新城|开发区|高新区|示范区|片区|自贸区)$/,
    example: { text: '2031年,某某园区内高新技术企业达到85家。', quote: '85家', modifier: '某某园区内' },
  },
  {
    name: 'a group of places',
    when: /等[\d一二三四五六七八九十两]+个?(?:区|县|市|州|地|城市|区县|县市区?)/,
    example: { text: '甲省科技新闻\n2031年,荆州、宜昌等5市高新技术企业达到2100家。', quote: '2100家', modifier: '荆州、宜昌等5市' },
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
const OTHER_HEAD = /企业|机构|平台|中心|项目|人才|人员|专利|成果|资金|基金|基地|实验室|团队|产品|标准|论文|合同|投入|收入|营收|产值|利润|税|贷款|增加值|总值|知识产权|规模|面积|人次|意向|协议|(?<!国)家|[人个项件额率值费款]/;

/**
 * Whether the words between a catalog phrase and its number still belong to the
 * phrase: 科技型中小企业评价入库数量达, 技术合同年成交额 (inserted words of the field),
 * not 高新技术企业研发投入 (another head noun).
 */
export function insertedWords(gap: string): boolean {
  return gap.length <= 10 && !OTHER_HEAD.test(gap);
}

/** Whether a short gap still names another head (成果转化意向500项: intentions, not transfers). */
export function otherHead(gap: string): boolean {
  return /意向|协议/.test(gap);
}

/** A named rule for a number that is part of a noun phrase, not a figure of its own. */
export interface ModifierRule {
  name: string;
  /** Tested on the words before the number (up to 12 characters). */
  before?: RegExp;
  /** Tested on the words after the number (up to 20 characters), the number's own words included when `self` is set. */
  after?: RegExp;
  self?: boolean;
  /** Tested on the number's own words. */
  quote?: RegExp;
  /** An invented sentence and the quote of the number that is not a figure. */
  example: { text: string; quote: string };
}

/** Numbers that qualify a noun (a size class, a threshold, a milestone) rather than count it. */
export const MODIFIER_RULES: ModifierRule[] = [
  {
    name: 'a size class before a noun',
    quote: /(?:元|以上|以下)$/,
    after: /^(?:、[^,;。]{1,8}?)?(?:以上|以下)?(?:营业|主营业务|销售)?(?:收入|营收|产值)的?[\u4e00-\u9fff]{0,8}(?:企业|公司|机构)/,
    example: { text: '2031年,全市5亿元以上收入企业达到40家。', quote: '5亿元以上' },
  },
  {
    name: 'a class named after a count (1个万亿级集群)',
    before: /[个家座批]$/,
    after: /^[^级]*级[\u4e00-\u9fff]/,
    self: true,
    example: { text: '2031年,全市力争形成2个千亿级产业集群。', quote: '千亿' },
  },
  {
    name: 'a threshold inside a counted phrase (1家营收过千亿元的企业)',
    before: /\d[家个](?:[\u4e00-\u9fff]{0,4})?(?:过|超过?|达)?$/,
    quote: /元/,
    example: { text: '2031年,全市培育3家营收过120亿元的科技企业。', quote: '120亿元' },
  },
  {
    name: 'a milestone that restates the figure before it',
    after: /^大关/,
    example: { text: '2031年,全市技术合同成交额达到1020亿元,首次突破千亿大关。', quote: '突破千亿' },
  },
];

/** The modifier rule a number falls under, or null when it is a figure. */
export function modifierRule(before: string, quote: string, after: string): ModifierRule | null {
  return MODIFIER_RULES.find((r) => (!r.quote || r.quote.test(quote)) && (!r.before || r.before.test(before))
    && (!r.after || r.after.test(r.self ? quote + after : after))) ?? null;
}

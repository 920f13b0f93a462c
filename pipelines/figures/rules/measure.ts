import type { Measure } from '../../../src/lib/types.ts';
import type { NumberMention } from '../../numbers/numbers.ts';

/** A named list of verbs that, nearest before a count, decide its measure (SCHEMA 8). */
export interface VerbRule {
  name: string;
  verbs: string[];
  then: Measure;
  /** An invented sentence and the quote of a number the rule gives `then`. */
  example: { text: string; quote: string };
}

/** Verb rules, in the order a tie between equally near verbs is broken (later wins). */
export const VERB_RULES: VerbRule[] = [
  { name: 'a count reached or held', then: 'total',
    verbs: ['达到', '达', '共有', '建有', '拥有', '总数', '总量', '累计', '增至', '集聚', '汇聚', '现有', '集成', '入驻', '储备', '拥有量', '备案', '有效', '突破', '超过', '共', '有', '形成'],
    example: { text: '2031年,全市拥有众创空间120家。', quote: '120家' } },
  { name: 'projects, events and applications in the period', then: 'amount',
    verbs: ['申报', '实施', '组织', '开展', '举办', '启动', '签约', '签订', '派驻', '选派', '推荐', '资助', '争取', '获', '完成', '达成', '兑付', '发放', '收集'],
    example: { text: '2031年,全市举办科技对接活动35场。', quote: '35场' } },
  { name: 'entities set up or approved in the period', then: 'new',
    verbs: ['新增', '新建', '新认定', '认定', '组建', '新获批', '获批', '引进', '培育', '孵化', '布局', '谋划', '招引', '转型升级', '净增', '新纳统', '遴选', '立项', '上市', '入选', '递增', '新当选', '新设立', '增选', '新引进', '设立', '建成', '新招'],
    example: { text: '2031年,全市新认定高新技术企业500家。', quote: '500家' } },
];
const NEW_VERBS = VERB_RULES.find((r) => r.then === 'new')!.verbs;

function nearestVerb(left: string): Measure | null {
  let best = -1;
  let measure: Measure | null = null;
  const scan = (verbs: string[], m: Measure) => {
    for (const v of verbs) {
      const i = left.lastIndexOf(v);
      if (i >= 0 && i + v.length > best) {
        best = i + v.length;
        measure = m;
      }
    }
  };
  for (const rule of VERB_RULES) scan(rule.verbs, rule.then);
  return measure;
}

/**
 * What a number measures: a stock, an addition, a flow, a growth rate, a share
 * or a rank, from its kind and the words before it (`left`: from the start of
 * its clause; `seg`: from the last comma or 、; `held`: its paragraph speaks of
 * what is held so far).
 */
export function measureOf(m: NumberMention, left: string, clause: string, seg: string, right: string, previous: Measure | null, held = false): Measure {
  // \`left\` runs from the start of the ；-clause, \`clause\` from the last comma.
  switch (m.kind) {
    case 'rank': return 'rank';
    case 'rank_change': return 'amount';
    case 'doubling': return 'growth_rate';
    case 'fraction': return /增长|增速|提高|增幅/.test(seg) ? 'growth_rate' : 'share';
    case 'percent': {
      // 贡献率达90%, 增长贡献率超过90%: a rate named last is a share, whatever grew before it.
      if (/(?:贡献率|比重|占比|覆盖率|转化率|存活率|自给率)[^增]{0,6}$/.test(seg)) return 'share';
      // 322.92%、156.03%: a number listed after another keeps its measure.
      if (seg === '' && previous !== null && (previous === 'growth_rate' || previous === 'share')) return previous;
      if (/(?:提高|提升|增|升|上升|降|下降)(?:到|至)$/.test(seg)) return 'share';
      // 增加值 (value added) names a quantity, not an increase.
      if (/增长|增速|增幅|增长率|递增|同比|年均|增加(?!值)|提高|下降|减少|回落|提升/.test(seg)) return 'growth_rate';
      if (/^(?:的)?增长/.test(right)) return 'growth_rate';
      if (!/占|比重|比例|强度|率|指数|覆盖/.test(seg) && /增长|增速|增幅/.test(left.slice(-14)) && !/占|比重/.test(left.slice(-14))) return 'growth_rate';
      return 'share';
    }
    case 'points':
      // 差距从0.39个百分点缩小到0.2个百分点: a gap between two levels.
      if (/差距/.test(left)) return 'share';
      if (/高于|低于|高出|低出|超出/.test(seg)) return previous === 'share' ? 'share' : 'growth_rate';
      return 'growth_rate';
  }
  // 基金规模56亿元, 贷款余额400亿元, 三支各10亿元的引导基金: money held at a date is a stock.
  if (m.unit === 'CNY') return /余额|存量|(?:基金|债|[只支])[^,;]{0,12}规模/.test(clause) || /^的?[^,;。]{0,8}基金/.test(right) ? 'total' : 'amount';
  if (m.unit === 'items' || m.unit === 'times') {
    return /总量|拥有量|备案|有效|共有|保有|累计/.test(seg) ? 'total' : 'amount';
  }
  // 3家企业通过科创板上市审核, 200家立项企业: the verb after the number.
  if (new RegExp(`^[\u4e00-\u9fff]{0,8}?(?:${NEW_VERBS.join('|')})`).test(right) && !/^的/.test(right)) return 'new';
  // 30万名大学毕业生留汉, 人才留渝: people kept in the place in the period.
  if (/^[\u4e00-\u9fff]{0,8}?(?:毕业生|大学生|人才)留/.test(right)) return 'new';
  // The verb of the number's own clause; a clause without one continues a list
  // (新增国家级孵化器3家,国家级众创空间10家) and takes the verb of the list.
  const verb = nearestVerb(clause) ?? (previous !== null && previous !== 'rank' ? nearestVerb(left) : null);
  // 累计培育上市公司201家, 已培育入库企业6725家, 先后建设了12家: a running total.
  if (verb === 'new' && /累计|已|先后|共/.test(clause)) return 'total';
  // 目前,…培育引进研发机构1463家; 已设立…基金,参股组建子基金72支: built up so far, not added in a
  // period, unless the words say new (新增, 净增) or name the period (今年, 2022年).
  if (verb === 'new' && (held || stocks(left)) && !/新(?:增|建|认定|获批|引进|设立?|当选|招|纳统|培育|组建)|净增|今年|去年|全年|当年|本年|上半年|季度|年度|\d{4}年/.test(clause)) return 'total';
  return verb ?? 'total';
}

/** Whether words speak of what is held so far (目前, 现有, 已设立). */
export function stocks(words: string): boolean {
  return /目前|现有|如今|截至目前|已(?:经)?(?:建成|设立|形成|拥有|培育|组建|集聚)/.test(words);
}

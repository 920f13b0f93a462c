/** The interface's words in Chinese and English; catalog names come from the data in both. */
export type Lang = 'zh' | 'en';

const WORDS = {
  title: { zh: '科览 · 区域科技指标对比', en: 'Kelan · Regional S&T figures compared' },
  compare: { zh: '对比', en: 'Compare' },
  multiples: { zh: '多指标', en: 'Small multiples' },
  table: { zh: '数据表', en: 'Figures table' },
  document: { zh: '原文', en: 'Document' },
  indicator: { zh: '指标', en: 'Indicator' },
  indicators: { zh: '指标(可多选)', en: 'Indicators (several)' },
  measure: { zh: '口径', en: 'Measure' },
  regions: { zh: '地区', en: 'Regions' },
  addRegion: { zh: '添加地区', en: 'Add a region' },
  loading: { zh: '正在加载数据库…', en: 'Loading the database…' },
  empty: { zh: '所选条件下没有数据', en: 'No figures for this selection' },
  emptyRegions: { zh: '请至少选择一个地区', en: 'Choose at least one region' },
  emptyNone: { zh: '这些地区没有该指标的数据', en: 'None of these regions has figures for this indicator' },
  error: { zh: '查询出错', en: 'The query failed' },
  actual: { zh: '实际', en: 'Actual' },
  target: { zh: '目标', en: 'Target' },
  expected: { zh: '预计', en: 'Expected' },
  total: { zh: '总量', en: 'Total' },
  new: { zh: '新增', en: 'New' },
  amount: { zh: '金额/数量', en: 'Amount' },
  growth_rate: { zh: '增长率', en: 'Growth rate' },
  share: { zh: '占比', en: 'Share' },
  rank: { zh: '排名', en: 'Rank' },
  year: { zh: '年份', en: 'Year' },
  value: { zh: '数值', en: 'Value' },
  region: { zh: '地区', en: 'Region' },
  stance: { zh: '性质', en: 'Stance' },
  source: { zh: '来源', en: 'Source' },
  sentence: { zh: '原句', en: 'Sentence' },
  asWritten: { zh: '原文写法', en: 'As written' },
  issuer: { zh: '发布机构', en: 'Issuer' },
  published: { zh: '发布日期', en: 'Published' },
  currentYear: { zh: '文件年份', en: 'Document year' },
  genre: { zh: '文件类型', en: 'Genre' },
  docNumber: { zh: '文号', en: 'Document number' },
  confidence: { zh: '置信度', en: 'Confidence' },
  yearInferred: { zh: '年份为推断', en: 'Year inferred' },
  yearStated: { zh: '年份见原文', en: 'Year stated' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  openDocument: { zh: '查看原文', en: 'Open the document' },
  sameFact: { zh: '同一事实的其他来源', en: 'Other sources for this fact' },
  conflict: { zh: '数值不一致', en: 'Values disagree' },
  close: { zh: '关闭', en: 'Close' },
  rawText: { zh: '显示原始文本', en: 'Show the raw text' },
  normalText: { zh: '显示规范文本', en: 'Show the normalised text' },
  filter: { zh: '筛选', en: 'Filter' },
  all: { zh: '全部', en: 'All' },
  search: { zh: '搜索原句', en: 'Search sentences' },
  download: { zh: '下载CSV(含来源)', en: 'Download CSV with sources' },
  rows: { zh: '条', en: 'rows' },
  previous: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  page: { zh: '页', en: 'page' },
  language: { zh: 'English', en: '中文' },
  legendActual: { zh: '实心点:实际值;空心:目标/预计', en: 'Solid: actual · hollow: target / expected' },
  qualifiers: { zh: '≈ 约/近 · > 超过 · ≥ 以上 · ≤ 不超过', en: '≈ about · > more than · ≥ at least · ≤ at most' },
  chartOf: { zh: '图表', en: 'Chart of' },
  group_enterprises: { zh: '企业', en: 'Enterprises' },
  group_labs_platforms: { zh: '实验室与平台', en: 'Labs and platforms' },
  group_funding_finance: { zh: '资金与金融', en: 'Funding and finance' },
  group_rd_output: { zh: '研发与产出', en: 'R&D and output' },
  group_other: { zh: '其他', en: 'Other' },
  tableEmpty: { zh: '没有符合筛选条件的数据', en: 'No figures match these filters' },
  clearFilters: { zh: '清除筛选', en: 'Clear filters' },
  pageOf: { zh: '第 {n} 页,共 {m} 页', en: 'Page {n} of {m}' },
  openOnChart: { zh: '在图表中查看', en: 'Open on the chart' },
  downloading: { zh: '正在生成CSV…', en: 'Preparing the CSV…' },
  label: { zh: '统计对象', en: 'What is counted' },
  encoding: { zh: '编码', en: 'Encoding' },
  script: { zh: '字形', en: 'Script' },
  simplified: { zh: '简体', en: 'Simplified' },
  traditional: { zh: '繁体', en: 'Traditional' },
  mixed: { zh: '简繁混合', en: 'Mixed' },
  warnings: { zh: '处理记录', en: 'Processing notes' },
  file: { zh: '文件', en: 'File' },
  figuresInDoc: { zh: '本文提取的数据', en: 'Figures extracted' },
  docMissing: { zh: '链接未指明文档(缺少 ?doc=)', en: 'The link names no document (no ?doc=)' },
  docNotFound: { zh: '数据中没有这个文档', en: 'The data has no such document' },
  figureNotInDoc: { zh: '所选数据不在本文中', en: 'The chosen figure is not in this document' },
  showingRaw: { zh: '当前为原始文本(文件原样)', en: 'Showing the raw text, as the file had it' },
  showingNormal: { zh: '当前为规范文本(简体、已清理)', en: 'Showing the normalised text (Simplified, cleaned)' },
  unknown: { zh: '未知', en: 'unknown' },
  sources: { zh: '来源', en: 'Sources' },
  moreSources: { zh: '等 {n} 份文件', en: 'and {n} more documents' },
  dataVersion: { zh: '数据版本', en: 'data' },
  builtOn: { zh: '生成于', en: 'built' },
  stanceKey: { zh: '● 实际  ○ 目标  ◇ 预计', en: '● actual  ○ target  ◇ expected' },
  markH1: { zh: '上半年', en: 'H1' },
  markPart: { zh: '非全年', en: 'part' },
  markSpan: { zh: '多年', en: 'span' },
  keyH1: { zh: '上半年的数值,不是全年', en: 'first half of the year, not the whole year' },
  keyPart: { zh: '季度、几个月或部分年份的数值', en: 'a quarter, some months or part of the year' },
  keySpan: { zh: '多年合计(如“十三五”期间),不是单一年份', en: 'several years together (e.g. 2016–2020), not one year' },
  keyUncertain: { zh: '年份为推断,或置信度低于 {c}', en: 'year inferred, or confidence below {c}' },
  yearFromDocument: { zh: '年份由文件日期推断', en: 'year inferred from the document date' },
  lowConfidence: { zh: '置信度低', en: 'low confidence' },
  reportedBy: { zh: '{n} 份文件报告', en: 'reported by {n} documents' },
  valuesRange: { zh: '各来源数值 {lo} 至 {hi}', en: 'the sources give {lo} to {hi}' },
  keyRange: { zh: '竖线:各来源给出的数值范围', en: 'vertical line: the range of values the sources give' },
  exportSvg: { zh: '下载 SVG', en: 'Download SVG' },
  exportPng: { zh: '下载 PNG(2倍)', en: 'Download PNG (2×)' },
  exportCsv: { zh: '下载所绘数据 CSV', en: 'Download plotted rows (CSV)' },
  copyEmbed: { zh: '复制嵌入代码', en: 'Copy embed code' },
  copied: { zh: '已复制', en: 'Copied' },
  printReport: { zh: '打印报告', en: 'Print report' },
  report: { zh: '报告', en: 'Report' },
  openFull: { zh: '在科览中查看完整图表', en: 'Open the full view in Kelan' },
  embedInvalid: { zh: '无法显示此图表', en: 'This chart cannot be shown' },
  citations: { zh: '引用来源', en: 'Sources cited' },
  plottedFigures: { zh: '图中数据', en: 'Figures plotted' },
  docs: { zh: '文档库', en: 'Documents' },
  darkTheme: { zh: '深色', en: 'Dark' },
  docTitle: { zh: '标题', en: 'Title' },
  date: { zh: '日期', en: 'Date' },
  scriptEncoding: { zh: '字形 · 编码', en: 'Script · encoding' },
  figureCount: { zh: '数据条数', en: 'Figures' },
  docCount: { zh: '{n} 份文档', en: '{n} documents' },
  docsSearch: { zh: '搜索标题、发布机构、文件类型', en: 'Search titles, issuers, genres' },
  docsEmpty: { zh: '没有符合筛选条件的文档', en: 'No documents match these filters' },
  refused: { zh: '上次运行未能读取的文件', en: 'Files the last run refused' },
  refusedNone: { zh: '上次运行没有拒收任何文件', en: 'The last run refused no file' },
  reason: { zh: '原因', en: 'Reason' },
  runUnknown: { zh: '无法读取运行记录 run.json', en: 'The run record run.json could not be read' },
  runWarnings: { zh: '语料文件说明', en: 'Notes on the corpus files' },
  targets: { zh: '目标与实际', en: 'Targets vs actuals' },
  targetsTitle: { zh: '目标完成情况:规划目标与其后报告的实际值', en: 'Targets against the actuals reported later' },
  targetsRules: {
    zh: '每个目标(力争、目标)与同一地区、指标、口径、单位和年份的实际值配对,两者都须是全年数值;完成率 = 实际 ÷ 目标(排名越小越好,为目标 ÷ 实际)。实际值不低于目标即为达成,目标写作“超过/突破”时须高于目标;排名不高于目标名次即为达成。多条数据给出同一目标或实际值时,取置信度最高者(同分按数据编号),与图表所示一致。尚无实际值的目标标为未知。',
    en: 'Each target (力争, 目标) is paired with the actual of the same region, indicator, measure, unit and year, both whole-year values; attainment = actual ÷ target (target ÷ actual for a rank, where lower is better). A target is met when the actual reaches it, or passes it when the target says “more than” (超过, 突破); a rank is met at or above the target place. When several figures give a target or an actual, the most confident is used (ties by figure id), as the charts show it. A target with no actual yet is unknown.',
  },
  attainment: { zh: '完成率', en: 'Attainment' },
  targetStatus: { zh: '是否达成', en: 'Outcome' },
  targetMet: { zh: '已达成', en: 'met' },
  targetUnmet: { zh: '未达成', en: 'not met' },
  targetUnknown: { zh: '未知(尚无实际值)', en: 'unknown (no actual yet)' },
  targetsCount: { zh: '{n} 个目标:{met} 个已达成,{unmet} 个未达成,{unknown} 个尚无实际值', en: '{n} targets: {met} met, {unmet} not met, {unknown} with no actual yet' },
  targetsEmpty: { zh: '没有符合筛选条件的目标', en: 'No targets match these filters' },
  noActualYet: { zh: '尚未报告实际值', en: 'No actual reported yet' },
  pairConflict: { zh: '{n} 条数据给出 {k} 个不同数值({lo} 至 {hi}),取置信度最高者', en: '{n} figures give {k} values ({lo} to {hi}); the most confident is used' },
  pairTitle: { zh: '目标完成情况', en: 'Target and actual' },
  pairThis: { zh: '即本条', en: 'this figure' },
  pairConflictShort: { zh: '{n} 条数据、{k} 个不同数值,取置信度最高者', en: '{n} figures, {k} values: the most confident is used' },
  pairNotThis: { zh: '本条数据不是配对所用的一条:同一事实有多条数据,取置信度最高者', en: 'This figure is not the one paired: several figures give this fact, and the most confident is used' },
  openTargets: { zh: '查看全部目标', en: 'All targets' },
  chartOptions: { zh: '图表选项', en: 'Chart options' },
  optTargets: { zh: '目标—实际连线(标注完成率)', en: 'Join targets to actuals (attainment)' },
  optShare: { zh: '显示下级地区占上级地区的比重(推算值)', en: "Show a city's share of its province (derived)" },
  optNational: { zh: '全国数据作参考线', en: 'National figures as a reference line' },
  nestingNote: { zh: '{child}是{parent}的一部分:两者数值不可相加。', en: '{child} is part of {parent}; the values are not to be added.' },
  shareTitle: { zh: '{child}占{parent}的比重(推算值)', en: "{child}'s share of {parent} (derived)" },
  shareAxis: { zh: '占比 %(推算)', en: 'share % (derived)' },
  shareNone: { zh: '没有同一年份、同一口径和单位的可比数据,无法推算比重', en: 'No year has figures of the same measure and unit for both: no share to derive' },
  shareAbove: { zh: '超过100%:两条数据的统计范围可能不一致', en: 'above 100%: the two figures may not count the same things' },
  derived: { zh: '推算值', en: 'derived' },
  derivedFrom: { zh: '由以下两条数据计算({a} ÷ {b})', en: 'Computed from these two figures ({a} ÷ {b})' },
  derivedMissing: { zh: '找不到推算所用的数据', en: 'The figures this value was derived from are not in the data' },
  keyLink: { zh: '点线箭头:由目标指向同年实际值,旁注完成率(✓ 达成 ✗ 未达成)', en: "dotted arrow: from a target to the same year's actual, with the attainment (✓ met ✗ not met)" },
  keyNational: { zh: '灰色虚线:全国数据(参考,不与各地相加)', en: 'grey dashed line: national figures (a reference, not to be added)' },
  nationalRef: { zh: '全国(参考)', en: 'China (reference)' },
} as const;

/** A word of the interface. */
export type Word = keyof typeof WORDS;

/** The interface's word for `key` in `lang`. */
export function t(lang: Lang, key: Word): string {
  return WORDS[key][lang];
}

/** Whether a key names an interface word. */
export function isWord(key: string): key is Word {
  return key in WORDS;
}

const STORAGE_KEY = 'kelan.lang';

/** The language remembered in this browser, else Chinese. */
export function rememberedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Remembers the chosen language in this browser. */
export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the URL still carries the language.
  }
}

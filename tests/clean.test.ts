import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { clean, type CleanResult } from '../pipelines/clean/clean.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SEEDS = `${ROOT}/seeds`;
const DEV = `${ROOT}/seeds/dev`;
const FILES = [
  ...readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => `${SEEDS}/${f}`),
  ...readdirSync(DEV).filter((f) => f.endsWith('.txt')).sort().map((f) => `${DEV}/${f}`)
];
const texts = new Map(FILES.map((path) => [path.split('/').pop() as string, readFileSync(path, 'utf8')]));
const results = new Map([...texts].map(([name, text]) => [name, clean(text)]));

const textOf = (doc: string): string => texts.get(doc) as string;
const resultOf = (doc: string): CleanResult => results.get(doc) as CleanResult;

/** The [start, end) of a line's content (1-based), trimmed as clean() trims it. */
function lineSpan(text: string, no: number): [number, number] {
  let start = 0;
  for (let k = 1; k < no; k++) start = text.indexOf('\n', start) + 1;
  const nl = text.indexOf('\n', start);
  const line = text.slice(start, nl < 0 ? text.length : nl);
  const lead = line.length - line.trimStart().length;
  return [start + lead, start + line.trimEnd().length];
}

/** The set-aside spans that overlap [start, end). */
const overlapping = (result: CleanResult, start: number, end: number) =>
  result.setAside.filter((s) => s.start < end && s.end > start);

describe('spam', () => {
  it.each([
    ['001_31cbb575ad998fa6.txt', 1, 'spam:adult'],
    ['011_chongqing_st_index_2023_traditional.txt', 1, 'spam:adult']
  ])('%s line %i is spam as a whole', (doc, no, reason) => {
    const [start, end] = lineSpan(textOf(doc), no);
    expect(resultOf(doc).setAside).toContainEqual({ start, end, reason, text: textOf(doc).slice(start, end) });
  });

  it('only the spam appended to a real title is set aside (dev 004)', () => {
    const doc = '004_hubei_14th_fyp_review_2025_spam.txt';
    const text = textOf(doc);
    const title = '(活力中国调研行)湖北打造科技创新高地 汇聚1121万名技能人才';
    expect(text.startsWith(`${title}|男人AV无码天堂`)).toBe(true);
    expect(overlapping(resultOf(doc), 0, title.length)).toEqual([]);
    expect(overlapping(resultOf(doc), 0, text.indexOf('\n'))).toEqual([
      { start: title.length, end: title.length + 9, reason: 'spam:adult', text: '|男人AV无码天堂' }
    ]);
  });

  it('a gambling phrase is set aside alone, in the metadata table and mid-sentence (seed 000)', () => {
    const doc = '000_488863b9aa676d2a.txt';
    const text = textOf(doc);
    const spam = resultOf(doc).setAside.filter((s) => s.reason.startsWith('spam'));
    expect(spam.map((s) => [s.text, s.reason])).toEqual([
      ['网上赌搏平台', 'spam:gambling'],
      ['网上赌搏平台', 'spam:gambling']
    ]);
    const [tableStart, tableEnd] = lineSpan(text, 4);
    expect(overlapping(resultOf(doc), tableStart, tableEnd).map((s) => s.text)).toEqual(['网上赌搏平台']);
    const rest = text.indexOf('会同省发改委');
    expect(overlapping(resultOf(doc), rest, text.indexOf('\n', rest))).toEqual([]);
  });

  it('finds the same spans when a PDF text layer gives Kangxi radicals for the ideographs (seed 000)', () => {
    const doc = '000_488863b9aa676d2a.txt';
    // As Chromium's PDF text layer gives them: 网 as ⽹ (U+2F79), 文 as ⽂, 大 as ⼤, 人 as ⼈.
    const radicals = textOf(doc).replace(/网/g, '\u2f79').replace(/文/g, '\u2f42').replace(/大/g, '\u2f24').replace(/人/g, '\u2f08');
    const found = clean(radicals).setAside.map(({ start, end, reason }) => ({ start, end, reason }));
    expect(found).toEqual(resultOf(doc).setAside.map(({ start, end, reason }) => ({ start, end, reason })));
    expect(clean(radicals).setAside.map((s) => s.text)).toContain('\u2f79上赌搏平台');
  });

  it('warns once per kind, naming the line', () => {
    expect(resultOf('001_31cbb575ad998fa6.txt').warnings[0]).toBe(
      'spam removed: line 1 "免费在线看h,羞羞视频免费网站日本,国产原创在线…" (adult)'
    );
    expect(resultOf('000_488863b9aa676d2a.txt').warnings[0]).toBe('spam removed: 2 lines, first line 4 "网上赌搏平台" (gambling)');
  });

  it.each([
    ['严厉打击网络赌博犯罪,全年查处案件120起', ['网络赌博']],
    ['成人教育学院招收学员3000人', []],
    ['体育彩票公益金支持科普项目12个', []],
    ['推广真人秀式科普节目5档', []],
    ['JAVA与AVS标准研发投入2亿元', []]
  ])('prose is kept around a spam word: %s', (line, setAside) => {
    const result = clean(`正文。\n${line}\n正文。`);
    expect(result.setAside.map((s) => s.text)).toEqual(setAside);
  });
});

describe('navigation and footers in the real documents', () => {
  it.each([
    ['001_31cbb575ad998fa6.txt', 5, 'navigation:counter'],
    ['001_31cbb575ad998fa6.txt', 6, 'footer:site'],
    ['001_31cbb575ad998fa6.txt', 185, 'footer:site'],
    ['001_31cbb575ad998fa6.txt', 189, 'footer:link'],
    ['001_31cbb575ad998fa6.txt', 191, 'footer:keywords'],
    ['001_31cbb575ad998fa6.txt', 193, 'navigation:widget'],
    ['000_488863b9aa676d2a.txt', 26, 'footer:boilerplate'],
    ['003_cc9d41f681d31d0b.txt', 1, 'navigation:menu'],
    ['003_cc9d41f681d31d0b.txt', 71, 'navigation:counter'],
    ['001_hubei_st_ranking_2017_mojibake.txt', 10, 'navigation:widget'],
    ['001_hubei_st_ranking_2017_mojibake.txt', 11, 'navigation:menu'],
    ['001_hubei_st_ranking_2017_mojibake.txt', 12, 'navigation:menu'],
    ['001_hubei_st_ranking_2017_mojibake.txt', 13, 'navigation:menu'],
    ['001_hubei_st_ranking_2017_mojibake.txt', 15, 'navigation:widget'],
    ['001_hubei_st_ranking_2017_mojibake.txt', 17, 'navigation:widget'],
    ['002_hubei_tech_contracts_h1_2021.txt', 1, 'navigation:list'],
    ['002_hubei_tech_contracts_h1_2021.txt', 5, 'navigation:list'],
    ['002_hubei_tech_contracts_h1_2021.txt', 7, 'navigation:share'],
    ['005_wuhan_st_plan_13th_basis.txt', 1, 'navigation:menu'],
    ['005_wuhan_st_plan_13th_basis.txt', 2, 'navigation:menu'],
    ['005_wuhan_st_plan_13th_basis.txt', 3, 'navigation:breadcrumb'],
    ['006_wuhan_gov_report_2019_news.txt', 1, 'navigation:breadcrumb'],
    ['006_wuhan_gov_report_2019_news.txt', 15, 'navigation:widget'],
    ['006_wuhan_gov_report_2019_news.txt', 17, 'navigation:error-page'],
    ['006_wuhan_gov_report_2019_news.txt', 18, 'navigation:error-page'],
    ['006_wuhan_gov_report_2019_news.txt', 20, 'navigation:error-page'],
    ['006_wuhan_gov_report_2019_news.txt', 22, 'navigation:widget'],
    ['006_wuhan_gov_report_2019_news.txt', 23, 'navigation:error-page'],
    ['006_wuhan_gov_report_2019_news.txt', 25, 'navigation:widget'],
    ['008_wuhan_rd_center_plan_2025_2027.txt', 3, 'footer:disclaimer'],
    ['008_wuhan_rd_center_plan_2025_2027.txt', 4, 'footer:disclaimer'],
    ['008_wuhan_rd_center_plan_2025_2027.txt', 5, 'navigation:widget'],
    ['009_chongqing_reply_cppcc_1070_2020.txt', 1, 'navigation:breadcrumb'],
    ['010_chongqing_st_report_2012_2021_forum.txt', 1, 'footer:site'],
    ['010_chongqing_st_report_2012_2021_forum.txt', 2, 'navigation:forum'],
    ['010_chongqing_st_report_2012_2021_forum.txt', 3, 'navigation:forum'],
    ['010_chongqing_st_report_2012_2021_forum.txt', 4, 'navigation:widget'],
    ['010_chongqing_st_report_2012_2021_forum.txt', 8, 'navigation:widget'],
    ['010_chongqing_st_report_2012_2021_forum.txt', 10, 'navigation:widget'],
    ['010_chongqing_st_report_2012_2021_forum.txt', 11, 'navigation:forum'],
    ['010_chongqing_st_report_2012_2021_forum.txt', 12, 'footer:site'],
    ['010_chongqing_st_report_2012_2021_forum.txt', 14, 'navigation:forum'],
    ['010_chongqing_st_report_2012_2021_forum.txt', 16, 'navigation:forum'],
    ['011_chongqing_st_index_2023_traditional.txt', 3, 'navigation:widget'],
    ['012_chongqing_st_conf_2023_targets.txt', 2, 'navigation:share'],
    ['012_chongqing_st_conf_2023_targets.txt', 22, 'footer:disclaimer']
  ])('%s line %i is set aside whole as %s', (doc, no, reason) => {
    const [start, end] = lineSpan(textOf(doc), no);
    expect(overlapping(resultOf(doc), start, end)).toEqual([{ start, end, reason, text: textOf(doc).slice(start, end) }]);
  });

  it.each([
    ['002_hubei_tech_contracts_h1_2021.txt', '当前位置:首页 > 新闻资讯 > ', 'navigation:breadcrumb'],
    ['011_chongqing_st_index_2023_traditional.txt', '瀏覽量:72次', 'navigation:counter'],
    ['006_wuhan_gov_report_2019_news.txt', '参与评论()人', 'navigation:counter']
  ])('in %s only %j is set aside from its line', (doc, part, reason) => {
    const text = textOf(doc);
    const start = text.indexOf(part);
    const lineStart = text.lastIndexOf('\n', start) + 1;
    const lineEnd = text.indexOf('\n', start);
    expect(overlapping(resultOf(doc), lineStart, lineEnd)).toEqual([{ start, end: start + part.length, reason, text: part }]);
  });
});

describe('real content is kept', () => {
  it.each([
    ['000_488863b9aa676d2a.txt', '索 引 号 | 011043145/2021-50713 | 分 类 | 科技 |'],
    ['000_488863b9aa676d2a.txt', '关于省十三届人大第五次会议第278号建议的答复'],
    ['002_bc794e7ec96f70d4.txt', '[ 发布机构 ] | 市科技局 | ||'],
    ['002_bc794e7ec96f70d4.txt', '[ 主题分类 ] | 科技、教育 | [ 体裁分类 ] | 人大建议办理 |'],
    ['003_cc9d41f681d31d0b.txt', '2017-03-01 09:36 湖北省科技厅'],
    ['003_cc9d41f681d31d0b.txt', '一、深化科技体制改革,全面推进创新体系建设'],
    ['001_31cbb575ad998fa6.txt', '一、工作目標'],
    ['001_31cbb575ad998fa6.txt', '--高新技術企業(yè)數(shù)量新增2000家;'],
    ['012_chongqing_st_conf_2023_targets.txt', '作者:钟旖 来源:中国新闻网 发布时间:2023/2/23 22:55:16'],
    ['011_chongqing_st_index_2023_traditional.txt', '●68.16% 比上年提高5.51個百分點'],
    ['011_chongqing_st_index_2023_traditional.txt', '●27個區縣科技創新指數有不同幅度的提高'],
    ['011_chongqing_st_index_2023_traditional.txt', '作者:發布時間:2023-12-21'],
    ['010_chongqing_st_report_2012_2021_forum.txt', '5219户'],
    ['010_chongqing_st_report_2012_2021_forum.txt', '市统计局发布《******以来重庆科技发展报告》'],
    ['002_hubei_tech_contracts_h1_2021.txt', '上半年湖北省技术合同成交额同比增长五成 呈现五个新特点'],
    ['002_hubei_tech_contracts_h1_2021.txt', '供稿: | 2021-08-18'],
    ['006_wuhan_gov_report_2019_news.txt', '武汉“高新技术企业倍增”路线图曝光 要新建院士专家工作站20个(3)'],
    ['006_wuhan_gov_report_2019_news.txt', '2019-01-07 09:22:15    第一财经'],
    ['008_wuhan_rd_center_plan_2025_2027.txt', '12月5日武汉印发方案,目标2027年全球科研排名进前十,研发投入强度达4.2%'],
    ['009_chongqing_reply_cppcc_1070_2020.txt', '[ 发布机构 ] 市科技局']
  ])('%s keeps %j', (doc, content) => {
    const start = textOf(doc).indexOf(content);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(overlapping(resultOf(doc), start, start + content.length)).toEqual([]);
  });

  it('no hand-labelled figure of the seeds or the dev set falls in a set-aside span', () => {
    const golds: [string, string][] = [
      [`${ROOT}/tests/gold/seeds.jsonl`, SEEDS],
      [`${ROOT}/tests/gold/dev.jsonl`, DEV]
    ];
    let located = 0;
    for (const [file] of golds) {
      for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
        const gold = JSON.parse(line) as { doc: string; quote: string; sentence: string };
        const text = textOf(gold.doc);
        for (let s = text.indexOf(gold.sentence); s >= 0; s = text.indexOf(gold.sentence, s + 1)) {
          const q = text.indexOf(gold.quote, s);
          if (q < 0 || q + gold.quote.length > s + gold.sentence.length) continue;
          located++;
          expect(overlapping(resultOf(gold.doc), q, q + gold.quote.length), `${gold.doc} ${gold.quote}`).toEqual([]);
        }
      }
    }
    expect(located).toBeGreaterThan(300);
  });
});

describe('patterns from the corpus', () => {
  it.each([
    ['当前位置:首页 > 新闻资讯 > 通知公告', 'navigation:breadcrumb'],
    ['您当前的位置: 首页>>政务公开>>政府信息公开目录', 'navigation:breadcrumb'],
    ['首页 > 科技动态 > 正文', 'navigation:breadcrumb'],
    ['湖北政府网 |邮箱|计划管理|工作后台 |自科基金验收入口 |登录|注册', 'navigation:menu'],
    ['  • 为你推荐', 'navigation:widget'],
    ['热点推荐', 'navigation:widget'],
    ['即时新闻', 'navigation:widget'],
    ['相关报道:', 'navigation:widget'],
    ['相关新闻', 'navigation:widget'],
    ['最新评论', 'navigation:widget'],
    ['最新政策', 'navigation:widget'],
    ['选择字号:', 'navigation:share'],
    ['【字体:大 中 小】', 'navigation:widget'],
    ['扫描二维码,分享此文章', 'navigation:share'],
    ['[复制链接]', 'navigation:widget'],
    ['打印 上一主题 下一主题', 'navigation:forum'],
    ['收起左侧', 'navigation:widget'],
    ['跳转到指定楼层', 'navigation:widget'],
    ['发表于 2022-10-2 14:08 | 只看该作者 回帖奖励 |倒序浏览 |阅读模式', 'navigation:forum'],
    ['查看: 3093|回复: 1', 'navigation:forum'],
    ['您需要 登录 才可以下载或查看，没有帐号？立即注册', 'navigation:forum'],
    ['登陆享受更多浏览权限哟~', 'navigation:forum'],
    ['已阅 26  打印   关闭', 'navigation:counter'],
    ['瀏覽量: \u00a0\u00a0\u00a0 時間:2024-01-10 20:38:24', 'navigation:counter'],
    ['浏览量:72次', 'navigation:counter'],
    ['点击数: 1024 【打印】【关闭】', 'navigation:counter'],
    ['404 提示信息', 'navigation:error-page'],
    ['您访问的页面找不回来了!', 'navigation:error-page'],
    ['返回首页', 'navigation:widget'],
    ['您感兴趣的信息加载中...', 'navigation:error-page'],
    ['本文链接:http://www.example.com/rule/216905.html', 'footer:link'],
    ['本文关键词: 武汉市, 武政办', 'footer:keywords'],
    ['鄭州外資企業服務中心微信公眾號', 'footer:site'],
    ['啟標文庫-一個優質的標準下載網站', 'footer:site'],
    ['本文由 AI 算法生成,仅作参考,不涉投资建议,使用风险自担', 'footer:disclaimer'],
    ['【免责声明】本文仅代表作者本人观点,与本网无关。', 'footer:disclaimer'],
    ['特别声明:本文转载仅仅是出于传播信息的需要', 'footer:disclaimer'],
    ['邮箱:news_center@staff.example.com', 'footer:contact'],
    ['版权所有:湖北省科学技术厅 鄂ICP备05003316号-1', 'footer:copyright'],
    ['Copyright © 2021 重庆市科学技术局 All Rights Reserved', 'footer:copyright'],
    ['渝公网安备 50010302000123号', 'footer:copyright'],
    ['联系电话:027-87654321', 'footer:contact'],
    ['(此件主动公开)', 'footer:boilerplate']
  ])('%j is set aside as %s', (line, reason) => {
    const text = `正文第一段。\n${line}\n正文第二段。`;
    const start = text.indexOf(line) + (line.length - line.trimStart().length);
    const end = text.indexOf(line) + line.trimEnd().length;
    expect(clean(text).setAside).toEqual([{ start, end, reason, text: text.slice(start, end) }]);
  });

  it.each([
    '一、工作目标',
    '附件:',
    '2017-03-01 09:36 湖北省科技厅',
    '主要指标 | 2021年 | 2022年 | 增长',
    '序号 | 项目名称 | 承担单位',
    '关于印发《武汉市科技创新发展“十三五”规划》的通知',
    '全年点击量突破1.2亿次,同比增长35%',
    '人均阅读4.7本',
    '●27个区县科技创新指数有不同幅度的提高',
    '5219户',
    '发表于《科学》杂志的论文12篇',
    '关键核心技术攻关取得突破',
    '打造“天网、地网、政策网、金网”四网一体服务体系'
  ])('%j is kept', (line) => {
    expect(clean(`正文。\n${line}\n正文。`).setAside).toEqual([]);
  });

  it('a menu item repeated under the menu bar is navigation; three bare dates in a row are a list', () => {
    const text = '首页 | 学院概况 | 专业介绍 | 教学科研 | 招生就业\n学院概况\n正文。\n2025-05-13\n2025-05-12\n2025-05-11\n正文。\n2021-08-18';
    expect(clean(text).setAside.map((s) => [s.text, s.reason])).toEqual([
      ['首页 | 学院概况 | 专业介绍 | 教学科研 | 招生就业', 'navigation:menu'],
      ['学院概况', 'navigation:menu'],
      ['2025-05-13', 'navigation:list'],
      ['2025-05-12', 'navigation:list'],
      ['2025-05-11', 'navigation:list']
    ]);
  });

  it('handles \\r\\n line ends and returns no warnings for a clean text', () => {
    const text = '正文。\r\n相关新闻\r\n正文。\r\n';
    const result = clean(text);
    expect(result.setAside).toEqual([{ start: 5, end: 9, reason: 'navigation:widget', text: '相关新闻' }]);
    expect(clean('全省高新技术企业达10400家。').warnings).toEqual([]);
  });
});

describe('both scripts', () => {
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

  it.each([...texts.keys()])('%s gives the same spans in Traditional and Simplified script', (doc) => {
    const spans = (text: string) => clean(text).setAside.map((s) => `${s.start}-${s.end} ${s.reason}`);
    const original = spans(textOf(doc));
    for (const convert of [toTraditional, toSimplified]) {
      const converted = convert(textOf(doc));
      // Conversion keeps lengths for these texts; offsets are comparable only then.
      expect(converted.length).toBe(textOf(doc).length);
      expect(spans(converted)).toEqual(original);
    }
  });
});

describe('output shape', () => {
  it.each([...texts.keys()])('%s: spans sorted, disjoint, each equal to its raw text; warnings short', (doc) => {
    const { setAside, warnings } = resultOf(doc);
    setAside.forEach((s, k) => {
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.text).toBe(textOf(doc).slice(s.start, s.end));
      if (k > 0) expect(s.start).toBeGreaterThanOrEqual(setAside[k - 1].end);
    });
    for (const w of warnings) expect(w.length).toBeLessThanOrEqual(120);
    expect(new Set(warnings.map((w) => w.split(' ')[0])).size).toBe(warnings.length);
  });

  it('is linear: 20 MB of corpus text in well under the time a quadratic pass would take', () => {
    const corpus = [...texts.values()].join('\n');
    const big = corpus.repeat(Math.ceil(20e6 / corpus.length));
    const started = performance.now();
    const result = clean(big);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.setAside.length).toBeGreaterThan(1000);
  });
});

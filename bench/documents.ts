/**
 * One synthetic government document: a header like the real ones (title, a
 * metadata table, a date), paragraphs of varied real sentences, navigation and
 * footer clutter; rendered as plain text or as a cluttered HTML page.
 */
import type { Random } from './prng.ts';
import { randomVariation, REGION_NAMES, vary, type Sources, type Variation } from './sources.ts';

/** What a document says, before it is rendered as text or HTML. */
export interface Content {
  title: string;
  issuer: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM`, shown by news-style headers. */
  time: string;
  docNumber: string;
  indexNumber: string;
  /** Clutter before the title: breadcrumbs, site menus. */
  nav: string[];
  /** The body, one paragraph or heading per element. */
  paragraphs: string[];
  /** Clutter after the body: print links, site owner, ICP licence. */
  footer: string[];
  /** `table`: 发布机构 | … | rows; `news`: a date and source line. */
  headerStyle: 'table' | 'news';
  /** Drawn from Traditional sources: the whole page is to be converted to Traditional before encoding. */
  traditional: boolean;
}

const ISSUERS: Record<string, string[]> = {
  湖北: ['湖北省科学技术厅', '湖北省人民政府办公厅', '湖北省统计局'],
  武汉: ['武汉市科学技术局', '武汉市人民政府办公厅'],
  重庆: ['重庆市科学技术局', '重庆市人民政府办公厅'],
  襄阳: ['襄阳市科学技术局'],
  宜昌: ['宜昌市科学技术局'],
};
const NUMBER_PREFIX: Record<string, string> = { 湖北: '鄂科技发', 武汉: '武科规', 重庆: '渝科局发', 襄阳: '襄科发', 宜昌: '宜科发' };
const ICP: Record<string, string> = { 湖北: '鄂', 武汉: '鄂', 重庆: '渝', 襄阳: '鄂', 宜昌: '鄂' };

const TITLES: ((r: string, y: number, rnd: Random) => string)[] = [
  (r, y) => `${r}${y}年科技工作要点`,
  (r, y) => `关于${r}${y}年度科技创新发展情况的报告`,
  (r, _y, rnd) => `关于${r}${r === '湖北' ? '省' : '市'}人大代表第${rnd.int(100, 999)}号建议的答复`,
  (r, y, rnd) => `${y}年${r}技术合同成交额同比增长${rnd.int(5, 60)}.${rnd.int(10, 99)}%`,
  (r, y) => `${r}加快建设科技创新中心实施方案(${y}—${y + 2}年)`,
  (r, y) => `${r}${y}年国民经济和社会发展统计公报`,
  (r, y) => `${r}高新技术企业发展情况通报(${y}年)`,
];
const NAV = [
  '当前位置:首页 > 政务公开 > 政策文件',
  '当前位置:首页 > 新闻资讯 > 科技动态',
  '首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流 | 专题专栏',
  '政府网 |邮箱|计划管理|工作后台 |登录|注册',
  '扫描二维码,分享此文章',
  '字号:[ 大 中 小 ] 【打印】【关闭】',
];
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const HEADING = /^(?:[一二三四五六七八九十]+、|[((][一二三四五六七八九十]+[))])\s*/;

/**
 * A document of about `targetBytes` once encoded, as `sizeOf` estimates a
 * string's encoded size; `traditional` draws its sentences from the Traditional sources.
 */
export function composeContent(rnd: Random, sources: Sources, targetBytes: number, sizeOf: (s: string) => number, traditional: boolean): Content {
  const pool = traditional ? sources.traditional : sources.simplified;
  const headings = pool.lines.filter((l) => HEADING.test(l)).map((l) => l.replace(HEADING, ''));
  const stray = pool.lines.filter((l) => !HEADING.test(l));
  const region = rnd.pick(REGION_NAMES);
  const year = rnd.int(2015, 2025);
  const date = `${year}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`;
  const issuer = rnd.pick(ISSUERS[region]);
  const variation = randomVariation(rnd);
  const content: Content = {
    title: rnd.pick(TITLES)(region, year, rnd),
    issuer,
    date,
    time: `${pad(rnd.int(8, 18))}:${pad(rnd.int(0, 59))}`,
    docNumber: rnd.chance(0.6) ? `${NUMBER_PREFIX[region]}〔${year}〕${rnd.int(1, 120)}号` : '无',
    indexNumber: `011043${rnd.int(100, 999)}/${year}-${rnd.int(10000, 99999)}`,
    nav: rnd.shuffle(NAV).slice(0, rnd.int(1, 3)),
    paragraphs: [],
    footer: [
      '【打印本页】 【关闭窗口】',
      `主办:${issuer}  承办:${issuer}办公室`,
      `地址:${region}${region === '湖北' ? '省武汉市' : '市'}${rnd.pick(['解放大道', '中北路', '人民路', '沿江大道'])}${rnd.int(1, 999)}号  邮编:${rnd.int(400000, 449999)}`,
      `${ICP[region]}ICP备${rnd.int(10000000, 19999999)}号-${rnd.int(1, 3)}  ${ICP[region]}公网安备 ${rnd.int(42010000000000, 42019999999999)}号  网站标识码:${rnd.int(4200000000, 4299999999)}`,
    ],
    headerStyle: rnd.chance(0.7) ? 'table' : 'news',
    traditional,
  };
  let size = sizeOf(content.title) * 2 + 600;
  let section = 0;
  while (size < targetBytes) {
    const u = rnd.next();
    let paragraph: string;
    // Headings are renumbered in order; stray lines are the chrome and captions real pages keep mid-text.
    if (u < 0.06 && headings.length > 0 && section < ORDINALS.length) paragraph = `${ORDINALS[section++]}、${vary(rnd.pick(headings), variation, rnd)}`;
    else if (u < 0.09 && stray.length > 0) paragraph = vary(rnd.pick(stray), variation, rnd);
    else paragraph = paragraphOf(rnd, pool.sentences, variation);
    content.paragraphs.push(paragraph);
    size += sizeOf(paragraph) + 1;
  }
  return content;
}

function paragraphOf(rnd: Random, sentences: string[], variation: Variation): string {
  let out = '';
  for (let n = rnd.int(2, 7); n > 0; n--) out += vary(rnd.pick(sentences), variation, rnd);
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The document as a `.txt` page saved from a government site. */
export function renderText(c: Content): string {
  const header =
    c.headerStyle === 'table'
      ? [
          `索 引 号 | ${c.indexNumber} | 分 类 | 科技 |`,
          '---|---|---|---|',
          `发布机构 | ${c.issuer} | 发文日期 | ${c.date} |`,
          `文 号 | ${c.docNumber} | 有 效 性 | 有效 |`,
        ]
      : [`${c.date} ${c.time} 来源:${c.issuer}`];
  return [...c.nav, c.title, '', ...header, '', c.paragraphs.join('\n\n'), '', ...c.footer, ''].join('\n');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (s: string): string => s.replace(/[&<>"]/g, (ch) => ESCAPES[ch]);

/** The document as an HTML page with the usual chrome: scripts, styles, menus, a metadata table, a footer. */
export function renderHtml(c: Content, charset: string, rnd: Random): string {
  const script = Array.from(
    { length: rnd.int(8, 30) },
    (_, i) => `var _m${i}=document.getElementById("m${i}");if(_m${i}){_m${i}.onclick=function(){window.open("/col/col${rnd.int(1000, 99999)}/index.html","_self");};}`
  ).join('\n');
  const menu = ['首页', '机构概况', '政务公开', '政务服务', '互动交流', '专题专栏', '科技动态', '通知公告']
    .map((m, i) => `<li><a href="/col/col${1000 + i}/index.html" target="_blank">${m}</a></li>`)
    .join('');
  const meta = [
    ['索 引 号', c.indexNumber, '分 类', '科技'],
    ['发布机构', c.issuer, '发文日期', c.date],
    ['文 号', c.docNumber, '有 效 性', '有效'],
  ]
    .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  const body = c.paragraphs.map((p) => `<p style="text-indent:2em;">${escape(p)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>${escape(c.title)} - ${escape(c.issuer)}</title>
<link rel="stylesheet" href="/css/main.css">
<style>.article p{line-height:2em;font-size:16px}.crumb a{color:#333}</style>
<script type="text/javascript">
${script}
</script>
</head>
<body>
<header><div class="logo"><img src="/images/logo.png" alt="${escape(c.issuer)}"></div><form action="/search"><input name="q"><button>搜索</button></form></header>
<nav><ul>${menu}</ul></nav>
<div class="crumb">当前位置:<a href="/">首页</a> &gt; <a href="/col/col1002/index.html">政务公开</a> &gt; 正文</div>
<div class="article">
<h1>${escape(c.title)}</h1>
<table class="xxgk">
${meta}
</table>
<div class="TRS_Editor">
${body}
</div>
<div class="share">分享到:<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<footer>${c.footer.map((f) => `<p>${escape(f)}</p>`).join('')}</footer>
<script>var _hmt=_hmt||[];(function(){var hm=document.createElement("script");hm.src="https://hm.baidu.com/hm.js?${rnd.int(1e8, 9e8)}";document.body.appendChild(hm);})();</script>
</body>
</html>
`;
}

/** The words and patterns by which the clean stage knows spam, menus, counters and footers, in both scripts. */

/** Splits `a/b c d/e` into every form: the lexicons list each entry as simplified/traditional. */
export const words = (list: string): string[] => [...new Set(list.trim().split(/[\s/]+/))];

/** A regex alternation of literal words, longest first so that a longer entry wins. */
export const alt = (list: string[]): string =>
  [...list].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

export const ADULT = words(`羞羞 伊人 久热/久熱 国产原创/國產原創 亚洲色/亞洲色 色综合/色綜合 无码/無碼 有码/有碼 敌伦/敵倫
  乱伦/亂倫 孩交 色情 黄色网站/黃色網站 黄色视频/黃色視頻 黄片/黃片 毛片 偷拍 人妻 巨乳 萝莉/蘿莉 成人视频/成人視頻
  成人网站/成人網站 成人电影/成人電影 成人影院 激情视频/激情視頻 激情小说/激情小說 男人天堂 免费在线看/免費在線看
  一本道 福利视频/福利視頻 午夜福利 国产精品/國產精品 欧美日韩/歐美日韓 日韩精品/日韓精品 三级片/三級片 裸聊 约炮/約炮`);
export const GAMBLING = words(`赌博/賭博 赌搏/賭搏 博彩 娱乐城/娛樂城 百家乐/百家樂 体育投注/體育投注 六合彩 时时彩/時時彩 赌场/賭場
  老虎机/老虎機 真人视讯/真人視訊 真人娱乐/真人娛樂 真人荷官 葡京 皇冠体育/皇冠體育 开户送/開戶送 注册送/註冊送
  北京赛车/北京賽車 幸运飞艇/幸運飛艇 电子游艺/電子游藝/電子遊藝 十一选五/十一選五 11选5/11選5 开奖结果/開獎結果 开奖记录/開獎記錄
  开奖直播/開獎直播 双色球/雙色球 大乐透/大樂透 特码/特碼 正版资料/正版資料 全年免费公开/全年免費公開 彩票网/彩票網`);
/** Words that are spam only beside a strong term: alone they are ordinary (成人教育, 体育彩票, 免费). */
export const WEAK = words(`彩票 真人 成人 天堂 在线观看/在線觀看 在线视频/在線視頻 视频/視頻 免费/免費 精品 影院 首页/首頁 日本
  日韩/日韓 欧美/歐美 刺激 激情 对白/對白 播放 久久 一区/一區 二区/二區 三区/三區 棋牌 彩金 威尼斯人 太阳城/太陽城
  网站/網站 男人 在线看/在線看 大线/大線`);
export const SPAM_PREFIX = words('网上/網上 在线/在線 线上/線上 网络/網絡');
export const SPAM_SUFFIX = words('平台/平臺 网站/網站 官网/官網 网/網 公司 app APP');
export const CATEGORY = new Map<string, string>([
  ...ADULT.map((w) => [w, 'adult'] as [string, string]),
  ...GAMBLING.map((w) => [w, 'gambling'] as [string, string])
]);
// "AV" counts only as a word of its own: AVS or JAVA are not spam.
export const STRONG_RE = new RegExp(`(${alt([...ADULT, ...GAMBLING])}|(?<![A-Za-z])[Aa][Vv](?![A-Za-z]))`, 'g');
// Affixes are matched around a found term rather than in STRONG_RE: an optional prefix there slows the scan.
export const PREFIX_RE = new RegExp(`(?:${alt(SPAM_PREFIX)})$`);
export const SUFFIX_RE = new RegExp(`^(?:${alt(SPAM_SUFFIX)})`);
export const WEAK_RE = new RegExp(`${alt(WEAK)}|x{3,}`, 'gi');

/** Lines that are only a widget title, a link or a button (compared without spaces, bullets, brackets, colons). */
export const NAV_PHRASES = new Set(
  words(`为你推荐/為你推薦 热点推荐/熱點推薦 即时新闻/即時新聞 相关报道/相關報道/相關報導 相关新闻/相關新聞
  相关阅读/相關閱讀 相关文章/相關文章 相关链接/相關鏈接 最新评论/最新評論 最新政策 最新文章 最新新闻/最新新聞
  最新动态/最新動態 推荐阅读/推薦閱讀 热门推荐/熱門推薦 热门文章/熱門文章 热门新闻/熱門新聞 热点新闻/熱點新聞
  猜你喜欢/猜你喜歡 精彩推荐/精彩推薦 精彩图片/精彩圖片 返回首页/返回首頁 返回顶部/返回頂部 返回列表 返回
  关闭窗口/關閉窗口 打印本页/打印本頁 打印此页/打印此頁 打印 关闭/關閉 打印关闭/打印關閉 收藏 分享 分享到 上一篇 下一篇
  上一条/上一條 下一条/下一條 网站地图/網站地圖 联系我们/聯繫我們/聯系我們 设为首页/設為首頁 加入收藏 登录/登錄
  注册/註冊 登录注册/登錄註冊 首页/首頁 选择字号/選擇字號 字号大中小/字號大中小 字体大中小/字體大中小 大中小
  扫一扫/掃一掃 手机版/手機版 新闻中心/新聞中心 收起左侧/收起左側 跳转到指定楼层/跳轉到指定樓層 复制链接/複製鏈接/復制鏈接
  网友评论/網友評論 我要评论/我要評論 发表评论/發表評論 404提示信息 电梯直达/電梯直達 分享此文章`)
);

export const nav = (list: string): string => alt(words(list));
export const BREADCRUMB = new RegExp(
  `^(?:${nav(`当前位置/當前位置 您当前的位置/您當前的位置 您的位置 你的位置 您现在的位置/您現在的位置
  你现在的位置/你現在的位置 当前的位置/當前的位置 所在位置`)})\\s*[:：]|^(?:首页|首頁|主页|主頁)\\s*(?:>|》|»|→)`
);
export const CRUMB_SEP = /\s*(?:>>|>|》|»|→|\/)\s*/g;
export const FORUM = new RegExp(
  [
    '^(?:发表于|發表於)\\s*\\d{4}-\\d{1,2}-\\d{1,2}',
    `${nav('只看该作者/只看該作者 回帖奖励/回帖獎勵 倒序浏览/倒序瀏覽 阅读模式/閱讀模式')}`,
    '^查看\\s*[:：]\\s*\\d+\\s*[|｜]\\s*(?:回复|回覆|回復)\\s*[:：]\\s*\\d+',
    '您需要\\s*(?:登录|登錄)\\s*才可以(?:下载|下載)或查看',
    '^(?:登陆|登录|登陸|登錄)享受更多(?:浏览|瀏覽)(?:权限|權限)',
    `^打印\\s*(?:上一主题|上一主題)\\s*(?:下一主题|下一主題)$`
  ].join('|')
);
export const ERROR_PAGE = new RegExp(
  `^404\\s*(?:提示信息)$|(?:您访问的页面|您訪問的頁面)|(?:信息加载中|信息加載中)|^(?:页面|頁面)(?:不存在|未找到)`
);
export const SHARE = new RegExp(`^(?:扫描二维码|掃描二維碼)|分享此文章|^分享到\\s*[:：]|^(?:选择字号|選擇字號|字号|字號)\\s*[:：]`);
/** Page counters: a view count followed by a colon or a number. */
export const COUNTER_WORDS = nav(`浏览量/瀏覽量 浏览次数/瀏覽次數 阅读量/閱讀量 阅读次数/閱讀次數 阅读数/閱讀數 点击量/點擊量
  点击数/點擊數 点击率/點擊率 访问量/訪問量 访问次数/訪問次數 已阅/已閱 人气/人氣 浏览/瀏覽 阅读/閱讀 点击/點擊`);
export const COUNTER_LINE_START = new RegExp(`^(?:${COUNTER_WORDS})\\s*(?:[:：]|\\d|$)`);
export const COUNTER_PART = new RegExp(
  `(?:${COUNTER_WORDS})\\s*[:：]\\s*\\d*\\s*(?:人次|次)?|(?:参与评论|參與評論)\\s*[(（]\\s*\\d*\\s*[)）]\\s*人`,
  'g'
);
/** What may sit beside a counter on its line: dates, times, their labels, print and close buttons. */
export const COUNTER_COMPANIONS = new RegExp(
  `(?:${COUNTER_WORDS}|${nav('时间/時間 日期 发布时间/發布時間/發佈時間 打印 关闭/關閉 返回 收藏 字号/字號 大中小')})|` +
    '\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?|\\d{1,2}:\\d{2}(?::\\d{2})?|\\d+\\s*(?:人次|次)?|[\\s:：|｜【】\\[\\]()（）]',
  'g'
);
export const FOOTER: [RegExp, string][] = [
  [
    new RegExp(
      `^(?:${nav('本文链接/本文鏈接 原文链接/原文鏈接 文章链接/文章鏈接 本文地址 原文地址 本页地址/本頁地址 永久链接/永久鏈接')})\\s*[:：]`
    ),
    'link'
  ],
  [new RegExp(`^(?:${nav('转载请注明/轉載請註明 转载请保留/轉載請保留')})`), 'link'],
  [new RegExp(`^(?:${nav('本文关键词/本文關鍵詞 关键词/關鍵詞 关键字/關鍵字 标签/標籤')}|tags?)\\s*[:：]`, 'i'), 'keywords'],
  [/^本文由.{0,30}(?:生成|整理|编辑|編輯|提供)|AI\s*算法生成/, 'disclaimer'],
  [
    new RegExp(
      `^[【\\[(（]?\\s*(?:${nav('免责声明/免責聲明 特别声明/特別聲明 版权声明/版權聲明 郑重声明/鄭重聲明')})` +
        '|^[【\\[]\\s*(?:声明|聲明)\\s*[】\\]]|^(?:声明|聲明)\\s*[:：]'
    ),
    'disclaimer'
  ],
  [
    new RegExp(
      `^[(（]\\s*(?:${nav('此件主动公开/此件主動公開 此件公开发布/此件公開發布 此件不公开/此件不公開 此件依申请公开/此件依申請公開')})\\s*[)）]$`
    ),
    'boilerplate'
  ]
];
/** Footer lines recognised only up to a length, as prose may use the same words. */
export const SHORT_FOOTER: [RegExp, string, number][] = [
  [new RegExp(`${nav('版权所有/版權所有 网站标识码/網站標識碼 公网安备/公網安備')}|copyright|©|ICP[备備证證]`, 'i'), 'copyright', 200],
  [
    new RegExp(
      `^(?:${nav(`主办单位/主辦單位 承办单位/承辦單位 技术支持/技術支持 网站维护/網站維護 联系电话/聯繫電話 联系方式/聯繫方式
      联系地址/聯繫地址 地址 电话/電話 传真/傳真 邮编/郵編 邮箱/郵箱 电子邮箱/電子郵箱`)})\\s*[:：]`
    ),
    'contact',
    80
  ],
  [new RegExp(`(?:${nav('微信公众号/微信公眾號 官方微博 官方微信 客户端下载/客戶端下載')})$`), 'site', 40],
  [new RegExp(nav('下载网站/下載網站 下载站/下載站 第一网/第一網 文库/文庫 图库/圖庫 美图/美圖 资源网/資源網')), 'site', 40]
];
export const EMAIL = new RegExp(
  `(?:${nav('邮箱/郵箱 电子邮箱/電子郵箱 电子邮件/電子郵件')}|e-?mail)\\s*[:：]\\s*[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+`,
  'gi'
);
// A global regex keeps its lastIndex between test() calls: whole-line tests use a non-global copy.
export const EMAIL_LINE = new RegExp(EMAIL.source, 'i');
/** Cells of a document's metadata table: a bar of short items holding these is not a menu. */
export const METADATA_KEYS = new RegExp(
  nav(`索引/索 发布/發布/發佈 分类/分類 文号/文號 日期 有效性 机构/機構 来源/來源 作者 主题/主題 体裁/體裁 成文 字号/字號`)
);
export const MENU_WORDS = new RegExp(
  nav(`首页/首頁 登录/登錄 注册/註冊 邮箱/郵箱 概况/概況 新闻/新聞 网站/網站 政务/政務 公开/公開 服务/服務 互动/互動
  专题/專題 工作 后台/後台/後臺 入口 介绍/介紹 联系/聯繫`) + '|English'
);

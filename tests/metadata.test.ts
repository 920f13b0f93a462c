import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { docNumberIn } from '../pipelines/metadata/header-fields.ts';
import { inferAcross } from '../pipelines/run.ts';
import { prepareText } from './helpers/extract.ts';

const seed = (name: string) => readFileSync(resolve(import.meta.dirname, '../seeds', name), 'utf8');

describe('metadata', () => {
  it('reads a metadata table: issuer, date, 文号, region', () => {
    const { meta } = prepareText(seed('002_bc794e7ec96f70d4.txt'));
    expect(meta).toMatchObject({ issuer: '重庆市科学技术局', published: '2023-07-26', docNumber: '渝科局函〔2023〕278号', region: 'chongqing', isPlan: false });
  });

  it('dates a reposted plan by its own signature, not the repost page', () => {
    const { meta } = prepareText(seed('001_31cbb575ad998fa6.txt'));
    expect(meta).toMatchObject({ published: '2021-03-28', region: 'wuhan', docNumber: '武政办〔2021〕26号', isPlan: true });
    expect(meta.issuer).toBe('武汉市人民政府办公厅');
    expect(meta.title).toBe('武汉市人民政府办公厅关于印发武汉市大力推进科技创新提能工作实施方案的通知');
  });

  it('reads a grid whose lines hold several spaced labels, one of them empty', () => {
    const { meta } = prepareText(seed('003_cc9d41f681d31d0b.txt'));
    expect(meta).toMatchObject({ issuer: '湖北省科技厅', published: '2017-03-01', docNumber: null, region: 'hubei' });
  });

  it('infers a polluted issuer from a 索引号 prefix shared with another document', () => {
    const polluted = prepareText(seed('000_488863b9aa676d2a.txt'), '000.txt');
    const clean = prepareText(seed('004_552c6465ef7f0f77.txt'), '004.txt');
    expect(polluted.meta.issuerPolluted).toBe(true);
    expect(polluted.meta.issuer).toBe('');
    inferAcross([polluted, clean]);
    expect(polluted.meta.issuer).toBe('湖北省科学技术厅');
    expect(polluted.meta.region).toBe('hubei');
    expect(polluted.meta.warnings.join()).toMatch(/011043145.*004\.txt/);
  });

  it('leaves a polluted issuer empty when alone: 我厅 does not say which 厅', () => {
    const polluted = prepareText(seed('000_488863b9aa676d2a.txt'), '000.txt');
    inferAcross([polluted]);
    expect(polluted.meta.issuer).toBe('');
    expect(polluted.meta.warnings.join()).toMatch(/issuer not found/);
  });

  it('finds the page date when it is labelled, and the region from the title', () => {
    const { meta } = prepareText('当前位置:首页 > 新闻\n2025-05-13\n上半年湖北省技术合同成交额同比增长五成\n供稿: | 2021-08-18\n正文。');
    expect(meta).toMatchObject({ published: '2021-08-18', region: 'hubei' });
  });

  it('falls back to the latest year named when the page shows no date', () => {
    const { meta } = prepareText('重庆召开科技创新工作会\n2022年,全市高新技术企业达6348家。');
    expect(meta).toMatchObject({ published: null, currentYear: 2023, dated: false, region: 'chongqing' });
  });
});

describe('a document that names no place', () => {
  it('files its figures under unknown, with a warning, not under the country', () => {
    const { meta } = prepareText('关于市政协提案的答复\n发布时间:2022-06-15\n全市高新技术企业达到1000家。');
    expect(meta.region).toBe('unknown');
    expect(meta.warnings.join()).toMatch(/main region not found/);
  });
});

/** A page: its header lines, a title, a sentence of body and an optional signature. */
const page = (header: string, title = '关于2023年科技工作的通知', tail = '') => `${header}\n${title}\n全市高新技术企业达到1000家。\n${tail}`;

describe('a header grid: each value ends at the next label', () => {
  it.each([
    ['spaced labels, an empty 文号', '发布机构\u2002湖北省科技厅\u2002发文日期\u20022017-03-01\n文\u2002\u2002\u2002\u2002号\u2002有\u2002效\u2002性\u2002有效',
      { issuer: '湖北省科技厅', published: '2017-03-01', docNumber: null }],
    ['spaced labels with a 文号', '索 引 号 011043145/2017-00001 分    类 其他\n发布机构 湖北省科技厅 发文日期 2017-03-01\n文    号 鄂科技发〔2017〕5号 有 效 性 有效',
      { issuer: '湖北省科技厅', published: '2017-03-01', docNumber: '鄂科技发〔2017〕5号' }],
    ['Traditional script, full-width spaces', '發佈機構　湖北省科技廳　發文日期　2017-03-01\n文　　號　鄂科技發[2017]5號　有 效 性　有效',
      { issuer: '湖北省科技厅', published: '2017-03-01', docNumber: '鄂科技发[2017]5号' }],
    ['bracketed labels, several to a line', '[ 索引号 ] 11500000MB15895317/2020-00735 [ 发文字号 ] 渝科局函〔2020〕237号\n[ 发布机构 ] 重庆市统计局\n[ 成文日期 ] 2020-05-25 [ 发布日期 ] 2020-09-16',
      { issuer: '重庆市统计局', published: '2020-05-25', docNumber: '渝科局函〔2020〕237号' }],
    ['colons and no spaces between fields', '发布机构:武汉市科技局发文日期:2021-05-06\n文号:武科规〔2021〕3号 有效性:有效',
      { issuer: '武汉市科技局', published: '2021-05-06', docNumber: '武科规〔2021〕3号' }],
    ['table cells, an empty one', '| 发布机构 | 湖北省统计局 | 发文日期 | 2022-03-01 |\n| 文 号 | | 有 效 性 | 有效 |',
      { issuer: '湖北省统计局', published: '2022-03-01', docNumber: null }],
    ['【】 labels and 无', '【发布机构】湖北省科学技术厅 【发文日期】2021-07-29\n【文号】无 【有效性】有效',
      { issuer: '湖北省科学技术厅', published: '2021-07-29', docNumber: null }],
    ['values on the next line', '发布机构:\n湖北省科学技术厅\n文号:\n鄂科技函〔2019〕12号\n发文日期:\n2019-04-02',
      { issuer: '湖北省科学技术厅', published: '2019-04-02', docNumber: '鄂科技函〔2019〕12号' }],
    ['a counter the label list lacks', '发布机构:湖北省科技厅 点击率:35 发布日期:2018-06-01',
      { issuer: '湖北省科技厅', published: '2018-06-01', docNumber: null }],
  ])('%s', (_name, header, expected) => {
    expect(prepareText(page(header)).meta).toMatchObject(expected);
  });

  it.each([
    ['鄂科技发〔2017〕5号', '鄂科技发〔2017〕5号'],
    ['渝科局函[2023]278号', '渝科局函[2023]278号'],
    ['国科发区(2016)32号', '国科发区(2016)32号'],
    ['武政办【2021】26号', '武政办【2021】26号'],
    ['鄂政办发 〔2018〕 第12号', '鄂政办发〔2018〕第12号'],
    ['有 效 性 有效', null],
    ['无', null],
    ['2017-03-01', null],
    ['第278号', null],
  ])('takes %s as a 文号: %s', (value, expected) => {
    expect(docNumberIn(value)).toBe(expected);
  });
});

describe('an issuer written relative to its region', () => {
  it.each([
    ['qualified by the 文号 region', '[ 发布机构 ] 市科技局 [ 发文字号 ] 渝科局函〔2020〕237号', '关于2023年科技工作的通知', '', '重庆市科技局'],
    ['the full name the title gives', '[ 发布机构 ] 市科技局 [ 发文字号 ] 渝科局函〔2023〕278号', '重庆市科学技术局 关于市六届人大一次会议第0159号建议办理情况的答复函', '', '重庆市科学技术局'],
    ['the full name the signature gives', '发布机构:市科技局', '对市政协十四届四次会议第20250597号提案的答复', '武汉市科学技术局\n2025年7月1日', '武汉市科学技术局'],
    ['Traditional, a province', '發佈機構:省科技廳 文號:鄂科技發〔2019〕3號', '關於2019年科技工作的通知', '', '湖北省科技厅'],
    ['Traditional, the full name in the text', '發佈機構:省科技廳 文號:鄂科技發〔2019〕3號', '湖北省科學技術廳關於2019年科技工作的通知', '', '湖北省科学技术厅'],
    ['a city government office', '发布机构:市政府办公厅 文号:武政办〔2021〕26号', '关于印发武汉市科技创新实施方案的通知', '武汉市人民政府办公厅\n2021年3月28日', '武汉市人民政府办公厅'],
    ['a province agency on a city page', '发布机构:省科技厅', '关于武汉市科技工作的通知', '', '湖北省科技厅'],
    ['no region to qualify it with', '发布机构:市科技局', '关于科技工作的通知', '', '市科技局'],
    ['already qualified', '发布机构:湖北省科技厅', '关于2023年科技工作的通知', '', '湖北省科技厅'],
  ])('%s', (_name, header, title, tail, issuer) => {
    expect(prepareText(page(header, title, tail)).meta.issuer).toBe(issuer);
  });
});

describe('a title and issuer the document itself gives', () => {
  it.each([
    ['武政辦〔2021〕26號《武漢市人民政府辦公廳關於印發武漢市大力推進科技創新提能工作實施方案的通知》', '武汉市人民政府办公厅关于印发武汉市大力推进科技创新提能工作实施方案的通知'],
    ['鄂科技发〔2017〕5号 关于印发2017年全省科技工作要点的通知', '关于印发2017年全省科技工作要点的通知'],
    ['《湖北省科学技术厅关于开展2020年高新技术企业认定工作的通知》', '湖北省科学技术厅关于开展2020年高新技术企业认定工作的通知'],
    ['关于开展科技创新券工作的通知(鄂政办发〔2018〕12号)', '关于开展科技创新券工作的通知'],
    ['关于鄂科技发〔2017〕5号文件补充说明的通知', '关于鄂科技发〔2017〕5号文件补充说明的通知'],
  ])('title %s', (title, expected) => {
    expect(prepareText(page('', title)).meta.title).toBe(expected);
  });

  it.each([
    ['a signature with blank lines, Traditional', '關於印發武漢市科技創新實施方案的通知', '\n武漢市人民政府辦公廳\n\n\n2021年3月28日\n', '武汉市人民政府办公厅'],
    ['a signature dated in Chinese numerals', '关于开展科技工作的通知', '湖北省科学技术厅\n二〇二一年三月五日', '湖北省科学技术厅'],
    ['the agency a title opens with', '湖北省科学技术厅关于开展2020年高新技术企业认定工作的通知', '', '湖北省科学技术厅'],
    ['the signature its 文号 names, of two', '武政办〔2021〕26号\n关于转发科技工作方案的通知', '武汉市人民政府办公厅\n2021年3月28日\n附件:方案\n武汉市科学技术局\n2021年3月1日', '武汉市人民政府办公厅'],
    ['the last signature without a 文号', '关于转发科技工作方案的通知', '武汉市人民政府办公厅\n2021年3月28日\n附件:方案\n武汉市科学技术局\n2021年3月1日', '武汉市科学技术局'],
    ['a polluted field, signed', '发布机构 | 网上赌搏平台 | 发文日期 | 2021-07-29 |', '湖北省科学技术厅\n2021年7月29日', '湖北省科学技术厅'],
  ])('issuer from %s', (_name, title, tail, issuer) => {
    expect(prepareText(page('', title, tail)).meta.issuer).toBe(issuer);
  });

  it.each([
    ['中新网武汉8月25日电 (张倩龙 吴淘淘)2025年“活力中国调研行”湖北主题采访活动情况介绍会25日举行。', '中新网'],
    ['(活力中国调研行)\n新华社北京3月5日电 全国两会开幕。', '新华社'],
    ['本报讯 湖北日报记者 2024年全省高新技术企业突破3万家。', ''],
    ['據中新網消息,湖北省高新技术企业突破3万家。', ''],
    ['2017-09-14 08:27:00 來源:湖北日報\n近年,我省先后出臺条例。', '湖北日报'],
    ['发布时间:2021-08-18 来源:湖北省科技厅 浏览次数:35\n全省技术合同成交额增长。', '湖北省科技厅'],
    ['来源:本站原创\n全省技术合同成交额增长。', ''],
  ])('a news story\'s 来源 or dateline names its publisher: %s', (body, issuer) => {
    const doc = prepareText(`湖北打造科技创新高地\n${body}`);
    inferAcross([doc]);
    expect(doc.meta.issuer).toBe(issuer);
  });

  it.each([
    ['我厅, and no name', '关于省人大建议的答复', '下一步,我厅将进一步完善方案。'],
    ['an agency a news report mentions', '高新技术企业是发展高新技术产业的生力军', '湖北省科技厅将推动高新技术产业快速增长作为重中之重。'],
    ['我局 among the agencies it worked with', '对市政协十四届四次会议第20250597号提案的答复', '我局会同市商务局、市经信局进行了专题研究。武汉市高新技术企业达到1.66万家。'],
  ])('no issuer when only %s', (_name, title, body) => {
    const doc = prepareText(`${title}\n${body}`);
    inferAcross([doc]);
    expect(doc.meta.issuer).toBe('');
    expect(doc.meta.warnings.join()).toMatch(/issuer not found/);
  });
});

describe('a publisher is not a place', () => {
  it('a Wuhan story in 湖北日报 is filed under Wuhan, published by 湖北日报', () => {
    const doc = prepareText('武汉高新技术企业突破1.6万家\n2024-01-05 来源:湖北日报\n武汉市高新技术企业突破1.6万家。');
    inferAcross([doc]);
    expect(doc.meta).toMatchObject({ issuer: '湖北日报', region: 'wuhan' });
  });
});

describe('the document region when no agency signs it (SCHEMA 10)', () => {
  it('a newspaper named after a region gives that region', () => {
    const { meta } = prepareText('科技型企业数量再创新高\n2031-02-01 来源:湖北日报\n全省科技型企业达到3万家。');
    expect(meta.region).toBe('hubei');
  });

  it('a 省·市： title gives the city', () => {
    const { meta } = prepareText('湖北·宜昌：科技型企业数量再创新高\n2031-02-01\n全市科技型企业达到3000家。');
    expect(meta.region).toBe('yichang');
  });
});

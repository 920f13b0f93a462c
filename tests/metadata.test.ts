import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inferAcross } from '../pipelines/run.ts';
import { prepareText } from './helpers/extract.ts';

const seed = (name: string) => readFileSync(resolve(import.meta.dirname, '../seeds', name), 'utf8');

describe('metadata', () => {
  it('reads a metadata table: issuer, date, 文号, region', () => {
    const { meta } = prepareText(seed('002_bc794e7ec96f70d4.txt'));
    expect(meta).toMatchObject({ issuer: '市科技局', published: '2023-07-26', docNumber: '渝科局函〔2023〕278号', region: 'chongqing', isPlan: false });
  });

  it('dates a reposted plan by its own signature, not the repost page', () => {
    const { meta } = prepareText(seed('001_31cbb575ad998fa6.txt'));
    expect(meta).toMatchObject({ published: '2021-03-28', region: 'wuhan', docNumber: '武政办〔2021〕26号', isPlan: true });
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

  it('infers a polluted issuer from how the text names its author when alone', () => {
    const polluted = prepareText(seed('000_488863b9aa676d2a.txt'), '000.txt');
    inferAcross([polluted]);
    expect(polluted.meta.issuer).toBe('湖北省科学技术厅');
  });

  it('finds the page date when it is labelled, and the region from the title', () => {
    const { meta } = prepareText('当前位置:首页 > 新闻\n2025-05-13\n上半年湖北省技术合同成交额同比增长五成\n供稿: | 2021-08-18\n正文。');
    expect(meta).toMatchObject({ published: '2021-08-18', region: 'hubei' });
  });

  it('falls back to the latest year named when the page shows no date', () => {
    const { meta } = prepareText('重庆召开科技创新工作会\n2022年,全市高新技术企业达6348家。');
    expect(meta).toMatchObject({ published: null, referenceYear: 2022, dated: false, region: 'chongqing' });
  });
});

describe('a document that names no place', () => {
  it('files its figures under unknown, with a warning, not under the country', () => {
    const { meta } = prepareText('关于市政协提案的答复\n发布时间:2022-06-15\n全市高新技术企业达到1000家。');
    expect(meta.region).toBe('unknown');
    expect(meta.warnings.join()).toMatch(/main region not found/);
  });
});

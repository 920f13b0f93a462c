import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compareChart, type ChartRow } from '../src/lib/charts/compare.ts';
import { citation, framedChart, sourcesOf, wrapText, type FrameOptions, type SourceDoc } from '../src/lib/charts/frame.ts';
import { normalise, snapshot } from './svg-snapshot.ts';

const NAMES: Record<string, string> = { hubei: '湖北', wuhan: '武汉', chongqing: '重庆', xiangyang: '襄阳' };

function row(region: string, year: number, stance: string, value: number, unit: string, qualifier = 'exact', measure = 'amount'): ChartRow {
  return {
    figure_id: `${region}${year}${stance}`.padEnd(16, '0').slice(0, 16), region, year, period: 'year', stance, value, unit, qualifier,
    quote: String(value), measure, confidence: 0.9, year_inferred: false,
  };
}

/** Renders a chart in Node and normalises what varies between runs: class hashes, ids, float noise. */
function render(rows: ChartRow[], options: { unit: string; measure: string; regions: string[]; lang?: 'zh' | 'en' }): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const el = compareChart(rows, { lang: options.lang ?? 'zh', unit: options.unit, measure: options.measure, regions: options.regions, regionName: (r) => NAMES[r] ?? r, title: 'test', document: document as unknown as Document });
  return normalise(el.outerHTML);
}

describe('compare chart', () => {
  const contracts = [
    row('hubei', 2017, 'target', 95e9, 'CNY'),
    row('wuhan', 2021, 'target', 1e11, 'CNY'),
    row('chongqing', 2021, 'actual', 31.5e9, 'CNY', 'approx'),
    row('chongqing', 2022, 'actual', 63.05e9, 'CNY'),
  ];

  it('draws actuals solid and joined, targets hollow, qualifiers beside', () => {
    const svg = render(contracts, { unit: 'CNY', measure: 'amount', regions: ['hubei', 'wuhan', 'chongqing'] });
    expect(svg.match(/data-figure-id/g)).toHaveLength(4);
    // Targets are drawn hollow: their group is filled white, their outline in the region's colour.
    expect(svg).toMatch(/<g[^>]*fill="white"[^>]*aria-label="dot">\n<path class="point target"/);
    expect(svg).toMatch(/<circle class="point actual"[^>]*fill="#009E73"|<circle[^>]*class="point actual"/);
    expect(svg).toContain('≈');
    expect(svg).toContain('亿元');
    snapshot('tech-contracts-zh', svg);
  });

  it('labels in English, keeps region colours when a region is added', () => {
    const svg = render([...contracts, row('xiangyang', 2020, 'actual', 20e9, 'CNY')], { unit: 'CNY', measure: 'amount', regions: ['hubei', 'wuhan', 'chongqing', 'xiangyang'], lang: 'en' });
    expect(svg).toContain('100 million yuan');
    for (const [region, colour] of [['hubei', '#0072B2'], ['wuhan', '#E69F00'], ['chongqing', '#009E73']]) {
      expect(svg).toMatch(new RegExp(`data-region="${region}"[^>]*|fill="${colour}"`));
    }
    snapshot('tech-contracts-en-four-regions', svg);
  });

  it('draws ranks with first place on top', () => {
    const ranks = [row('hubei', 2019, 'actual', 8, 'count', 'exact', 'rank'), row('hubei', 2020, 'actual', 7, 'count', 'exact', 'rank')];
    snapshot('ranks', render(ranks, { unit: 'count', measure: 'rank', regions: ['hubei'] }));
  });
});

describe('the line through several reports of one year', () => {
  it('passes through the most confident actual', () => {
    const a = { ...row('hubei', 2020, 'actual', 10400, 'count', 'exact', 'total'), figure_id: 'aaaaaaaaaaaaaaaa', confidence: 0.9 };
    const b = { ...row('hubei', 2020, 'actual', 10404, 'count', 'exact', 'total'), figure_id: 'bbbbbbbbbbbbbbbb', confidence: 0.5 };
    const c = row('hubei', 2024, 'actual', 30000, 'count', 'more_than', 'total');
    const svg = render([a, b, c], { unit: 'count', measure: 'total', regions: ['hubei'] });
    // Two years, one line segment; both 2020 reports are drawn as points.
    expect(svg.match(/data-figure-id/g)).toHaveLength(3);
    const line = /aria-label="line">\n<path d="M([\d.]+),([\d.]+)L([\d.]+),([\d.]+)"/.exec(svg);
    const point = (id: string) => new RegExp(`data-figure-id="${id}"[^>]*cy="([\\d.]+)" cx="([\\d.]+)"`).exec(svg);
    const [, x1, y1] = line ?? [];
    expect(point('aaaaaaaaaaaaaaaa')?.slice(1)).toEqual([y1, x1]);
    expect(point('bbbbbbbbbbbbbbbb')?.[1]).not.toBe(y1);
  });
});

describe('what a point is: part of a year, several years, an inferred year, a low confidence', () => {
  const plain = row('hubei', 2020, 'actual', 10400, 'count', 'exact', 'total');
  const marked: ChartRow[] = [
    plain,
    { ...row('hubei', 2021, 'actual', 8485, 'count', 'exact', 'total'), period: 'h1' },
    { ...row('wuhan', 2021, 'actual', 3000, 'count', 'exact', 'total'), period: 'unknown', confidence: 0.65 },
    { ...row('chongqing', 2020, 'actual', 30000, 'count', 'exact', 'total'), period: 'multi_year' },
    { ...row('chongqing', 2022, 'actual', 6348, 'count', 'exact', 'total'), year_inferred: true },
  ];
  const frame = (rows: ChartRow[], lang: 'zh' | 'en' = 'zh') => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    return framedChart(rows, {
      lang, unit: 'count', measure: 'total', regions: ['hubei', 'wuhan', 'chongqing'], regionName: (r) => NAMES[r] ?? r,
      title: '高新技术企业', subtitle: '总量 · 家/个', sources: [], data: { version: 'd9094500ce56', built: '2026-11-29' },
      document: document as unknown as Document,
    });
  };
  const point = (svg: SVGSVGElement, r: ChartRow) => svg.querySelector(`[data-figure-id="${r.figure_id}"]`)!;
  const texts = (svg: SVGSVGElement, selector: string) => [...svg.querySelectorAll(selector)].map((e) => e.textContent);

  it('labels a half-year, part-year or span point on the chart and keys the label', () => {
    const svg = frame(marked);
    expect(point(svg, marked[1]).getAttribute('class')).toBe('point actual period-h1');
    expect(point(svg, marked[2]).getAttribute('class')).toBe('point actual period-part uncertain');
    expect(point(svg, marked[3]).getAttribute('class')).toBe('point actual period-span');
    expect(point(svg, marked[1]).getAttribute('data-period')).toBe('h1');
    expect(texts(svg, '.period-label text')).toEqual(['上半年', '非全年', '多年']);
    expect([...svg.querySelectorAll('.key [data-key]')].map((e) => e.getAttribute('data-key'))).toEqual(['h1', 'part', 'span', 'uncertain']);
    expect(svg.querySelector('.key')!.textContent).toContain('上半年的数值,不是全年');
    expect(svg.querySelector('.key')!.textContent).toContain('多年合计');
    snapshot('framed-marks-zh', normalise(svg.outerHTML));
  });

  it('rings a point whose year was inferred or whose confidence is low, and says why in its tooltip', () => {
    const svg = frame(marked);
    expect(svg.querySelectorAll('.uncertain-ring circle')).toHaveLength(2);
    expect(point(svg, marked[4]).getAttribute('class')).toBe('point actual uncertain');
    expect(point(svg, marked[4]).querySelector('title')!.textContent).toBe('重庆 2022 实际: 6,348 家/个 (6348) · 年份由文件日期推断');
    expect(point(svg, marked[2]).getAttribute('aria-label')).toBe('武汉 2021 实际: 3,000 家/个 (3000) · 季度、几个月或部分年份的数值 · 置信度低 0.65');
    expect(texts(svg, '.key [data-key=uncertain] text')).toEqual(['年份为推断,或置信度低于 0.7']);
    expect(svg.querySelector('.key [data-key=uncertain] circle')!.getAttribute('stroke-dasharray')).toBe('3,2');
  });

  it('keys in English', () => {
    const key = frame(marked, 'en').querySelector('.key')!.textContent;
    for (const text of ['H1', 'first half of the year', 'part', 'span', 'several years together', 'year inferred, or confidence below 0.7']) expect(key).toContain(text);
  });

  it('draws the line through whole years only', () => {
    const svg = frame([plain, marked[1], { ...row('hubei', 2022, 'actual', 14560, 'count', 'exact', 'total') }]);
    const line = svg.querySelector('[aria-label=line] path')!.getAttribute('d')!;
    const x = (r: ChartRow) => point(svg, r).getAttribute('cx');
    // One segment from 2020 to 2022, not through the first half of 2021.
    expect(line.match(/[ML]/g)).toHaveLength(2);
    expect(line).toContain(`M${x(plain)},`);
    expect(line).not.toContain(`${x(marked[1])},`);
  });

  it('marks and keys nothing on a plain year, actual, exact point', () => {
    const svg = frame([plain]);
    expect(point(svg, plain).getAttribute('class')).toBe('point actual');
    expect(point(svg, plain).querySelector('title')!.textContent).toBe('湖北 2020 实际: 10,400 家/个 (10400)');
    expect(svg.querySelector('.period-label, .uncertain-ring, .key')).toBeNull();
  });
});

describe('the framed chart of exports, embeds and the CLI', () => {
  const contracts = [
    row('hubei', 2017, 'target', 95e9, 'CNY'),
    row('wuhan', 2021, 'target', 1e11, 'CNY'),
    row('chongqing', 2022, 'actual', 63.05e9, 'CNY'),
  ];
  const sources: SourceDoc[] = [
    { doc_id: 'd1', issuer: '湖北省科学技术厅', title: '湖北省科技创新“十三五”规划', published: '2017-03-01', doc_number: '鄂科技发〔2017〕5号' },
    { doc_id: 'd2', issuer: '重庆市科学技术局', title: '2022年重庆市科技成果转化工作情况的报告,其中包括技术合同成交额和技术交易的各项统计数据与说明', published: '2023-02-10' },
  ];
  const frame = (o: Partial<FrameOptions> = {}) => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    return framedChart(contracts, {
      lang: 'zh', unit: 'CNY', measure: 'amount', regions: ['hubei', 'wuhan', 'chongqing'], regionName: (r) => NAMES[r] ?? r,
      title: '技术合同成交额', subtitle: '金额 · 亿元', sources, data: { version: 'd9094500ce56', built: '2026-11-29' },
      document: document as unknown as Document, ...o,
    });
  };

  it('carries the title, unit, legend, numbered sources and data version around the dashboard chart', () => {
    const svg = frame();
    const text = [...svg.querySelectorAll('text')].map((e) => e.textContent).join('\n');
    expect(text).toContain('技术合同成交额');
    expect(text).toContain('金额 · 亿元');
    for (const name of ['湖北', '武汉', '重庆']) expect(svg.querySelector('.legend')!.textContent).toContain(name);
    expect(text).toContain('[1] 湖北省科学技术厅《湖北省科技创新“十三五”规划》 2017-03-01 鄂科技发〔2017〕5号');
    expect(text).toContain('数据版本 d9094500ce56 · 生成于 2026-11-29');
    // The long second title wraps to more than one line rather than running off the page.
    const second = [...svg.querySelectorAll('.sources text')].findIndex((e) => e.textContent!.startsWith('[2]'));
    expect(svg.querySelectorAll('.sources text')[second + 1].textContent).not.toMatch(/^\[|^科览/);
    // The dashboard's chart is inside, points and all; the frame's height holds everything.
    expect(svg.querySelectorAll('[data-figure-id]')).toHaveLength(3);
    const height = Number(svg.getAttribute('height'));
    const lastLine = Math.max(...[...svg.querySelectorAll('.sources text')].map((e) => Number(e.getAttribute('y'))));
    expect(lastLine).toBeLessThan(height);
    expect(svg.getAttribute('viewBox')).toBe(`0 0 720 ${height}`);
    snapshot('framed-tech-contracts-zh', normalise(svg.outerHTML));
  });

  it('plain: the chart alone, no title, legend or footer', () => {
    const svg = frame({ plain: true });
    expect(svg.querySelector('.title, .legend, .sources')).toBeNull();
    expect(svg.querySelectorAll('[data-figure-id]')).toHaveLength(3);
  });

  it('dark: a dark ground and light ink, targets hollow on the dark ground', () => {
    const svg = frame({ theme: 'dark', lang: 'en' });
    expect(svg.querySelector('rect')!.getAttribute('fill')).toBe('#16191d');
    expect(svg.querySelector('.title')!.getAttribute('fill')).toBe('#e6e9ee');
    expect(svg.outerHTML).toMatch(/<g [^>]*fill="#16191d"[^>]*aria-label="dot"/);
    expect(svg.querySelector(".sources")!.textContent).toContain("data d9094500ce56 · built 2026-11-29");
  });
});

describe('citations', () => {
  const a = { doc_id: 'a', issuer: '武汉市科技局', title: '工作要点', published: '2021-02-01', doc_number: null };
  const b = { doc_id: 'b', issuer: '', title: 'Untitled', published: null, doc_number: null };
  it('cite issuer, title, date and number in either language', () => {
    expect(citation(a, 'zh')).toBe('武汉市科技局《工作要点》 2021-02-01');
    expect(citation(a, 'en')).toBe('武汉市科技局, “工作要点”, 2021-02-01');
    expect(citation(b, 'en')).toBe('unknown, “Untitled”');
  });
  it('list each document once, newest first', () => {
    const rows = [{ ...b }, { ...a }, { ...a }];
    expect(sourcesOf(rows).map((s) => s.doc_id)).toEqual(['a', 'b']);
  });
  it('wrap by width, CJK twice as wide as Latin', () => {
    expect(wrapText('一二三四五六', 36, 12)).toEqual(['一二三', '四五六']);
    expect(wrapText('abcdef', 36, 12)).toEqual(['abcde', 'f']);
  });
});

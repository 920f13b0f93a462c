import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compareChart, type ChartRow } from '../src/lib/charts/compare.ts';

const dir = resolve(import.meta.dirname, 'charts');
const NAMES: Record<string, string> = { hubei: '湖北', wuhan: '武汉', chongqing: '重庆', xiangyang: '襄阳' };

function row(region: string, year: number, stance: string, value: number, unit: string, qualifier = 'exact', measure = 'amount'): ChartRow {
  return { figure_id: `${region}${year}${stance}`.padEnd(16, '0').slice(0, 16), region, year, stance, value, unit, qualifier, quote: String(value), measure, confidence: 0.9 };
}

/** Renders a chart in Node and normalises what varies between runs: class hashes, ids, float noise. */
function render(rows: ChartRow[], options: { unit: string; measure: string; regions: string[]; lang?: 'zh' | 'en' }): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const el = compareChart(rows, { lang: options.lang ?? 'zh', unit: options.unit, measure: options.measure, regions: options.regions, regionName: (r) => NAMES[r] ?? r, title: 'test', document: document as unknown as Document });
  let n = 0;
  const ids = new Map<string, string>();
  return el.outerHTML
    .replace(/plot-[0-9a-f]{6}/g, 'plot')
    .replace(/(?<=\s)(id|href|clip-path)="([^"]*)"/g, (_, k: string, v: string) => `${k}="${v.replace(/[\w-]*\d[\w-]*/g, (id) => ids.get(id) ?? (ids.set(id, `id${++n}`), `id${n}`))}"`)
    .replace(/\d+\.\d{3,}/g, (x) => String(Math.round(Number(x) * 100) / 100))
    .replace(/></g, '>\n<');
}

/** Compares to tests/charts/<name>.svg; a missing snapshot is written outside CI and fails in CI. */
function snapshot(name: string, svg: string) {
  const file = join(dir, `${name}.svg`);
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`missing snapshot ${file}`);
    writeFileSync(file, svg);
  }
  const expected = readFileSync(file, 'utf8');
  if (svg !== expected) writeFileSync(join(dir, `${name}.changed.svg`), svg);
  expect(svg).toBe(expected);
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

/**
 * Targets against actuals (issue 12, item 2) and regions inside regions (item 3),
 * over real pipeline output: the seeds (the shipped corpus) and a fixture corpus
 * (tests/fixtures/targets: plans and the reports that followed them) that adds
 * pairs the seeds lack (a conflict on either side, a target written 突破 met
 * exactly, a rank, a half-year target, a target with no actual yet). The
 * dashboard's query (`targetPairs`, which /targets and the figure panel run)
 * must equal a direct DuckDB query over the Parquet files for every target,
 * and the compare chart's pairing over the series files must agree with both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../pipelines/run.ts';
import { openParquetFolder, type NodeQuery } from '../scripts/node-query.ts';
import { targetCounts, targetOfFact, targetPairs, TARGET_SORTABLE, type TargetFilter } from '../src/lib/db/queries.ts';
import { REGIONS_FILE, SERIES_INDEX, seriesFile } from '../src/lib/db/layout.ts';
import { attainment, derivedShares, isMet, nestedPairs, targetLinks } from '../src/lib/targets.ts';
import type { RegionRow, SeriesIndexRow, SeriesRow } from '../src/lib/types.ts';
import { directPairs, type DirectPair } from './helpers/targets-direct.ts';
import { parseHTML } from 'linkedom';
import { compareChart, type ChartRow } from '../src/lib/charts/compare.ts';
import { shareChart } from '../src/lib/charts/share.ts';
import { framedChart } from '../src/lib/charts/frame.ts';
import type { TargetPairRow } from '../src/lib/targets.ts';

const ROOT = join(import.meta.dirname, '..');
let work: string;
const folders: Record<'seeds' | 'fixture', { dir: string; data: NodeQuery }> = {} as never;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kelan-targets-'));
  for (const [name, input] of [['seeds', 'seeds'], ['fixture', 'tests/fixtures/targets']] as const) {
    const dir = join(work, name);
    await runPipeline({ input: join(ROOT, input), output: dir });
    folders[name] = { dir, data: await openParquetFolder(dir) };
  }
}, 120_000);

afterAll(() => {
  for (const f of Object.values(folders)) f.data.close();
  rmSync(work, { recursive: true, force: true });
});

const all = (data: NodeQuery, filter: TargetFilter = {}) => data.exec<TargetPairRow>(targetPairs(filter, 'region', false, 100_000, 0));
const key = (p: { region: string; indicator: string; measure: string; unit: string; year: number }) =>
  [p.region, p.indicator, p.measure, p.unit, p.year].join('|');
const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)));

/** What the view shows of each pair, against the direct query's row. */
function same(shown: TargetPairRow, direct: DirectPair) {
  expect(shown.target_id).toBe(direct.target_id);
  expect(shown.target_value).toBe(direct.target_value);
  expect(shown.actual_id).toBe(direct.actual_id);
  expect(shown.actual_value).toBe(direct.actual_value);
  expect(close(shown.attainment, direct.attainment), `${key(shown)}: ${shown.attainment} vs ${direct.attainment}`).toBe(true);
  expect(shown.met).toBe(direct.met);
}

describe.each(['seeds', 'fixture'] as const)('targets against actuals over the %s', (name) => {
  it('every target the view lists equals the direct DuckDB query, attainment and all', async () => {
    const { dir, data } = folders[name];
    const [shown, direct] = [await all(data), await directPairs(dir)];
    expect(shown.map(key).sort()).toEqual(direct.map(key).sort());
    const byKey = new Map(direct.map((d) => [key(d), d]));
    for (const s of shown) same(s, byKey.get(key(s))!);
    const paired = direct.filter((d) => d.actual_id !== null);
    expect(paired.length).toBeGreaterThanOrEqual(name === 'seeds' ? 2 : 8);
    // The attainment is the rule's, from the values the row shows.
    for (const s of shown.filter((x) => x.actual_id !== null)) {
      expect(close(s.attainment, attainment(s.target_value, s.actual_value!, s.measure))).toBe(true);
      expect(s.met).toBe(isMet({ value: s.target_value, qualifier: s.target_qualifier }, s.actual_value!, s.measure));
    }
  });

  it('the figure panel finds the same pair from either figure', async () => {
    const { data } = folders[name];
    for (const s of (await all(data)).filter((x) => x.actual_id !== null)) {
      const [one, ...rest] = await data.exec<TargetPairRow>(targetOfFact(s));
      expect(rest).toEqual([]);
      expect(one).toEqual(s);
    }
  });

  it('the counts, the status filters and every sort keep the same rows', async () => {
    const { data } = folders[name];
    const rows = await all(data);
    const [counts] = await data.exec<{ n: number; met: number; unmet: number; unknown: number }>(targetCounts({}));
    expect(counts).toEqual({
      n: rows.length, met: rows.filter((r) => r.met === true).length,
      unmet: rows.filter((r) => r.met === false).length, unknown: rows.filter((r) => r.actual_id === null).length,
    });
    expect((await all(data, { status: 'met' })).every((r) => r.met === true)).toBe(true);
    expect((await all(data, { status: 'unmet' })).every((r) => r.met === false)).toBe(true);
    expect((await all(data, { status: 'unknown' })).every((r) => r.actual_id === null)).toBe(true);
    for (const sort of TARGET_SORTABLE) {
      for (const desc of [false, true]) {
        const sorted = await data.exec<TargetPairRow>(targetPairs({}, sort, desc, 100_000, 0));
        expect(sorted.map(key).sort()).toEqual(rows.map(key).sort());
      }
    }
    const page = await data.exec<TargetPairRow>(targetPairs({}, 'year', true, 2, 1));
    expect(page.length).toBe(Math.min(2, Math.max(0, rows.length - 1)));
  });

  it("the compare chart's links, from the series files, are the query's pairs", async () => {
    const { data } = folders[name];
    const index = await data.read<SeriesIndexRow>(SERIES_INDEX);
    const shown = (await all(data)).filter((r) => r.actual_id !== null);
    const drawn: string[] = [];
    for (const indicator of new Set(index.map((r) => r.indicator))) {
      for (const region of new Set(index.filter((r) => r.indicator === indicator && r.n_dated > 0).map((r) => r.region))) {
        const rows = await data.read<SeriesRow>(seriesFile(indicator, region));
        for (const l of targetLinks(rows, indicator)) {
          drawn.push([key({ ...l.target, indicator }), l.target.figure_id, l.actual.figure_id, l.attainment, l.met].join('|'));
        }
      }
    }
    expect(drawn.sort()).toEqual(shown.map((s) => [key(s), s.target_id, s.actual_id, s.attainment, s.met].join('|')).sort());
  });
});

describe('the fixture corpus', () => {
  // Each of these is one fact in the fixture.
  const find = async (region: string, indicator: string, measure: string) =>
    (await all(folders.fixture.data)).find((r) => r.region === region && r.indicator === indicator && r.measure === measure)!;

  it('holds a target met exactly as written (突破7000 against 7000): not met', async () => {
    const p = await find('chongqing', 'high_tech_enterprises', 'total');
    expect(p).toMatchObject({ target_value: 7000, target_qualifier: 'more_than', actual_value: 7000, attainment: 1, met: false });
  });

  it('holds a rank, where lower is better', async () => {
    const p = await find('hubei', 'tech_smes', 'rank');
    expect(p).toMatchObject({ target_value: 5, actual_value: 4, attainment: 1.25, met: true, lower_is_better: true });
  });

  it('holds conflicting actuals: the most confident is used, ties by figure id, and the others are counted', async () => {
    const p = await find('hubei', 'high_tech_enterprises', 'total');
    expect(p).toMatchObject({ target_value: 25000, actual_figures: 2, actual_values: 2, actual_min: 22000, actual_max: 23000, met: false });
    const rivals = await folders.fixture.data.exec<{ figure_id: string; value: number; confidence: number }>({
      name: 'rivals', sql: `SELECT figure_id, value, confidence FROM figures WHERE region = 'hubei' AND indicator = 'high_tech_enterprises'
        AND year = 2022 AND stance = 'actual' ORDER BY confidence DESC, figure_id`, params: [],
    });
    expect(p.actual_id).toBe(rivals[0].figure_id);
  });

  it('holds a target with no actual yet (unknown), and never pairs a half-year target', async () => {
    const rows = await all(folders.fixture.data);
    expect(rows.find((r) => r.indicator === 'tech_smes' && r.measure === 'new')).toMatchObject({ actual_id: null, attainment: null, met: null });
    expect(rows.filter((r) => r.region === 'wuhan' && r.indicator === 'tech_contract_turnover').map((r) => r.target_value)).toEqual([1e11]);
  });
});

describe('regions inside regions', () => {
  it("the gazetteer puts Wuhan in Hubei, and Hubei in China", async () => {
    const regions = await folders.seeds.data.read<RegionRow>(REGIONS_FILE);
    const parent = new Map(regions.map((r) => [r.region, r.parent]));
    expect(parent.get('wuhan')).toBe('hubei');
    expect(parent.get('hubei')).toBe('china');
    expect(nestedPairs(['hubei', 'wuhan', 'chongqing'], parent)).toEqual([{ child: 'wuhan', parent: 'hubei' }]);
    expect(nestedPairs(['china', 'wuhan', 'hubei'], parent)).toEqual([
      { child: 'wuhan', parent: 'hubei' }, { child: 'wuhan', parent: 'china' }, { child: 'hubei', parent: 'china' },
    ]);
  });

  it("Wuhan's share of Hubei pairs the figures each point shows, for the same measure, unit, year and stance", async () => {
    const { data } = folders.seeds;
    const rows = (await Promise.all(['hubei', 'wuhan'].map((r) => data.read<SeriesRow>(seriesFile('high_tech_enterprises', r))))).flat()
      .filter((r) => r.measure === 'total' && r.unit === 'count');
    const shares = derivedShares(rows, [{ child: 'wuhan', parent: 'hubei' }]);
    const s2024 = shares.find((s) => s.year === 2024 && s.stance === 'actual')!;
    expect(s2024.share).toBeCloseTo((s2024.childPoint.value / s2024.parentPoint.value) * 100, 12);
    expect([s2024.childPoint.region, s2024.parentPoint.region]).toEqual(['wuhan', 'hubei']);
    expect(s2024.id).toBe(`${s2024.childPoint.figure_id}.${s2024.parentPoint.figure_id}`);
    // A rate is not shared out.
    expect(derivedShares(rows.map((r) => ({ ...r, measure: 'growth_rate' as const, unit: 'percent' as const })), [{ child: 'wuhan', parent: 'hubei' }])).toEqual([]);
  });
});

describe('the charts draw the options', () => {
  const point = (region: string, year: number, stance: string, value: number, id: string, confidence = 0.9, period = 'year'): ChartRow => ({
    figure_id: id.padStart(16, '0'), region, year, period, stance, value, unit: 'count', qualifier: 'exact', quote: `${value}家`, measure: 'total',
    confidence, year_inferred: false,
  });
  const rows = [
    point('hubei', 2022, 'target', 25000, 'a1'), point('hubei', 2022, 'actual', 22000, 'a2'), point('hubei', 2022, 'actual', 23000, 'a3', 0.8),
    point('wuhan', 2022, 'actual', 12000, 'b1'), point('wuhan', 2023, 'target', 13000, 'b2'), point('wuhan', 2022, 'actual', 6000, 'b3', 0.95, 'h1'),
  ];
  const names: Record<string, string> = { hubei: '湖北', wuhan: '武汉', china: '全国' };
  const document = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  const options = { lang: 'zh' as const, unit: 'count', measure: 'total', regions: ['hubei', 'wuhan'], regionName: (r: string) => names[r] ?? r, title: 't' };

  it('joins each target to its actual with an arrow carrying the attainment, and leaves a target without an actual alone', () => {
    const links = targetLinks(rows, 'high_tech_enterprises');
    expect(links.map((l) => [l.target.figure_id, l.actual.figure_id, l.attainment, l.met])).toEqual([[rows[0].figure_id, rows[1].figure_id, 0.88, false]]);
    const svg = compareChart(rows, { ...options, links, document: document() }) as SVGSVGElement;
    const arrows = [...svg.querySelectorAll('.target-link path')];
    expect(arrows.map((a) => [a.getAttribute('data-target-id'), a.getAttribute('data-actual-id'), a.getAttribute('data-attainment'), a.getAttribute('data-met')]))
      .toEqual([[rows[0].figure_id, rows[1].figure_id, '0.88', 'false']]);
    expect(svg.querySelector('.attainment-label')?.textContent).toBe('88.0%✗');
  });

  it('exports, embeds and the report draw the same arrows in the framed chart, and key them', () => {
    const links = targetLinks(rows, 'high_tech_enterprises');
    const sources = [{ doc_id: 'd1', issuer: '湖北省科学技术厅', title: '答复', published: '2023-01-01' }];
    const svg = framedChart(rows, { ...options, links, subtitle: '总量 · 家', sources, data: { version: 'v', built: '2026-11-29' }, document: document() });
    expect([...svg.querySelectorAll('.target-link path')].map((a) => a.getAttribute('data-target-id'))).toEqual([rows[0].figure_id]);
    expect(svg.querySelector('.key [data-key=link]')?.textContent).toContain('目标');
    // Without links asked for, neither arrow nor key entry.
    const plain = framedChart(rows, { ...options, subtitle: '', sources, data: { version: 'v', built: '2026-11-29' }, document: document() });
    expect(plain.querySelector('.target-link, .key [data-key=link]')).toBeNull();
  });

  it('draws national figures as a grey dashed reference line whose points open their figures', () => {
    const national = [point('china', 2021, 'actual', 400000, 'c1'), point('china', 2022, 'actual', 460000, 'c2')];
    const svg = compareChart(rows, { ...options, reference: { rows: national, label: '全国(参考)' }, document: document() }) as SVGSVGElement;
    const line = svg.querySelector('.national-line path')!;
    expect(line.getAttribute('stroke-dasharray') ?? line.parentElement!.getAttribute('stroke-dasharray')).toBe('6,4');
    expect([...svg.querySelectorAll('.national[data-figure-id]')].map((e) => e.getAttribute('data-figure-id'))).toEqual(national.map((n) => n.figure_id));
    expect(svg.querySelector('.national-label')?.textContent).toBe('全国(参考)');
  });

  it("draws a city's share of its province apart, each point naming both figures", () => {
    const shares = derivedShares(rows, [{ child: 'wuhan', parent: 'hubei' }]);
    // 2022 only: the half-year figure is not a year's, and 2023 has no Hubei figure.
    expect(shares.map((s) => [s.id, s.year, s.stance, s.share])).toEqual([[`${rows[3].figure_id}.${rows[1].figure_id}`, 2022, 'actual', (12000 / 22000) * 100]]);
    const svg = shareChart(shares, { lang: 'zh', regions: ['hubei', 'wuhan'], regionName: (r) => names[r], title: 't', document: document() }) as SVGSVGElement;
    const dots = [...svg.querySelectorAll('[data-derived]')];
    expect(dots.map((d) => [d.getAttribute('data-derived'), d.getAttribute('data-child'), d.getAttribute('data-parent'), d.getAttribute('role')]))
      .toEqual([[shares[0].id, 'wuhan', 'hubei', 'button']]);
    expect(dots[0].getAttribute('aria-label')).toContain('武汉 12,000 家/个 ÷ 湖北 22,000 家/个');
  });
});

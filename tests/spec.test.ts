import { describe, expect, it } from 'vitest';
import { chooseMeasure, type MeasureOption } from '../src/lib/charts/spec.ts';

const m = (measure: string, unit: string, n: number): MeasureOption => ({ measure, unit, n });

describe('chooseMeasure', () => {
  const hte = [m('new', 'count', 5), m('total', 'count', 4), m('growth_rate', 'percent', 2)];

  it('takes the requested measure, and its unit when one is named', () => {
    expect(chooseMeasure(hte, 'growth_rate', null)).toEqual(hte[2]);
    expect(chooseMeasure([m('amount', 'CNY', 3), m('amount', 'count', 1)], 'amount', 'count')).toEqual(m('amount', 'count', 1));
  });

  it('without a request, or with one the indicator lacks, shows the level (total, then amount) before changes', () => {
    expect(chooseMeasure(hte)).toEqual(hte[1]);
    expect(chooseMeasure(hte, 'share', null)).toEqual(hte[1]);
    expect(chooseMeasure([m('growth_rate', 'percent', 9), m('amount', 'CNY', 1)])).toEqual(m('amount', 'CNY', 1));
  });

  it('else the measure with most figures; none when the indicator has no dated figures', () => {
    expect(chooseMeasure([m('growth_rate', 'percent', 9), m('share', 'percent', 1)])).toEqual(m('growth_rate', 'percent', 9));
    expect(chooseMeasure([])).toBeNull();
  });
});

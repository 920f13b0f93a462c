/**
 * The legend as the regions' control: which regions it lists unticked and which
 * its "add" list offers, from the catalog and the regions drawn.
 */
import type { Lang } from './i18n.ts';
import { nameIn, type RegionOption } from './catalog.ts';
import { DEFAULT_REGIONS, MAX_IDS } from './params.ts';

/** What makes a chart's legend the regions' control (`ChartLegend`). */
export interface RegionControl {
  /** Regions listed unticked after the drawn ones: the defaults a reader has unticked, so they can be ticked back. */
  off: string[];
  /** Regions the "add" list offers, with their labels (`湖南 (12)`); empty when no more may be added. */
  addable: Array<{ region: string; label: string }>;
  /** Called with the regions to draw, in their order. */
  onregions: (ids: string[]) => void;
}

/**
 * The control over `selected` among the catalog's regions: the default regions
 * stay listed when unticked; any other region with figures can be added until a
 * view holds MAX_IDS regions (the most its URL keeps).
 */
export function regionControl(catalog: RegionOption[], selected: string[], lang: Lang, onregions: (ids: string[]) => void): RegionControl {
  const off = catalog.filter((r) => DEFAULT_REGIONS.includes(r.region) && !selected.includes(r.region)).map((r) => r.region);
  const addable = selected.length >= MAX_IDS ? [] : catalog
    .filter((r) => !selected.includes(r.region) && !off.includes(r.region))
    .map((r) => ({ region: r.region, label: `${nameIn(lang, r, r.region)} (${r.n})` }));
  return { off, addable, onregions };
}

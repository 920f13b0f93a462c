/**
 * Region colours: the Okabe–Ito palette, safe for colour-blind readers, with the
 * three regions the dashboard opens on always in the same colours, so a region
 * keeps its colour across panels, views and embeds.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const FIXED: Record<string, string> = { hubei: '#0072B2', wuhan: '#E69F00', chongqing: '#009E73' };

/** The colour of each region of a list; regions beyond the fixed three take the rest in order. */
export function regionColors(regions: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const spare = OKABE_ITO.filter((c) => !Object.values(FIXED).includes(c));
  let k = 0;
  for (const r of [...regions].sort()) out.set(r, FIXED[r] ?? spare[k++ % spare.length]);
  return out;
}

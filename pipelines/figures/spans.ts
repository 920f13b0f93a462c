/** Lookups in sorted, non-overlapping spans (phrases, places, clauses of a sentence) by binary search. */

/** A span of text, end exclusive. */
export interface Span { start: number; end: number }

/** The index of the first span whose end is after `at`. */
export function firstEndingAfter(list: Span[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].end > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The spans that end in (from, to]. */
export function endingIn<T extends Span>(list: T[], from: number, to: number): T[] {
  const out: T[] = [];
  for (let i = firstEndingAfter(list, from); i < list.length && list[i].end <= to; i++) out.push(list[i]);
  return out;
}

/** The spans that lie within [from, to]. */
export function within<T extends Span>(list: T[], from: number, to: number): T[] {
  return endingIn(list, from, to).filter((x) => x.start >= from);
}

/** The start of the span that holds `at` (a ；-clause of a sentence), or `fallback`. */
export function startOfSpanAt(list: Span[], at: number, fallback: number): number {
  const span = list[firstEndingAfter(list, at)];
  return span && span.start <= at ? span.start : fallback;
}

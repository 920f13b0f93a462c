/**
 * Review mode in the browser: present only when the page is served by `npm run review`
 * (scripts/review.ts), which answers `/api/review/token` with this run's token; the static
 * build answers it with a page, so no review control appears there. A decision is sent to
 * `/api/review` (same origin, the token in a header), which appends it to
 * corrections/review.jsonl and reruns the pipeline; the page then reloads its data.
 */
import { base } from '$app/paths';
import { run } from './db/duckdb.ts';
import { MEASURES, STANCES, UNITS } from './params.ts';
import type { Lang } from './i18n.ts';

/** The periods and qualifiers a correction may set (as pipelines/corrections/corrections.ts checks them). */
export const PERIODS = ['year', 'as_of', 'h1', 'multi_year', 'unknown'] as const;
export const QUALIFIERS = ['exact', 'approx', 'at_least', 'more_than', 'at_most'] as const;
export { MEASURES, STANCES, UNITS };

export const TOKEN_HEADER = 'X-Kelan-Review-Token';

/** The fields a fix or an add sets. */
export interface ReviewFields {
  indicator: string; label: string; region: string; year: number | null; period: string; stance: string;
  measure: string; value: number; unit: string; qualifier: string;
}

/** What a correction is keyed by: the document's content and the quote's span and text. */
export interface ReviewKey { doc_id: string; sha256: string; raw_start: number; raw_end: number; quote: string }

/** What the server answers to a saved correction. */
export interface ReviewAnswer { data_version: string; source: string; fate: 'applied' | 'rejected' | 'orphaned' | 'refused'; reason?: string }

let session: Promise<{ token: string; who: string } | null> | undefined;

/** This run's review token and reviewer, or null outside review mode. Asked once per page. */
export function reviewSession(): Promise<{ token: string; who: string } | null> {
  session ??= fetch(`${base}/api/review/token`, { credentials: 'same-origin', cache: 'no-store' })
    .then(async (r) => {
      if (!r.ok || !/^application\/json/.test(r.headers.get('content-type') ?? '')) return null;
      const body = (await r.json()) as { token?: unknown; who?: unknown };
      return typeof body.token === 'string' && body.token ? { token: body.token, who: typeof body.who === 'string' ? body.who : '' } : null;
    })
    .catch(() => null);
  return session;
}

/** Sends one decision; throws with the server's reason when it is refused. */
export async function saveCorrection(c: ReviewKey & { action: 'confirm' | 'fix' | 'reject' | 'add'; set?: Partial<ReviewFields>; note?: string; who?: string }): Promise<ReviewAnswer> {
  const s = await reviewSession();
  if (!s) throw new Error('not in review mode');
  const r = await fetch(`${base}/api/review`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: s.token },
    body: JSON.stringify(c),
  });
  const body = (await r.json().catch(() => ({}))) as ReviewAnswer & { error?: string };
  if (!r.ok) throw new Error(body.error ?? `HTTP ${r.status}`);
  return body;
}

/** A figure's key and its review, read from the data folder. */
export async function figureKey(dataUrl: string, figureId: string): Promise<(ReviewKey & ReviewFields & { reviewed: boolean; review: string | null }) | null> {
  const [row] = await run<ReviewKey & ReviewFields & { reviewed: boolean | null; review: string | null }>(dataUrl, {
    name: 'reviewKey',
    sql: `SELECT f.doc_id, d.sha256, f.raw_start, f.raw_end, f.quote, f.indicator, f.label, f.region, f.year, f.period, f.stance, f.measure, f.value, f.unit, f.qualifier,
  coalesce(f.reviewed, false) AS reviewed, f.review
FROM figures f JOIN documents d ON d.doc_id = f.doc_id WHERE f.figure_id = ?`,
    params: [figureId],
  });
  return row ? { ...row, reviewed: row.reviewed === true } : null;
}

/** A document's content hash (the document view does not read it). */
export async function documentSha(dataUrl: string, docId: string): Promise<string | null> {
  const [row] = await run<{ sha256: string }>(dataUrl, { name: 'reviewSha', sql: 'SELECT sha256 FROM documents WHERE doc_id = ?', params: [docId] });
  return row?.sha256 ?? null;
}

const WORDS = {
  confirm: ['确认', 'Confirm'], fix: ['修改', 'Fix'], reject: ['驳回', 'Reject'], add: ['添加数字', 'Add a figure'],
  save: ['保存', 'Save'], cancel: ['取消', 'Cancel'], note: ['备注', 'Note'], saving: ['保存中，正在重新运行流水线…', 'Saving; rerunning the pipeline…'],
  reviewed: ['已审核', 'Reviewed'], review: ['审核', 'Review'], saved: ['已保存', 'Saved'], failed: ['未保存', 'Not saved'],
  indicator: ['指标', 'Indicator'], label: ['名称', 'Label'], region: ['地区', 'Region'], year: ['年份', 'Year'], period: ['时期', 'Period'],
  stance: ['性质', 'Stance'], measure: ['度量', 'Measure'], value: ['数值', 'Value'], unit: ['单位', 'Unit'], qualifier: ['限定', 'Qualifier'],
  selectHint: ['在原文中选中数字以添加', 'Select a number in the raw text to add it'], rawOnly: ['请在原文视图中选择', 'Select in the raw text view'],
  noYear: ['无', 'none'],
} as const;

/** A word of the review controls. */
export function rw(lang: Lang, w: keyof typeof WORDS): string {
  return WORDS[w][lang === 'en' ? 1 : 0];
}

/** The fields that differ between a figure and the form: what a fix sets. */
export function changed(before: ReviewFields, after: ReviewFields): Partial<ReviewFields> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(after) as Array<keyof ReviewFields>) if (after[k] !== before[k]) out[k] = after[k];
  return out as Partial<ReviewFields>;
}

/** A reviewed point's mark in charts and tables. */
export const REVIEWED_MARK = '✓';

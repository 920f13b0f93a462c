/** Plain-text tables and number formats for the bench's output. */

/** Columns aligned to their widest cell (Chinese characters take two columns); `align` has one `l` or `r` per column. */
export function table(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const pad = (c: string, i: number) => ' '.repeat(widths[i] - width(c));
  const line = (cells: string[]) => cells.map((c, i) => (align[i] === 'r' ? pad(c, i) + c : c + pad(c, i))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The columns `s` takes in a terminal: two for CJK and full-width characters, one for the rest. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

/** `n` with `digits` decimals and thousands separators; `—` for null. */
export function num(n: number | null, digits = 0): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A share as a percentage with one decimal. */
export const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;

/** Bytes in MB of 10^6 bytes, as throughput figures use. */
export const mb = (bytes: number): number => bytes / 1e6;

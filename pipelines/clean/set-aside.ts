import type { Normalized } from '../normalize/normalize.ts';
import type { SetAside } from './clean.ts';

/** Marks (1) the normalised characters whose raw characters the clean stage set aside. */
export function setAsideIn(norm: Normalized, rawLength: number, spans: SetAside[]): Uint8Array {
  const raw = new Uint8Array(rawLength + 1);
  for (const s of spans) raw.fill(1, s.start, s.end);
  const setAside = new Uint8Array(norm.text.length);
  for (let i = 0; i < setAside.length; i++) setAside[i] = raw[norm.toRaw[i]];
  return setAside;
}

/** The text with what was set aside blanked (spaces; line breaks kept), same length and offsets. */
export function blankSetAside(text: string, setAside: Uint8Array): string {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || setAside[i]) {
      parts.push(text.slice(from, i));
      if (i < text.length) parts.push(text[i] === '\n' ? '\n' : ' ');
      from = i + 1;
    }
  }
  return parts.join('');
}

/** Characters of one line read; the rest of a longer line is set aside (a flattened table, a page without line breaks). */
export const MAX_LINE = 100_000;

/** Sets aside what runs past MAX_LINE characters in each line of `text`; a warning for each line cut. */
export function setAsideLongLines(text: string, setAside: Uint8Array, max = MAX_LINE): string[] {
  const warnings: string[] = [];
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > max) {
      setAside.fill(1, start + max, end);
      warnings.push(`line ${line} has ${end - start} characters: only its first ${max} were read`);
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return warnings;
}

/** A span of normalised text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** A sentence of the normalised text, its `；` clauses, and the line it sits on. */
export interface Sentence extends Span {
  clauses: Span[];
  /** Index of the line (paragraph) the sentence starts on. */
  line: number;
}

const ENDERS = new Set(['。', '!', '?', '！', '？']);
const CLOSERS = new Set(['”', '’', '」', '』', ')', '）', '"', '\'', '》', '】']);
const CLAUSE = new Set([';', '；']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\u3000' || c === '\u00a0' || c === '\r' || c === '\f';
}

/**
 * Splits text into sentences at 。！？ and line breaks (keeping trailing closing
 * quotes and brackets), and each sentence into clauses at ；, in one linear pass.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let line = 0;
  let start = 0;
  let lineOfStart = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e, clauses: clauses(text, s, e), line: lineOfStart });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      push(i);
      line++;
      start = i + 1;
      lineOfStart = line;
    } else if (ENDERS.has(c)) {
      let j = i + 1;
      while (j < text.length && CLOSERS.has(text[j])) j++;
      push(j);
      start = j;
      lineOfStart = line;
      i = j - 1;
    }
  }
  push(text.length);
  return out;
}

function clauses(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if (CLAUSE.has(text[i])) {
      if (i > s) out.push({ start: s, end: i + 1 });
      s = i + 1;
    }
  }
  if (end > s) out.push({ start: s, end });
  return out;
}

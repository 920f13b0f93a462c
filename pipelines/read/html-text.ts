/** Web pages → the text a reader sees: markup, scripts, styles and page chrome dropped. */

/** Block elements: each of their tags ends a line of visible text. */
const BLOCK = new Set(
  ('div li tr dd dt caption thead tbody tfoot figcaption address center fieldset details summary body html ' +
    'main figure').split(' ')
);
/** Blocks that a browser sets apart with a margin: a blank line before and after. */
const PARAGRAPH = new Set('p h1 h2 h3 h4 h5 h6 section article table ul ol dl blockquote pre hr'.split(' '));
/** Elements whose content a reader does not see, or that hold page chrome rather than the document. */
const HIDDEN = new Set(
  'head script style noscript template svg math nav header footer aside form button select textarea iframe object'.split(' ')
);
/** Elements whose content is not markup: it runs to the matching end tag. */
const RAW_TEXT = new Set('script style textarea title xmp iframe noembed noframes noscript'.split(' '));
const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)/y;
const HIDDEN_CLOSE = /<\/(head|svg|math|nav|header|footer|aside|form|button|select|template|object)(?=[\s/>])/gi;
const rawEnds = new Map<string, RegExp>();

/**
 * The visible text of an HTML page, in one linear pass: the title as the first
 * line, hidden elements and page chrome (nav, header, footer, aside, form) dropped,
 * block elements as line breaks, table cells followed by ` | `, entities decoded.
 */
export function htmlToText(html: string): string {
  // An element opened but never closed would hide the rest of the page: such tags are ignored.
  const lastClose = new Map<string, number>();
  HIDDEN_CLOSE.lastIndex = 0;
  for (let m = HIDDEN_CLOSE.exec(html); m; m = HIDDEN_CLOSE.exec(html)) lastClose.set(m[1].toLowerCase(), m.index);

  const out: string[] = [];
  // Line breaks owed by block tags; they are written before the next visible text, so nested blocks do not stack them.
  let breaks = 0;
  let started = false;
  const emit = (text: string): void => {
    const blank = text.trim() === '';
    if ((breaks > 0 || !started) && blank) return;
    if (breaks > 0 && started) out.push('\n'.repeat(breaks));
    breaks = 0;
    started = true;
    out.push(text);
  };
  const hiddenDepth = new Map<string, number>();
  let hidden = 0;
  let pre = 0;
  let cellOpen = false;
  let title = '';
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && hidden === 0) emit(visible(html.slice(i, textEnd), pre > 0));
    if (lt < 0) break;
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const next = html.charCodeAt(i + 1);
    if (next === 0x21 || next === 0x3f) {
      // <!DOCTYPE …>, <![CDATA[…]]>, <?xml …?>
      const close = html.startsWith('<![CDATA[', i) ? ']]>' : '>';
      const end = html.indexOf(close, i + 2);
      i = end < 0 ? n : end + close.length;
      continue;
    }
    TAG_NAME.lastIndex = i;
    const m = TAG_NAME.exec(html);
    if (!m) {
      if (hidden === 0) emit('<');
      i++;
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2].toLowerCase();
    const gt = tagEnd(html, i + m[0].length);
    const selfClosing = gt > 0 && html.charCodeAt(gt - 1) === 0x2f;
    i = gt < 0 ? n : gt + 1;

    if (!closing && !selfClosing && RAW_TEXT.has(name)) {
      let re = rawEnds.get(name);
      if (!re) rawEnds.set(name, (re = new RegExp(`</${name}(?=[\\s/>])[^>]*>?`, 'gi')));
      re.lastIndex = i;
      const end = re.exec(html);
      const content = html.slice(i, end ? end.index : n);
      if (name === 'title') {
        // An <svg> has <title>s of its own: only the page's counts.
        if (!title && !hiddenDepth.get('svg')) title = decodeEntities(content).replace(/\s+/g, ' ').trim();
      } else if (!HIDDEN.has(name) && hidden === 0) {
        emit(visible(content, pre > 0));
      }
      i = end ? end.index + end[0].length : n;
      continue;
    }
    if (name === 'body' && !closing) {
      // <body> ends an unclosed <head>.
      hidden -= hiddenDepth.get('head') ?? 0;
      hiddenDepth.set('head', 0);
    }
    if (HIDDEN.has(name)) {
      const depth = hiddenDepth.get(name) ?? 0;
      if (!closing && !selfClosing && (lastClose.get(name) ?? -1) > i) {
        hiddenDepth.set(name, depth + 1);
        hidden++;
      } else if (closing && depth > 0) {
        hiddenDepth.set(name, depth - 1);
        hidden--;
      }
      breaks = Math.max(breaks, 1);
      continue;
    }
    if (hidden > 0) continue;
    if (name === 'td' || name === 'th') {
      if (cellOpen || closing) emit(' | ');
      cellOpen = !closing;
    } else if (name === 'br') {
      breaks = Math.min(breaks + 1, 2);
    } else if (BLOCK.has(name) || PARAGRAPH.has(name)) {
      if (name === 'tr' && cellOpen) emit(' | ');
      if (name === 'tr' || name === 'table') cellOpen = false;
      breaks = Math.max(breaks, PARAGRAPH.has(name) ? 2 : 1);
      if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
    }
  }

  const body = out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\r\u00a0]+/g, ' ').trim())
    .join('\n');
  return `${title}\n${body}`.replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '');
}

const SOURCE_BREAK = /[ \t]*[\r\n]+[ \t]*/g;

/**
 * Text between tags as it shows: entities decoded; outside <pre> a line break in
 * the source is a space, or nothing between two Chinese characters (as CSS renders it).
 */
function visible(text: string, inPre: boolean): string {
  const decoded = text.indexOf('&') < 0 ? text : decodeEntities(text);
  if (inPre) return decoded.replace(/\r/g, '');
  return decoded.replace(SOURCE_BREAK, (brk: string, at: number, all: string) =>
    isWide(all.charCodeAt(at - 1)) && isWide(all.charCodeAt(at + brk.length)) ? '' : ' '
  );
}

function isWide(code: number): boolean {
  return code >= 0x2e80 && code <= 0xffef;
}

/** The index of the `>` that ends a tag whose attributes start at `from`, skipping quoted values; -1 if none. */
function tagEnd(html: string, from: number): number {
  let i = from;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === 0x3e) return i;
    if (c === 0x22 || c === 0x27) {
      const close = html.indexOf(c === 0x22 ? '"' : "'", i + 1);
      // An unterminated quote is read as a plain character, as the rest of the page would otherwise vanish.
      if (close >= 0) i = close;
    }
    i++;
  }
  return -1;
}

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '©', reg: '®', trade: '™',
  middot: '·', bull: '•', hellip: '…', mdash: '—', ndash: '–', ldquo: '“', rdquo: '”', lsquo: '‘',
  rsquo: '’', laquo: '«', raquo: '»', times: '×', divide: '÷', plusmn: '±', deg: '°', yen: '¥',
  cent: '¢', pound: '£', euro: '€', sect: '§', para: '¶', permil: '‰', prime: '′', emsp: '\u2003',
  ensp: '\u2002', thinsp: '\u2009', zwsp: '\u200b', zwj: '\u200d', zwnj: '\u200c', shy: '\u00ad',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', sup2: '²', sup3: '³', frac12: '½', frac14: '¼', frac34: '¾',
  micro: 'µ', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', mu: 'μ', pi: 'π', sigma: 'σ', omega: 'ω'
};
/** Names a browser also reads without their `;`, as old pages write them. */
const LEGACY_ENTITIES = new Set(['nbsp', 'amp', 'lt', 'gt', 'quot', 'copy', 'reg']);
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/g;

/** Decodes character references: numeric, and the common named ones; unknown names are left as written. */
function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole: string, dec?: string, hex?: string, name?: string, semi?: string) => {
    if (name !== undefined) {
      const known = Object.hasOwn(NAMED_ENTITIES, name) && (semi === ';' || LEGACY_ENTITIES.has(name));
      return known ? NAMED_ENTITIES[name] : whole;
    }
    const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  });
}

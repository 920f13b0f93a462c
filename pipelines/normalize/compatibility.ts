/**
 * Compatibility forms of ideographs, read as the ideographs they stand for. PDF
 * text layers carry them: a font that draws 文 and the Kangxi radical ⽂ (U+2F42)
 * with one glyph may map that glyph back to the radical, so a printed 发文字号
 * extracts as 发⽂字号. Every fold is one code point for one code point.
 */

// CJK Radicals Supplement (U+2E80–U+2EFF), which NFKC leaves alone, from the
// Unicode Character Database's EquivalentUnifiedIdeograph.txt (15.0): radical, ideograph.
const SUPPLEMENT =
  '⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑' +
  '⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王' +
  '⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑' +
  '⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長' +
  '⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼' +
  '⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟';

const supplement = new Map<number, number>();
{
  const cps = [...SUPPLEMENT].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < cps.length; i += 2) supplement.set(cps[i], cps[i + 1]);
}

/** Radicals (supplement and Kangxi), CJK compatibility ideographs and their supplement. */
const COMPATIBILITY = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\u{2f800}-\u{2fa1f}]/u;
const COMPATIBILITY_ALL = new RegExp(COMPATIBILITY.source, 'gu');

/** The unified ideograph a compatibility form stands for, or the code point itself. */
export function unifiedIdeograph(cp: number): number {
  if (cp >= 0x2e80 && cp <= 0x2eff) return supplement.get(cp) ?? cp;
  // Kangxi radicals and compatibility ideographs: NFKC maps each to one unified ideograph.
  if ((cp >= 0x2f00 && cp <= 0x2fdf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f)) {
    const folded = String.fromCodePoint(cp).normalize('NFKC');
    const out = folded.codePointAt(0)!;
    return folded.length === (out > 0xffff ? 2 : 1) ? out : cp;
  }
  return cp;
}

/** Whether `text` holds any compatibility form of an ideograph. */
export function hasCompatibilityForms(text: string): boolean {
  return COMPATIBILITY.test(text);
}

/** `text` with every compatibility form folded, code point for code point (UTF-16 lengths may change). */
export function foldCompatibility(text: string): string {
  if (!COMPATIBILITY.test(text)) return text;
  return text.replace(COMPATIBILITY_ALL, (c) => String.fromCodePoint(unifiedIdeograph(c.codePointAt(0)!)));
}

/**
 * `text` with the compatibility forms folded whose ideograph has the same UTF-16
 * length, so that every index still points at the same character of `text`.
 */
export function foldCompatibilityInPlace(text: string): string {
  if (!COMPATIBILITY.test(text)) return text;
  return text.replace(COMPATIBILITY_ALL, (c) => {
    const out = String.fromCodePoint(unifiedIdeograph(c.codePointAt(0)!));
    return out.length === c.length ? out : c;
  });
}

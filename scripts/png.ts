/**
 * PNG charts in Node: the framed chart's SVG drawn by resvg with a CJK font
 * found on the system and checked to draw Chinese, never a PNG of boxes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Resvg, type RenderedImage } from '@resvg/resvg-js';
import { shown, UsageError } from './usage.ts';

export const INSTALL_FONT = 'install one (Debian/Ubuntu: `sudo apt-get install fonts-noto-cjk`; Fedora: `sudo dnf install google-noto-sans-cjk-fonts`), or name a font file with --font or KELAN_CJK_FONT';

const FONT_PATHS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansSC-Regular.otf',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/Supplemental/Songti.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simsun.ttc',
];

/** Whether resvg draws Chinese with this font alone: 科 and 览 both inked, and unlike each other (not two missing-glyph boxes). */
export function drawsChinese(file: string): boolean {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><text y="26" font-size="28"><tspan x="0">科</tspan><tspan x="32">览</tspan></text></svg>`;
  let pixels: Buffer;
  try {
    pixels = new Resvg(svg, { font: { fontFiles: [file], loadSystemFonts: false }, logLevel: 'off' }).render().pixels;
  } catch {
    return false;
  }
  const half = (left: boolean) => {
    const alpha: number[] = [];
    for (let y = 0; y < 32; y++) for (let x = left ? 0 : 32; x < (left ? 32 : 64); x++) alpha.push(pixels[(y * 64 + x) * 4 + 3]);
    return alpha;
  };
  const [a, b] = [half(true), half(false)];
  return a.some(Boolean) && b.some(Boolean) && a.some((x, i) => x !== b[i]);
}

/** The CJK font a PNG is drawn with: --font, else KELAN_CJK_FONT, else the first well-known or fontconfig font that draws Chinese. */
export function findCjkFont(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  const named = explicit ?? env.KELAN_CJK_FONT;
  if (named) {
    const from = explicit ? '--font' : 'KELAN_CJK_FONT';
    if (!existsSync(named)) throw new UsageError(`${from}: no such file: ${shown(named)}`);
    if (!drawsChinese(named)) throw new UsageError(`${from}: ${shown(named)} does not draw Chinese characters; ${INSTALL_FONT}`);
    return named;
  }
  const candidates = FONT_PATHS.filter((f) => existsSync(f));
  try {
    const matched = execFileSync('fc-match', ['-f', '%{file}', 'Noto Sans CJK SC:lang=zh-cn'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (matched) candidates.push(matched);
  } catch {
    // No fontconfig: the well-known paths are all there is.
  }
  const found = candidates.find(drawsChinese);
  if (!found) throw new Error(`no font with Chinese glyphs found for the PNG; ${INSTALL_FONT}`);
  return found;
}

/** The font file and, when it lies beside it, its bold face: titles are bold, and resvg does not embolden. */
export function withBold(file: string): string[] {
  const bold = join(dirname(file), basename(file).replace('Regular', 'Bold'));
  return bold !== file && existsSync(bold) ? [file, bold] : [file];
}

/** An SVG drawn by resvg with these fonts only (no system fonts: the same pixels on every machine), `scale` pixels per CSS pixel. */
export function renderPng(svg: string, fontFiles: string[], scale: number): RenderedImage {
  // Chart text asks for system-ui first; with one font loaded, every family falls through to it.
  const font = { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC', sansSerifFamily: 'Noto Sans CJK SC' };
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font, logLevel: 'off' }).render();
}

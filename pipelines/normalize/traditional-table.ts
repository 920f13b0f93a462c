import * as OpenCC from 'opencc-js/t2cn';

/** The tw → cn converter (only the `tw` preset turns 著陸 into 着陆; `twp` has phrase entries that change length). */
export const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });

/**
 * The BMP ideographs the converter changes when it reads each alone, as one string
 * (slow: about a second; `npm run gen:traditional` keeps the result in traditional-chars.ts).
 */
export function changedChars(): string {
  let found = '';
  for (const [from, to] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]]) {
    const chars: string[] = [];
    for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
    const out = convert(chars.join('\n')).split('\n');
    for (let i = 0; i < chars.length; i++) if (out[i] !== chars[i]) found += chars[i];
  }
  return found;
}

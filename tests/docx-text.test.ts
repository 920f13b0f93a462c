import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxToText } from '../pipelines/read/docx-text.ts';

const docx = async (...children: Array<Paragraph | Table>) =>
  new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
const cell = (...lines: string[]) => new TableCell({ children: lines.map((l) => new Paragraph(l)) });

describe('docxToText', () => {
  it('writes a line per paragraph, a blank line for an empty one, and keeps runs, breaks and tabs', async () => {
    const bytes = await docx(
      new Paragraph({ children: [new TextRun('关于印发'), new TextRun({ text: '实施方案', bold: true }), new TextRun('的通知')] }),
      new Paragraph({ children: [] }),
      new Paragraph({ children: [new TextRun('第一行'), new TextRun({ text: '第二行', break: 1 })] }),
      new Paragraph({ children: [new TextRun('指标'), new TextRun({ children: ['\t', '2023年'] })] }),
    );
    expect(await docxToText(bytes)).toEqual({ text: '关于印发实施方案的通知\n\n第一行\n第二行\n指标\t2023年', encoding: 'docx' });
  });

  it('writes a table row as one line of cells, as the HTML reader does', async () => {
    const table = new Table({
      rows: [
        new TableRow({ children: [cell('指标'), cell('2022年'), cell('2023年')] }),
        new TableRow({ children: [cell('高新技术企业', '(家)'), cell('22000'), cell('25000')] }),
      ],
    });
    const bytes = await docx(new Paragraph('附表'), table, new Paragraph('完'));
    expect(await docxToText(bytes)).toEqual({
      text: '附表\n指标 | 2022年 | 2023年 |\n高新技术企业 (家) | 22000 | 25000 |\n完',
      encoding: 'docx',
    });
  });

  it.each([
    ['a text file', new TextEncoder().encode('全省高新技术企业25000家'), 'not a Word document: not a .docx (ZIP) file'],
    ['a cut archive', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "broken .docx: Corrupted zip: can't find end of central directory"],
  ])('refuses %s', async (_name, bytes, error) => {
    expect(await docxToText(bytes)).toEqual({ error });
  });
});

/**
 * The Word reader (ADR 0027): a small .docx made with the `docx` package read into the neutral document
 * model — headings by paragraph style, paragraphs with bold and italic, bulleted and numbered lists,
 * tables with header rows and merged cells — and the files it refuses.
 */
import { Document, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DocxReadError, readDocx } from './docxReader.ts';

const pack = (children: (Paragraph | Table)[], numbering = true) =>
  Packer.toBuffer(
    new Document({
      ...(numbering ? { numbering: { config: [{ reference: 'n', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }] }] } } : {}),
      sections: [{ children }],
    }),
  );

describe('readDocx', () => {
  it('reads headings by style, paragraphs with bold and italic, and lists bulleted or numbered', async () => {
    const bytes = await pack([
      new Paragraph({ text: 'Library Strategy', heading: HeadingLevel.TITLE }),
      new Paragraph({ text: 'Summary', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ children: [new TextRun('The plan is '), new TextRun({ text: 'funded', bold: true }), new TextRun({ text: ' in full', italics: true }), new TextRun({ text: ' now', bold: true, italics: true })] }),
      new Paragraph({ text: 'Options', heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ text: 'one', bullet: { level: 0 } }),
      new Paragraph({ text: 'two', bullet: { level: 0 } }),
      new Paragraph({ text: 'Detail', heading: HeadingLevel.HEADING_3 }),
      new Paragraph({ text: 'Deeper', heading: HeadingLevel.HEADING_4 }),
      new Paragraph({ text: 'first', numbering: { reference: 'n', level: 0 } }),
      new Paragraph({ text: 'second', numbering: { reference: 'n', level: 0 } }),
      new Paragraph({ text: '   ' }),
      new Paragraph({ text: 'Summary', heading: HeadingLevel.HEADING_1 }),
    ]);
    expect(readDocx(bytes)).toEqual([
      { kind: 'heading', level: 1, text: 'Library Strategy', id: 'library-strategy' },
      { kind: 'heading', level: 1, text: 'Summary', id: 'summary' },
      { kind: 'paragraph', runs: ['The plan is ', { text: 'funded', bold: true }, { text: ' in full', italic: true }, { text: ' now', bold: true, italic: true }] },
      { kind: 'heading', level: 2, text: 'Options', id: 'options' },
      { kind: 'list', ordered: false, items: [['one'], ['two']] },
      { kind: 'heading', level: 3, text: 'Detail', id: 'detail' },
      { kind: 'heading', level: 3, text: 'Deeper', id: 'deeper' },
      { kind: 'list', ordered: true, items: [['first'], ['second']] },
      // A heading's id is unique in the document.
      { kind: 'heading', level: 1, text: 'Summary', id: 'summary-2' },
    ]);
  });

  it('reads a table with its header row, and cells merged across and down as spans', async () => {
    const cell = (text: string, extra: Record<string, unknown> = {}) => new TableCell({ children: [new Paragraph(text)], ...extra });
    const bytes = await pack([
      new Table({
        rows: [
          new TableRow({ tableHeader: true, children: [cell('Ward'), cell('2017/18'), cell('2018/19')] }),
          new TableRow({ children: [cell('Hendon', { verticalMerge: VerticalMergeType.RESTART }), cell('1'), cell('2')] }),
          new TableRow({ children: [cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('3'), cell('4')] }),
          new TableRow({ children: [cell('Total', { columnSpan: 2 }), cell('10')] }),
        ],
      }),
    ]);
    expect(readDocx(bytes)).toEqual([
      {
        kind: 'table',
        id: 'table-1',
        caption: 'Table 1',
        header: [[{ text: 'Ward' }, { text: '2017/18' }, { text: '2018/19' }]],
        rows: [[{ text: 'Hendon', rowSpan: 2 }, { text: '1' }, { text: '2' }], [{ text: '3' }, { text: '4' }], [{ text: 'Total', colSpan: 2 }, { text: '10' }]],
        widths: [1, 1, 1],
      },
    ]);
  });

  it('gives a picture as its description, and leaves out deleted text of tracked changes', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const bytes = await pack([new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 10, height: 10 }, altText: { name: 'map', description: 'Map of the libraries', title: 'Map' } })] })], false);
    expect(readDocx(bytes)).toEqual([{ kind: 'paragraph', runs: [{ text: '[Picture: Map of the libraries]', italic: true }] }]);
    const tracked = zipSync({
      'word/document.xml': strToU8(
        '<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Kept</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t xml:space="preserve"> added</w:t></w:r></w:ins></w:p></w:body></w:document>',
      ),
    });
    expect(readDocx(tracked)).toEqual([{ kind: 'paragraph', runs: ['Kept added'] }]);
  });

  it('refuses what is not a readable Word document, saying why', () => {
    const refuse = (bytes: Uint8Array) => {
      try {
        readDocx(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(DocxReadError);
        return (e as Error).message;
      }
      return 'read';
    };
    expect(refuse(strToU8('%PDF-1.7'))).toBe('The file is not a Word document (.docx)');
    expect(refuse(strToU8('PK\u0003\u0004 truncated'))).toBe('The Word document could not be opened: it may be damaged');
    expect(refuse(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }))).toBe('The file is a zip archive but not a Word document: it has no word/document.xml');
    expect(refuse(zipSync({ 'word/document.xml': strToU8('<w:document><w:body><w:p>') }))).toMatch(/^The Word document could not be read: its XML is not well-formed/);
    expect(refuse(zipSync({ 'word/document.xml': strToU8('<w:document xmlns:w="w"><w:body><w:p/></w:body></w:document>') }))).toBe('The Word document has no text');
  });
});

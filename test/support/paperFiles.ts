/**
 * Papers' uploaded files in tests (ADR 0027): a small PDF made with pdf-lib, a small Word document made
 * with the `docx` package, and a multipart/form-data body with fields and files, as a browser posts the
 * paper form.
 */
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A PDF of `pages` pages, each with `text` on it. */
export async function makePdf(pages: number, text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) pdf.addPage([595, 842]).drawText(`${text} (page ${i})`, { x: 50, y: 780, size: 12, font });
  // Fixed dates: the same PDF, byte for byte, every run.
  pdf.setCreationDate(new Date('2018-11-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2018-11-01T00:00:00Z'));
  return Buffer.from(await pdf.save());
}

/** A Word document with a title, headings, a paragraph with bold and italic, lists and a table with a header row. */
export async function makeDocx(secret = 'The library opens on Sundays'): Promise<Buffer> {
  const doc = new Document({
    numbering: { config: [{ reference: 'recommendations', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Library Strategy', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'Summary', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun(`${secret}. It is `), new TextRun({ text: 'funded', bold: true }), new TextRun({ text: ' by the council', italics: true }), new TextRun('.')] }),
          new Paragraph({ text: 'Recommendations', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'That the Committee note the strategy.', numbering: { reference: 'recommendations', level: 0 } }),
          new Paragraph({ text: 'That the Committee agree the opening hours.', numbering: { reference: 'recommendations', level: 0 } }),
          new Paragraph({ text: 'Options', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Open on Sundays', bullet: { level: 0 } }),
          new Paragraph({ text: 'Close on Mondays', bullet: { level: 0 } }),
          new Paragraph({ text: 'Detail', heading: HeadingLevel.HEADING_3 }),
          new Table({
            rows: [
              new TableRow({ tableHeader: true, children: [new TableCell({ children: [new Paragraph('Library')] }), new TableCell({ children: [new Paragraph('Visits')] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('Hendon')] }), new TableCell({ children: [new Paragraph('12,345')] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('Chipping Barnet')] }), new TableCell({ children: [new Paragraph('9,876')] })] }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export interface FilePart {
  filename: string;
  bytes: Buffer;
  type?: string;
}

/** A multipart/form-data body with `fields` and `files` (field name → file), as a browser posts a form. */
export function multipartForm(fields: Record<string, string>, files: Record<string, FilePart> = {}) {
  const boundary = '----townhallPaperBoundary7Kd2';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, f] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * The checks of an uploaded paper file (ADR 0027): its type by content, not name; a PDF opened and its
 * pages counted, refused when damaged or protected by a password; the size limit; the name kept safe.
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { cleanFilename, MAX_PAPER_FILE_BYTES, readPaperFile } from './paperFiles.ts';

async function pdfOf(pages: number, useObjectStreams = true): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i++) pdf.addPage();
  return Buffer.from(await pdf.save({ useObjectStreams, addDefaultPage: false }));
}

const label = 'The file of the paper';

describe('readPaperFile', () => {
  it('counts a PDF’s pages, whatever the file is called', async () => {
    const bytes = await pdfOf(5);
    const read = await readPaperFile({ filename: 'report.docx', bytes }, label);
    expect(read).toMatchObject({ kind: 'pdf', pageCount: 5, document: null, filename: 'report.docx' });
    expect('sha256' in read && read.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a damaged PDF, an encrypted one, one with no pages, and anything that is neither PDF nor Word', async () => {
    const good = await pdfOf(2);
    const errors = async (bytes: Buffer) => {
      const read = await readPaperFile({ filename: 'x.pdf', bytes }, label);
      return 'error' in read ? read.error : 'read';
    };
    expect(await errors(good.subarray(0, 40))).toBe('The file of the paper is a PDF that could not be read: it may be damaged');
    // A PDF whose trailer names an /Encrypt dictionary is protected.
    const plain = await pdfOf(2, false);
    expect(await errors(plain)).toBe('read');
    const encrypted = Buffer.from(plain.toString('latin1').replace(/trailer\s*<<\s*/, 'trailer\n<<\n/Encrypt 1 0 R\n'), 'latin1');
    expect(await errors(encrypted)).toBe('The file of the paper is a PDF protected by a password: upload it without the protection');
    expect(await errors(await pdfOf(0))).toBe('The file of the paper is a PDF with no pages');
    expect(await errors(Buffer.from('<html>not a paper</html>'))).toBe('The file of the paper must be a PDF or a Word document (.docx)');
    expect(await errors(Buffer.alloc(0))).toBe('The file of the paper is empty');
    expect(await errors(Buffer.alloc(MAX_PAPER_FILE_BYTES + 1, 0x25))).toBe('The file of the paper must be smaller than 20 MB');
    expect(await readPaperFile({ problem: 'too-large' }, label)).toEqual({ error: 'The file of the paper must be smaller than 20 MB' });
    expect(await readPaperFile({ problem: 'failed' }, label)).toEqual({ error: 'The file of the paper could not be uploaded: try again' });
  });

  it('keeps only the last part of a path and no control characters in a name', () => {
    expect(cleanFilename('C:\\Users\\me\\Paper\u0007.docx')).toBe('Paper.docx');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('')).toBe('file');
    expect(cleanFilename('a'.repeat(400)).length).toBe(255);
  });
});

/**
 * The checks of a paper's uploaded file (issue 11 deliver 4; ADR 0027), before anything is stored: its
 * real type by its content (a PDF's `%PDF-` header; a Word document's zip holding word/document.xml —
 * never by its name alone), its size, a PDF that pdf-lib can open with its pages counted (not protected
 * by a password), a Word document read into the neutral document model. Each problem is a sentence
 * naming the file's place on the form.
 */
import { createHash } from 'node:crypto';
import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import { DocxReadError, looksLikeZip, readDocx } from '../documents/docxReader.ts';
import type { Block } from '../documents/model.ts';
import { MAX_UPLOAD_BYTES } from '../domain/limits.ts';
import type { NewPaperFile } from '../repositories/agendaRepository.ts';

/** The largest file a paper or enclosure may be: the workbook's limit (20 MB). */
export const MAX_PAPER_FILE_BYTES = MAX_UPLOAD_BYTES;
export const MAX_PAPER_FILE_MB = Math.round(MAX_PAPER_FILE_BYTES / (1024 * 1024));

/** A file as the form sent it, or what went wrong sending it (too large: the upload stops there). */
export type UploadedFile = { filename: string; bytes: Buffer } | { problem: 'too-large' | 'failed' };

const PDF_MAGIC = Buffer.from('%PDF-');
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, PDF_MAGIC.length)).equals(PDF_MAGIC);
}

/** A name safe to keep and show: no path, no control characters, at most 255 characters. */
export function cleanFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base.slice(0, 255) || 'file';
}

/**
 * Reads an uploaded file: what will be stored, or the problem with it (`label` names it: "The paper’s
 * file", "The file of enclosure 2").
 */
export async function readPaperFile(upload: UploadedFile, label: string): Promise<NewPaperFile | { error: string }> {
  if ('problem' in upload) {
    return { error: upload.problem === 'too-large' ? `${label} must be smaller than ${MAX_PAPER_FILE_MB} MB` : `${label} could not be uploaded: try again` };
  }
  const bytes = upload.bytes;
  if (bytes.length === 0) return { error: `${label} is empty` };
  if (bytes.length > MAX_PAPER_FILE_BYTES) return { error: `${label} must be smaller than ${MAX_PAPER_FILE_MB} MB` };
  const filename = cleanFilename(upload.filename);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (looksLikePdf(bytes)) {
    let pageCount: number;
    try {
      const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
      pageCount = pdf.getPageCount();
    } catch (error) {
      // pdf-lib's EncryptedPDFError is not always an instance of its class (its build targets ES5): its message says it.
      if (error instanceof EncryptedPDFError || /\bis encrypted\b/.test((error as Error).message ?? '')) return { error: `${label} is a PDF protected by a password: upload it without the protection` };
      return { error: `${label} is a PDF that could not be read: it may be damaged` };
    }
    if (pageCount < 1) return { error: `${label} is a PDF with no pages` };
    return { kind: 'pdf', filename, sha256, pageCount, document: null, bytes };
  }
  if (looksLikeZip(bytes)) {
    let document: Block[];
    try {
      document = readDocx(bytes);
    } catch (error) {
      if (error instanceof DocxReadError) return { error: `${label}: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}` };
      throw error;
    }
    return { kind: 'docx', filename, sha256, pageCount: null, document, bytes };
  }
  if (Buffer.from(bytes.subarray(0, OLE_MAGIC.length)).equals(OLE_MAGIC)) return { error: `${label} is an older Word document (.doc): save it as a Word document (.docx) or a PDF and upload that` };
  return { error: `${label} must be a PDF or a Word document (.docx)` };
}

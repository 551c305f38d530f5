/**
 * Uploaded spreadsheets awaiting confirmation (migration 0007): the bytes and who may see them, and the
 * preview kept with each (migration 0009).
 */
import type { Db } from '../db/connection.ts';

export interface PendingUploadRow {
  id: string;
  sessionId: number;
  filename: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  expiresAt: Date;
}

/** A preview as kept: what the upload service stored (its PreviewOutcome), the data version it compared with, and when. */
export interface KeptPreviewRow {
  preview: object;
  dataVersion: string;
  previewedAt: Date;
}

export class UploadRepository {
  constructor(private readonly db: Db) {}

  async insert(upload: PendingUploadRow, content: Buffer): Promise<void> {
    await this.db
      .insertInto('pending_upload')
      .values({
        id: upload.id,
        session_id: upload.sessionId,
        filename: upload.filename,
        size: upload.size,
        sha256: upload.sha256,
        content,
        uploaded_at: upload.uploadedAt,
        expires_at: upload.expiresAt,
      })
      .execute();
  }

  /** The upload `id` of session `sessionId`, unless it expired by `now`. */
  async find(id: string, sessionId: number, now: Date): Promise<PendingUploadRow | null> {
    const row = await this.db
      .selectFrom('pending_upload')
      .select(['id', 'session_id', 'filename', 'size', 'sha256', 'uploaded_at', 'expires_at'])
      .where('id', '=', id)
      .where('session_id', '=', sessionId)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row
      ? { id: row.id, sessionId: row.session_id, filename: row.filename, size: row.size, sha256: row.sha256, uploadedAt: new Date(row.uploaded_at), expiresAt: new Date(row.expires_at) }
      : null;
  }

  async content(id: string): Promise<Buffer | null> {
    const row = await this.db.selectFrom('pending_upload').select('content').where('id', '=', id).executeTakeFirst();
    return row ? Buffer.from(row.content) : null;
  }

  /** Keeps `preview` (JSON) with the upload, replacing any kept before. */
  async keepPreview(id: string, preview: object, dataVersion: string, previewedAt: Date): Promise<void> {
    await this.db
      .updateTable('pending_upload')
      .set({ preview: JSON.stringify(preview), preview_data_version: dataVersion, previewed_at: previewedAt })
      .where('id', '=', id)
      .execute();
  }

  /** The preview kept with the upload, or null when none has been kept (or the upload is gone). */
  async keptPreview(id: string): Promise<KeptPreviewRow | null> {
    const row = await this.db
      .selectFrom('pending_upload')
      .select(['preview', 'preview_data_version', 'previewed_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.preview === null || row.preview_data_version === null || row.previewed_at === null) return null;
    return { preview: row.preview, dataVersion: row.preview_data_version, previewedAt: new Date(row.previewed_at) };
  }

  /** Deletes an upload; inside a transaction when one is given. */
  async delete(id: string, trx: Db = this.db): Promise<void> {
    await trx.deleteFrom('pending_upload').where('id', '=', id).execute();
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.deleteFrom('pending_upload').where('expires_at', '<=', now).execute();
  }
}

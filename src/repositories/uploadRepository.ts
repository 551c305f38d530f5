/** Uploaded spreadsheets awaiting confirmation (migration 0007): the bytes and who may see them. */
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

  /** Deletes an upload; inside a transaction when one is given. */
  async delete(id: string, trx: Db = this.db): Promise<void> {
    await trx.deleteFrom('pending_upload').where('id', '=', id).execute();
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.deleteFrom('pending_upload').where('expires_at', '<=', now).execute();
  }
}

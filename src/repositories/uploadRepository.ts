/**
 * Uploaded spreadsheets awaiting confirmation (migration 0007): the bytes and who may see them, and the
 * preview kept with each (migration 0009).
 *
 * The bytes go in and out as base64 text (decode/encode in SQL), a megabyte per statement — the first
 * in the upload's row, the rest in pending_upload_part (migration 0009) — with a turn of the event loop
 * between: the embedded database's driver turns a bytea parameter into hex one byte at a time, and back,
 * in the server's thread — 2.7 s to store an 11.5 MB upload and 0.9 s to read it, with nothing else
 * served meanwhile; in base64 pieces each statement takes a few tens of milliseconds.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/** Bytes of an upload written per statement. */
const PIECE = 1024 * 1024;

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

  /**
   * Stores an upload and its bytes. Until the last piece is written the upload holds only the first
   * pieces, which no one can ask for (its id is not yet known to anyone) and which `sha256` would not match.
   */
  async insert(upload: PendingUploadRow, content: Buffer): Promise<void> {
    const piece = (at: number) => sql<Uint8Array>`decode(${content.subarray(at, at + PIECE).toString('base64')}, 'base64')`;
    await this.db
      .insertInto('pending_upload')
      .values({
        id: upload.id,
        session_id: upload.sessionId,
        filename: upload.filename,
        size: upload.size,
        sha256: upload.sha256,
        content: piece(0),
        uploaded_at: upload.uploadedAt,
        expires_at: upload.expiresAt,
      })
      .execute();
    for (let at = PIECE, part = 1; at < content.length; at += PIECE, part++) {
      await nextTurn();
      await this.db.insertInto('pending_upload_part').values({ upload_id: upload.id, part, content: piece(at) }).execute();
    }
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

  /** The upload's bytes: its row's, then its parts' in order (an upload stored before parts has none). */
  async content(id: string): Promise<Buffer | null> {
    const row = await this.db
      .selectFrom('pending_upload')
      .select(sql<string>`encode(content, 'base64')`.as('content'))
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const parts = await this.db
      .selectFrom('pending_upload_part')
      .select(sql<string>`encode(content, 'base64')`.as('content'))
      .where('upload_id', '=', id)
      .orderBy('part')
      .execute();
    return Buffer.concat([row, ...parts].map((r) => Buffer.from(r.content, 'base64')));
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

/**
 * Spreadsheet upload with a preview (issue 3, item 3): an uploaded workbook is kept server-side under a
 * random id, bound to the session that uploaded it, for a short time — in the database (migration 0007),
 * so any server process can show the preview and confirm it.
 *
 * The preview is made once, when the file is uploaded, and kept with it (migration 0009; issue 9): the file
 * is read, validated and compared with the stored data in an upload worker process (UploadReader,
 * WorkbookWorkerPool; ADR 0006), so a large file never stalls the server, and every view of the preview
 * page shows the kept preview without reading the file again. (An upload kept before there were kept
 * previews gets one on its first view.) A preview is a listing: the errors, or the changes counted and the
 * first MAX_CHANGES_SHOWN listed, with the digest of the whole plan (uploadPreview.ts).
 *
 * When the stored data change after the preview was made, the kept preview is still shown — marked as made
 * before the data last changed — rather than made again on every view: re-reading the file each time the
 * data version moves (any save by anyone) would bring back the cost the kept preview removes. Confirming
 * is what decides, as before: it re-reads and re-validates the same file and, in one transaction, plans the
 * import again and writes it only if the plan is exactly the one previewed (its digest). If the stored data
 * changed so that the plan differs, nothing is written, and the new preview is returned — and kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../db/transaction.ts';
import { currentDataVersion } from '../repositories/dataVersion.ts';
import { loadSnapshot } from '../repositories/frameworkRepository.ts';
import { applyImportChanges } from '../repositories/importWriter.ts';
import type { Repositories } from '../repositories/index.ts';
import type { PendingUploadRow, UploadRepository } from '../repositories/uploadRepository.ts';
import type { ImportError } from '../workbook/model.ts';
import type { Change } from './importPlan.ts';
import type { CheckedFile } from './importCheck.ts';
import { planChecked } from './importService.ts';
import {
  ReaderFailure,
  planDigest,
  previewOf,
  previewOfErrors,
  readerFailureError,
  type PreviewOutcome,
  type ReaderFailureReason,
  type UploadReader,
} from './uploadPreview.ts';

export { planDigest, type PreviewOutcome } from './uploadPreview.ts';

/** An upload awaiting confirmation. `sessionId`: the session that uploaded it; no other may see or confirm it. */
export type StoredUpload = PendingUploadRow;

/** The preview kept with an upload. */
export interface KeptPreview {
  outcome: PreviewOutcome;
  /** When it was made. */
  madeAt: Date;
  /** Whether the stored data have changed since it was made: confirming compares the file with them again. */
  dataChangedSince: boolean;
}

export type ConfirmOutcome =
  | { kind: 'written'; changes: Change[] }
  /** The stored data (or the file) changed since the preview: nothing written, here is the new preview (kept). */
  | { kind: 'stale'; preview: PreviewOutcome }
  /** The file could not be read this time (the server's reason, not the file's cells): nothing written; the kept preview stands. */
  | { kind: 'unread'; reason: ReaderFailureReason; error: ImportError }
  | { kind: 'gone' };

/** An .xlsx file is a zip archive: it starts with "PK\x03\x04". */
export function looksLikeXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export const UPLOAD_TTL_MS = 30 * 60 * 1000;
export { MAX_UPLOAD_BYTES } from '../domain/limits.ts';

export interface UploadDependencies {
  /** Reads uploads off the serving thread (the app's WorkbookWorkerPool). */
  reader: UploadReader;
  /** The data version now (the app's DataVersionWatcher): a kept preview made at another was made before a change. */
  dataVersion: { current(): Promise<string> };
}

export class UploadImportService {
  readonly #repo: UploadRepository;
  readonly #reader: UploadReader;
  readonly #dataVersion: UploadDependencies['dataVersion'];
  /** Previews being made in this process, by upload id: two views at once of an upload without one make it once. */
  readonly #making = new Map<string, Promise<KeptPreview>>();
  private readonly db: Db;

  constructor(
    repositories: Pick<Repositories, 'db' | 'uploads'>,
    dependencies: UploadDependencies,
    private readonly options: { ttlMs?: number; now?: () => Date } = {},
  ) {
    this.db = repositories.db;
    this.#repo = repositories.uploads;
    this.#reader = dependencies.reader;
    this.#dataVersion = dependencies.dataVersion;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Keeps an uploaded file for `sessionId`, makes its preview and keeps that too; returns the upload's record. */
  async store(bytes: Buffer, filename: string, sessionId: number): Promise<StoredUpload> {
    await this.sweep();
    const now = this.now();
    const upload: StoredUpload = {
      id: randomBytes(18).toString('base64url'),
      sessionId,
      filename: filename.slice(0, 200),
      size: bytes.length,
      sha256: sha256(bytes),
      uploadedAt: now,
      expiresAt: new Date(now.getTime() + (this.options.ttlMs ?? UPLOAD_TTL_MS)),
    };
    await this.#repo.insert(upload, bytes);
    await this.#prepare(upload, bytes);
    return upload;
  }

  /** The upload `id` if it belongs to `sessionId` and has not expired. */
  async get(id: string, sessionId: number): Promise<StoredUpload | null> {
    return this.#repo.find(id, sessionId, this.now());
  }

  async discard(id: string): Promise<void> {
    await this.#repo.delete(id);
  }

  /** Removes expired uploads. */
  async sweep(): Promise<void> {
    await this.#repo.deleteExpired(this.now());
  }

  /** The preview kept with the upload — made now only if none was kept (an upload from before kept previews). */
  async preview(upload: StoredUpload): Promise<KeptPreview> {
    const kept = await this.#repo.keptPreview(upload.id);
    if (!kept) return this.#prepare(upload);
    return {
      outcome: kept.preview as PreviewOutcome,
      madeAt: kept.previewedAt,
      dataChangedSince: kept.dataVersion !== (await this.#dataVersion.current()),
    };
  }

  /**
   * Writes the upload if its plan is still the one previewed (`digest`); otherwise writes nothing and
   * returns the new preview, kept in place of the old. The upload is discarded once written.
   */
  async confirm(upload: StoredUpload, digest: string, actor: string, reason: string | null): Promise<ConfirmOutcome> {
    const outcome = await this.withFile(upload, async (path): Promise<ConfirmOutcome> => {
      let checked: CheckedFile;
      try {
        checked = await this.#reader.check(path, upload.filename);
      } catch (error) {
        if (!(error instanceof ReaderFailure)) throw error;
        return { kind: 'unread', reason: error.reason, error: readerFailureError(upload.filename, error) };
      }
      // Planned on this thread, in the transaction that writes, from the file the worker read (as before
      // the worker: the plan written must be the one compared, with nothing changed in between).
      const done = await inTransaction(this.db, async (trx) => {
        const plan = await planChecked(trx, checked);
        const now = plan.errors.length ? '' : planDigest(plan.changes);
        if (plan.errors.length || now !== digest) {
          return { outcome: { kind: 'stale', preview: previewOf(plan, { digest: now }) } as const, version: await currentDataVersion(trx) };
        }
        if (plan.changes.length) await applyImportChanges(trx, plan.changes, { actor, reason });
        // Written and discarded together: a confirmation can never be applied twice.
        await this.#repo.delete(upload.id, trx);
        return { outcome: { kind: 'written', changes: plan.changes } as const, version: null };
      });
      if (done.outcome.kind === 'stale') await this.#repo.keepPreview(upload.id, done.outcome.preview, done.version!, this.now());
      return done.outcome;
    });
    return outcome ?? { kind: 'gone' };
  }

  /** Makes the upload's preview (once at a time in this process) and keeps it. */
  #prepare(upload: StoredUpload, bytes?: Buffer): Promise<KeptPreview> {
    const running = this.#making.get(upload.id);
    if (running) return running;
    const making = this.#make(upload, bytes).finally(() => this.#making.delete(upload.id));
    this.#making.set(upload.id, making);
    return making;
  }

  async #make(upload: StoredUpload, bytes?: Buffer): Promise<KeptPreview> {
    // Read before the stored data are: if they change meanwhile, the preview is marked as older than them.
    const version = await this.#dataVersion.current();
    let outcome: PreviewOutcome | null;
    try {
      outcome = await this.withFile(upload, (path) => this.#reader.preview(path, upload.filename, (scope) => loadSnapshot(this.db, scope)), bytes);
    } catch (error) {
      if (!(error instanceof ReaderFailure)) throw error;
      outcome = previewOfErrors([readerFailureError(upload.filename, error)]);
    }
    if (outcome === null) return { outcome: previewOfErrors([{ sheet: upload.filename, row: null, column: null, value: null, message: 'The uploaded file is no longer on the server: upload it again' }]), madeAt: this.now(), dataChangedSince: false };
    const madeAt = this.now();
    await this.#repo.keepPreview(upload.id, outcome, version, madeAt);
    return { outcome, madeAt, dataChangedSince: false };
  }

  /**
   * Runs `fn` on the upload's bytes as a private temporary file (the workbook reader reads files), or
   * returns null when the upload is gone or its bytes are not the ones uploaded. `bytes`: the upload's
   * bytes when the caller has them (just uploaded), else they are read from the database.
   */
  private async withFile<T>(upload: StoredUpload, fn: (path: string) => Promise<T>, known?: Buffer): Promise<T | null> {
    const bytes = known ?? (await this.#repo.content(upload.id));
    if (!bytes || sha256(bytes) !== upload.sha256) return null;
    const dir = await mkdtemp(join(tmpdir(), 'townhall-upload-'));
    try {
      const path = join(dir, 'upload.xlsx');
      await writeFile(path, bytes, { mode: 0o600 });
      return await fn(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

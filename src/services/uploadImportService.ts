/**
 * Spreadsheet upload with a preview (issue 3, item 3): an uploaded workbook is kept server-side under a
 * random id, bound to the session that uploaded it, for a short time — in the database (migration 0007),
 * so any server process can show the preview and confirm it; the preview is the core importer's
 * dry run; confirming re-reads and re-validates the same file and, in one transaction, plans the import
 * again and writes it only if the plan is exactly the one previewed (its digest). If the stored data
 * changed since the preview, nothing is written and the new plan is returned to be previewed instead.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/connection.ts';
import { applyImportChanges } from '../repositories/importWriter.ts';
import type { Repositories } from '../repositories/index.ts';
import type { PendingUploadRow, UploadRepository } from '../repositories/uploadRepository.ts';
import type { ImportError } from '../workbook/model.ts';
import type { Change } from './importPlan.ts';
import { planChecked, readAndValidate, type ImportService } from './importService.ts';
import { inTransaction } from '../db/transaction.ts';

/** An upload awaiting confirmation. `sessionId`: the session that uploaded it; no other may see or confirm it. */
export type StoredUpload = PendingUploadRow;

/** A preview: the changes, or every error of the file (all stages together, in workbook order). */
export type PreviewOutcome = { ok: true; changes: Change[]; digest: string } | { ok: false; errors: ImportError[] };

export type ConfirmOutcome =
  | { kind: 'written'; changes: Change[] }
  /** The stored data (or the file) changed since the preview: nothing written, here is the new preview. */
  | { kind: 'stale'; preview: PreviewOutcome }
  | { kind: 'gone' };

/** A stable digest of a plan: the same changes with the same before and after give the same digest. */
export function planDigest(changes: Change[]): string {
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    );
  const hash = createHash('sha256');
  for (const c of changes) hash.update(canonical([c.entity, c.key, c.kind, c.before, c.after])).update('\n');
  return hash.digest('base64url');
}

/** An .xlsx file is a zip archive: it starts with "PK\x03\x04". */
export function looksLikeXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export const UPLOAD_TTL_MS = 30 * 60 * 1000;
export { MAX_UPLOAD_BYTES } from '../domain/limits.ts';

export class UploadImportService {
  readonly #repo: UploadRepository;
  private readonly db: Db;

  constructor(
    repositories: Pick<Repositories, 'db' | 'uploads'>,
    private readonly imports: ImportService,
    private readonly options: { ttlMs?: number; now?: () => Date } = {},
  ) {
    this.db = repositories.db;
    this.#repo = repositories.uploads;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Keeps an uploaded file for `sessionId`; returns its record. */
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

  /** The core importer's dry run of the upload. */
  async preview(upload: StoredUpload): Promise<PreviewOutcome> {
    const outcome = await this.withFile(upload, (path) => this.imports.importFile(path, { dryRun: true, fileName: upload.filename }));
    if (outcome === null) return { ok: false, errors: [{ sheet: upload.filename, row: null, column: null, value: null, message: 'The uploaded file is no longer on the server: upload it again' }] };
    return outcome.ok ? { ok: true, changes: outcome.changes, digest: planDigest(outcome.changes) } : { ok: false, errors: outcome.errors };
  }

  /**
   * Writes the upload if its plan is still the one previewed (`digest`); otherwise writes nothing and
   * returns the new preview. The upload is discarded once written.
   */
  async confirm(upload: StoredUpload, digest: string, actor: string, reason: string | null): Promise<ConfirmOutcome> {
    const outcome = await this.withFile(upload, async (path): Promise<ConfirmOutcome> => {
      const checked = await readAndValidate(path, upload.filename);
      return inTransaction(this.db, async (trx): Promise<ConfirmOutcome> => {
        const plan = await planChecked(trx, checked);
        if (plan.errors.length) return { kind: 'stale', preview: { ok: false, errors: plan.errors } };
        const now = planDigest(plan.changes);
        if (now !== digest) return { kind: 'stale', preview: { ok: true, changes: plan.changes, digest: now } };
        if (plan.changes.length) await applyImportChanges(trx, plan.changes, { actor, reason });
        // Written and discarded together: a confirmation can never be applied twice.
        await this.#repo.delete(upload.id, trx);
        return { kind: 'written', changes: plan.changes };
      });
    });
    return outcome ?? { kind: 'gone' };
  }

  /**
   * Runs `fn` on the upload's bytes as a private temporary file (the workbook reader reads files), or
   * returns null when the upload is gone or its bytes are not the ones uploaded.
   */
  private async withFile<T>(upload: StoredUpload, fn: (path: string) => Promise<T>): Promise<T | null> {
    const bytes = await this.#repo.content(upload.id);
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

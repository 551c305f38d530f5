/**
 * Spreadsheet upload with a preview (issue 3, item 3): an uploaded workbook is kept server-side under a
 * random id, bound to the session that uploaded it, for a short time; the preview is the core importer's
 * dry run; confirming re-reads and re-validates the same file and, in one transaction, plans the import
 * again and writes it only if the plan is exactly the one previewed (its digest). If the stored data
 * changed since the preview, nothing is written and the new plan is returned to be previewed instead.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/connection.ts';
import { loadSnapshot } from '../repositories/frameworkRepository.ts';
import { applyImportChanges } from '../repositories/importWriter.ts';
import type { ImportError } from '../workbook/model.ts';
import { readWorkbook } from '../workbook/read.ts';
import { validateWorkbook } from '../workbook/validate.ts';
import { planImport, type Change } from './importPlan.ts';
import type { ImportService } from './importService.ts';

export interface StoredUpload {
  id: string;
  /** The session that uploaded it: no other session may see or confirm it. */
  sessionId: number;
  filename: string;
  size: number;
  sha256: string;
  path: string;
  uploadedAt: Date;
  expiresAt: Date;
}

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
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export class UploadImportService {
  readonly #uploads = new Map<string, StoredUpload>();
  #dir: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly imports: ImportService,
    private readonly options: { ttlMs?: number; now?: () => Date } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private dir(): string {
    this.#dir ??= mkdtempSync(join(tmpdir(), 'townhall-uploads-'));
    return this.#dir;
  }

  /** Keeps an uploaded file for `sessionId`; returns its record. */
  async store(bytes: Buffer, filename: string, sessionId: number): Promise<StoredUpload> {
    await this.sweep();
    const id = randomBytes(18).toString('base64url');
    const path = join(this.dir(), `${id}.xlsx`);
    await writeFile(path, bytes, { mode: 0o600 });
    const now = this.now();
    const upload: StoredUpload = {
      id,
      sessionId,
      filename: filename.slice(0, 200),
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      path,
      uploadedAt: now,
      expiresAt: new Date(now.getTime() + (this.options.ttlMs ?? UPLOAD_TTL_MS)),
    };
    this.#uploads.set(id, upload);
    return upload;
  }

  /** The upload `id` if it belongs to `sessionId` and has not expired. */
  async get(id: string, sessionId: number): Promise<StoredUpload | null> {
    await this.sweep();
    const upload = this.#uploads.get(id);
    return upload && upload.sessionId === sessionId ? upload : null;
  }

  async discard(id: string): Promise<void> {
    const upload = this.#uploads.get(id);
    this.#uploads.delete(id);
    if (upload) await rm(upload.path, { force: true });
  }

  /** Removes expired uploads and their files. */
  async sweep(): Promise<void> {
    const now = this.now().getTime();
    for (const [id, u] of this.#uploads) if (u.expiresAt.getTime() <= now) await this.discard(id);
  }

  /** The core importer's dry run of the upload. */
  async preview(upload: StoredUpload): Promise<PreviewOutcome> {
    if (!(await this.unchanged(upload))) return { ok: false, errors: [{ sheet: upload.filename, row: null, column: null, value: null, message: 'The uploaded file has changed on the server: upload it again' }] };
    const outcome = await this.imports.importFile(upload.path, { dryRun: true });
    return outcome.ok ? { ok: true, changes: outcome.changes, digest: planDigest(outcome.changes) } : { ok: false, errors: outcome.errors };
  }

  /**
   * Writes the upload if its plan is still the one previewed (`digest`); otherwise writes nothing and
   * returns the new preview. The upload is discarded once written.
   */
  async confirm(upload: StoredUpload, digest: string, actor: string, reason: string | null): Promise<ConfirmOutcome> {
    if (!(await this.unchanged(upload))) return { kind: 'gone' };
    let raw;
    try {
      raw = await readWorkbook(upload.path);
    } catch (error) {
      return { kind: 'stale', preview: { ok: false, errors: [{ sheet: upload.filename, row: null, column: null, value: null, message: (error as Error).message }] } };
    }
    const validated = validateWorkbook(raw);
    if (!validated.ok) return { kind: 'stale', preview: { ok: false, errors: validated.errors } };
    const outcome = await this.db.transaction().execute(async (trx): Promise<ConfirmOutcome> => {
      const plan = planImport(validated.data, await loadSnapshot(trx));
      if (plan.errors.length) return { kind: 'stale', preview: { ok: false, errors: plan.errors } };
      const now = planDigest(plan.changes);
      if (now !== digest) return { kind: 'stale', preview: { ok: true, changes: plan.changes, digest: now } };
      if (plan.changes.length) await applyImportChanges(trx, plan.changes, { actor, reason });
      return { kind: 'written', changes: plan.changes };
    });
    if (outcome.kind === 'written') await this.discard(upload.id);
    return outcome;
  }

  private async unchanged(upload: StoredUpload): Promise<boolean> {
    try {
      return createHash('sha256').update(await readFile(upload.path)).digest('hex') === upload.sha256;
    } catch {
      return false;
    }
  }
}

/**
 * Sheets imported beside the performance ones (committee business: src/services/committeeBusinessImport.ts;
 * ADR 0023): compared after them and written after them, in the same transaction, every error reported
 * with theirs. ImportService takes its extensions from the composition root.
 */
import type { Db } from '../db/connection.ts';
import type { CheckedFile } from './importCheck.ts';
import type { Change, ImportPlan } from './importPlan.ts';

export interface ImportExtension {
  plan(db: Db, checked: CheckedFile): Promise<ImportPlan>;
  /** Writes the extension's own changes from `changes` (the whole plan's) in the caller's transaction. */
  apply(db: Db, changes: Change[], audit: { actor: string; reason: string | null }): Promise<void>;
  /** Whether a change is the extension's (not the performance writer's). */
  owns(change: Change): boolean;
}

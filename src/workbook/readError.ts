/**
 * A file the reader refuses: damaged, hostile or laid out so that reading it would lose data. Carries
 * errors a person can act on — the file, the part or sheet, the row and column — never a library's
 * own message or a path on the server.
 */
import type { ImportError } from './model.ts';

export class WorkbookReadError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'WorkbookReadError';
  }
}

/** Throws one located read error. */
export function refuse(sheet: string, message: string, where: { row?: number | null; column?: string | null; value?: string | null } = {}): never {
  throw new WorkbookReadError([{ sheet, row: where.row ?? null, column: where.column ?? null, value: where.value ?? null, message }]);
}

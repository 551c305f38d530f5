/** The append-only audit log: reading it (filtered, paginated) for administrators, and recording events. */
import type { AuditEntry, AuditFilter, AuditRepository, AuditRow } from '../repositories/auditRepository.ts';

export type { AuditEntry, AuditFilter, AuditRow };

export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  count(filter: AuditFilter): Promise<number> {
    return this.repo.count(filter);
  }

  list(filter: AuditFilter, limit: number, offset: number): Promise<AuditRow[]> {
    return this.repo.list(filter, limit, offset);
  }

  /** The entity names that occur in the log, for the filter. */
  entities(): Promise<string[]> {
    return this.repo.entities();
  }

  /** Records events (e.g. sign-in through the council's identity provider) in the log. */
  record(entries: AuditEntry[]): Promise<void> {
    return this.repo.record(entries);
  }
}

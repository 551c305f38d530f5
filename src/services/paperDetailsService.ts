/**
 * "Report of" and the officer contact of committee papers (issue 10, deliver 3): set on the committee as
 * the default of all its papers, and for one committee period's papers. Performance officers and
 * administrators set them; every change is one transaction with its audit event (before → after, the
 * reason). A period's own details are locked once it is published, as its data are (reopen it first);
 * the committee's default may change at any time — a published version keeps what it printed, because
 * the report model it stores holds them (ADR 0012).
 *
 * Two people saving the same details never overwrite each other silently: a form carries the version of
 * what it showed (`detailsVersion`), and a save over a different version is refused with the stored values.
 */
import { createHash } from 'node:crypto';
import type { SessionUser } from '../domain/access.ts';
import { MAX_TEXT } from '../domain/limits.ts';
import {
  parsePaperDetails,
  resolvePaperDetails,
  type PaperDetails,
  type PaperDetailsInput,
  type ResolvedPaperDetails,
} from '../domain/paperDetails.ts';
import { inTransaction } from '../db/transaction.ts';
import { recordAudit } from '../repositories/auditRepository.ts';
import type { Repositories } from '../repositories/index.ts';
import type { EntryCycle } from './entryService.ts';

export type { PaperDetails, PaperDetailsInput, ResolvedPaperDetails };

/** Who may set who papers are from: the performance team (not data owners, not read-only roles). */
export const PAPER_DETAIL_ROLES = ['administrator', 'performance-officer'] as const;

export type PaperSaveOutcome =
  | { kind: 'saved'; changed: boolean }
  | { kind: 'invalid'; errors: Record<string, string> }
  | { kind: 'forbidden'; message: string }
  | { kind: 'locked'; message: string }
  /** Someone saved other details since the form was opened: theirs, and the version to save over them. */
  | { kind: 'conflict'; current: PaperDetails | null; version: string };

/** The version token of stored details a form was opened with ('none' when none were set). */
export function detailsVersion(details: PaperDetails | null): string {
  if (!details) return 'none';
  return createHash('sha256').update(JSON.stringify(details)).digest('base64url').slice(0, 22);
}

/** The audit record of details (null when none are set). */
const audited = (d: PaperDetails | null): Record<string, unknown> | null => (d ? { reportOf: d.reportOf, officer: d.officer } : null);

export class PaperDetailsService {
  constructor(private readonly repositories: Pick<Repositories, 'db' | 'paperDetails' | 'entry'>) {}

  /** The committee's default details; null when none are set. */
  committeeDetails(committeeId: number): Promise<PaperDetails | null> {
    return this.repositories.paperDetails.read(committeeId, null);
  }

  /** A committee period's own details, the committee's, and what its papers print. */
  async periodDetails(cycle: EntryCycle): Promise<{ committee: PaperDetails | null; period: PaperDetails | null; resolved: ResolvedPaperDetails }> {
    const [committee, period] = await Promise.all([
      this.repositories.paperDetails.read(cycle.committee.id, null),
      this.repositories.paperDetails.read(cycle.committee.id, cycle.periodKey),
    ]);
    return { committee, period, resolved: resolvePaperDetails(committee, period) };
  }

  /** Why the period's own details cannot be changed now (it is published), or null. */
  async lock(cycle: EntryCycle): Promise<string | null> {
    return (await this.repositories.entry.cycleStatus(cycle.committee.id, cycle.periodKey)) === 'published' ? lockedMessage(cycle) : null;
  }

  /** Whether the user may set paper details. */
  mayEdit(user: SessionUser | null): boolean {
    return !!user && (PAPER_DETAIL_ROLES as readonly string[]).includes(user.role);
  }

  /** Sets the committee's default details (all blank: none). `committeeName` keys the audit event. */
  saveCommittee(committee: { id: number; name: string }, input: PaperDetailsInput, version: string, reason: string, user: SessionUser): Promise<PaperSaveOutcome> {
    return this.save({ committeeId: committee.id, period: null, key: `${committee.name} (all papers)`, locked: null }, input, version, reason, user);
  }

  /** Sets the details of one committee period's papers (all blank: the committee's default applies). */
  savePeriod(cycle: EntryCycle, input: PaperDetailsInput, version: string, reason: string, user: SessionUser): Promise<PaperSaveOutcome> {
    return this.save({ committeeId: cycle.committee.id, period: cycle.periodKey, key: cycle.label, locked: cycle }, input, version, reason, user);
  }

  private async save(
    target: { committeeId: number; period: string | null; key: string; locked: EntryCycle | null },
    input: PaperDetailsInput,
    version: string,
    reasonText: string,
    user: SessionUser,
  ): Promise<PaperSaveOutcome> {
    if (!this.mayEdit(user)) return { kind: 'forbidden', message: 'Only performance officers and administrators can set who papers are from.' };
    const parsed = parsePaperDetails(input);
    const reason = reasonText.trim();
    const errors = parsed.ok ? {} : { ...parsed.errors };
    if (reason.length > MAX_TEXT) errors.reason = `The reason must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`;
    if (!parsed.ok || Object.keys(errors).length) return { kind: 'invalid', errors };
    const details = parsed.details;
    const { db, paperDetails, entry } = this.repositories;
    return inTransaction(db, async (trx): Promise<PaperSaveOutcome> => {
      if (target.locked && (await entry.lockCycleStatus(trx, target.committeeId, target.locked.periodKey)) === 'published') {
        return { kind: 'locked', message: lockedMessage(target.locked) };
      }
      const current = await paperDetails.lock(trx, target.committeeId, target.period);
      if (detailsVersion(current) !== version) return { kind: 'conflict', current, version: detailsVersion(current) };
      const empty = details.reportOf === null && details.officer === null;
      if (JSON.stringify(audited(current)) === JSON.stringify(empty ? null : audited(details))) return { kind: 'saved', changed: false };
      await paperDetails.write(trx, target.committeeId, target.period, details);
      await recordAudit(trx, [
        {
          actor: user.email,
          action: !current ? 'paper:add' : empty ? 'paper:remove' : 'paper:change',
          entity: 'paper_details',
          entityKey: target.key,
          before: audited(current),
          after: empty ? null : audited(details),
          reason: reason || null,
        },
      ]);
      return { kind: 'saved', changed: true };
    });
  }
}

function lockedMessage(cycle: EntryCycle): string {
  return `${cycle.label} is published, so its papers are locked: reopen it (with a reason) before changing who they are from. The committee’s details for all its papers can still be changed; published papers keep what they printed.`;
}

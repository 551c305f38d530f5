/**
 * Data entry and sign-off use cases (issue 3, items 3 and 4). Every write runs in one transaction that
 * re-reads the cycle's status (published data is locked; approved data is locked for data owners),
 * checks the record has not changed since the form was opened (result.revision; a key-action update's
 * content), writes, and records the audit event (who, before → after, reason).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { MAX_LONG_TEXT } from '../domain/limits.ts';
import type { CycleStatus } from '../domain/cycle.ts';
import { allInForceIn, inForceDuring } from '../domain/inForce.ts';
import { financialYearOf, formatFinancialYear, formatPeriod, periodFromKey, periodKey, samePeriodLastYear } from '../domain/periods.ts';
import type { ActionRag, Period, PlanYearSettings, Polarity, Rating } from '../domain/types.ts';
import type { SessionUser } from '../domain/access.ts';
import type { Repositories } from '../repositories/index.ts';
import type { EntryRepository, CycleEvent, EntryKeyAction, EntryResult, LastChange, ResultFields } from '../repositories/entryRepository.ts';

export type { CycleEvent, EntryKeyAction, EntryResult, LastChange };
import { recordAudit } from '../repositories/auditRepository.ts';
import type { CommitteeRecord, IndicatorRecord, ReportRepository, TargetRecord } from '../repositories/reportRepository.ts';
import { committeeNameIn } from '../domain/organisation.ts';
import {
  editLock,
  mayEditAction,
  mayEditIndicator,
  rateEntered,
  validateActionEntry,
  validateResultEntry,
  type ActionEntryValues,
  type FieldErrors,
  type RatingContext,
  type ResultEntryValues,
} from './resultEntry.ts';
import { reasonRequired, TRANSITIONS, type SignOffAction } from '../domain/signOff.ts';
import { ReportError } from './performanceReport.ts';
import type { PreparedPublication, PublicationService } from './publicationService.ts';

/** A committee and a period open to data entry (a year or a quarter of a plan year with a rating method). */
export interface EntryCycle {
  committee: CommitteeRecord;
  committeeName: string;
  period: Period;
  periodKey: string;
  planYear: number;
  settings: PlanYearSettings;
  /** "Community Leadership Committee Q2 2018/19": the audit key of the cycle and how pages name it. */
  label: string;
}

export interface IndicatorEntry {
  indicator: IndicatorRecord;
  target: TargetRecord | null;
  ratingContext: RatingContext;
  stored: EntryResult | null;
  /** The stored result's rating (null when no result). */
  rating: Rating | null;
}

export type SaveOutcome<T> =
  | { kind: 'saved'; changed: boolean; record: T }
  | { kind: 'invalid'; errors: FieldErrors; rating?: Rating | null }
  | { kind: 'conflict'; current: T | null; lastChange: LastChange | null }
  | { kind: 'locked'; message: string };

export type TransitionOutcome =
  | { kind: 'done'; from: CycleStatus; to: CycleStatus }
  | { kind: 'forbidden'; message: string }
  | { kind: 'not-now'; current: CycleStatus; message: string }
  | { kind: 'invalid'; errors: FieldErrors };

/** The stored fields of a result as audit events record them (the import's names). */
function auditResult(r: EntryResult | ResultFields): Record<string, unknown> {
  return {
    value: r.value,
    printed: r.printed,
    dataPeriod: r.dataPeriod,
    basis: r.basis,
    status: r.status,
    printedRag: r.printedRag,
    commentary: r.commentary,
    intervention: r.intervention,
    note: r.note,
  };
}

function sameResult(a: EntryResult, b: ResultFields): boolean {
  return JSON.stringify(auditResult(a)) === JSON.stringify(auditResult(b));
}

/** The version token of a key-action update a form was opened with ('none' when there was none). */
export function actionVersion(action: Pick<EntryKeyAction, 'rag' | 'commentary'>): string {
  if (action.rag === null) return 'none';
  return createHash('sha256').update(JSON.stringify([action.rag, action.commentary])).digest('base64url').slice(0, 22);
}

const MAX_REASON = MAX_LONG_TEXT;

class ReasonRequired extends Error {
  constructor(readonly status: CycleStatus) {
    super('A reason is required');
  }
}

export class EntryService {
  private readonly repo: EntryRepository;

  private readonly db: Db;
  private readonly reports: ReportRepository;

  constructor(
    repositories: Pick<Repositories, 'db' | 'entry' | 'reports'>,
    /** Keeps what is published, as published (a new version at each publication). */
    private readonly publication: PublicationService,
  ) {
    this.db = repositories.db;
    this.repo = repositories.entry;
    this.reports = repositories.reports;
  }

  /** The sign-off history of a cycle, newest first. */
  cycleEvents(cycle: EntryCycle, limit?: number): Promise<CycleEvent[]> {
    return this.repo.cycleEvents(cycle.label, limit);
  }

  /** The cycle of a committee (by slug) and a period key; null when either is unknown or the plan year has no method. */
  async cycle(committeeSlug: string, key: string): Promise<EntryCycle | null> {
    const period = periodFromKey(key);
    if (period.kind === 'month') return null;
    const committee = await this.reports.committeeBySlug(committeeSlug);
    if (!committee) return null;
    const planYear = financialYearOf(period);
    const settings = await this.reports.planYear(planYear);
    if (!settings) return null;
    const committeeName = committeeNameIn(committee, planYear);
    return { committee, committeeName, period, periodKey: periodKey(period), planYear, settings, label: `${committeeName} ${formatPeriod(period)}` };
  }

  status(cycle: EntryCycle): Promise<CycleStatus> {
    return this.repo.cycleStatus(cycle.committee.id, cycle.periodKey);
  }

  /** Every indicator in force for the committee in the plan year, with its stored result and rating. */
  async indicators(cycle: EntryCycle): Promise<IndicatorEntry[]> {
    const inForce = await this.reports.indicatorsInForce(cycle.committee.id, cycle.planYear);
    return this.entries(cycle, inForce);
  }

  async indicator(cycle: EntryCycle, matches: (ref: string) => boolean): Promise<IndicatorEntry | null> {
    const inForce = (await this.reports.indicatorsInForce(cycle.committee.id, cycle.planYear)).filter((i) => matches(i.ref));
    return (await this.entries(cycle, inForce.slice(0, 1)))[0] ?? null;
  }

  private async entries(cycle: EntryCycle, inForce: IndicatorRecord[]): Promise<IndicatorEntry[]> {
    const ids = inForce.map((i) => i.indicatorId);
    const annualKey = periodKey({ kind: 'year', startYear: cycle.planYear });
    const lastYear = samePeriodLastYear(cycle.period);
    const lastYearKey = periodKey(lastYear);
    const [targets, lastYears, stored] = await Promise.all([
      this.reports.targets(ids, [...new Set([cycle.periodKey, annualKey])]),
      this.reports.results(ids, [lastYearKey]),
      this.repo.results(ids, cycle.periodKey),
    ]);
    return inForce.map((indicator) => {
      const target =
        targets.find((t) => t.indicatorId === indicator.indicatorId && t.period === cycle.periodKey) ??
        targets.find((t) => t.indicatorId === indicator.indicatorId && t.period === annualKey) ??
        null;
      const previous = lastYears.find((r) => r.indicatorId === indicator.indicatorId);
      const ratingContext: RatingContext = {
        polarity: indicator.polarity as Polarity,
        tolerance: indicator.tolerance,
        target: target?.spec ?? null,
        settings: cycle.settings,
        lastYear: previous && previous.status === 'reported' ? previous.value : null,
        lastYearLabel: formatPeriod(lastYear),
      };
      const result = stored.get(indicator.indicatorId) ?? null;
      const rating = result ? rateEntered(result.status === 'reported' ? result.value : null, ratingContext) : null;
      return { indicator, target, ratingContext, stored: result, rating };
    });
  }

  /** `CG/S3 Q2 2018/19`: the audit key of a result (as the importer writes it). */
  resultKey(cycle: EntryCycle, ref: string): string {
    return `${ref} ${formatPeriod(cycle.period)}`;
  }

  /** `KA-SC-01 Q2 2018/19`: the audit key of a key-action update (as the importer writes it). */
  actionKey(cycle: EntryCycle, ref: string): string {
    return `${ref} ${formatPeriod(cycle.period)}`;
  }

  lastChange(entity: 'result' | 'key_action_update', key: string): Promise<LastChange | null> {
    return this.repo.lastChange(entity, key);
  }

  /**
   * Saves a result entered for `entry`. `revision` is the one the form was opened with (0: there was
   * no result). Nothing is written on a validation error, a lock, a scope refusal or a conflict.
   */
  async saveResult(cycle: EntryCycle, entry: IndicatorEntry, values: ResultEntryValues, revision: number, user: SessionUser): Promise<SaveOutcome<EntryResult>> {
    if (!mayEditIndicator(user, entry.indicator)) return { kind: 'locked', message: `${entry.indicator.ref} is not in your scope.` };
    const validation = validateResultEntry(values, entry.ratingContext, entry.stored);
    if (!validation.fields) return { kind: 'invalid', errors: validation.errors, rating: validation.rating };
    const fields = validation.fields;
    const key = this.resultKey(cycle, entry.indicator.ref);
    const reason = values.reason.trim() || null;

    const outcome = await this.db.transaction().execute(async (trx): Promise<SaveOutcome<EntryResult> | { kind: 'conflict-pending' }> => {
      const status = await this.lockCycle(trx, cycle);
      const lock = editLock(status, user.role, cycle.label);
      if (lock) return { kind: 'locked', message: lock };
      const current = await this.repo.result(entry.indicator.indicatorId, cycle.periodKey, trx);
      if ((current?.revision ?? 0) !== revision) return { kind: 'conflict-pending' };
      if (current && sameResult(current, fields)) return { kind: 'saved', changed: false, record: current };
      const saved = current
        ? await this.repo.updateResult(trx, current.id, revision, fields)
        : await this.repo.insertResult(trx, entry.indicator.indicatorId, cycle.periodKey, cycle.planYear, fields);
      if (!saved) return { kind: 'conflict-pending' };
      await recordAudit(trx, [
        {
          actor: user.email,
          action: current ? 'entry:change' : 'entry:add',
          entity: 'result',
          entityKey: key,
          before: current ? auditResult(current) : null,
          after: auditResult(saved),
          reason,
        },
      ]);
      return { kind: 'saved', changed: true, record: saved };
    });
    if (outcome.kind !== 'conflict-pending') return outcome;
    return {
      kind: 'conflict',
      current: await this.repo.result(entry.indicator.indicatorId, cycle.periodKey),
      lastChange: await this.repo.lastChange('result', key),
    };
  }

  /** The committee's key actions in force in the period's plan year, each with its update for the period (if any). */
  async keyActions(cycle: EntryCycle): Promise<EntryKeyAction[]> {
    return allInForceIn(await this.repo.keyActions(cycle.committee.id, cycle.periodKey), cycle.planYear);
  }

  /** A key action in force in the period's plan year; null for another year's (or an unknown) ref. */
  async keyAction(cycle: EntryCycle, ref: string): Promise<EntryKeyAction | null> {
    const action = await this.repo.keyAction(cycle.committee.id, ref, cycle.periodKey);
    return action && inForceDuring(action, cycle.planYear) ? action : null;
  }

  /** Saves a key action's RAG and commentary for the period; `version` is actionVersion() of what the form showed. */
  async saveKeyAction(cycle: EntryCycle, action: EntryKeyAction, values: ActionEntryValues, version: string, user: SessionUser): Promise<SaveOutcome<EntryKeyAction>> {
    if (!mayEditAction(user, action)) return { kind: 'locked', message: `${action.ref} is not in your scope.` };
    const { errors, rag, commentary } = validateActionEntry(values);
    if (Object.keys(errors).length || rag === null) return { kind: 'invalid', errors };
    const key = this.actionKey(cycle, action.ref);
    const reason = values.reason.trim() || null;
    const outcome = await this.db.transaction().execute(async (trx): Promise<SaveOutcome<EntryKeyAction> | { kind: 'conflict-pending' }> => {
      const status = await this.lockCycle(trx, cycle);
      const lock = editLock(status, user.role, cycle.label);
      if (lock) return { kind: 'locked', message: lock };
      await this.repo.lockKeyAction(trx, action.id);
      const current = await this.repo.keyAction(cycle.committee.id, action.ref, cycle.periodKey, trx);
      // An import may have changed the action's plan years since the form was opened.
      if (current && !inForceDuring(current, cycle.planYear)) return { kind: 'locked', message: `${action.ref} is not a key action of ${formatFinancialYear(cycle.planYear)}.` };
      if (!current || actionVersion(current) !== version) return { kind: 'conflict-pending' };
      const after: EntryKeyAction = { ...current, rag: rag as ActionRag, commentary };
      if (current.rag === after.rag && current.commentary === after.commentary) return { kind: 'saved', changed: false, record: current };
      await this.repo.upsertKeyActionUpdate(trx, current.id, cycle.periodKey, cycle.planYear, after.rag!, commentary);
      await recordAudit(trx, [
        {
          actor: user.email,
          action: current.rag === null ? 'entry:add' : 'entry:change',
          entity: 'key_action_update',
          entityKey: key,
          before: current.rag === null ? null : { rag: current.rag, commentary: current.commentary },
          after: { rag: after.rag, commentary },
          reason,
        },
      ]);
      return { kind: 'saved', changed: true, record: after };
    });
    if (outcome.kind !== 'conflict-pending') return outcome;
    return {
      kind: 'conflict',
      current: await this.repo.keyAction(cycle.committee.id, action.ref, cycle.periodKey),
      lastChange: await this.repo.lastChange('key_action_update', key),
    };
  }

  /** Does a data owner's scope cover anything of this committee (an indicator in force or a key action)? */
  async hasScopeIn(cycle: EntryCycle, user: SessionUser): Promise<boolean> {
    if (user.role !== 'data-owner') return true;
    const [indicators, actions] = await Promise.all([this.reports.indicatorsInForce(cycle.committee.id, cycle.planYear), this.keyActions(cycle)]);
    return indicators.some((i) => mayEditIndicator(user, i)) || actions.some((a) => mayEditAction(user, a));
  }

  /** Takes a sign-off step: checks the role, the data owner's scope, the status and the reason, then moves and audits in one transaction. */
  async transition(cycle: EntryCycle, action: SignOffAction, user: SessionUser, reasonText: string): Promise<TransitionOutcome> {
    const rule = TRANSITIONS[action];
    if (!rule.roles.includes(user.role) || !(await this.hasScopeIn(cycle, user))) {
      return { kind: 'forbidden', message: `You cannot ${rule.label.toLowerCase()} ${cycle.label}.` };
    }
    const reason = reasonText.trim();
    if (reasonText.length > MAX_REASON) return { kind: 'invalid', errors: { reason: `Reason must be ${MAX_REASON.toLocaleString('en-GB')} characters or fewer` } };
    const current = await this.status(cycle);
    if (rule.from.includes(current) && reasonRequired(action, current) && !reason) {
      return { kind: 'invalid', errors: { reason: `Enter the reason for reopening: ${cycle.label} is ${current}` } };
    }
    // What is published is made now, from the approved (locked) data, and kept in the same transaction.
    let prepared: PreparedPublication | null = null;
    if (rule.to === 'published' && rule.from.includes(current)) {
      try {
        prepared = await this.publication.prepare(cycle.committee, cycle.periodKey);
      } catch (error) {
        if (!(error instanceof ReportError)) throw error;
        return { kind: 'not-now', current, message: `${cycle.label} cannot be published: ${error.message}.` };
      }
    }
    let outcome;
    try {
      outcome = await this.repo.transition(cycle.committee.id, cycle.periodKey, rule.from, rule.to, async (trx, before) => {
        // The status may have moved since it was read above (e.g. submitted → approved): check again.
        if (reasonRequired(action, before) && !reason) throw new ReasonRequired(before);
        await recordAudit(trx, [
          { actor: user.email, action: 'cycle:status', entity: 'reporting_cycle', entityKey: cycle.label, before: { status: before }, after: { status: rule.to }, reason: reason || null },
        ]);
        if (prepared) await this.publication.record(trx, prepared, user.email, reason || null, cycle.label);
      });
    } catch (error) {
      if (!(error instanceof ReasonRequired)) throw error;
      return { kind: 'invalid', errors: { reason: `Enter the reason for reopening: ${cycle.label} is ${error.status}` } };
    }
    if (!outcome.ok) {
      return {
        kind: 'not-now',
        current: outcome.current,
        message: `${cycle.label} is ${outcome.current} now, so this step (${rule.label.toLowerCase()}) is not possible. Someone may have changed it meanwhile.`,
      };
    }
    return { kind: 'done', from: outcome.before, to: rule.to };
  }

  /** Reads the cycle's status inside a transaction, locking its row (if any) against a concurrent sign-off step. */
  private lockCycle(trx: Db, cycle: EntryCycle): Promise<CycleStatus> {
    return this.repo.lockCycleStatus(trx, cycle.committee.id, cycle.periodKey);
  }
}

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
import type { EntryRepository, CycleEvent, EntryKeyAction, EntryResult, LastChange, ResultFields, ScopeSubmission } from '../repositories/entryRepository.ts';
import { periodGaps, type Gap } from '../domain/completeness.ts';

export type { CycleEvent, EntryKeyAction, EntryResult, Gap, LastChange, ScopeSubmission };
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
import { inTransaction } from '../db/transaction.ts';

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
  /** A data owner's part submitted; the period waits for the other parts (`waiting`: what no submission covers yet). */
  | { kind: 'part-submitted'; waiting: CompletenessItem[] }
  /** Refused: what is missing (within a data owner's scope for their submission). */
  | { kind: 'incomplete'; gaps: Gap[]; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'not-now'; current: CycleStatus; message: string }
  | { kind: 'invalid'; errors: FieldErrors };

/** Where a committee's period stands on completeness: what is missing, and which parts data owners have submitted. */
export interface Completeness {
  gaps: Gap[];
  /** Every indicator and key action in force, with who owes it: what a submission covers. */
  items: CompletenessItem[];
  /** The refs of the items the user answers for (a data owner: their scope; others: every item). */
  scope: string[];
  submissions: ScopeSubmission[];
  /** Items no submission covers yet (empty once the period is submitted). */
  waiting: CompletenessItem[];
}

/** An indicator or key action in force: "CG/C27 Racist and religious hate crime", owed by its owner or service. */
export interface CompletenessItem {
  ref: string;
  owner: string | null;
  text: string;
}

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

/** "1 item" / "3 items". */
const itemsText = (n: number) => (n === 1 ? '1 item' : `${n.toLocaleString('en-GB')} items`);

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

    const outcome = await inTransaction(this.db, async (trx): Promise<SaveOutcome<EntryResult> | { kind: 'conflict-pending' }> => {
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
    const outcome = await inTransaction(this.db, async (trx): Promise<SaveOutcome<EntryKeyAction> | { kind: 'conflict-pending' }> => {
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

  /**
   * What is missing from a period (for a data owner, within their scope: `user`), and the parts data
   * owners have submitted.
   */
  async completeness(cycle: EntryCycle, user?: SessionUser): Promise<Completeness> {
    const [indicators, actions, submissions] = await Promise.all([this.indicators(cycle), this.keyActions(cycle), this.repo.submissions(cycle.committee.id, cycle.periodKey)]);
    const inScope = user?.role === 'data-owner';
    const mine = {
      indicators: inScope ? indicators.filter((e) => mayEditIndicator(user, e.indicator)) : indicators,
      actions: inScope ? actions.filter((a) => mayEditAction(user, a)) : actions,
    };
    const gaps = periodGaps(
      cycle.period,
      mine.indicators.map((e) => ({
        ref: e.indicator.ref,
        title: e.indicator.title,
        owner: e.indicator.owner,
        frequency: e.indicator.frequency,
        result: e.stored,
        rating: e.rating?.value ?? null,
      })),
      mine.actions.map((a) => ({ ref: a.ref, title: a.title, service: a.service, rag: a.rag, commentary: a.commentary })),
    );
    const items: CompletenessItem[] = [
      ...indicators.map((e) => ({ ref: e.indicator.ref, owner: e.indicator.owner, text: `${e.indicator.ref} ${e.indicator.title}` })),
      ...actions.map((a) => ({ ref: a.ref, owner: a.service, text: `${a.ref} ${a.title}` })),
    ];
    const scope = [...mine.indicators.map((e) => e.indicator.ref), ...mine.actions.map((a) => a.ref)];
    const covered = new Set(submissions.flatMap((s) => s.refs));
    const status = await this.status(cycle);
    return { gaps, items, scope, submissions, waiting: status === 'open' && submissions.length ? items.filter((i) => !covered.has(i.ref)) : [] };
  }

  /** Takes a sign-off step: checks the role, the data owner's scope, the status, completeness and the reason, then moves and audits in one transaction. */
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
    // Completeness: submit (a data owner: their scope) and approve refuse while anything is missing;
    // publish needs a reason, which the published report states.
    let incomplete: { reason: string; gaps: string[] } | null = null;
    if ((action === 'submit' || action === 'approve' || action === 'publish') && rule.from.includes(current)) {
      const { gaps, items, scope } = await this.completeness(cycle, user);
      if (gaps.length && action !== 'publish') {
        const whose = user.role === 'data-owner' && action === 'submit' ? ' in your scope' : '';
        return {
          kind: 'incomplete',
          gaps,
          message: `${cycle.label} cannot be ${rule.done.split(':')[0]} yet: ${itemsText(gaps.length)}${whose} ${gaps.length === 1 ? 'is' : 'are'} missing. Fill each gap, or mark the result "not available" or "not collected" with the reason.`,
        };
      }
      if (gaps.length && action === 'publish') {
        if (!reason) return { kind: 'invalid', errors: { reason: `Enter the reason for publishing ${cycle.label} with ${itemsText(gaps.length)} missing: the published report states it` } };
        incomplete = { reason, gaps: gaps.map((g) => g.text) };
      }
      if (action === 'submit' && user.role === 'data-owner') return this.submitPart(cycle, user, items.map((i) => i.ref), scope, reason);
    }
    // What is published is made now, from the approved (locked) data, and kept in the same transaction.
    let prepared: PreparedPublication | null = null;
    if (rule.to === 'published' && rule.from.includes(current)) {
      try {
        prepared = await this.publication.prepare(cycle.committee, cycle.periodKey, incomplete);
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
        if (rule.to === 'open') await this.repo.clearSubmissions(trx, cycle.committee.id, cycle.periodKey);
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

  /** A data owner submits their part (`mine`); the period is submitted when the parts cover every item in force (`all`). */
  private async submitPart(cycle: EntryCycle, user: SessionUser, all: string[], mine: string[], reason: string): Promise<TransitionOutcome> {
    const outcome = await this.repo.submitScope(cycle.committee.id, cycle.periodKey, user.id, mine, all, async (trx, complete) => {
      await recordAudit(trx, [
        { actor: user.email, action: 'cycle:part-submitted', entity: 'reporting_cycle', entityKey: cycle.label, before: null, after: { refs: mine }, reason: reason || null },
        ...(complete
          ? [{ actor: user.email, action: 'cycle:status', entity: 'reporting_cycle', entityKey: cycle.label, before: { status: 'open' }, after: { status: 'submitted' }, reason: 'Every part submitted' }]
          : []),
      ]);
    });
    if (!outcome.ok) {
      return { kind: 'not-now', current: outcome.current, message: `${cycle.label} is ${outcome.current} now, so your part cannot be submitted. Someone may have changed it meanwhile.` };
    }
    if (outcome.complete) return { kind: 'done', from: 'open', to: 'submitted' };
    return { kind: 'part-submitted', waiting: (await this.completeness(cycle)).waiting };
  }

  /** Reads the cycle's status inside a transaction, locking its row (if any) against a concurrent sign-off step. */
  private lockCycle(trx: Db, cycle: EntryCycle): Promise<CycleStatus> {
    return this.repo.lockCycleStatus(trx, cycle.committee.id, cycle.periodKey);
  }
}

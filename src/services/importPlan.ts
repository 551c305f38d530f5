/**
 * Compares a validated workbook with the stored framework and lists what an import would change.
 * Pure: no I/O. The plan is what `--dry-run` prints and what the writer applies in one transaction.
 * Checks the references a single file cannot check alone (refs, committees, plan years, versions).
 */
import { financialYearOf, formatFinancialYear, formatPeriod, periodFromKey, periodKey } from '../domain/periods.ts';
import type { Period } from '../domain/types.ts';
import { inForceDuring, yearsChanged, type YearRange } from '../domain/inForce.ts';
import type { FrameworkSnapshot, SnapshotScope, StoredAction } from '../repositories/frameworkRepository.ts';
import { nothingWithheld, type ActionDef, type ImportError, type TermsDef, type Withheld, type WorkbookData } from '../workbook/model.ts';
import type { Change, Entity } from '../workbook/changes.ts';
import { PANELS, PANEL_SHEETS } from '../workbook/panelSpecs.ts';

export type { Change, Entity };

export interface ImportPlan {
  errors: ImportError[];
  changes: Change[];
}

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Stable JSON with sorted keys: two records are the same when this is. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

class ChangeList {
  readonly changes: Change[] = [];
  compare(
    entity: Entity,
    key: string,
    stored: { id: number; record: Record<string, unknown> } | undefined,
    after: Record<string, unknown>,
    where: Record<string, string | number | null>,
  ): boolean {
    if (!stored) {
      this.changes.push({ entity, key, kind: 'add', before: null, after, where, id: null });
      return true;
    }
    if (canonical(stored.record) !== canonical(after)) {
      this.changes.push({ entity, key, kind: 'change', before: stored.record, after, where, id: stored.id });
      return true;
    }
    return false;
  }
}

/** Resolves committee names (any name a committee has had) to a committee slug. */
class Committees {
  readonly #byName = new Map<string, string>();
  readonly names = new Map<string, { name: string; fromYear: number | null }[]>();
  readonly storedId = new Map<string, number>();

  constructor(snapshot: FrameworkSnapshot) {
    for (const c of snapshot.committees) {
      this.storedId.set(c.slug, c.id);
      this.names.set(c.slug, c.names);
      for (const n of c.names) this.#byName.set(n.name.toLowerCase(), c.slug);
    }
  }

  find(name: string): string | undefined {
    return this.#byName.get(name.trim().toLowerCase());
  }

  /** Finds or creates (in this plan) the committee called `name`. */
  resolve(name: string): string {
    const found = this.find(name);
    if (found !== undefined) return found;
    let slug = committeeSlug(name);
    while (this.names.has(slug)) slug += '-2';
    this.names.set(slug, [{ name: name.trim(), fromYear: null }]);
    this.#byName.set(name.trim().toLowerCase(), slug);
    return slug;
  }

  declare(names: { name: string; fromYear: number | null }[]): string {
    const existing = names.map((n) => this.find(n.name)).find((s) => s !== undefined);
    const slug = existing ?? this.resolve(names[0]!.name);
    const merged = [...(this.names.get(slug) ?? [])];
    for (const n of names) {
      const i = merged.findIndex((m) => m.name.toLowerCase() === n.name.toLowerCase());
      if (i >= 0) merged[i] = { name: merged[i]!.name, fromYear: n.fromYear ?? merged[i]!.fromYear };
      else merged.push(n);
      this.#byName.set(n.name.toLowerCase(), slug);
    }
    merged.sort((a, b) => (a.fromYear ?? -Infinity) - (b.fromYear ?? -Infinity));
    this.names.set(slug, merged);
    return slug;
  }
}

const label = (p: Period) => formatPeriod(p);

/** A new committee's slug: its name's, or — for a name of no letters or digits ("???") — one a URL can still hold. */
export const committeeSlug = (name: string) => slugify(name) || 'committee';

/** Stored terms of reference with the file's: a text from the same plan year replaces the stored one. Oldest first (null first). */
export function mergeTerms(stored: readonly { fromYear: number | null; text: string }[], declared: readonly { fromYear: number | null; text: string }[]): { fromYear: number | null; text: string }[] {
  const byYear = new Map<number | null, string>(stored.map((t) => [t.fromYear, t.text]));
  for (const t of declared) byYear.set(t.fromYear, t.text);
  return [...byYear]
    .map(([fromYear, text]) => ({ fromYear, text }))
    .sort((a, b) => (a.fromYear ?? -Infinity) - (b.fromYear ?? -Infinity));
}

type Names = { name: string; fromYear: number | null }[];

/** A committee's name in force in a plan year (a published report prints the name stored when it was published). */
const nameIn = (names: Names, year: number) => names.filter((n) => n.fromYear === null || n.fromYear <= year).at(-1)?.name ?? names[0]?.name;

/** A key action's plan years for people: "2016/17 only", "from 2018/19", "2016/17 to 2018/19". */
function rangeText(range: YearRange): string {
  const { fromYear, toYear } = range;
  if (fromYear !== null && fromYear === toYear) return `${formatFinancialYear(fromYear)} only`;
  if (fromYear !== null && toYear !== null) return `${formatFinancialYear(fromYear)} to ${formatFinancialYear(toYear)}`;
  if (fromYear !== null) return `from ${formatFinancialYear(fromYear)}`;
  return toYear !== null ? `up to ${formatFinancialYear(toYear)}` : 'every plan year';
}

const lockedMessage = (what: string, reports: string[]) =>
  `${what} would change published reports (${reports.length > 3 ? `${reports.slice(0, 3).join(', ')} and ${reports.length - 3} more` : reports.join(', ')}): reopen them (with a reason) first, or make the change from a later plan year`;

/**
 * Published reports are locked (src/services/publication*): what they print may not change under them.
 * Which (committee, period) cycles are published, by plan year, and how their reports are named.
 */
class PublishedCycles {
  readonly byYear = new Map<number, { slug: string; period: Period }[]>();
  readonly #keys = new Set<string>();
  readonly #storedNames: Map<string, Names>;

  constructor(snapshot: FrameworkSnapshot, slugOf: (committeeId: number) => string | undefined) {
    this.#storedNames = new Map(snapshot.committees.map((c) => [c.slug, c.names]));
    for (const c of snapshot.publishedCycles) {
      const period = periodFromKey(c.period);
      const year = financialYearOf(period);
      const slug = slugOf(c.committeeId)!;
      this.byYear.set(year, [...(this.byYear.get(year) ?? []), { slug, period }]);
      this.#keys.add(`${slug}|${c.period}`);
    }
  }

  has(slug: string, period: Period): boolean {
    return this.#keys.has(`${slug}|${periodKey(period)}`);
  }

  /** The published reports of plan years `from`..`to` (exclusive; null = unbounded), of some committees (all when omitted). */
  in(from: number | null, to: number | null, slugs?: (string | undefined)[]): string[] {
    return [...this.byYear]
      .filter(([year]) => (from === null || year >= from) && (to === null || year < to))
      .sort(([a], [b]) => a - b)
      .flatMap(([, cycles]) => cycles.filter((c) => !slugs || slugs.includes(c.slug)))
      .map((c) => {
        const year = financialYearOf(c.period);
        return `${nameIn(this.#storedNames.get(c.slug) ?? [], year) ?? c.slug} ${label(c.period)}`;
      });
  }
}

/** An indicator definition the plan adds or changes: its published reports are checked once all versions are known. */
interface ChangedVersion {
  row: number;
  ref: string;
  fromYear: number | null;
  slugs: (string | undefined)[];
}

/**
 * Plans an import in steps, one per sheet or concern, sharing what the earlier steps resolved
 * (committees, priorities, plan years, indicator versions). `plan()` runs them in order.
 * It also plans a workbook that had errors (its valid rows), to report its reference and lock errors
 * with the others; an error that would follow only from a `withheld` row or sheet (already reported)
 * is not reported again.
 */
export class ImportPlanner {
  readonly errors: ImportError[] = [];
  readonly list = new ChangeList();
  readonly committees: Committees;
  readonly #slugById: Map<number, string>;
  readonly published: PublishedCycles;
  /** Plan years stored or set by the workbook (filled by planSettings). */
  readonly knownYears = new Set<number>();
  /** Each ref's first definition year (null: from the first year on record). */
  readonly #firstYear = new Map<string, number | null>();
  /** Each ref's versions: the plan year each applies from and its committee. */
  readonly #versionsByRef = new Map<string, { fromYear: number | null; slug: string }[]>();
  readonly #seenPriority = new Set<string>();
  readonly #seenOutcome = new Set<string>();
  readonly #storedPriority: Map<string, FrameworkSnapshot['priorities'][number]>;
  readonly #storedOutcomes: Set<string>;

  constructor(
    readonly data: WorkbookData,
    readonly snapshot: FrameworkSnapshot,
    readonly withheld: Withheld = nothingWithheld(),
  ) {
    this.committees = new Committees(snapshot);
    this.#slugById = new Map(snapshot.committees.map((c) => [c.id, c.slug]));
    this.published = new PublishedCycles(snapshot, (id) => this.slugOf(id));
    this.#storedPriority = new Map(snapshot.priorities.map((p) => [`${this.slugOf(p.committeeId)}|${p.name.toLowerCase()}`, p]));
    this.#storedOutcomes = new Set(snapshot.corporateOutcomes);
  }

  slugOf(committeeId: number): string | undefined {
    return this.#slugById.get(committeeId);
  }

  plan(): ImportPlan {
    this.planSettings();
    this.planCommittees();
    for (const p of this.data.priorities) this.priority(p.committee, p.priority, p);
    const changed = this.planIndicators();
    this.checkDefinitionLocks(changed);
    this.planTargets();
    this.planResults();
    this.planActions();
    this.planPanels();
    return { errors: this.errors, changes: this.list.changes };
  }

  /** Council and plan years (a changed year's settings are locked by its published reports). */
  planSettings(): void {
    const { data, snapshot, list } = this;
    const council = data.settings.find((s) => s.council)?.council ?? null;
    if (council) {
      list.compare('council', 'council', snapshot.council ? { id: 1, record: { name: snapshot.council } } : undefined, { name: council }, {});
    }
    const storedYears = new Map(snapshot.planYears.map((y) => [y.startYear, y]));
    for (const s of data.settings) {
      const stored = storedYears.get(s.startYear);
      const changed = list.compare(
        'plan_year',
        formatFinancialYear(s.startYear),
        stored
          ? {
              id: s.startYear,
              record: { method: stored.method, directionalPolicy: stored.directionalPolicy, highRiskFrom: stored.highRiskFrom, significanceLevel: stored.significanceLevel },
            }
          : undefined,
        { method: s.method, directionalPolicy: s.directionalPolicy, highRiskFrom: s.highRiskFrom, significanceLevel: s.significanceLevel ?? null },
        { startYear: s.startYear },
      );
      const locked = changed && stored ? this.published.in(s.startYear, s.startYear + 1) : [];
      if (locked.length) {
        this.errors.push({
          sheet: 'settings',
          row: s.row,
          column: 'rag_method',
          value: formatFinancialYear(s.startYear),
          message: lockedMessage(`The ${formatFinancialYear(s.startYear)} rating method, survey rating, directional targets or high-level risk score`, locked),
        });
      }
    }
    for (const y of storedYears.keys()) this.knownYears.add(y);
    for (const s of data.settings) this.knownYears.add(s.startYear);
  }

  /** Whether a plan year has no rating method, stored or in the file (a refused settings row may give it one). */
  private yearUnknown(year: number): boolean {
    return !this.knownYears.has(year) && !this.withheld.sheets.has('settings') && !this.withheld.planYears.has(year);
  }

  /** An error unless the period's plan year has a rating method. */
  requireYear(sheet: string, row: number, column: string, period: Period): void {
    const year = financialYearOf(period);
    if (this.yearUnknown(year)) {
      this.errors.push({
        sheet,
        row,
        column,
        value: label(period),
        message: `No rating method for plan year ${formatFinancialYear(year)}: add a row for it to the settings sheet`,
      });
    }
  }

  /**
   * Committees: declared ones first so renamed names resolve, then those named elsewhere. A committee's
   * record is its names and its terms of reference over time: the file's terms replace the stored text
   * from the same plan year and add the others; stored texts of other years are kept. Published reports
   * keep the terms they printed (their model is stored: ADR 0012), so terms of reference are not locked.
   */
  planCommittees(): void {
    const { data, committees } = this;
    const storedCommittee = new Map(this.snapshot.committees.map((c) => [c.slug, c]));
    for (const c of data.committees) {
      // A row whose names belong to two committees, or that gives a committee two names from the same
      // plan year (with the names stored), cannot be stored: refuse it here rather than at the database.
      const owners = new Set(c.names.map((n) => committees.find(n.name)).filter((slug) => slug !== undefined));
      if (owners.size > 1) {
        this.errors.push({ sheet: 'committees', row: c.row, column: 'name', value: c.names.at(-1)!.name, message: `These names belong to different committees (${[...owners].map((slug) => committees.names.get(slug)!.at(-1)!.name).join('; ')}): a row may only name one committee` });
        continue;
      }
      const slug = committees.declare(c.names);
      const years = committees.names.get(slug)!.map((n) => n.fromYear);
      if (new Set(years).size !== years.length) {
        this.errors.push({ sheet: 'committees', row: c.row, column: 'from_plan_year', value: c.names.at(-1)!.name, message: `The committee would have two names from the same plan year (${committees.names.get(slug)!.map((n) => `${n.name}${n.fromYear === null ? '' : ` from ${formatFinancialYear(n.fromYear)}`}`).join('; ')}): give each name its own from_plan_year` });
      }
    }
    const declaredTerms = new Map<string, Map<number | null, TermsDef>>();
    for (const t of data.terms) {
      const slug = committees.resolve(t.committee);
      const bySlug = declaredTerms.get(slug) ?? new Map<number | null, TermsDef>();
      const first = bySlug.get(t.fromYear);
      if (first && first.text !== t.text) {
        // The same committee by two of its names, with two texts for one plan year.
        this.errors.push({
          sheet: t.sheet,
          row: t.row,
          column: t.sheet === 'committees' ? 'terms_of_reference' : 'from_plan_year',
          value: t.fromYear === null ? t.committee : formatFinancialYear(t.fromYear),
          message: `"${t.committee}" already has different terms of reference ${t.fromYear === null ? 'from the start' : `from ${formatFinancialYear(t.fromYear)}`} (${first.sheet} sheet, row ${first.row}): give one text per plan year`,
        });
        continue;
      }
      bySlug.set(t.fromYear, t);
      declaredTerms.set(slug, bySlug);
    }
    for (const p of data.priorities) committees.resolve(p.committee);
    for (const i of data.indicators) committees.resolve(i.committee);
    for (const a of data.actions) committees.resolve(a.committee);
    for (const sheet of PANEL_SHEETS) for (const r of data.panels[sheet]) committees.resolve(r.committee);
    for (const [slug, names] of committees.names) {
      const stored = storedCommittee.get(slug);
      const terms = mergeTerms(stored?.terms ?? [], [...(declaredTerms.get(slug)?.values() ?? [])]);
      if (stored) this.checkRename(slug, stored.names, names);
      this.list.compare(
        'committee',
        names[names.length - 1]!.name,
        stored ? { id: stored.id, record: { names: stored.names, terms: stored.terms } } : undefined,
        { names, terms },
        { committee: slug },
      );
    }
  }

  /** A committee's name in a plan year with a published report may not change. */
  private checkRename(slug: string, before: Names, after: Names): void {
    const renamed = [...this.published.byYear.keys()].filter((year) => nameIn(before, year) !== nameIn(after, year));
    const locked = renamed.flatMap((year) => this.published.in(year, year + 1, [slug]));
    if (locked.length) {
      const row = this.data.committees.find((c) => c.names.some((n) => this.committees.find(n.name) === slug))?.row ?? null;
      this.errors.push({ sheet: 'committees', row, column: 'from_plan_year', value: after.at(-1)!.name, message: lockedMessage('This committee name', locked) });
    }
  }

  /**
   * A priority, declared in the priorities sheet (with outcomes) or named by indicators, actions and
   * panels: planned once (with its corporate outcome when new); returns its committee and stored name.
   */
  priority(committeeName: string, name: string, declared?: { outcome: string | null; corporateOutcome: string | null }): { slug: string; priority: string } {
    const slug = this.committees.resolve(committeeName);
    const key = `${slug}|${name.trim().toLowerCase()}`;
    const stored = this.#storedPriority.get(key);
    if (!this.#seenPriority.has(key)) {
      this.#seenPriority.add(key);
      const corporateOutcome = declared ? declared.corporateOutcome : (stored?.corporateOutcome ?? null);
      if (corporateOutcome && !this.#storedOutcomes.has(corporateOutcome) && !this.#seenOutcome.has(corporateOutcome)) {
        this.#seenOutcome.add(corporateOutcome);
        this.list.compare('corporate_outcome', corporateOutcome, undefined, { name: corporateOutcome }, {});
      }
      this.list.compare(
        'priority',
        name.trim(),
        stored ? { id: stored.id, record: { name: stored.name, outcome: stored.outcome, corporateOutcome: stored.corporateOutcome } } : undefined,
        {
          name: stored?.name ?? name.trim(),
          outcome: declared ? declared.outcome : (stored?.outcome ?? null),
          corporateOutcome,
        },
        { committee: slug },
      );
    }
    return { slug, priority: stored?.name ?? name.trim() };
  }

  private noteFirst(ref: string, fromYear: number | null): void {
    const prev = this.#firstYear.get(ref);
    if (prev === undefined) this.#firstYear.set(ref, fromYear);
    else if (prev !== null && (fromYear === null || fromYear < prev)) this.#firstYear.set(ref, fromYear);
  }

  private addVersion(ref: string, fromYear: number | null, slug: string): void {
    const list = this.#versionsByRef.get(ref) ?? [];
    const i = list.findIndex((v) => v.fromYear === fromYear);
    if (i >= 0) list[i] = { fromYear, slug };
    else list.push({ fromYear, slug });
    this.#versionsByRef.set(ref, list);
  }

  /** Indicator versions (a definition per plan year); returns those the plan adds or changes. */
  planIndicators(): ChangedVersion[] {
    const storedVersions = new Map(this.snapshot.versions.map((v) => [`${v.ref}|${v.fromYear ?? ''}`, v]));
    for (const v of this.snapshot.versions) this.noteFirst(v.ref, v.fromYear);
    const changedVersions: ChangedVersion[] = [];
    for (const i of this.data.indicators) {
      this.noteFirst(i.ref, i.fromYear);
      if (i.fromYear !== null && this.yearUnknown(i.fromYear)) {
        this.errors.push({
          sheet: 'indicators',
          row: i.row,
          column: 'plan_year',
          value: formatFinancialYear(i.fromYear),
          message: `No rating method for plan year ${formatFinancialYear(i.fromYear)}: add a row for it to the settings sheet`,
        });
      }
      const p = this.priority(i.committee, i.priority);
      const { ref, fromYear, row } = i;
      const stored = storedVersions.get(`${ref}|${fromYear ?? ''}`);
      const changed = this.list.compare(
        'indicator_version',
        fromYear === null ? ref : `${ref} from ${formatFinancialYear(fromYear)}`,
        stored ? { id: stored.id, record: versionRecord(stored, this.slugOf(stored.committeeId), stored.priority) } : undefined,
        versionRecord(i, p.slug, p.priority),
        { ref, fromYear },
      );
      if (changed) changedVersions.push({ row, ref, fromYear, slugs: [p.slug, stored && this.slugOf(stored.committeeId)] });
    }
    for (const v of this.snapshot.versions) this.addVersion(v.ref, v.fromYear, this.slugOf(v.committeeId)!);
    for (const i of this.data.indicators) this.addVersion(i.ref, i.fromYear, this.committees.resolve(i.committee));
    return changedVersions;
  }

  /** A definition is in force from its plan year to the next version's: the published reports of those years print it. */
  checkDefinitionLocks(changedVersions: ChangedVersion[]): void {
    for (const v of changedVersions) {
      // A refused row's version (its plan year known) may end this one's years as well.
      const next = [...(this.#versionsByRef.get(v.ref) ?? []).map((x) => x.fromYear), ...(this.withheld.indicators.get(v.ref) ?? [])]
        .filter((y): y is number => y !== null && (v.fromYear === null || y > v.fromYear))
        .sort((a, b) => a - b)[0];
      const locked = this.published.in(v.fromYear, next ?? null, v.slugs);
      if (locked.length) {
        this.errors.push({
          sheet: 'indicators',
          row: v.row,
          column: 'plan_year',
          value: v.fromYear === null ? v.ref : `${v.ref} ${formatFinancialYear(v.fromYear)}`,
          message: lockedMessage(`This definition of ${v.ref}`, locked),
        });
      }
    }
  }

  /** A ref's data for `period` need a definition in force then (stored or in the file) and a plan year. */
  checkRef(sheet: string, row: number, ref: string, period: Period): void {
    const first = this.#firstYear.get(ref);
    // A refused indicators row for the ref (or an unreadable sheet) may define it, from any year.
    const withheld = this.withheld.sheets.has('indicators') || this.withheld.indicators.has(ref);
    if (first === undefined) {
      if (withheld) this.requireYear(sheet, row, 'period', period);
      else this.errors.push({ sheet, row, column: 'ref', value: ref, message: `No indicator "${ref}" in the indicators sheet or already stored` });
      return;
    }
    this.requireYear(sheet, row, 'period', period);
    const year = financialYearOf(period);
    if (first !== null && year < first && !withheld) {
      this.errors.push({
        sheet,
        row,
        column: 'period',
        value: label(period),
        message: `Indicator ${ref} has no definition for ${formatFinancialYear(year)}: its first definition applies from ${formatFinancialYear(first)}`,
      });
    }
  }

  /** The committee of the definition of `ref` in force in plan year `year`. */
  committeeOfRef(ref: string, year: number): string | undefined {
    let best: { fromYear: number | null; slug: string } | undefined;
    for (const v of this.#versionsByRef.get(ref) ?? []) {
      if (v.fromYear !== null && v.fromYear > year) continue;
      if (!best || (best.fromYear ?? -Infinity) < (v.fromYear ?? -Infinity)) best = v;
    }
    return best?.slug;
  }

  /** Published data is locked: a change to a published (committee, period) is refused until the cycle is reopened. */
  guard(changed: boolean, sheet: string, row: number, slug: string | undefined, period: Period): void {
    if (!changed || slug === undefined || !this.published.has(slug, period)) return;
    const name = this.committees.names.get(slug)?.at(-1)?.name ?? slug;
    this.errors.push({
      sheet,
      row,
      column: 'period',
      value: label(period),
      message: `${name} ${label(period)} is published, so its data are locked: reopen it (with a reason) before changing them`,
    });
  }

  planTargets(): void {
    const storedTargets = new Map(this.snapshot.targets.map((t) => [`${t.ref}|${t.period}`, t]));
    for (const t of this.data.targets) {
      this.checkRef('targets', t.row, t.ref, t.period);
      const key = periodKey(t.period);
      const stored = storedTargets.get(`${t.ref}|${key}`);
      const changed = this.list.compare(
        'target',
        `${t.ref} ${label(t.period)}`,
        stored ? { id: stored.id, record: { spec: stored.spec, printed: stored.printed, reason: stored.reason } } : undefined,
        { spec: t.target, printed: t.printed, reason: t.reason },
        { ref: t.ref, period: key, planYear: financialYearOf(t.period) },
      );
      this.guard(changed, 'targets', t.row, this.committeeOfRef(t.ref, financialYearOf(t.period)), t.period);
    }
  }

  /** Results and their benchmarks. */
  planResults(): void {
    const storedResults = new Map(this.snapshot.results.map((r) => [`${r.ref}|${r.period}`, r]));
    const storedBenchmarks = new Map(this.snapshot.benchmarks.map((b) => [`${b.ref}|${b.period}`, b]));
    for (const r of this.data.results) {
      this.checkRef('results', r.row, r.ref, r.period);
      const key = periodKey(r.period);
      const stored = storedResults.get(`${r.ref}|${key}`);
      let changed = this.list.compare(
        'result',
        `${r.ref} ${label(r.period)}`,
        stored ? { id: stored.id, record: resultRecord(stored, stored.dataPeriod) } : undefined,
        resultRecord(r, r.dataPeriod?.label ?? null),
        { ref: r.ref, period: key, planYear: financialYearOf(r.period) },
      );
      if (r.benchmark) {
        const b = storedBenchmarks.get(`${r.ref}|${key}`);
        changed =
          this.list.compare(
            'benchmark',
            `${r.ref} ${label(r.period)}`,
            b ? { id: b.id, record: { text: b.text, label: b.label, value: b.value, source: b.source, period: b.dataPeriod } } : undefined,
            { ...r.benchmark },
            { ref: r.ref, period: key },
          ) || changed;
      }
      this.guard(changed, 'results', r.row, this.committeeOfRef(r.ref, financialYearOf(r.period)), r.period);
    }
  }

  /**
   * Key actions: the row of the latest period gives the title, priority and service; the plan years in
   * force are those the action's rows give (else from its earliest period's, until further notice);
   * each row is one period's update.
   */
  planActions(): void {
    const { data, snapshot } = this;
    const storedActions = new Map(snapshot.actions.map((a) => [`${this.slugOf(a.committeeId)}|${a.ref}`, a]));
    const storedUpdates = new Map(snapshot.actionUpdates.map((u) => [`${u.actionId}|${u.period}`, u]));
    const rowsOf = new Map<string, ActionDef[]>();
    for (const a of data.actions) {
      this.requireYear('actions', a.row, 'period', a.period);
      const key = `${this.committees.resolve(a.committee)}|${a.ref}`;
      rowsOf.set(key, [...(rowsOf.get(key) ?? []), a]);
    }
    for (const [key, rows] of rowsOf) {
      const latest = rows.reduce((prev, a) => (periodKey(prev.period) <= periodKey(a.period) ? a : prev));
      const p = this.priority(latest.committee, latest.priority);
      const stored = storedActions.get(key);
      const range = this.actionRange(rows, stored);
      this.list.compare(
        'key_action',
        latest.ref,
        stored
          ? { id: stored.id, record: { priority: stored.priority, title: stored.title, service: stored.service, fromYear: stored.fromYear, toYear: stored.toYear } }
          : undefined,
        { priority: p.priority, title: latest.title, service: latest.service, fromYear: range.fromYear, toYear: range.toYear },
        { committee: p.slug, ref: latest.ref },
      );
      // A refused row of the action may give other plan years: checked once it is corrected.
      if (range.consistent && !this.withheld.sheets.has('actions') && !this.withheld.actions.has(latest.ref)) {
        this.checkActionRange(p.slug, rows, latest, range, stored);
      }
    }
    for (const a of data.actions) {
      const slug = this.committees.resolve(a.committee);
      const action = storedActions.get(`${slug}|${a.ref}`);
      const key = periodKey(a.period);
      const stored = action ? storedUpdates.get(`${action.id}|${key}`) : undefined;
      const changed = this.list.compare(
        'key_action_update',
        `${a.ref} ${label(a.period)}`,
        stored ? { id: stored.id, record: { rag: stored.rag, commentary: stored.commentary } } : undefined,
        { rag: a.rag, commentary: a.commentary },
        { committee: slug, ref: a.ref, period: key, planYear: financialYearOf(a.period) },
      );
      this.guard(changed, 'actions', a.row, slug, a.period);
    }
  }

  /**
   * An action's plan years: those its rows give (a blank cell gives none; two different values are an
   * error), else from the plan year of its earliest period in the file or stored, and until further notice.
   */
  private actionRange(rows: ActionDef[], stored: StoredAction | undefined): YearRange & { consistent: boolean } {
    let consistent = true;
    const given = (column: 'from_plan_year' | 'to_plan_year', field: 'fromYear' | 'toYear', what: string): number | null => {
      const first = rows.find((r) => r[field] !== null);
      for (const r of rows) {
        if (first && r[field] !== null && r[field] !== first[field]) {
          consistent = false;
          this.errors.push({
            sheet: 'actions',
            row: r.row,
            column,
            value: formatFinancialYear(r[field]),
            message: `Key action ${r.ref} is given ${what} ${formatFinancialYear(first[field]!)} on row ${first.row} and ${formatFinancialYear(r[field])} here: give an action one ${what} (or leave the cell blank)`,
          });
        }
      }
      return first ? first[field] : null;
    };
    const fromGiven = given('from_plan_year', 'fromYear', 'first plan year');
    const toYear = given('to_plan_year', 'toYear', 'last plan year');
    const earliest = Math.min(...rows.map((r) => financialYearOf(r.period)), stored?.firstUpdateYear ?? Infinity);
    const fromYear = fromGiven ?? earliest;
    if (fromGiven !== null && toYear !== null && toYear < fromGiven) {
      consistent = false;
      const row = rows.find((r) => r.toYear !== null)!;
      this.errors.push({
        sheet: 'actions',
        row: row.row,
        column: 'to_plan_year',
        value: formatFinancialYear(toYear),
        message: `Key action ${row.ref} would be in force from ${formatFinancialYear(fromGiven)} to ${formatFinancialYear(toYear)}: its last plan year cannot be before its first`,
      });
    }
    return { fromYear, toYear, consistent };
  }

  /**
   * An action's periods (in the file and stored) must fall in its plan years, and a change of its plan
   * years may not add it to or take it from a published report.
   */
  private checkActionRange(slug: string, rows: ActionDef[], latest: ActionDef, range: YearRange, stored: StoredAction | undefined): void {
    const years = rangeText(range);
    for (const r of rows) {
      if (inForceDuring(range, financialYearOf(r.period))) continue;
      this.errors.push({
        sheet: 'actions',
        row: r.row,
        column: 'period',
        value: label(r.period),
        message: `${label(r.period)} is outside the plan years key action ${r.ref} is in force (${years}): change its from_plan_year or to_plan_year, or the period`,
      });
    }
    for (const year of [stored?.firstUpdateYear, stored?.lastUpdateYear]) {
      if (year === null || year === undefined || inForceDuring(range, year)) continue;
      const before = range.fromYear !== null && year < range.fromYear;
      this.errors.push({
        sheet: 'actions',
        row: latest.row,
        column: before ? 'from_plan_year' : 'to_plan_year',
        value: before ? formatFinancialYear(range.fromYear!) : formatFinancialYear(range.toYear!),
        message: `Key action ${latest.ref} has updates stored for ${formatFinancialYear(year)}, outside the plan years it would be in force (${years}): its plan years must include every period it has`,
      });
    }
    const publishedYears = [...this.published.byYear].filter(([, cycles]) => cycles.some((c) => c.slug === slug)).map(([year]) => year);
    const changed = stored ? yearsChanged(stored, range, publishedYears) : publishedYears.filter((year) => inForceDuring(range, year));
    const locked = changed.sort((a, b) => a - b).flatMap((year) => this.published.in(year, year + 1, [slug]));
    if (locked.length) {
      const fromSide = !stored || (range.fromYear !== null && changed[0]! < range.fromYear) || (stored.fromYear !== null && changed[0]! < stored.fromYear);
      const year = fromSide ? range.fromYear : range.toYear;
      this.errors.push({
        sheet: 'actions',
        row: latest.row,
        column: fromSide ? 'from_plan_year' : 'to_plan_year',
        value: year === null ? '' : formatFinancialYear(year),
        message: lockedMessage(`Key action ${latest.ref} in force ${years}`, locked),
      });
    }
  }

  /** Panels: finance, risk, workforce, customer experience, narrative, priority status. */
  planPanels(): void {
    for (const sheet of PANEL_SHEETS) {
      const spec = PANELS[sheet];
      const identity = (values: Record<string, unknown>) => spec.key.map((k) => String(values[k])).join('|');
      const stored = new Map(this.snapshot.panels[sheet].map((r) => [`${this.slugOf(r.committeeId)}|${r.period}|${identity(r.values)}`, r]));
      for (const r of this.data.panels[sheet]) {
        this.requireYear(sheet, r.row, 'period', r.period);
        const slug = this.committees.resolve(r.committee);
        const values = { ...r.values };
        for (const f of spec.fields) {
          if (f.kind === 'priority' && typeof values[f.name] === 'string') values[f.name] = this.priority(r.committee, values[f.name] as string).priority;
        }
        const period = periodKey(r.period);
        const found = stored.get(`${slug}|${period}|${identity(values)}`);
        const changed = this.list.compare(
          sheet,
          `${spec.key.map((k) => values[k]).join(' ')} ${label(r.period)}`,
          found ? { id: found.id, record: found.values } : undefined,
          values,
          { committee: slug, period, planYear: financialYearOf(r.period) },
        );
        this.guard(changed, sheet, r.row, slug, r.period);
      }
    }
  }
}

/** An indicator version's compared fields after its committee and priority, in the order a change lists them. */
const VERSION_FIELDS = ['type', 'polarity', 'unit', 'frequency', 'basis', 'source', 'tolerance', 'definition', 'measuredAgainst', 'owner', 'footnote'] as const;
/** A result's compared fields (dataPeriod as stored, its label), in the order a change lists them. */
const RESULT_FIELDS = ['value', 'printed', 'dataPeriod', 'basis', 'status', 'numerator', 'denominator', 'printedRag', 'printedDirection', 'commentary', 'intervention', 'note'] as const;

const pick = (from: Record<string, unknown>, fields: readonly string[], into: Record<string, unknown> = {}): Record<string, unknown> => {
  for (const f of fields) into[f] = from[f];
  return into;
};

/** An indicator version as the plan compares it (the stored and the imported one alike). */
function versionRecord(v: { title: string } & Record<(typeof VERSION_FIELDS)[number], unknown>, committee: string | undefined, priority: string): Record<string, unknown> {
  return pick(v, VERSION_FIELDS, { title: v.title, committee, priority });
}

/** A result as the plan compares it; `dataPeriod` as stored (its label). */
function resultRecord(r: Record<Exclude<(typeof RESULT_FIELDS)[number], 'dataPeriod'>, unknown>, dataPeriod: string | null): Record<string, unknown> {
  const record = pick(r, RESULT_FIELDS);
  record.dataPeriod = dataPeriod; // in its place: the key is already there
  return record;
}

/**
 * What of the stored framework a plan of `data` reads: the committees, indicators, periods, plan
 * years, key actions and panel rows the workbook names, and what its checks need (see SnapshotScope).
 */
export function snapshotScope(data: WorkbookData): SnapshotScope {
  const panelSheets = PANEL_SHEETS.filter((sheet) => data.panels[sheet].length);
  const committeeNames = [
    ...data.committees.flatMap((c) => c.names.map((n) => n.name)),
    ...data.terms.map((t) => t.committee),
    ...data.priorities.map((p) => p.committee),
    ...data.indicators.map((i) => i.committee),
    ...data.actions.map((a) => a.committee),
    ...panelSheets.flatMap((sheet) => data.panels[sheet].map((r) => r.committee)),
  ];
  // One pass over the rows (an import holds hundreds of thousands): sets of refs, period keys and years.
  const refs = new Set<string>();
  const measurePeriods = new Set<string>();
  const planYears = new Set<number>(data.settings.map((s) => s.startYear));
  for (const i of data.indicators) {
    refs.add(i.ref);
    if (i.fromYear !== null) planYears.add(i.fromYear);
  }
  const keys = (rows: { period: Period }[], into?: Set<string>) => {
    const out = into ?? new Set<string>();
    let last: string | undefined;
    for (const r of rows) {
      const key = periodKey(r.period);
      if (key === last) continue;
      last = key;
      out.add(key);
      planYears.add(financialYearOf(r.period));
    }
    return out;
  };
  for (const r of data.targets) refs.add(r.ref);
  for (const r of data.results) refs.add(r.ref);
  keys(data.targets, measurePeriods);
  keys(data.results, measurePeriods);
  const unique = <T>(values: Iterable<T>) => [...new Set(values)];
  return {
    refs: [...refs],
    measurePeriods: [...measurePeriods],
    committeeNames: unique(committeeNames.map((n) => n.trim().toLowerCase())),
    committeeSlugs: unique(committeeNames.map(committeeSlug)),
    actionRefs: unique(data.actions.map((a) => a.ref)),
    actionPeriods: [...keys(data.actions)],
    panelPeriods: Object.fromEntries(panelSheets.map((sheet) => [sheet, [...keys(data.panels[sheet])]])),
    planYears: [...planYears],
    settingsYears: unique(data.settings.map((s) => s.startYear)),
    corporateOutcomes: unique(data.priorities.flatMap((p) => (p.corporateOutcome === null ? [] : [p.corporateOutcome]))),
  };
}

export function planImport(data: WorkbookData, snapshot: FrameworkSnapshot, withheld?: Withheld): ImportPlan {
  return new ImportPlanner(data, snapshot, withheld).plan();
}

/** One line per change, for `--dry-run`: "change result CG/S3 2016/17: value 21 → 22". */
export function describeChange(c: Change): string {
  const name = c.entity.replace(/_/g, ' ');
  if (c.kind === 'add' || !c.before) return `add ${name} ${c.key}`;
  const fields = Object.keys(c.after).filter((k) => canonical(c.before![k]) !== canonical(c.after[k]));
  const show = (v: unknown) => (v === null || v === undefined ? '(blank)' : typeof v === 'string' ? JSON.stringify(v) : canonical(v));
  return `change ${name} ${c.key}: ${fields.map((f) => `${f} ${show(c.before![f])} → ${show(c.after[f])}`).join('; ')}`;
}

/**
 * Compares a validated workbook with the stored framework and lists what an import would change.
 * Pure: no I/O. The plan is what `--dry-run` prints and what the writer applies in one transaction.
 * Checks the references a single file cannot check alone (refs, committees, plan years, versions).
 */
import { financialYearOf, formatFinancialYear, formatPeriod, periodFromKey, periodKey } from '../domain/periods.ts';
import type { Period } from '../domain/types.ts';
import type { FrameworkSnapshot } from '../repositories/frameworkRepository.ts';
import type { ImportError, WorkbookData } from '../workbook/model.ts';
import { PANELS, PANEL_SHEETS, type PanelSheet } from '../workbook/panelSpecs.ts';

export type Entity =
  | 'council'
  | 'plan_year'
  | 'committee'
  | 'corporate_outcome'
  | 'priority'
  | 'indicator_version'
  | 'target'
  | 'result'
  | 'benchmark'
  | 'key_action'
  | 'key_action_update'
  | PanelSheet;

/** One record to add or change. `after` holds every stored field; `before` the stored one (changes only). */
export interface Change<E extends Entity = Entity> {
  entity: E;
  /** Human key, e.g. "CG/S3 2016/17". */
  key: string;
  kind: 'add' | 'change';
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  /** Natural-key parts the writer resolves to ids. */
  where: Record<string, string | number | null>;
  /** The stored row's id, for changes. */
  id: number | null;
}

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
    if (found) return found;
    let slug = slugify(name);
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

export function planImport(data: WorkbookData, snapshot: FrameworkSnapshot): ImportPlan {
  const errors: ImportError[] = [];
  const list = new ChangeList();
  const committees = new Committees(snapshot);
  const committeeSlugById = new Map(snapshot.committees.map((c) => [c.id, c.slug]));

  // Published reports are locked (src/services/publication*): what they print may not change under them.
  const publishedByYear = new Map<number, { slug: string; period: Period }[]>();
  for (const c of snapshot.publishedCycles) {
    const period = periodFromKey(c.period);
    const year = financialYearOf(period);
    publishedByYear.set(year, [...(publishedByYear.get(year) ?? []), { slug: committeeSlugById.get(c.committeeId)!, period }]);
  }
  /** A committee's name in force in a plan year (a published report prints the name stored when it was published). */
  const nameIn = (names: { name: string; fromYear: number | null }[], year: number) =>
    names.filter((n) => n.fromYear === null || n.fromYear <= year).at(-1)?.name ?? names[0]?.name;
  const storedNames = new Map(snapshot.committees.map((c) => [c.slug, c.names]));
  const printedName = (slug: string, year: number) => nameIn(storedNames.get(slug) ?? [], year) ?? slug;
  /** The published reports of plan years `from`..`to` (exclusive; null = unbounded), of some committees (all when omitted). */
  const publishedIn = (from: number | null, to: number | null, slugs?: (string | undefined)[]): string[] =>
    [...publishedByYear]
      .filter(([year]) => (from === null || year >= from) && (to === null || year < to))
      .sort(([a], [b]) => a - b)
      .flatMap(([, cycles]) => cycles.filter((c) => !slugs || slugs.includes(c.slug)))
      .map((c) => `${printedName(c.slug, financialYearOf(c.period))} ${label(c.period)}`);
  const lockedMessage = (what: string, reports: string[]) =>
    `${what} would change published reports (${reports.length > 3 ? `${reports.slice(0, 3).join(', ')} and ${reports.length - 3} more` : reports.join(', ')}): reopen them (with a reason) first, or make the change from a later plan year`;

  // Council and plan years.
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
        ? { id: s.startYear, record: { method: stored.method, directionalPolicy: stored.directionalPolicy, highRiskFrom: stored.highRiskFrom } }
        : undefined,
      { method: s.method, directionalPolicy: s.directionalPolicy, highRiskFrom: s.highRiskFrom },
      { startYear: s.startYear },
    );
    const locked = changed && stored ? publishedIn(s.startYear, s.startYear + 1) : [];
    if (locked.length) {
      errors.push({
        sheet: 'settings',
        row: s.row,
        column: 'rag_method',
        value: formatFinancialYear(s.startYear),
        message: lockedMessage(`The ${formatFinancialYear(s.startYear)} rating method, directional targets or high-level risk score`, locked),
      });
    }
  }
  const knownYears = new Set([...storedYears.keys(), ...data.settings.map((s) => s.startYear)]);
  const requireYear = (sheet: string, row: number, column: string, period: Period) => {
    const year = financialYearOf(period);
    if (!knownYears.has(year)) {
      errors.push({
        sheet,
        row,
        column,
        value: label(period),
        message: `No rating method for plan year ${formatFinancialYear(year)}: add a row for it to the settings sheet`,
      });
    }
  };

  // Committees: declared ones first so renamed names resolve, then those named elsewhere.
  const storedCommittee = new Map(snapshot.committees.map((c) => [c.slug, c]));
  const declaredTerms = new Map<string, string | null>();
  for (const c of data.committees) {
    const slug = committees.declare(c.names);
    if (c.termsOfReference !== null) declaredTerms.set(slug, c.termsOfReference);
  }
  for (const p of data.priorities) committees.resolve(p.committee);
  for (const i of data.indicators) committees.resolve(i.committee);
  for (const a of data.actions) committees.resolve(a.committee);
  for (const sheet of PANEL_SHEETS) for (const r of data.panels[sheet]) committees.resolve(r.committee);
  for (const [slug, names] of committees.names) {
    const stored = storedCommittee.get(slug);
    const after = {
      termsOfReference: declaredTerms.has(slug) ? declaredTerms.get(slug)! : (stored?.termsOfReference ?? null),
      names,
    };
    if (stored) {
      const renamed = [...publishedByYear.keys()].filter((year) => nameIn(stored.names, year) !== nameIn(names, year));
      const locked = renamed.flatMap((year) => publishedIn(year, year + 1, [slug]));
      if (locked.length) {
        const row = data.committees.find((c) => c.names.some((n) => committees.find(n.name) === slug))?.row ?? null;
        errors.push({ sheet: 'committees', row, column: 'from_plan_year', value: names.at(-1)!.name, message: lockedMessage('This committee name', locked) });
      }
    }
    list.compare(
      'committee',
      names[names.length - 1]!.name,
      stored ? { id: stored.id, record: { termsOfReference: stored.termsOfReference, names: stored.names } } : undefined,
      after,
      { committee: slug },
    );
  }

  // Priorities: declared in the priorities sheet (with outcomes), or named by indicators and actions.
  const storedPriority = new Map(
    snapshot.priorities.map((p) => [`${committeeSlugById.get(p.committeeId)}|${p.name.toLowerCase()}`, p]),
  );
  const storedOutcomes = new Set(snapshot.priorities.map((p) => p.corporateOutcome).filter((o): o is string => o !== null));
  const seenPriority = new Set<string>();
  const seenOutcome = new Set<string>();
  const priority = (committeeName: string, name: string, declared?: { outcome: string | null; corporateOutcome: string | null }) => {
    const slug = committees.resolve(committeeName);
    const key = `${slug}|${name.trim().toLowerCase()}`;
    const stored = storedPriority.get(key);
    if (!seenPriority.has(key)) {
      seenPriority.add(key);
      const corporateOutcome = declared ? declared.corporateOutcome : (stored?.corporateOutcome ?? null);
      if (corporateOutcome && !storedOutcomes.has(corporateOutcome) && !seenOutcome.has(corporateOutcome)) {
        seenOutcome.add(corporateOutcome);
        list.compare('corporate_outcome', corporateOutcome, undefined, { name: corporateOutcome }, {});
      }
      list.compare(
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
  };
  for (const p of data.priorities) priority(p.committee, p.priority, p);

  // Indicator versions.
  const storedVersions = new Map(snapshot.versions.map((v) => [`${v.ref}|${v.fromYear ?? ''}`, v]));
  const firstYear = new Map<string, number | null>();
  const noteFirst = (ref: string, fromYear: number | null) => {
    const prev = firstYear.get(ref);
    if (prev === undefined) firstYear.set(ref, fromYear);
    else if (prev !== null && (fromYear === null || fromYear < prev)) firstYear.set(ref, fromYear);
  };
  for (const v of snapshot.versions) noteFirst(v.ref, v.fromYear);
  const changedVersions: { row: number; ref: string; fromYear: number | null; slugs: (string | undefined)[] }[] = [];
  for (const i of data.indicators) {
    noteFirst(i.ref, i.fromYear);
    if (i.fromYear !== null && !knownYears.has(i.fromYear)) {
      errors.push({
        sheet: 'indicators',
        row: i.row,
        column: 'plan_year',
        value: formatFinancialYear(i.fromYear),
        message: `No rating method for plan year ${formatFinancialYear(i.fromYear)}: add a row for it to the settings sheet`,
      });
    }
    const p = priority(i.committee, i.priority);
    const after = {
      title: i.title,
      committee: p.slug,
      priority: p.priority,
      type: i.type,
      polarity: i.polarity,
      unit: i.unit,
      frequency: i.frequency,
      basis: i.basis,
      source: i.source,
      tolerance: i.tolerance,
      definition: i.definition,
      measuredAgainst: i.measuredAgainst,
      owner: i.owner,
      footnote: i.footnote,
    };
    const stored = storedVersions.get(`${i.ref}|${i.fromYear ?? ''}`);
    const changed = list.compare(
      'indicator_version',
      i.fromYear === null ? i.ref : `${i.ref} from ${formatFinancialYear(i.fromYear)}`,
      stored
        ? {
            id: stored.id,
            record: {
              title: stored.title,
              committee: committeeSlugById.get(stored.committeeId),
              priority: stored.priority,
              type: stored.type,
              polarity: stored.polarity,
              unit: stored.unit,
              frequency: stored.frequency,
              basis: stored.basis,
              source: stored.source,
              tolerance: stored.tolerance,
              definition: stored.definition,
              measuredAgainst: stored.measuredAgainst,
              owner: stored.owner,
              footnote: stored.footnote,
            },
          }
        : undefined,
      after,
      { ref: i.ref, fromYear: i.fromYear },
    );
    if (changed) changedVersions.push({ row: i.row, ref: i.ref, fromYear: i.fromYear, slugs: [p.slug, stored && committeeSlugById.get(stored.committeeId)] });
  }

  const checkRef = (sheet: string, row: number, ref: string, period: Period) => {
    const first = firstYear.get(ref);
    if (first === undefined) {
      errors.push({ sheet, row, column: 'ref', value: ref, message: `No indicator "${ref}" in the indicators sheet or already stored` });
      return;
    }
    requireYear(sheet, row, 'period', period);
    const year = financialYearOf(period);
    if (first !== null && year < first) {
      errors.push({
        sheet,
        row,
        column: 'period',
        value: label(period),
        message: `Indicator ${ref} has no definition for ${formatFinancialYear(year)}: its first definition applies from ${formatFinancialYear(first)}`,
      });
    }
  };

  // Published data is locked: a change to a published (committee, period) is refused until the cycle is reopened.
  const published = new Set(snapshot.publishedCycles.map((c) => `${committeeSlugById.get(c.committeeId)}|${c.period}`));
  const versionsByRef = new Map<string, { fromYear: number | null; slug: string }[]>();
  const addVersion = (ref: string, fromYear: number | null, slug: string) => {
    const list = versionsByRef.get(ref) ?? [];
    const i = list.findIndex((v) => v.fromYear === fromYear);
    if (i >= 0) list[i] = { fromYear, slug };
    else list.push({ fromYear, slug });
    versionsByRef.set(ref, list);
  };
  for (const v of snapshot.versions) addVersion(v.ref, v.fromYear, committeeSlugById.get(v.committeeId)!);
  for (const i of data.indicators) addVersion(i.ref, i.fromYear, committees.resolve(i.committee));
  // A definition is in force from its plan year to the next version's: the published reports of those years print it.
  for (const v of changedVersions) {
    const next = (versionsByRef.get(v.ref) ?? [])
      .map((x) => x.fromYear)
      .filter((y): y is number => y !== null && (v.fromYear === null || y > v.fromYear))
      .sort((a, b) => a - b)[0];
    const locked = publishedIn(v.fromYear, next ?? null, v.slugs);
    if (locked.length) {
      errors.push({
        sheet: 'indicators',
        row: v.row,
        column: 'plan_year',
        value: v.fromYear === null ? v.ref : `${v.ref} ${formatFinancialYear(v.fromYear)}`,
        message: lockedMessage(`This definition of ${v.ref}`, locked),
      });
    }
  }
  const committeeOfRef = (ref: string, year: number): string | undefined => {
    let best: { fromYear: number | null; slug: string } | undefined;
    for (const v of versionsByRef.get(ref) ?? []) {
      if (v.fromYear !== null && v.fromYear > year) continue;
      if (!best || (best.fromYear ?? -Infinity) < (v.fromYear ?? -Infinity)) best = v;
    }
    return best?.slug;
  };
  const guard = (changed: boolean, sheet: string, row: number, slug: string | undefined, period: Period) => {
    if (!changed || slug === undefined || !published.has(`${slug}|${periodKey(period)}`)) return;
    const name = committees.names.get(slug)?.at(-1)?.name ?? slug;
    errors.push({
      sheet,
      row,
      column: 'period',
      value: label(period),
      message: `${name} ${label(period)} is published, so its data are locked: reopen it (with a reason) before changing them`,
    });
  };

  // Targets.
  const storedTargets = new Map(snapshot.targets.map((t) => [`${t.ref}|${t.period}`, t]));
  for (const t of data.targets) {
    checkRef('targets', t.row, t.ref, t.period);
    const key = periodKey(t.period);
    const stored = storedTargets.get(`${t.ref}|${key}`);
    const changed = list.compare(
      'target',
      `${t.ref} ${label(t.period)}`,
      stored ? { id: stored.id, record: { spec: stored.spec, printed: stored.printed, reason: stored.reason } } : undefined,
      { spec: t.target, printed: t.printed, reason: t.reason },
      { ref: t.ref, period: key, planYear: financialYearOf(t.period) },
    );
    guard(changed, 'targets', t.row, committeeOfRef(t.ref, financialYearOf(t.period)), t.period);
  }

  // Results and their benchmarks.
  const storedResults = new Map(snapshot.results.map((r) => [`${r.ref}|${r.period}`, r]));
  const storedBenchmarks = new Map(snapshot.benchmarks.map((b) => [`${b.ref}|${b.period}`, b]));
  for (const r of data.results) {
    checkRef('results', r.row, r.ref, r.period);
    const key = periodKey(r.period);
    const stored = storedResults.get(`${r.ref}|${key}`);
    let changed = list.compare(
      'result',
      `${r.ref} ${label(r.period)}`,
      stored
        ? {
            id: stored.id,
            record: {
              value: stored.value,
              printed: stored.printed,
              dataPeriod: stored.dataPeriod,
              basis: stored.basis,
              status: stored.status,
              numerator: stored.numerator,
              denominator: stored.denominator,
              printedRag: stored.printedRag,
              printedDirection: stored.printedDirection,
              commentary: stored.commentary,
              intervention: stored.intervention,
              note: stored.note,
            },
          }
        : undefined,
      {
        value: r.value,
        printed: r.printed,
        dataPeriod: r.dataPeriod?.label ?? null,
        basis: r.basis,
        status: r.status,
        numerator: r.numerator,
        denominator: r.denominator,
        printedRag: r.printedRag,
        printedDirection: r.printedDirection,
        commentary: r.commentary,
        intervention: r.intervention,
        note: r.note,
      },
      { ref: r.ref, period: key, planYear: financialYearOf(r.period) },
    );
    if (r.benchmark) {
      const b = storedBenchmarks.get(`${r.ref}|${key}`);
      changed = list.compare(
        'benchmark',
        `${r.ref} ${label(r.period)}`,
        b ? { id: b.id, record: { text: b.text, label: b.label, value: b.value, source: b.source, period: b.dataPeriod } } : undefined,
        { ...r.benchmark },
        { ref: r.ref, period: key },
      ) || changed;
    }
    guard(changed, 'results', r.row, committeeOfRef(r.ref, financialYearOf(r.period)), r.period);
  }

  // Key actions: the row of the latest period defines the action; each row is one period's update.
  const storedActions = new Map(snapshot.actions.map((a) => [`${committeeSlugById.get(a.committeeId)}|${a.ref}`, a]));
  const storedUpdates = new Map(snapshot.actionUpdates.map((u) => [`${u.actionId}|${u.period}`, u]));
  const latest = new Map<string, (typeof data.actions)[number]>();
  for (const a of data.actions) {
    requireYear('actions', a.row, 'period', a.period);
    const slug = committees.resolve(a.committee);
    const key = `${slug}|${a.ref}`;
    const prev = latest.get(key);
    if (!prev || periodKey(prev.period) <= periodKey(a.period)) latest.set(key, a);
  }
  for (const [key, a] of latest) {
    const p = priority(a.committee, a.priority);
    const stored = storedActions.get(key);
    list.compare(
      'key_action',
      a.ref,
      stored ? { id: stored.id, record: { priority: stored.priority, title: stored.title, service: stored.service } } : undefined,
      { priority: p.priority, title: a.title, service: a.service },
      { committee: p.slug, ref: a.ref },
    );
  }
  for (const a of data.actions) {
    const slug = committees.resolve(a.committee);
    const action = storedActions.get(`${slug}|${a.ref}`);
    const key = periodKey(a.period);
    const stored = action ? storedUpdates.get(`${action.id}|${key}`) : undefined;
    const changed = list.compare(
      'key_action_update',
      `${a.ref} ${label(a.period)}`,
      stored ? { id: stored.id, record: { rag: stored.rag, commentary: stored.commentary } } : undefined,
      { rag: a.rag, commentary: a.commentary },
      { committee: slug, ref: a.ref, period: key, planYear: financialYearOf(a.period) },
    );
    guard(changed, 'actions', a.row, slug, a.period);
  }

  // Panels: finance, risk, workforce, customer experience, narrative, priority status.
  for (const sheet of PANEL_SHEETS) {
    const spec = PANELS[sheet];
    const stored = new Map(
      snapshot.panels[sheet].map((r) => [`${committeeSlugById.get(r.committeeId)}|${r.period}|${spec.key.map((k) => String(r.values[k])).join('|')}`, r]),
    );
    for (const r of data.panels[sheet]) {
      requireYear(sheet, r.row, 'period', r.period);
      const slug = committees.resolve(r.committee);
      const values = { ...r.values };
      for (const f of spec.fields) {
        if (f.kind === 'priority' && typeof values[f.name] === 'string') values[f.name] = priority(r.committee, values[f.name] as string).priority;
      }
      const period = periodKey(r.period);
      const identity = spec.key.map((k) => String(values[k])).join('|');
      const found = stored.get(`${slug}|${period}|${identity}`);
      const changed = list.compare(
        sheet,
        `${spec.key.map((k) => values[k]).join(' ')} ${label(r.period)}`,
        found ? { id: found.id, record: found.values } : undefined,
        values,
        { committee: slug, period, planYear: financialYearOf(r.period) },
      );
      guard(changed, sheet, r.row, slug, r.period);
    }
  }

  return { errors, changes: list.changes };
}

/** One line per change, for `--dry-run`: "change result CG/S3 2016/17: value 21 → 22". */
export function describeChange(c: Change): string {
  const name = c.entity.replace(/_/g, ' ');
  if (c.kind === 'add' || !c.before) return `add ${name} ${c.key}`;
  const fields = Object.keys(c.after).filter((k) => canonical(c.before![k]) !== canonical(c.after[k]));
  const show = (v: unknown) => (v === null || v === undefined ? '(blank)' : typeof v === 'string' ? JSON.stringify(v) : canonical(v));
  return `change ${name} ${c.key}: ${fields.map((f) => `${f} ${show(c.before![f])} → ${show(c.after[f])}`).join('; ')}`;
}

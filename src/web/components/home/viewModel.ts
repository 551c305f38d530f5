/**
 * The home page's view model: the council, its committees (with their names over time), the current
 * period and links to each committee's dashboards; for staff, what is due from whom. Built from the
 * database by the route; tested without a browser.
 */
import { isDueIn } from '../../../domain/completeness.ts';
import type { CycleStatus } from '../../../domain/cycle.ts';
import { comparePeriods, financialYearOf, formatFinancialYear, formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import type { PerformanceReport } from '../../../services/performanceReport.ts';
import type { VisiblePeriod } from '../../../services/publicationService.ts';
import { actionsPath, committeePath, dashboardPath, indicatorPath } from '../../urls.ts';
import { cycleStatusTag, type TagView } from '../shared/present.ts';

export interface HomeInput {
  council: string | null;
  /** Staff see unpublished periods, statuses and what is due. */
  staff: boolean;
  committees: { slug: string; names: { name: string; fromYear: number | null }[]; periods: VisiblePeriod[] }[];
  /** Staff only: each committee's report for its current period (to list what is outstanding). */
  currentReports: PerformanceReport[] | null;
}

export interface HomeCommittee {
  name: string;
  formerNames: string[];
  href: string | null;
  current: { label: string; href: string; actionsHref: string; status: TagView | null } | null;
  years: { planYear: string; periods: { text: string; href: string; status: TagView | null }[] }[];
}

export interface DueGroup {
  owner: string;
  items: { ref: string; title: string; href: string; committee: string; period: string; frequency: string }[];
}

export interface HomeView {
  pageTitle: string;
  council: string;
  currentPeriod: string | null;
  currentPeriodText: string;
  committees: HomeCommittee[];
  staff: boolean;
  /** Null for the public. */
  due: DueGroup[] | null;
}

export { isDueIn };

/** Results due in each report's period with no result yet, grouped by owner. */
export function dueFromWhom(reports: PerformanceReport[]): DueGroup[] {
  const groups = new Map<string, DueGroup>();
  for (const report of reports) {
    const period = periodFromKey(report.period.key);
    for (const i of report.indicators) {
      if (i.result !== null || !isDueIn(i.frequency, period)) continue;
      const owner = i.owner?.trim() || 'No owner recorded';
      const group = groups.get(owner) ?? { owner, items: [] };
      group.items.push({ ref: i.ref, title: i.title, href: indicatorPath(i.ref), committee: report.committee.name, period: report.period.label, frequency: i.frequency });
      groups.set(owner, group);
    }
  }
  return [...groups.values()].sort((a, b) => a.owner.localeCompare(b.owner));
}

const latest = (periods: VisiblePeriod[]) => periods[periods.length - 1] ?? null;

export function buildHomeView(input: HomeInput): HomeView {
  const tag = (status: CycleStatus) => (input.staff ? cycleStatusTag(status) : null);
  const committees = input.committees.map((c): HomeCommittee => {
    const names = c.names.map((n) => (n.fromYear === null ? n.name : `${n.name} (from ${formatFinancialYear(n.fromYear)})`));
    const current = latest(c.periods);
    const byYear = new Map<number, VisiblePeriod[]>();
    for (const p of c.periods) {
      const year = financialYearOf(periodFromKey(p.key));
      byYear.set(year, [...(byYear.get(year) ?? []), p]);
    }
    return {
      name: names[names.length - 1] ?? c.slug,
      formerNames: names.slice(0, -1),
      href: current ? committeePath(c.slug) : null,
      current: current && {
        label: formatPeriod(periodFromKey(current.key)),
        href: dashboardPath(c.slug, current.key),
        actionsHref: actionsPath(c.slug, current.key),
        status: tag(current.status),
      },
      years: [...byYear.entries()]
        .sort(([a], [b]) => b - a)
        .map(([year, periods]) => ({
          planYear: formatFinancialYear(year),
          periods: periods.map((p) => {
            const period = periodFromKey(p.key);
            return {
              text: period.kind === 'year' ? `Whole year ${formatFinancialYear(year)}` : formatPeriod(period),
              href: dashboardPath(c.slug, p.key),
              status: tag(p.status),
            };
          }),
        })),
    };
  });
  const currents = input.committees.map((c) => latest(c.periods)?.key).filter((k): k is string => !!k);
  const overall = currents.sort((a, b) => comparePeriods(periodFromKey(a), periodFromKey(b))).pop() ?? null;
  const currentPeriod = overall ? formatPeriod(periodFromKey(overall)) : null;
  return {
    pageTitle: 'Home',
    council: input.council ?? 'No council loaded yet',
    currentPeriod,
    currentPeriodText: currentPeriod
      ? `The latest ${input.staff ? '' : 'published '}period is ${currentPeriod}.`
      : input.staff
        ? 'No results have been entered yet.'
        : 'No performance reports have been published yet.',
    committees,
    staff: input.staff,
    due: input.currentReports === null ? null : dueFromWhom(input.currentReports),
  };
}

/**
 * The home page's view model: the council, its committees (with their names over time) and links to
 * each plan year's report. Built from the database by the route; tested without a browser.
 */
import { formatFinancialYear } from '../../../domain/periods.ts';

export interface HomeInput {
  council: string | null;
  committees: { slug: string; names: { name: string; fromYear: number | null }[] }[];
  planYears: number[];
  indicatorCount: number;
  resultCount: number;
}

export interface HomeView {
  pageTitle: string;
  council: string;
  summary: string;
  committees: { name: string; formerNames: string[]; reports: { text: string; href: string }[] }[];
}

export function buildHomeView(input: HomeInput): HomeView {
  const years = input.planYears.map(formatFinancialYear);
  return {
    pageTitle: 'Home',
    council: input.council ?? 'No council loaded yet',
    summary:
      years.length > 0
        ? `${input.indicatorCount} indicators and ${input.resultCount} results, plan years ${years[0]} to ${years[years.length - 1]}.`
        : 'No data has been imported yet.',
    committees: input.committees.map((c) => {
      const names = c.names.map((n) => (n.fromYear === null ? n.name : `${n.name} (from ${formatFinancialYear(n.fromYear)})`));
      return {
        name: names[names.length - 1] ?? c.slug,
        formerNames: names.slice(0, -1),
        reports: years.map((y) => ({
          text: `${y} report`,
          href: `/reports/performance?committee=${encodeURIComponent(c.slug)}&period=${encodeURIComponent(y)}&format=md`,
        })),
      };
    }),
  };
}

/**
 * The registry of document kinds: every kind of document Townhall publishes, each an entry
 * (`DocumentKind`, kind.ts) with its title, the requests it refuses, how its model is loaded and how it
 * becomes a neutral document. The CLI (`townhall report <kind>`), the web reports pages
 * (`…/reports/<kind>.<format>`), load.ts and render.ts look kinds up here; none switches on them.
 * Adding a kind (a cover sheet, minutes, an agenda pack) is adding its entry to `DOCUMENT_KINDS`.
 */
import type { DocumentKind } from './kind.ts';
import { addendumKind, annualKind, dashboardKind, quarterlyKind } from './performanceKinds.ts';
import { minutesKind } from './minutesKind.ts';
import { workProgrammeKind } from './workProgrammeKind.ts';

/** In this order in messages ("the report type is one of quarterly, annual, addendum, dashboard"). */
export const DOCUMENT_KINDS = [quarterlyKind, annualKind, addendumKind, dashboardKind, workProgrammeKind, minutesKind] as const;

type Entry = (typeof DOCUMENT_KINDS)[number];
/** The id of every kind: 'quarterly' | 'annual' | 'addendum' | 'dashboard' | 'work-programme' | 'minutes'. */
export type AnyReportKind = Entry['id'];
/** The model of each kind, by id. */
export type ReportModels = { [E in Entry as E['id']]: E extends DocumentKind<string, infer M> ? M : never };

export const REPORT_KINDS: readonly AnyReportKind[] = DOCUMENT_KINDS.map((k) => k.id);

export const REPORT_KIND_TITLES = Object.fromEntries(DOCUMENT_KINDS.map((k) => [k.id, k.title])) as Record<AnyReportKind, string>;

/** The kind of an id, or undefined for an id no kind has. */
export function findKind(id: string): DocumentKind | undefined {
  return DOCUMENT_KINDS.find((k) => k.id === id);
}

/** The kind of a known id, typed with its model. */
export function kindOf<K extends AnyReportKind>(id: K): DocumentKind<K, ReportModels[K]> {
  const kind = findKind(id);
  if (!kind) throw new Error(`Unknown report type "${String(id)}": use ${REPORT_KINDS.join(', ')}`);
  return kind as DocumentKind<K, ReportModels[K]>;
}

/**
 * A kind of document Townhall publishes (the registry is kinds.ts): how its model is loaded from stored
 * data, which requests it refuses, and how the model becomes a neutral document (src/documents). The
 * four performance reports are the first kinds; cover sheets, minutes and agenda packs are added as
 * more entries.
 */
import type { ReportDocument } from '../documents/model.ts';
import type { PaperMeta } from '../documents/paper.ts';
import type { Period } from '../domain/types.ts';
import type { ReportRepository } from '../repositories/reportRepository.ts';
import type { PerformanceReport } from '../services/performanceReport.ts';
import type { WorkProgrammeView } from '../services/workProgrammeService.ts';
import type { Addendum } from './addendum.ts';
import type { MinutesModel } from './minutesDocument.ts';

/** The caller's facts for the cover sheet and the standard sections (PaperMeta), and narrative the data do not hold. */
export interface ReportMeta extends PaperMeta {
  /** Narrative paragraphs per priority, by priority name, printed before its tables. */
  priorityNarratives?: Record<string, string[]>;
  /**
   * Set when the paper is made from figures that are not published (staff only): the reason printed as
   * a draft warning on the paper and in every page header (markDraft in src/documents/paper.ts).
   */
  draft?: string;
  /** When the version the paper shows was published (ReportDocument.issued). */
  issued?: Date;
}

export interface ReportRequest {
  kind: string;
  committee?: string | null;
  unit?: string | null;
  period: string;
}

export interface ReportSources {
  /**
   * The performance report of a committee (any of its names) and period (as people write it) as the
   * reader may see it — a published version, or for staff the live draft — or null when the reader may
   * not see it. Throws ReportError (for people) for an unknown committee or a year without a method.
   */
  report(committee: string, period: string): Promise<PerformanceReport | null>;
  /** The addendum as it was published with a Q3 period, when there is one (the published version is never rebuilt). */
  publishedAddendum?(committee: string, period: string): Promise<Addendum | null>;
  repo: ReportRepository;
  /**
   * A committee's forward work programme from a date (a dated kind's source): given by the callers that
   * make it (the web's work programme pages, the CLI); null for an unknown committee.
   */
  workProgramme?(committee: string, from: string): Promise<WorkProgrammeView | null>;
  /**
   * The minutes of a committee's meeting on a date as the reader may see them (src/services/outcomesService.ts
   * decides: published only, exempt items as their placeholder unless entitled); null when there are none to see.
   */
  minutes?(committee: string, date: string): Promise<MinutesModel | null>;
}

export interface DocumentKind<Id extends string = string, Model = unknown> {
  /** In URLs (`…/reports/<id>.pdf`), the CLI (`townhall report <id>`) and `ReportDocument.kind`. */
  readonly id: Id;
  /** "Quarterly performance report": the heading of its entry on the reports page. */
  readonly title: string;
  /** What the document holds, for the reports page of a period (its label, e.g. "Q3 2018/19"). */
  description(periodLabel: string): string;
  /** How it is named in messages: "The <noun> needs --committee <name>". */
  readonly noun: string;
  /**
   * Whether the request's `period` is a date (YYYY-MM-DD) the document runs from — a forward work
   * programme — rather than a reporting period; such a kind is never offered on a period's reports page.
   */
  readonly dated?: boolean;
  /** Whether it is made for a delivery unit too (`--unit`), not only for a committee. */
  readonly forUnit?: boolean;
  /** Why the kind is not made for the period (a message for people), or null when it is. */
  refusePeriod(period: Period, label: string): string | null;
  /** Whether the reports page of a committee and period offers it, and in which place (lower first). */
  offeredFor(period: Period): boolean;
  readonly rank: number;
  /** Its model, from stored data; the request has been checked (load.ts checkRequest). */
  load(sources: ReportSources, request: ReportRequest): Promise<Model>;
  /** Its neutral document. */
  build(model: Model, meta: ReportMeta): ReportDocument;
}

/** Declares a kind, keeping its id as a literal type (for the union of ids, kinds.ts). */
export const defineKind = <const Id extends string, Model>(kind: DocumentKind<Id, Model>): DocumentKind<Id, Model> => kind;

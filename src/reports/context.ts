/**
 * What the section builders of the quarterly and annual reports (performanceDocument.ts, panels.ts)
 * see: the report type, the model, the caller's facts, the footnotes and the table counter.
 */
import type { Footnotes } from '../documents/blocks.ts';
import type { Block } from '../documents/model.ts';
import type { IndicatorReport, PerformanceReport } from '../services/performanceReport.ts';
import type { ReportMeta } from './kind.ts';

/** The committee report types built from one `PerformanceReport` (this file). */
export type ReportKind = 'quarterly' | 'annual';

/** What a section builder sees. */
export interface BuildContext {
  kind: ReportKind;
  report: PerformanceReport;
  meta: ReportMeta;
  title: string;
  notes: Footnotes;
  /** Index of each indicator in `report.indicators` (for `Cell.source`). */
  indexOf: Map<IndicatorReport, number>;
  /** The next table number ("Table 3"), counted through the document. */
  nextTable(): number;
  /** Refs of the indicators that get a trend chart (`chartedRefs`). */
  charted: Set<string>;
}

export interface Section {
  id: string;
  build(ctx: BuildContext): Block[];
}

/**
 * Panel entry (finance, risk and narrative panels of a committee's period): the stored rows, the
 * priorities a row may name, the figures the report computes from them, and whether the period is
 * locked. Saving goes through the importer (ImportService.importData), as every write does.
 */
import type { Db } from '../db/connection.ts';
import type { FrameworkAdminRepository } from '../repositories/frameworkAdminRepository.ts';
import { loadPanelsFor, type StoredPanelRow, type StoredPanels } from '../repositories/panelRepository.ts';
import type { EntryCycle, EntryService } from './entryService.ts';
import type { ReportService } from './performanceReport.ts';
import type { PriorityStatusView, ReportPanels } from './reportPanels.ts';

export type { StoredPanelRow, StoredPanels };

/** The report's computed figures for the period; none when it cannot be built (no data yet). */
export interface PanelComputed {
  panels: ReportPanels | null;
  priorityStatuses: PriorityStatusView[];
}

export class PanelEntryService {
  constructor(
    private readonly db: Db,
    private readonly framework: FrameworkAdminRepository,
    private readonly reports: ReportService,
    private readonly entry: EntryService,
  ) {}

  stored(cycle: EntryCycle): Promise<StoredPanels> {
    return loadPanelsFor(this.db, cycle.committee.id, cycle.periodKey);
  }

  /** The names of the committee's priorities (a row of the overall-status panel names one). */
  async priorities(cycle: EntryCycle): Promise<string[]> {
    return ((await this.framework.committees()).find((c) => c.id === cycle.committee.id)?.priorities ?? []).map((p) => p.name);
  }

  async computed(cycle: EntryCycle): Promise<PanelComputed> {
    const report = await this.reports.reportFor(cycle.committee.slug, cycle.periodKey);
    return report ? { panels: report.panels, priorityStatuses: report.priorityStatuses } : { panels: null, priorityStatuses: [] };
  }

  /** Why changes will be refused (the period is published), or null. */
  async lock(cycle: EntryCycle): Promise<string | null> {
    return (await this.entry.status(cycle)) === 'published'
      ? `${cycle.label} is published, so its data are locked: reopen it (with a reason) before changing them`
      : null;
  }
}

/**
 * Export use case: the stored framework and committee business written back as the import template
 * (xlsx or a folder of csv).
 * Importing the export changes nothing (tested as a round trip).
 */
import type { Db } from '../db/connection.ts';
import { parsePrintedDirection } from '../domain/direction.ts';
import { parseDataPeriod, periodFromKey } from '../domain/periods.ts';
import type { ActionRag, Basis, Frequency, Polarity, Rag, ResultStatus, Unit } from '../domain/types.ts';
import { loadSnapshot, type FrameworkSnapshot } from '../repositories/frameworkRepository.ts';
import type { PanelData, WorkbookData } from '../workbook/model.ts';
import { PANEL_SHEETS } from '../workbook/panelSpecs.ts';
import { writeWorkbook } from '../workbook/write.ts';
import { financialYearOf } from '../domain/periods.ts';
import { exportCommitteeBusiness } from './committeeBusinessImport.ts';
import { exportAgendasAndProgrammes } from './agendaProgrammeImport.ts';

export class ExportService {
  constructor(private readonly db: Db) {}

  async exportTo(path: string, format: 'xlsx' | 'csv'): Promise<WorkbookData> {
    const data = snapshotToWorkbook(await loadSnapshot(this.db));
    data.committeeBusiness = { ...(await exportCommitteeBusiness(this.db)), ...(await exportAgendasAndProgrammes(this.db)) };
    await writeWorkbook(data, path, format);
    return data;
  }
}

export function snapshotToWorkbook(s: FrameworkSnapshot): WorkbookData {
  const committeeById = new Map(s.committees.map((c) => [c.id, c]));
  const nameIn = (committeeId: number, year: number | null) => {
    const c = committeeById.get(committeeId)!;
    let name = c.names[0]!.name;
    for (const n of c.names) if (n.fromYear === null || (year !== null && n.fromYear <= year)) name = n.name;
    return name;
  };
  const benchmarkBy = new Map(s.benchmarks.map((b) => [`${b.ref}|${b.period}`, b]));
  const actionById = new Map(s.actions.map((a) => [a.id, a]));
  return {
    settings: s.planYears.map((y) => ({
      startYear: y.startYear,
      method: y.method,
      directionalPolicy: y.directionalPolicy,
      significanceLevel: y.significanceLevel,
      council: s.council,
      highRiskFrom: y.highRiskFrom,
      row: 0,
    })),
    committees: s.committees.map((c) => ({ names: c.names, row: 0 })),
    // Named by the first name, as the committees sheet keys it.
    terms: s.committees.flatMap((c) => c.terms.map((t) => ({ committee: c.names[0]?.name ?? c.slug, fromYear: t.fromYear, text: t.text, sheet: 'terms_of_reference' as const, row: 0 }))),
    priorities: s.priorities.map((p) => ({
      committee: nameIn(p.committeeId, null),
      priority: p.name,
      outcome: p.outcome,
      corporateOutcome: p.corporateOutcome,
      row: 0,
    })),
    indicators: s.versions.map((v) => ({
      ref: v.ref,
      fromYear: v.fromYear,
      title: v.title,
      committee: nameIn(v.committeeId, v.fromYear),
      priority: v.priority,
      type: v.type,
      polarity: v.polarity as Polarity,
      unit: v.unit as Unit,
      frequency: v.frequency as Frequency,
      basis: v.basis as Basis,
      source: v.source,
      tolerance: v.tolerance,
      definition: v.definition,
      measuredAgainst: v.measuredAgainst,
      owner: v.owner,
      footnote: v.footnote,
      row: 0,
    })),
    targets: s.targets.map((t) => ({ ref: t.ref, period: periodFromKey(t.period), target: t.spec, printed: t.printed, reason: t.reason, row: 0 })),
    results: s.results.map((r) => {
      const b = benchmarkBy.get(`${r.ref}|${r.period}`);
      return {
        ref: r.ref,
        period: periodFromKey(r.period),
        value: r.value,
        printed: r.printed,
        dataPeriod: r.dataPeriod ? parseDataPeriod(r.dataPeriod) : null,
        basis: r.basis as Basis | null,
        status: r.status as ResultStatus,
        numerator: r.numerator,
        denominator: r.denominator,
        printedRag: r.printedRag as Rag | null,
        printedDirection: r.printedDirection ? (parsePrintedDirection(r.printedDirection.text) ?? r.printedDirection) : null,
        benchmark: b ? { text: b.text, label: b.label, value: b.value, source: b.source, period: b.dataPeriod } : null,
        commentary: r.commentary,
        intervention: r.intervention,
        note: r.note,
        row: 0,
      };
    }),
    panels: Object.fromEntries(
      PANEL_SHEETS.map((sheet) => [
        sheet,
        s.panels[sheet].map((r) => {
          const period = periodFromKey(r.period);
          return { committee: nameIn(r.committeeId, financialYearOf(period)), period, values: r.values, row: 0 };
        }),
      ]),
    ) as unknown as PanelData,
    actions: s.actionUpdates.map((u) => {
      const a = actionById.get(u.actionId)!;
      const period = periodFromKey(u.period);
      return {
        ref: a.ref,
        committee: nameIn(a.committeeId, financialYearOf(period)),
        priority: a.priority,
        title: a.title,
        service: a.service,
        fromYear: a.fromYear,
        toYear: a.toYear,
        period,
        rag: u.rag as ActionRag,
        commentary: u.commentary,
        row: 0,
      };
    }),
  };
}

/**
 * Stored rows as the rest of the code sees them (camelCase, one shape per table), mapped in one
 * place so every repository reads indicators and results the same way.
 */
import type { Selectable } from 'kysely';
import type { IndicatorVersionTable, PrintedDirectionJson, ResultTable } from '../db/schema.ts';
import type { IndicatorDefinition } from '../domain/indicator.ts';

export type { IndicatorDefinition };

export function toIndicatorDefinition(v: Selectable<IndicatorVersionTable>): IndicatorDefinition {
  return {
    indicatorId: v.indicator_id,
    fromYear: v.from_year,
    title: v.title,
    committeeId: v.committee_id,
    priorityId: v.priority_id,
    type: v.type,
    polarity: v.polarity,
    unit: v.unit,
    frequency: v.frequency,
    basis: v.basis,
    source: v.source,
    tolerance: v.tolerance,
    definition: v.definition,
    measuredAgainst: v.measured_against,
    owner: v.owner,
    footnote: v.footnote,
  };
}

export interface ResultRecord {
  id: number;
  indicatorId: number;
  period: string;
  value: number | null;
  printed: string;
  dataPeriod: string | null;
  basis: string | null;
  status: string;
  numerator: number | null;
  denominator: number | null;
  printedRag: string | null;
  printedDirection: PrintedDirectionJson | null;
  commentary: string | null;
  intervention: string | null;
  note: string | null;
  overrideRag: string | null;
  overrideReason: string | null;
  revision: number;
}

export function toResultRecord(r: Selectable<ResultTable>): ResultRecord {
  return {
    id: r.id,
    indicatorId: r.indicator_id,
    period: r.period,
    value: r.value,
    printed: r.printed,
    dataPeriod: r.data_period,
    basis: r.basis,
    status: r.status,
    numerator: r.numerator,
    denominator: r.denominator,
    printedRag: r.printed_rag,
    printedDirection: r.printed_direction,
    commentary: r.commentary,
    intervention: r.intervention,
    note: r.note,
    overrideRag: r.override_rag,
    overrideReason: r.override_reason,
    revision: r.revision,
  };
}

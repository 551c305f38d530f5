/**
 * Open data: every published indicator result with its target, RAG and direction of travel, as CSV
 * and JSON with a Frictionless Data Package descriptor (datapackage.json). Only published
 * (committee, period) cycles are included, each as last published (publicationService.ts): figures
 * come from the published report models, never recomputed from the data as they are now.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ReportRepository } from '../repositories/reportRepository.ts';
import { escapeCsvCell } from '../workbook/read.ts';
import { sortPeriodKeys, type PublicationService } from './publicationService.ts';

export interface OpenDataRow {
  ref: string;
  title: string;
  committee: string;
  priority: string;
  indicator_type: string;
  polarity: string;
  period: string;
  data_period: string | null;
  status: string;
  value: number | null;
  unit: string;
  basis: string;
  target: string | null;
  rag: string;
  rag_reason: string;
  direction_of_travel: string;
  direction_percentage: number | null;
  compared_with: string | null;
  benchmark: string | null;
}

/** Field order and Table Schema types (https://specs.frictionlessdata.io/table-schema/). */
export const OPEN_DATA_FIELDS: { name: keyof OpenDataRow; type: 'string' | 'number'; description: string }[] = [
  { name: 'ref', type: 'string', description: 'Indicator code' },
  { name: 'title', type: 'string', description: 'Indicator title as defined in the plan year' },
  { name: 'committee', type: 'string', description: 'Committee, as named in the plan year' },
  { name: 'priority', type: 'string', description: 'Committee priority the indicator sits under' },
  { name: 'indicator_type', type: 'string', description: 'CPI (Corporate Plan), SPI (Commissioning Plan), MPI (Management Agreement), KPI (contract)' },
  { name: 'polarity', type: 'string', description: 'Bigger is Better or Smaller is Better' },
  { name: 'period', type: 'string', description: 'Reporting period (financial year April–March, or quarter)' },
  { name: 'data_period', type: 'string', description: 'The period the data describe, when different' },
  { name: 'status', type: 'string', description: 'reported, due, not available, not collected or new' },
  { name: 'value', type: 'number', description: 'The result (empty when not reported)' },
  { name: 'unit', type: 'string', description: 'percent, number, currency, days or rate' },
  { name: 'basis', type: 'string', description: 'discrete, cumulative, snapshot or rolling (12 months)' },
  { name: 'target', type: 'string', description: 'The target as set (a number, Monitor, Increase…)' },
  { name: 'rag', type: 'string', description: 'RAG rating (Green, Green Amber, Amber, Red Amber, Red), Monitor or Not rated' },
  { name: 'rag_reason', type: 'string', description: 'Why the rating is what it is: method, inputs and band' },
  { name: 'direction_of_travel', type: 'string', description: 'Long-term direction of travel against the same period last year' },
  { name: 'direction_percentage', type: 'number', description: '(this result − last year’s) ÷ last year’s × 100' },
  { name: 'compared_with', type: 'string', description: 'The period compared with' },
  { name: 'benchmark', type: 'string', description: 'Benchmark as published' },
];

export class OpenDataService {
  constructor(
    private readonly repo: ReportRepository,
    private readonly publication: PublicationService,
  ) {}

  /** Every published indicator result (each period's latest published version), committee by committee, oldest period first. */
  async rows(): Promise<OpenDataRow[]> {
    const out: OpenDataRow[] = [];
    const latest = await this.publication.latestVersions();
    for (const committee of await this.repo.listCommittees()) {
      const mine = latest.filter((p) => p.committeeId === committee.id);
      for (const key of sortPeriodKeys(mine.map((p) => p.period))) {
        const { report } = await this.publication.models(mine.find((p) => p.period === key)!);
        for (const i of report.indicators) {
          if (!i.result) continue;
          const dot = i.direction.longTerm;
          out.push({
            ref: i.ref,
            title: i.title,
            committee: report.committee.name,
            priority: i.priority,
            indicator_type: i.type,
            polarity: i.polarityText,
            period: report.period.label,
            data_period: i.result.dataPeriod?.label ?? null,
            status: i.result.status,
            value: i.result.status === 'reported' ? i.result.value : null,
            unit: i.unit,
            basis: i.basis,
            target: i.target?.display ?? null,
            rag: i.rating.label,
            rag_reason: i.rating.reason.text,
            direction_of_travel: dot.text,
            direction_percentage: dot.percentage,
            compared_with: dot.comparedWith,
            benchmark: i.benchmark?.text ?? null,
          });
        }
      }
    }
    return out;
  }

  /** Writes indicator-results.csv, indicator-results.json and datapackage.json into `dir`. */
  async publish(dir: string, council: { name: string | null }): Promise<{ rows: number; files: string[] }> {
    const rows = await this.rows();
    await mkdir(dir, { recursive: true });
    const files = ['indicator-results.csv', 'indicator-results.json', 'datapackage.json'];
    await writeFile(join(dir, files[0]!), toCsv(rows));
    await writeFile(join(dir, files[1]!), JSON.stringify(rows, null, 2) + '\n');
    await writeFile(join(dir, files[2]!), JSON.stringify(dataPackage(council.name), null, 2) + '\n');
    return { rows: rows.length, files };
  }
}

/** CSV with every text cell neutralised against formula injection (numbers stay numbers). */
export function toCsv(rows: OpenDataRow[]): string {
  const columns = OPEN_DATA_FIELDS.map((f) => f.name);
  return stringify(
    rows.map((r) =>
      columns.map((c) => {
        const v = r[c];
        return v === null ? '' : typeof v === 'number' ? String(v) : escapeCsvCell(v);
      }),
    ),
    { header: true, columns },
  );
}

export function dataPackage(council: string | null): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: 'townhall-indicator-results',
    title: `${council ?? 'Council'} performance indicator results`,
    description:
      'Published results of the council’s performance indicators with their targets, RAG ratings (with the reason) and direction of travel, as reported to committee. Generated by Townhall from the council’s stored data.',
    licenses: [{ name: 'OGL-UK-3.0', path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', title: 'Open Government Licence v3.0' }],
    resources: [
      {
        profile: 'tabular-data-resource',
        name: 'indicator-results',
        path: 'indicator-results.csv',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: {
          fields: OPEN_DATA_FIELDS.map((f) => ({ name: f.name, type: f.type, description: f.description })),
          primaryKey: ['ref', 'period'],
          missingValues: [''],
        },
      },
    ],
  };
}

/**
 * Writes the import workbook back (docs/import-template.md): the same sheets and columns that
 * `readWorkbook` + `validateWorkbook` accept, so that reading a written workbook gives the same data.
 * The text as printed is written where it was kept (target `printed`, result `printed`, benchmark
 * `text`); otherwise the canonical vocabulary words (`Bigger is Better`, `percent`, `Q2 2018/19`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ACTION_RAG_WORDS,
  BASIS_WORDS,
  FREQUENCY_WORDS,
  POLARITY_WORDS,
  UNIT_WORDS,
  formatNumber,
  formatTarget,
  parseResultText,
} from '../domain/cells.ts';
import { formatPeriod } from '../domain/periods.ts';
import { SHEETS, type PanelData, type SheetName, type WorkbookData } from './model.ts';
import { PANELS, PANEL_SHEETS, type PanelSheet } from './panelSpecs.ts';
import { escapeCsvCell } from './read.ts';
import { COLUMNS } from './columns.ts';
import { committeeBusinessRows } from './committeeBusinessSheets.ts';

type Row = Record<string, string>;

const year = (startYear: number): string => formatPeriod({ kind: 'year', startYear });
const num = (n: number | null): string => (n === null ? '' : formatNumber(n));

/** The rows of every sheet as text, in the template's column names. */
export function workbookRows(data: WorkbookData): Record<SheetName, Row[]> {
  return {
    settings: data.settings.map((s) => {
      const row: Row = {
        plan_year: year(s.startYear),
        council: s.council ?? '',
        rag_method: s.method.kind,
        directional_targets: s.directionalPolicy === 'previous-year' ? 'previous year' : 'monitor',
        high_risk_from: num(s.highRiskFrom),
      };
      if (s.significanceLevel) row.survey_rating = `significance ${s.significanceLevel}%`;
      if (s.method.kind === 'variance') {
        row.red_from = num(s.method.redFrom);
      } else {
        row.formula = s.method.formula;
        row.green_from = num(s.method.greenFrom);
        row.green_amber_from = num(s.method.greenAmberFrom);
        row.red_amber_from = num(s.method.redAmberFrom);
      }
      return row;
    }),
    committees: data.committees.flatMap((c) => {
      const [first, ...later] = c.names;
      const rows: Row[] = [
        {
          committee: first?.name ?? '',
          name: first?.fromYear != null ? first.name : '',
          from_plan_year: first?.fromYear != null ? year(first.fromYear) : '',
        },
      ];
      for (const n of later) {
        rows.push({ committee: first?.name ?? '', name: n.name, from_plan_year: n.fromYear === null ? '' : year(n.fromYear) });
      }
      return rows;
    }),
    terms_of_reference: data.terms.map((t) => ({
      committee: t.committee,
      from_plan_year: t.fromYear === null ? '' : year(t.fromYear),
      terms_of_reference: t.text,
    })),
    priorities: data.priorities.map((p) => ({
      committee: p.committee,
      priority: p.priority,
      outcome: p.outcome ?? '',
      corporate_outcome: p.corporateOutcome ?? '',
    })),
    indicators: data.indicators.map((i) => ({
      ref: i.ref,
      plan_year: i.fromYear === null ? '' : year(i.fromYear),
      title: i.title,
      committee: i.committee,
      priority: i.priority,
      type: i.type,
      polarity: POLARITY_WORDS[i.polarity],
      unit: UNIT_WORDS[i.unit],
      frequency: FREQUENCY_WORDS[i.frequency],
      basis: BASIS_WORDS[i.basis],
      source: i.source ?? '',
      tolerance: num(i.tolerance),
      definition: i.definition ?? '',
      measured_against: i.measuredAgainst ?? '',
      owner: i.owner ?? '',
      footnote: i.footnote ?? '',
    })),
    targets: data.targets.map((t) => ({
      ref: t.ref,
      period: formatPeriod(t.period),
      target: t.printed !== '' ? t.printed : formatTarget(t.target),
      reason: t.reason ?? '',
    })),
    results: data.results.map((r) => {
      const value = r.printed !== '' ? r.printed : num(r.value);
      // A rating already printed in brackets in the value need not be repeated.
      const bracketRag = r.printed !== '' ? (parseResultText(r.printed)?.printedRag ?? null) : null;
      return {
        ref: r.ref,
        period: formatPeriod(r.period),
        value,
        data_period: r.dataPeriod?.label ?? '',
        basis: r.basis === null ? '' : BASIS_WORDS[r.basis],
        status: r.status === 'reported' ? '' : r.status,
        benchmark: r.benchmark?.text ?? '',
        commentary: r.commentary ?? '',
        intervention: r.intervention ?? '',
        note: r.note ?? '',
        numerator: num(r.numerator),
        denominator: num(r.denominator),
        printed_rating: r.printedRag !== null && r.printedRag !== bracketRag ? r.printedRag : '',
        printed_direction: r.printedDirection?.text ?? '',
      };
    }),
    actions: data.actions.map((a) => ({
      ref: a.ref,
      committee: a.committee,
      priority: a.priority,
      title: a.title,
      service: a.service ?? '',
      from_plan_year: a.fromYear === null ? '' : year(a.fromYear),
      to_plan_year: a.toYear === null ? '' : year(a.toYear),
      period: formatPeriod(a.period),
      rag: ACTION_RAG_WORDS[a.rag],
      commentary: a.commentary ?? '',
    })),
    ...panelRows(data.panels),
    ...committeeBusinessRows(data.committeeBusiness),
  };
}

/** Panel rows: numbers in their shortest form, text as stored. */
function panelRows(panels: PanelData): Record<PanelSheet, Row[]> {
  const out = {} as Record<PanelSheet, Row[]>;
  for (const sheet of PANEL_SHEETS) {
    out[sheet] = panels[sheet].map((r) => {
      const row: Row = { committee: r.committee, period: formatPeriod(r.period) };
      for (const f of PANELS[sheet].fields) {
        const v = r.values[f.name];
        row[f.name] = v === null || v === undefined ? '' : typeof v === 'number' ? formatNumber(v) : v;
      }
      return row;
    });
  }
  return out;
}

export const EMPTY_PANELS = (): PanelData => Object.fromEntries(PANEL_SHEETS.map((s) => [s, []])) as unknown as PanelData;

const EMPTY: WorkbookData = {
  settings: [],
  committees: [],
  terms: [],
  priorities: [],
  indicators: [],
  targets: [],
  results: [],
  actions: [],
  panels: EMPTY_PANELS(),
};

/** Writes a workbook: `xlsx` one file, `csv` a folder of `<sheet>.csv` files (created if needed). */
export async function writeWorkbook(data: WorkbookData, path: string, format: 'xlsx' | 'csv'): Promise<void> {
  const rows = workbookRows(data);
  if (format === 'csv') await writeCsv(rows, path);
  else await writeXlsx(rows, path, false);
}

/** The blank template: headers only; the xlsx file also has a `guide` sheet describing every column. */
export async function writeBlankTemplate(path: string, format: 'xlsx' | 'csv'): Promise<void> {
  const rows = workbookRows(EMPTY);
  if (format === 'csv') await writeCsv(rows, path);
  else await writeXlsx(rows, path, true);
}

function cells(sheet: SheetName, row: Row): string[] {
  return COLUMNS[sheet].map((c) => row[c.name] ?? '');
}

// CSV -----------------------------------------------------------------------------------------

async function writeCsv(rows: Record<SheetName, Row[]>, dir: string): Promise<void> {
  // Loaded on first use, as exceljs below: most programs that import this file write no workbook.
  const { stringify } = await import('csv-stringify/sync');
  await mkdir(dir, { recursive: true });
  for (const sheet of SHEETS) {
    const records = [COLUMNS[sheet].map((c) => c.name), ...rows[sheet].map((r) => cells(sheet, r).map(escapeCsvCell))];
    // UTF-8 with a byte order mark, so that spreadsheet programs show £ and ↓ correctly.
    await writeFile(join(dir, `${sheet}.csv`), stringify(records, { bom: true, record_delimiter: 'windows' }), 'utf8');
  }
}

// XLSX ----------------------------------------------------------------------------------------

/** A canonical number string ("-3", "4.4", "210") is written as a number cell; it reads back as the same text. */
function cellValue(text: string): string | number | null {
  if (text === '') return null;
  if (/^-?\d/.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n) && formatNumber(n) === text) return n;
  }
  return text;
}

function widthOf(header: string, values: string[]): number {
  let width = header.length + 2;
  for (const v of values) {
    const longest = v.split('\n').reduce((m, line) => Math.max(m, line.length), 0);
    if (longest + 2 > width) width = longest + 2;
  }
  return Math.min(Math.max(width, 8), 60);
}

async function writeXlsx(rows: Record<SheetName, Row[]>, path: string, guide: boolean): Promise<void> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  const addSheet = (name: string, header: string[], body: string[][]): void => {
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    // Widths from the header and a sample of the rows: cheap for large sheets.
    const sample = body.slice(0, 500);
    ws.columns = header.map((h, i) => ({ key: h, width: widthOf(h, sample.map((r) => r[i] ?? '')) }));
    const headerRow = ws.addRow(header);
    headerRow.font = { bold: true };
    headerRow.commit();
    for (const r of body) ws.addRow(r.map(cellValue)).commit();
    ws.commit();
  };
  for (const sheet of SHEETS) {
    addSheet(
      sheet,
      COLUMNS[sheet].map((c) => c.name),
      rows[sheet].map((r) => cells(sheet, r)),
    );
  }
  if (guide) {
    const body = SHEETS.flatMap((sheet) => COLUMNS[sheet].map((c) => [sheet, c.name, c.required, c.meaning]));
    addSheet('guide', ['sheet', 'column', 'required', 'meaning'], body);
  }
  await workbook.commit();
}

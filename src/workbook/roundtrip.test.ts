import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEETS, type RawWorkbook, type SheetRow, type WorkbookData } from './model.ts';
import { escapeCsvCell, readWorkbook, unescapeCsvCell } from './read.ts';
import { validateWorkbook } from './validate.ts';
import { writeBlankTemplate, writeWorkbook } from './write.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'townhall-workbook-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// ---- builders ----------------------------------------------------------------------------------

type Cells = Record<string, string>;
const rows = (...cells: Cells[]): SheetRow[] => cells.map((c, i) => ({ row: i + 2, cells: c }));

/** A small but varied workbook, validated, so that it is exactly what an import produces. */
function sampleData(): WorkbookData {
  const raw: RawWorkbook = {
    settings: rows(
      { plan_year: '2016/17', council: 'London Borough of Barnet', rag_method: 'achievement', formula: 'baseline', green_amber_from: '75' },
      { plan_year: '2018/19', rag_method: 'variance', red_from: '12.5', directional_targets: 'previous year' },
    ),
    committees: rows(
      { committee: 'Community Leadership Committee' },
      { committee: 'Community Leadership Committee', name: 'Community Leadership and Libraries Committee', from_plan_year: '2018/19' },
    ),
    terms_of_reference: rows(
      { committee: 'Community Leadership Committee', terms_of_reference: 'Safer communities,\n"cohesion" and libraries' },
      { committee: 'Community Leadership Committee', from_plan_year: '2018/19', terms_of_reference: '(1) Libraries\n(2) =Assets of community value' },
    ),
    indicators: rows(
      {
        ref: 'CG/S3',
        title: 'Residents who feel safe after dark',
        committee: 'Community Leadership Committee',
        priority: 'Safer communities',
        type: 'CPI',
        polarity: 'higher',
        unit: '%',
        frequency: 'six-monthly',
        basis: 's',
        source: "Residents' Perception Survey",
        tolerance: '4.4',
        definition: '=SUM(A1:A2) is not a formula',
        owner: '@community-safety',
      },
      {
        ref: 'CG/S9',
        plan_year: '2017/18',
        title: 'Re-offending rate',
        committee: 'Community Leadership Committee',
        priority: 'Safer communities',
        type: 'SPI',
        polarity: 'Smaller is Better',
        unit: 'rate',
        frequency: 'annual',
        footnote: '-data lag of 12 months',
        measured_against: '+ London average',
      },
    ),
    targets: rows(
      { ref: 'CG/S3', period: '2016/17', target: '90%' },
      { ref: 'CG/S3', period: 'Q1 2016/17', target: 'N/A' },
      { ref: 'CG/S9', period: '2017/18', target: 'Remain at or below 25%' },
      { ref: 'CG/S9', period: '2018/19', target: '-' },
      { ref: 'CG/C5', period: '2016/17', target: '15' },
      { ref: 'CG/C6', period: '2016/17', target: '£2.2m' },
    ),
    results: rows(
      {
        ref: 'CG/S3',
        period: 'Q2 2016/17',
        value: '83% (Spring 2016) (G)',
        benchmark: 'London 27.8% National 29.2% (Oct 15 - Sep 16, Ministry of Justice)',
        printed_direction: '↓ W +5.3%',
        commentary: 'Line one\nLine two, with "quotes"',
        numerator: '383',
        denominator: '462',
      },
      { ref: 'CG/S3', period: 'Q3 2016/17', value: 'Due Q3 18/19' },
      { ref: 'CG/S3', period: 'Q4 2016/17', value: '-3', printed_rating: 'Red Amber', data_period: 'Rolling 12 months to Sep 2018' },
      { ref: 'CG/S9', period: '2017/18', value: '(4)', intervention: '=cmd|calc', note: "'quoted" },
      { ref: 'CG/S9', period: 'Aug 2018', value: '0.5', status: 'new' },
      { ref: 'CG/S9', period: 'Q1 2018/19', value: '', status: 'not collected', data_period: 'Autumn 2015' },
      { ref: 'CG/C6', period: '2016/17', value: '£6.8m' },
    ),
    actions: rows(
      { ref: 'A1', committee: 'Community Leadership Committee', priority: 'Safer communities', title: 'Deliver VAWG', period: 'Q2 2018/19', rag: 'Green Amber', commentary: '-' },
      { ref: 'A2', committee: 'Community Leadership Committee', priority: 'Safer communities', title: 'Hate crime centres', period: '2018/19', rag: '', service: 'Community Safety' },
    ),
  };
  const outcome = validateWorkbook(raw);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 1));
  return outcome.data;
}

/** Deep copy without the `row` fields (row numbers change when a workbook is rewritten). */
function withoutRows(data: WorkbookData): unknown {
  return JSON.parse(JSON.stringify(data, (k, v: unknown) => (k === 'row' ? undefined : v)));
}

async function roundTrip(data: WorkbookData, path: string, format: 'xlsx' | 'csv'): Promise<WorkbookData> {
  await writeWorkbook(data, path, format);
  const outcome = validateWorkbook(await readWorkbook(path));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 1));
  return outcome.data;
}

// ---- round trip -------------------------------------------------------------------------------

describe('round trip', () => {
  it.each(['xlsx', 'csv'] as const)('%s: written data reads back deep-equal', async (format) => {
    const data = sampleData();
    // The builder exercises every sheet; make sure it is not silently shrinking.
    expect([data.settings, data.committees, data.terms, data.indicators, data.targets, data.results, data.actions].map((s) => s.length)).toEqual([
      2, 1, 2, 2, 6, 7, 2,
    ]);
    const back = await roundTrip(data, join(dir, `roundtrip.${format === 'xlsx' ? 'xlsx' : 'd'}`), format);
    expect(withoutRows(back)).toEqual(withoutRows(data));
  });

  it('csv: formula-like text is neutralised, numbers are not', async () => {
    const path = join(dir, 'injection');
    await writeWorkbook(sampleData(), path, 'csv');
    const results = await readFile(join(path, 'results.csv'), 'utf8');
    expect(results).toContain("'=cmd|calc");
    expect(results).toContain("''quoted".slice(1)); // a lone leading quote is left as typed
    expect(results).not.toContain("''quoted");
    expect(results).toMatch(/,-3,/);
    expect(results).toMatch(/,\(4\),/);
    const indicators = await readFile(join(path, 'indicators.csv'), 'utf8');
    expect(indicators).toContain("'=SUM(A1:A2)");
    expect(indicators).toContain("'@community-safety");
    expect(indicators).toContain("'-data lag");
    expect(indicators).toContain("'+ London average");
    const actions = await readFile(join(path, 'actions.csv'), 'utf8');
    expect(actions).toMatch(/,-\r?\n/); // a lone "-" is harmless and kept
  });

  it('csv cell escaping is reversible', () => {
    for (const text of ['=1+2', '@x', '+abc', '-abc', '-3', '+5', '-', "'=x", "''@y", "'plain", 'plain', '\tx', '-.5']) {
      expect(unescapeCsvCell(escapeCsvCell(text)), text).toBe(text);
    }
    expect(escapeCsvCell('-3')).toBe('-3');
    expect(escapeCsvCell('+44')).toBe('+44');
    expect(escapeCsvCell('=1+2')).toBe("'=1+2");
    expect(escapeCsvCell('+abc')).toBe("'+abc");
  });

  it('xlsx: header bold and frozen', async () => {
    const path = join(dir, 'style.xlsx');
    await writeWorkbook(sampleData(), path, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SHEETS]);
    const ws = wb.getWorksheet('results')!;
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
  });
});

// ---- blank template ---------------------------------------------------------------------------

describe('blank template', () => {
  it('xlsx: headers only, plus a guide sheet describing every column', async () => {
    const path = join(dir, 'blank.xlsx');
    await writeBlankTemplate(path, 'xlsx');
    const raw = await readWorkbook(path);
    expect(Object.keys(raw).sort()).toEqual([...SHEETS].sort());
    expect(Object.values(raw).every((r) => r.length === 0)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.getWorksheet('indicators')!.getRow(1).values).toContain('polarity');
    const guide = wb.getWorksheet('guide')!;
    expect(guide.getRow(1).values).toEqual([undefined, 'sheet', 'column', 'required', 'meaning']);
    const polarity = guide.getRows(2, guide.rowCount - 1)!.find((r) => r.getCell(2).value === 'polarity')!;
    expect(polarity.getCell(1).value).toBe('indicators');
    expect(polarity.getCell(3).value).toBe('yes');
    expect(String(polarity.getCell(4).value)).toMatch(/Bigger is Better/);
  });

  it('csv: one file per sheet with its header', async () => {
    const path = join(dir, 'blank-csv');
    await writeBlankTemplate(path, 'csv');
    const targets = await readFile(join(path, 'targets.csv'), 'utf8');
    expect(targets.replace(/^\uFEFF/, '').trim()).toBe('ref,period,target,reason');
    expect(validateWorkbook(await readWorkbook(path)).ok).toBe(true);
  });
});

// ---- reading -----------------------------------------------------------------------------------

describe('readWorkbook', () => {
  it('xlsx: cell text as a person sees it, normalised headers, row numbers, empty rows skipped', async () => {
    const path = join(dir, 'cells.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Results');
    ws.addRow(['Ref', 'Period', 'Value', 'Data Period', 'printed-rating', 'Commentary', '', 'Note']);
    ws.addRow(['CG/S3', 'Q2 2018/19', 0.85, null, 'G', { richText: [{ text: 'Rich ' }, { text: 'text', font: { bold: true } }] }, 'ignored', 1939]);
    ws.getRow(2).getCell(3).numFmt = '0%';
    ws.addRow([]);
    ws.addRow(['CG/S4', new Date(Date.UTC(2018, 7, 1)), { formula: '0.1+0.2', result: 0.30000000000000004 }, null, null, null, null, -3]);
    ws.getRow(4).getCell(2).numFmt = 'mmm-yy';
    ws.addRow(['CG/S5', 'Q2 2018/19', 0.0535, null, null, { text: 'link', hyperlink: 'https://example.org' }, null, true]);
    ws.getRow(5).getCell(3).numFmt = '0.00%';
    wb.addWorksheet('Notes').addRow(['anything']);
    await wb.xlsx.writeFile(path);

    const raw = await readWorkbook(path);
    expect(Object.keys(raw)).toEqual(['results']);
    expect(raw.results).toEqual([
      { row: 2, cells: { ref: 'CG/S3', period: 'Q2 2018/19', value: '85%', data_period: '', printed_rating: 'G', commentary: 'Rich text', note: '1939' } },
      { row: 4, cells: { ref: 'CG/S4', period: 'Aug 2018', value: '0.3', data_period: '', printed_rating: '', commentary: '', note: '-3' } },
      { row: 5, cells: { ref: 'CG/S5', period: 'Q2 2018/19', value: '5.35%', data_period: '', printed_rating: '', commentary: 'link', note: 'TRUE' } },
    ]);
  });

  it('csv: row numbers count records, so quoted multi-line cells and blank lines keep spreadsheet row numbers', async () => {
    const path = join(dir, 'rows-csv');
    await mkdir(path, { recursive: true });
    await writeFile(
      join(path, 'Results.csv'),
      '\uFEFFRef,Period,Value,Commentary\r\nCG/S3,Q1 2018/19,1,"two\nlines"\r\n,,,\r\nCG/S3,Q2 2018/19,2,\r\n\r\nCG/S3,Q3 2018/19,3,x\r\n',
    );
    await writeFile(join(path, 'other.csv'), 'a,b\n1,2\n');
    const raw = await readWorkbook(path);
    expect(Object.keys(raw)).toEqual(['results']);
    expect(raw.results!.map((r) => [r.row, r.cells.value, r.cells.commentary])).toEqual([
      [2, '1', 'two\nlines'],
      [4, '2', ''],
      [6, '3', 'x'],
    ]);
  });
});

// ---- errors from a file --------------------------------------------------------------------------

describe('a file with several bad cells', () => {
  it.each(['xlsx', 'csv'] as const)('%s: every bad cell is reported with sheet, row, column and value', async (format) => {
    const data = sampleData();
    const path = join(dir, `bad.${format === 'xlsx' ? 'xlsx' : 'd'}`);
    await writeWorkbook(data, path, format);
    const raw = await readWorkbook(path);
    raw.indicators![0]!.cells.polarity = 'Biggest';
    raw.indicators![1]!.cells.unit = 'kg';
    raw.targets![2]!.cells.target = 'lots';
    raw.results![3]!.cells.period = 'Q5 2017/18';
    raw.actions![1]!.cells.rag = 'Amber';
    // Write the broken workbook and read it again, so the positions come from the file.
    const brokenPath = join(dir, `broken.${format === 'xlsx' ? 'xlsx' : 'd'}`);
    await writeRaw(raw, brokenPath, format);
    const outcome = validateWorkbook(await readWorkbook(brokenPath));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => [e.sheet, e.row, e.column, e.value])).toEqual([
      ['indicators', 2, 'polarity', 'Biggest'],
      ['indicators', 3, 'unit', 'kg'],
      ['targets', 4, 'target', 'lots'],
      ['results', 5, 'period', 'Q5 2017/18'],
      ['actions', 3, 'rag', 'Amber'],
    ]);
    expect(outcome.errors[0]!.message).toBe('Polarity "Biggest" is not one of: Bigger is Better, Smaller is Better');
  });
});

/** Writes raw rows as they are (header from the first row's keys), for files with deliberate mistakes. */
async function writeRaw(raw: RawWorkbook, path: string, format: 'xlsx' | 'csv'): Promise<void> {
  if (format === 'csv') {
    await mkdir(path, { recursive: true });
    for (const [sheet, sheetRows] of Object.entries(raw)) {
      const header = Object.keys(sheetRows[0]?.cells ?? {});
      const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
      const lines = [header, ...sheetRows.map((r) => header.map((h) => r.cells[h] ?? ''))].map((cells) => cells.map(quote).join(','));
      await writeFile(join(path, `${sheet}.csv`), lines.join('\r\n'));
    }
    return;
  }
  const wb = new ExcelJS.Workbook();
  for (const [sheet, sheetRows] of Object.entries(raw)) {
    const ws = wb.addWorksheet(sheet);
    const header = Object.keys(sheetRows[0]?.cells ?? {});
    ws.addRow(header);
    for (const r of sheetRows) ws.addRow(header.map((h) => r.cells[h] ?? ''));
  }
  await wb.xlsx.writeFile(path);
}

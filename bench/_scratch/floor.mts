import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSheets, importShape, toWorkbookData } from '/work/main/bench/generate.ts';
import { writeImportWorkbook } from '/work/main/bench/importBench.ts';
const dir = await mkdtemp(join(tmpdir(), 'bt-'));
const path = join(dir, 'w.xlsx');
await writeImportWorkbook(toWorkbookData(generateSheets(importShape(1000, 100))), path);
const variants: Record<string, (ws: ExcelJS.Worksheet) => number> = {
  none: () => 0,
  values: (ws) => { let n = 0; ws.eachRow((row) => { for (const v of row.values as unknown[]) if (v != null) n++; }); return n; },
  eachCell: (ws) => { let n = 0; ws.eachRow((row) => { row.eachCell((c) => { if (c.value != null) n++; }); }); return n; },
};
for (let round = 0; round < 2; round++) for (const [name, f] of Object.entries(variants)) {
  const t = performance.now();
  const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(path);
  const t1 = performance.now();
  let n = 0; wb.eachSheet((ws) => { n += f(ws); });
  console.log(name, (t1 - t).toFixed(0), (performance.now() - t1).toFixed(0), n);
}
await rm(dir, { recursive: true });

import ExcelJS from 'exceljs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSheets, importShape, toWorkbookData } from '/work/main/bench/generate.ts';
import { writeImportWorkbook } from '/work/main/bench/importBench.ts';
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const dir = await mkdtemp(join(tmpdir(), 'bt-'));
const path = join(dir, 'w.xlsx');
await writeImportWorkbook(toWorkbookData(generateSheets(importShape(1000, 100))), path);
gc();
for (let round = 0; round < 5; round++) {
  gc();
  const t = performance.now();
  const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(path);
  let n = 0; wb.eachSheet((ws) => { ws.eachRow((row) => { for (const v of row.values as unknown[]) if (v != null) n++; }); });
  console.log((performance.now() - t).toFixed(0), n);
}
await rm(dir, { recursive: true });

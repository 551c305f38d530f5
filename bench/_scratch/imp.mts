import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSheets, importShape, toWorkbookData } from '/work/main/bench/generate.ts';
import { writeImportWorkbook, exceljsRead, importOnce } from '/work/main/bench/importBench.ts';
import { openBenchDatabase } from '/work/main/bench/engines.ts';
const dir = await mkdtemp(join(tmpdir(), 'bt-'));
const path = join(dir, 'w.xlsx');
let t = performance.now();
await writeImportWorkbook(toWorkbookData(generateSheets(importShape(1000, 100))), path);
console.log('write', performance.now() - t, (await stat(path)).size);
for (let i = 0; i < 2; i++) { t = performance.now(); const c = await exceljsRead(path); console.log('read', performance.now() - t, c); }
for (const e of (process.argv[2] ?? 'pglite').split(',')) {
  const db = await openBenchDatabase(e as 'pglite');
  try { const r = await importOnce(db, path); console.log(e, r); } finally { await db.dispose(); }
}
await rm(dir, { recursive: true });

import { generateSheets, importShape, reportShape, toWorkbookData, countRows } from '/work/main/bench/generate.ts';
for (const shape of [importShape(1000, 100), reportShape(2000, 10, 10)]) {
  let t = performance.now();
  const s = generateSheets(shape);
  const g = performance.now() - t; t = performance.now();
  const d = toWorkbookData(s);
  console.log(g.toFixed(0), (performance.now() - t).toFixed(0), countRows(d), Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.length])));
}

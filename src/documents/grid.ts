/**
 * Places table cells given HTML-style (spanned cells left out) on a full grid, as pdfmake needs:
 * every row has one entry per column, with `null` where a span from the left or above covers it.
 */
import type { Cell } from './model.ts';

export type GridCell = { cell: Cell; row: number; col: number } | null;

export function toGrid(rows: Cell[][], columns: number): GridCell[][] {
  const grid: GridCell[][] = [];
  const covered = new Set<string>();
  rows.forEach((row, r) => {
    const out: GridCell[] = [];
    let c = 0;
    const skip = () => {
      while (covered.has(`${r},${c}`)) {
        out[c] = null;
        c += 1;
      }
    };
    for (const cell of row) {
      skip();
      if (c >= columns) break;
      out[c] = { cell, row: r, col: c };
      const cs = Math.min(cell.colSpan ?? 1, columns - c);
      const rs = cell.rowSpan ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) if (dr || dc) covered.add(`${r + dr},${c + dc}`);
      for (let dc = 1; dc < cs; dc++) out[c + dc] = null;
      c += cs;
    }
    for (; c < columns; c++) out[c] = covered.has(`${r},${c}`) ? null : { cell: { text: '' }, row: r, col: c };
    grid.push(Array.from({ length: columns }, (_, i) => out[i] ?? null));
  });
  return grid;
}

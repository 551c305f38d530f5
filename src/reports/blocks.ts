/**
 * Small constructors of document blocks, shared by every report type (document.ts, panels.ts,
 * addendumDocument.ts, dashboardDocument.ts). No figures are computed here.
 */
import type { Block, Cell, Run } from './document.ts';

/** Numbers tables 1, 2, 3… through a document. */
export function tableCounter(): () => number {
  let n = 0;
  return () => ++n;
}

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const heading = (level: 1 | 2 | 3, text: string, id = slug(text)): Block => ({ kind: 'heading', level, text, id });
export const para = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });
export const small = (...runs: Run[]): Block => ({ kind: 'paragraph', runs, style: 'small' });
export const th = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, bold: true, ...extra });

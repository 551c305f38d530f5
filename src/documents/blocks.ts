/**
 * Small constructors of document blocks, shared by every kind of document, and the document's
 * footnotes. No figures are computed here.
 */
import type { Block, Cell, Run } from './model.ts';

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

/** Footnotes numbered through the whole document; the same text keeps its number. */
export class Footnotes {
  private readonly byText = new Map<string, number>();
  private pending = new Set<number>();

  add(text: string | null | undefined): number[] {
    const t = text?.trim();
    if (!t) return [];
    let number = this.byText.get(t);
    if (number === undefined) {
      number = this.byText.size + 1;
      this.byText.set(t, number);
    }
    this.pending.add(number);
    return [number];
  }

  /** The footnotes referenced since the last flush, as a block (none when there are none). */
  flush(): Block[] {
    if (this.pending.size === 0) return [];
    const texts = new Map([...this.byText].map(([t, n]) => [n, t]));
    const items = [...this.pending].sort((a, b) => a - b).map((number) => ({ number, text: texts.get(number)! }));
    this.pending = new Set();
    return [{ kind: 'footnotes', items }];
  }
}

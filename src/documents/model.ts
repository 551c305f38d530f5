/**
 * The neutral document model: a committee paper (or any document Townhall publishes) as an ordered list
 * of blocks — headings, paragraphs, lists, key-value lists, tables, charts, footnotes, page breaks —
 * and the facts printed around them (title, running head, language, file metadata). The HTML, PDF,
 * Word renderers of this folder only lay these blocks out, so every format says the same thing. Nothing
 * here knows what a document is about: the kinds of document (src/reports/kinds.ts) build these blocks.
 */
import type { Chart } from './charts.ts';

/**
 * A status colour of a cell or bar: Red / Amber / Green and their blends, "monitor" and "not rated".
 * Council papers colour ratings, risks and progress this way; the cell's text always says it too.
 */
export type RagStyle = 'G' | 'GA' | 'A' | 'RA' | 'R' | 'monitor' | 'not-rated';

export type Run = string | { text: string; bold?: boolean; italic?: boolean };

export interface Cell {
  /** The cell's text; when `source` is set, exactly the model's value at that path. */
  text: string;
  /** Printed straight after the text: a RAG code "(G)", a data period "(Autumn 2017)". */
  suffix?: string;
  /** A second, smaller line (e.g. the indicator's ref and type). */
  detail?: string;
  /** Bulleted lines under the text. */
  items?: string[];
  /** Colours the cell by RAG; the text always says the rating too. */
  rag?: RagStyle;
  /** Footnote numbers referenced from this cell. */
  notes?: number[];
  colSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  /** Where the figure comes from in the report model (e.g. `indicators.2.result.display`). */
  source?: string;
  /**
   * How the model's value at `source` is printed when it is a number: `money` (formatMoney, £000 with
   * brackets), `moneyPercent` (formatMoneyPercent), `integer` (as is). Text values are printed as they are.
   */
  format?: 'money' | 'moneyPercent' | 'integer';
}

export interface TableBlock {
  kind: 'table';
  id: string;
  caption: string;
  /** Header rows (repeated on every page); spanned cells are left out, as in HTML. */
  header: Cell[][];
  rows: Cell[][];
  /** Relative column widths. */
  widths: number[];
  /** Whether the first cell of each body row is a row header. */
  rowHeaders?: boolean;
  /** Small print for wide tables. */
  dense?: boolean;
  /** A table without a header (a key-value list uses this in print). */
  headless?: boolean;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id: string }
  | { kind: 'paragraph'; runs: Run[]; style?: 'normal' | 'small' | 'lead'; /** Steps in from the margin (nested resolutions: (3), then (i)). */ indent?: 1 | 2 | 3 }
  | { kind: 'list'; items: Run[][]; ordered?: boolean; style?: 'normal' | 'small' }
  | { kind: 'keyValue'; id: string; caption: string; items: { key: string; value: string[] }[] }
  | TableBlock
  | { kind: 'chart'; chart: Chart }
  | { kind: 'footnotes'; items: { number: number; text: string }[] }
  | { kind: 'pageBreak' };

export interface ReportDocument {
  /** The kind of document (the id of its entry in the registry of kinds, e.g. "quarterly"). */
  kind: string;
  title: string;
  /** "Community Leadership and Libraries Committee, 21 November 2018". */
  subtitle: string;
  /** Printed in every page header. */
  runningHead: string;
  /** The publisher (a council), printed in the page header. */
  council: string;
  /** Who the paper is for and when ("<committee>", "Q2 2018/19"), printed in the page footer. */
  committee: string;
  period: string;
  lang: 'en-GB';
  author: string;
  subject: string;
  keywords: string[];
  blocks: Block[];
  /**
   * When the paper was issued — a published version's publication time — printed as the files' creation
   * date, so a published paper is reproduced byte for byte; absent for a draft (the time it is made).
   */
  issued?: Date;
}

/** Fill colours of RAG cells and bars; text on them stays dark or white for contrast. */
export const RAG_FILL: Record<RagStyle, string> = {
  G: '#00703c',
  GA: '#85994b',
  A: '#ffbf47',
  RA: '#f47738',
  R: '#d4351c',
  monitor: '#dee0e2',
  'not-rated': '#f3f2f1',
};

export const RAG_INK: Record<RagStyle, string> = {
  G: '#ffffff',
  GA: '#0b0c0c',
  A: '#0b0c0c',
  RA: '#0b0c0c',
  R: '#ffffff',
  monitor: '#0b0c0c',
  'not-rated': '#0b0c0c',
};

/**
 * The format-neutral committee report: an ordered list of blocks (headings, paragraphs, tables,
 * charts, footnotes…) built from the report model (`PerformanceReport`) and the cover-sheet facts the
 * caller supplies (`ReportMeta`). The HTML, PDF and Word renderers only lay these blocks out, so the
 * three formats say the same thing; none of them, and nothing here, computes a rating, count or
 * percentage — every figure is read from the model and only formatted.
 *
 * Two report types: `quarterly` (as the Q2 2018/19 committee performance report) and `annual` (as the
 * 2016/17 annual report with its Appendix A). Each is a list of sections, so panels added later
 * (finance, risk, workforce) are new entries in `QUARTERLY_SECTIONS` / `ANNUAL_SECTIONS`.
 */
import { formatPercentage, type IndicatorCounts, type Share } from '../domain/summary.ts';
import { formatShortPeriod, monthsOf, parsePeriod } from '../domain/periods.ts';
import type { IndicatorReport, KeyActionReport, PerformanceReport, ReportResult } from '../services/performanceReport.ts';
import { heading, para, slug, small, tableCounter, th } from './blocks.ts';
import { barChart, lineChart, type Chart } from './charts.ts';
import { budgetSection, escalationsSection, priorityStatusSection, risksFor } from './panels.ts';

/** The committee report types built from one `PerformanceReport` (this file). */
export type ReportKind = 'quarterly' | 'annual';
/** Every report type: the addendum (addendumDocument.ts) and the dashboard (dashboardDocument.ts) have models of their own. */
export type AnyReportKind = ReportKind | 'addendum' | 'dashboard';

// ---------------------------------------------------------------------------------------------
// The caller's facts for the cover sheet and the standard sections
// ---------------------------------------------------------------------------------------------

export interface OfficerContact {
  name: string;
  role?: string;
  email?: string;
  phone?: string;
}

/** The standard sections of a committee report whose text is not in the data. */
export type StandardSection =
  | 'reasons'
  | 'alternatives'
  | 'postDecision'
  | 'corporatePriorities'
  | 'resources'
  | 'socialValue'
  | 'legal'
  | 'riskManagement'
  | 'equalities'
  | 'corporateParenting'
  | 'consultation'
  | 'insight'
  | 'backgroundPapers';

/** Cover-sheet fields and narrative the data do not hold. Everything is optional. */
export interface ReportMeta {
  /** Report title; default "Quarter 2 2018/19 <committee> Performance Report" / "<committee> Annual Performance Report 2016/17". */
  title?: string;
  /** The meeting date as it should be printed ("21 November 2018"); blank when not given. */
  meetingDate?: string;
  /** "Report of" (an officer or the committee chairman); blank when not given. */
  reportOf?: string;
  /** Default "All". */
  wards?: string;
  /** Default "Public". */
  status?: string;
  /** Default "No". */
  urgent?: boolean;
  /** Key decision; default "No". */
  keyDecision?: boolean;
  /** Default "None" (quarterly) or "Appendix A: <appendix title>" (annual). */
  enclosures?: string[];
  /** Officer contact details; blank when not given. */
  officerContacts?: OfficerContact[];
  /** Summary paragraphs; default a sentence naming the committee, period and contents. */
  summary?: string[];
  /** Recommendations; default: the committee reviews (quarterly) or notes (annual) performance. */
  recommendations?: string[];
  /** Paragraphs for "Purpose of report" / "Why this report is needed". */
  introduction?: string[];
  /** Narrative paragraphs per priority, by priority name, printed before its tables. */
  priorityNarratives?: Record<string, string[]>;
  /** Text of the standard sections (2 to 6); defaults are neutral statements. */
  sections?: Partial<Record<StandardSection, string[]>>;
  /** Author in the file's metadata; default the council's name. */
  author?: string;
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

/** A RAG value that colours a cell: an indicator rating or a key-action RAG. */
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
  | { kind: 'paragraph'; runs: Run[]; style?: 'normal' | 'small' | 'lead' }
  | { kind: 'list'; items: Run[][]; ordered?: boolean; style?: 'normal' | 'small' }
  | { kind: 'keyValue'; id: string; caption: string; items: { key: string; value: string[] }[] }
  | TableBlock
  | { kind: 'chart'; chart: Chart }
  | { kind: 'footnotes'; items: { number: number; text: string }[] }
  | { kind: 'pageBreak' };

export interface ReportDocument {
  kind: AnyReportKind;
  title: string;
  /** "Community Leadership and Libraries Committee, 21 November 2018". */
  subtitle: string;
  /** Printed in every page header. */
  runningHead: string;
  council: string;
  committee: string;
  period: string;
  lang: 'en-GB';
  author: string;
  subject: string;
  keywords: string[];
  blocks: Block[];
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

/** What a section builder sees. */
export interface BuildContext {
  kind: ReportKind;
  report: PerformanceReport;
  meta: ReportMeta;
  title: string;
  notes: Footnotes;
  /** Index of each indicator in `report.indicators` (for `Cell.source`). */
  indexOf: Map<IndicatorReport, number>;
  /** The next table number ("Table 3"), counted through the document. */
  nextTable(): number;
  /** Refs of the indicators that get a trend chart (`chartedRefs`). */
  charted: Set<string>;
}

export interface Section {
  id: string;
  build(ctx: BuildContext): Block[];
}

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

export function buildDocument(kind: ReportKind, report: PerformanceReport, meta: ReportMeta = {}, sections?: Section[]): ReportDocument {
  const title = meta.title?.trim() || defaultTitle(kind, report);
  const ctx: BuildContext = {
    kind,
    report,
    meta,
    title,
    notes: new Footnotes(),
    indexOf: new Map(report.indicators.map((i, n) => [i, n])),
    nextTable: tableCounter(),
    charted: chartedRefs(report.indicators),
  };
  const list = sections ?? (kind === 'quarterly' ? QUARTERLY_SECTIONS : ANNUAL_SECTIONS);
  const blocks = list.flatMap((s) => s.build(ctx));
  const council = report.council ?? '';
  return {
    kind,
    title,
    subtitle: [report.committee.name, meta.meetingDate].filter(Boolean).join(', '),
    runningHead: title,
    council,
    committee: report.committee.name,
    period: report.period.label,
    lang: 'en-GB',
    author: meta.author?.trim() || council || report.committee.name,
    subject: `${kind === 'quarterly' ? 'Performance report' : 'Annual performance report'}, ${report.committee.name}, ${report.period.label}`,
    keywords: [report.committee.name, report.period.label, 'performance', 'RAG'],
    blocks,
  };
}

export const buildQuarterly = (report: PerformanceReport, meta: ReportMeta = {}) => buildDocument('quarterly', report, meta);
export const buildAnnual = (report: PerformanceReport, meta: ReportMeta = {}) => buildDocument('annual', report, meta);

function defaultTitle(kind: ReportKind, r: PerformanceReport): string {
  if (kind === 'annual') return `${r.committee.name} Annual Performance Report ${r.period.label}`;
  const words = r.period.label.replace(/^Q(\d) /, 'Quarter $1 ');
  return `${words} ${r.committee.name} Performance Report`;
}

/** "Q2 2017/18" → "Q2 17/18"; "2017/18" → "17/18"; anything else unchanged. */
export function shortPeriod(label: string): string {
  const p = parsePeriod(label);
  return p ? formatShortPeriod(p) : label;
}

export { heading, para, slug, small, tableCounter, th } from './blocks.ts';

/** "53% (8)", as the reports print a share. */
export const shareText = (count: number, percentage: number | null) => (percentage === null ? String(count) : `${formatPercentage(percentage)} (${count})`);

// ---------------------------------------------------------------------------------------------
// Sections shared by both report types
// ---------------------------------------------------------------------------------------------

const coverSheet: Section = {
  id: 'cover',
  build: ({ report, meta, title, kind }) => coverBlocks(title, report.committee.name, meta, kind === 'annual' ? [`Appendix A: ${appendixTitle(report)}`] : ['None']),
};

/** The report's title and cover sheet (Title, Report of, Wards, Status, Urgent, Key, Enclosures, Officer Contact Details). */
export function coverBlocks(title: string, committee: string, meta: ReportMeta, defaultEnclosures: string[]): Block[] {
    const yesNo = (v: boolean | undefined) => (v ? 'Yes' : 'No');
    const enclosures = meta.enclosures ?? defaultEnclosures;
    const contacts = (meta.officerContacts ?? []).map((c) => [c.name, c.role, c.email, c.phone && `Tel: ${c.phone}`].filter(Boolean).join(', '));
    return [
      heading(1, title, 'title'),
      { kind: 'paragraph', runs: [{ text: [committee, meta.meetingDate].filter(Boolean).join(' — '), bold: true }], style: 'lead' },
      {
        kind: 'keyValue',
        id: 'cover-sheet',
        caption: 'Report details',
        items: [
          { key: 'Title', value: [title] },
          { key: 'Report of', value: [meta.reportOf ?? ''] },
          { key: 'Wards', value: [meta.wards ?? 'All'] },
          { key: 'Status', value: [meta.status ?? 'Public'] },
          { key: 'Urgent', value: [yesNo(meta.urgent)] },
          { key: 'Key', value: [yesNo(meta.keyDecision)] },
          { key: 'Enclosures', value: enclosures },
          { key: 'Officer Contact Details', value: contacts.length ? contacts : [''] },
        ],
      },
    ];
}

const summarySection: Section = {
  id: 'summary',
  build: ({ report, meta, kind }) => {
    const defaults =
      kind === 'quarterly'
        ? [
            `This report provides an update on the ${report.committee.name} priorities for ${report.period.label}, including ${report.panels.revenue || report.panels.capital ? 'budget forecasts, ' : ''}progress on key activities, the performance of key indicators${report.panels.risks.some((k) => k.highLevel) ? ' and any high level risks' : ''}.`,
          ]
        : [
            `This report reviews performance against the ${report.committee.name} priorities for ${report.period.label}: progress on commissioning intentions and the results of the indicators (see Appendix A).`,
          ];
    return [heading(2, 'Summary'), ...(meta.summary ?? defaults).map((p) => para(p))];
  },
};

const recommendationsSection: Section = {
  id: 'recommendations',
  build: ({ report, meta, kind }) => {
    const defaults =
      kind === 'quarterly'
        ? [
            `The Committee is asked to review the performance information for ${report.period.label} and make any referrals to other committees in accordance with their terms of reference.`,
          ]
        : [`That Members note performance against the ${report.committee.name} priorities in ${report.period.label}.`];
    const items = meta.recommendations ?? defaults;
    return [heading(2, kind === 'quarterly' ? 'Officer Recommendations' : 'Recommendations', 'recommendations'), { kind: 'list', ordered: true, items: items.map((t) => [t]) }];
  },
};

/** Table 1 of the quarterly report: each priority and its key activities. */
function prioritiesTable(r: PerformanceReport, number: number): TableBlock {
  return {
    kind: 'table',
    id: 'table-priorities',
    caption: `Table ${number}: ${r.committee.name} priorities for ${r.period.planYear}`,
    header: [[th('Priorities'), th('Key activities')]],
    rows: r.priorities.map((p) => {
      const titles = p.keyActions.map((ref) => r.keyActions.find((a) => a.ref === ref)?.title ?? ref);
      return [{ text: p.name, bold: true }, titles.length ? { text: '', items: titles } : { text: 'None' }];
    }),
    widths: [30, 70],
    rowHeaders: true,
  };
}

const ragColumns = (r: PerformanceReport) => r.method.key.map((k) => ({ rating: k.rating, label: k.label }));

/** The overview of ratings and directions of travel, overall and by indicator type. */
function overview(ctx: BuildContext): Block[] {
  const { report: r, kind } = ctx;
  const s = r.summary;
  // The 2016/17 annual report printed RAG shares of all indicators; the quarterly report of the rated ones.
  const ofTotal = kind === 'annual';
  const ragPct = (c: IndicatorCounts, rating: (typeof r.method.key)[number]['rating']) =>
    ofTotal ? c[rating].percentageOfTotal : c[rating].percentage;
  const pctPath = ofTotal ? 'percentageOfTotal' : 'percentage';

  const out: Block[] = [heading(3, 'Overview of performance')];
  const parts: string[] = [];
  for (const k of ragColumns(r)) if (s[k.rating].count > 0) parts.push(`${shareText(s[k.rating].count, ragPct(s, k.rating))} ${s[k.rating].count === 1 ? 'is' : 'are'} ${k.label}`);
  if (s.monitor.count > 0) parts.push(`${shareText(s.monitor.count, s.monitor.percentage)} ${s.monitor.count === 1 ? 'is' : 'are'} Monitor`);
  if (s.notRated.count > 0) parts.push(`${shareText(s.notRated.count, s.notRated.percentage)} ${s.notRated.count === 1 ? 'is' : 'are'} not rated`);
  const joined = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? 'none is rated');
  out.push(para(`${s.total} indicators are reported for ${r.period.label}. ${ofTotal ? 'Of these' : `${s.rated === 0 ? 'None has' : s.rated === 1 ? '1 has' : `${s.rated} have`} been given a RAG rating. Of all indicators`}, ${joined}.`));
  const overviewTable = ctx.nextTable();
  if (!ofTotal) out.push(small(`RAG percentages in table ${overviewTable} are of the indicators given a RAG rating; Monitor and not rated are percentages of all indicators.`));
  if (s.withDirection > 0) {
    out.push(
      para(
        `${s.withDirection} indicators have been given a Direction of Travel (DOT) status against ${r.comparisons.longTerm}. ${shareText(s.improvedOrSame.count, s.improvedOrSame.percentage)} have improved or maintained performance and ${shareText(s.worsened.count, s.worsened.percentage)} have worsened.`,
      ),
    );
  } else {
    out.push(para(`No indicator has a Direction of Travel (DOT) status against ${r.comparisons.longTerm}.`));
  }
  const k = r.keyActionSummary;
  if (k.total > 0) {
    const actionParts: string[] = [];
    const label = (n: keyof typeof ACTION_KEY) => ACTION_KEY[n].label;
    for (const key of ['G', 'GA', 'RA', 'R', 'notRated'] as const) {
      const share: Share = k[key];
      if (share.count > 0) actionParts.push(`${shareText(share.count, share.percentage)} ${label(key === 'notRated' ? 'not-rated' : key)}`);
    }
    out.push(para(`${k.total} ${kind === 'annual' ? 'commissioning intentions' : 'key activities'}: ${actionParts.join(', ')} (percentages of all of them, including those not rated).`));
  }

  const keyCols = ragColumns(r);
  const types = Object.keys(s.byType);
  const row = (label: string, c: IndicatorCounts, path: string): Cell[] => [
    { text: label, bold: true },
    ...keyCols.map((col) => ({ text: shareText(c[col.rating].count, ragPct(c, col.rating)), align: 'center' as const, source: `${path}.${col.rating}.${pctPath}` })),
    { text: shareText(c.monitor.count, c.monitor.percentage), align: 'center', source: `${path}.monitor.percentage` },
    { text: shareText(c.notRated.count, c.notRated.percentage), align: 'center', source: `${path}.notRated.percentage` },
    { text: String(c.total), align: 'center', source: `${path}.total` },
    { text: shareText(c.improvedOrSame.count, c.improvedOrSame.percentage), align: 'center', source: `${path}.improvedOrSame.percentage` },
    { text: shareText(c.worsened.count, c.worsened.percentage), align: 'center', source: `${path}.worsened.percentage` },
  ];
  out.push({
    kind: 'table',
    id: 'table-overview',
    caption: `Table ${overviewTable}: Indicator ratings and direction of travel, ${r.period.label}`,
    header: [
      [
        th('Indicators', { rowSpan: 2 }),
        th(`RAG rating (${ofTotal ? '% of all indicators' : '% of rated indicators'})`, { colSpan: keyCols.length, align: 'center' }),
        th('Monitor', { rowSpan: 2, align: 'center' }),
        th('Not rated', { rowSpan: 2, align: 'center' }),
        th('Total', { rowSpan: 2, align: 'center' }),
        th(`Direction of travel (vs ${shortPeriod(r.comparisons.longTerm)})`, { colSpan: 2, align: 'center' }),
      ],
      [...keyCols.map((c) => th(c.label, { rag: c.rating, align: 'center' })), th('Improved or same', { align: 'center' }), th('Worsened', { align: 'center' })],
    ],
    rows: [row('All indicators', s, 'summary'), ...types.map((t) => row(t, s.byType[t]!, `summary.byType.${t}`))],
    widths: [14, ...keyCols.map(() => 10), 10, 10, 7, 11, 10],
    rowHeaders: true,
    dense: true,
  });

  out.push(ragChart(s, keyCols, r.period.label, ofTotal));
  return out;
}

/**
 * The bar chart of indicators by RAG rating (then Monitor and not rated) for a period. RAG shares are
 * of the rated indicators, or with `ofTotal` (the annual report) of all indicators.
 */
export function ragChart(s: IndicatorCounts, keyCols: readonly { rating: PerformanceReport['method']['key'][number]['rating']; label: string }[], periodLabel: string, ofTotal = false): Block {
  const bars = [
    ...keyCols.map((c) => ({
      label: c.label,
      value: s[c.rating].count,
      display: shareText(s[c.rating].count, ofTotal ? s[c.rating].percentageOfTotal : s[c.rating].percentage),
      fill: RAG_FILL[c.rating],
    })),
    { label: 'Monitor', value: s.monitor.count, display: shareText(s.monitor.count, s.monitor.percentage), fill: RAG_FILL.monitor },
    { label: 'Not rated', value: s.notRated.count, display: shareText(s.notRated.count, s.notRated.percentage), fill: RAG_FILL['not-rated'] },
  ];
  return {
    kind: 'chart',
    chart: barChart({
      id: 'chart-rag',
      title: `Indicators by RAG rating, ${periodLabel}`,
      description: `Bar chart of the ${s.total} indicators by rating: ${bars.map((b) => `${b.label} ${b.display}`).join('; ')}.`,
      bars,
      header: ['Rating', ofTotal ? 'Indicators (% of all)' : 'Indicators (% of rated; Monitor and not rated: % of all)'],
    }),
  };
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

export const ACTION_KEY: Record<'G' | 'GA' | 'RA' | 'R' | 'not-rated', { label: string; description: string }> = {
  G: { label: 'Green', description: 'Action on track or met' },
  GA: { label: 'Green Amber', description: 'Action delayed, low impact' },
  RA: { label: 'Red Amber', description: 'Action delayed, medium impact' },
  R: { label: 'Red', description: 'Risk of not delivering or high impact' },
  'not-rated': { label: 'Not rated', description: 'Not due or not applicable' },
};

export const TYPE_NAMES: Record<string, string> = {
  CPI: 'Corporate Plan Indicator',
  SPI: 'Commissioning Plan Indicator',
  MPI: 'Management Agreement Indicator',
  KPI: 'Contract Indicator',
};

// ---------------------------------------------------------------------------------------------
// Indicator and key-action tables
// ---------------------------------------------------------------------------------------------

const resultText = (r: ReportResult | null, fallback = 'N/A') => (r ? r.display : fallback);

export function contradictionNotes(i: IndicatorReport, notes: Footnotes, what: 'rating' | 'direction'): number[] {
  if (what === 'direction' && i.printed.directionAgrees === false) {
    return notes.add(`The source document printed ${i.printed.direction}; the data give ${i.direction.longTerm.text} (${i.direction.longTerm.reason}).`);
  }
  if (what === 'rating' && i.printed.ratingAgrees === false) {
    return notes.add(`The source document printed the rating ${i.printed.rating}; the data give ${i.rating.label} (${i.rating.reason.text}).`);
  }
  return [];
}

export function overrideNotes(i: IndicatorReport, notes: Footnotes): number[] {
  const o = i.rating.reason.override;
  return o ? notes.add(`Rating set by hand to ${i.rating.label} (computed: ${o.computed}). Reason: ${o.reason}`) : [];
}

export function toleranceNotes(i: IndicatorReport, notes: Footnotes): number[] {
  return i.direction.longTerm.withinTolerance ? notes.add(`${i.direction.longTerm.reason}.`) : [];
}

export function dataPeriodNotes(r: ReportResult | null, notes: Footnotes): number[] {
  return r?.status === 'reported' && r.dataPeriod ? notes.add(`Data period: ${r.dataPeriod.label}.`) : [];
}

function ratioDetail(r: ReportResult | null): string | undefined {
  return r && r.numerator !== null && r.denominator !== null ? `${r.numerator.toLocaleString('en-GB')} of ${r.denominator.toLocaleString('en-GB')}` : undefined;
}

function indicatorCell(i: IndicatorReport, ctx: BuildContext, withMarker: boolean): Cell {
  return {
    text: withMarker && i.basisMarker ? `${i.title} ${i.basisMarker}` : i.title,
    detail: `${i.ref} · ${i.type}${i.frequency ? ` · ${i.frequency}` : ''}`,
    notes: ctx.notes.add(i.footnote),
  };
}

/** The quarterly indicator table (as 002): year-end, targets, result, RAG, DOT, same period last year, benchmark. */
function quarterlyIndicatorTable(ctx: BuildContext, indicators: IndicatorReport[], number: number, priority: string): TableBlock {
  const r = ctx.report;
  const { notes } = ctx;
  const rows = indicators.map((i): Cell[] => {
    const at = `indicators.${ctx.indexOf.get(i)}`;
    const eoy = i.previousYearEnd;
    return [
      indicatorCell(i, ctx, true),
      { text: i.polarityText },
      {
        text: eoy ? eoy.display : 'N/A',
        suffix: eoy?.dataPeriod ? ` (${eoy.dataPeriod.label})` : undefined,
        source: eoy ? `${at}.previousYearEnd.display` : undefined,
        align: 'center',
      },
      { text: i.annualTarget?.display ?? 'No target', source: i.annualTarget ? `${at}.annualTarget.display` : undefined, align: 'center' },
      { text: i.target?.display ?? 'No target', source: i.target ? `${at}.target.display` : undefined, align: 'center' },
      {
        text: resultText(i.result, 'No result'),
        detail: ratioDetail(i.result),
        source: i.result ? `${at}.result.display` : undefined,
        notes: dataPeriodNotes(i.result, notes),
        align: 'center',
        bold: true,
      },
      { text: i.rating.label, rag: i.rating.value, source: `${at}.rating.label`, notes: [...overrideNotes(i, notes), ...contradictionNotes(i, notes, 'rating')], align: 'center' },
      {
        text: i.direction.longTerm.text,
        source: `${at}.direction.longTerm.text`,
        notes: [...contradictionNotes(i, notes, 'direction'), ...toleranceNotes(i, notes)],
        align: 'center',
      },
      { text: resultText(i.lastYear), source: i.lastYear ? `${at}.lastYear.display` : undefined, align: 'center' },
      { text: i.benchmark?.text ?? 'No benchmark available', source: i.benchmark ? `${at}.benchmark.text` : undefined },
    ];
  });
  return {
    kind: 'table',
    id: `table-indicators-${slug(priority)}`,
    caption: `Table ${number}: Indicators — ${priority}`,
    header: [
      [
        th('Indicator', { rowSpan: 2 }),
        th('Polarity', { rowSpan: 2 }),
        th(`${shortPeriod(r.comparisons.previousYearEnd)} EOY`, { rowSpan: 2, align: 'center' }),
        th(`${shortPeriod(r.period.planYear)} Target`, { rowSpan: 2, align: 'center' }),
        th(r.period.short, { colSpan: 4, align: 'center' }),
        th(shortPeriod(r.comparisons.longTerm), { align: 'center' }),
        th('Benchmarking', { rowSpan: 2 }),
      ],
      [th('Target', { align: 'center' }), th('Result', { align: 'center' }), th('RAG', { align: 'center' }), th('DOT', { align: 'center' }), th('Result', { align: 'center' })],
    ],
    rows,
    widths: [18, 8, 8, 10, 10, 8, 7, 11, 7, 13],
    rowHeaders: true,
    dense: true,
  };
}

/** The annual indicator table (as 004 Appendix A), with a comment row under an indicator that has one. */
function annualIndicatorTable(ctx: BuildContext, indicators: IndicatorReport[], number: number, priority: string): TableBlock {
  const r = ctx.report;
  const { notes } = ctx;
  const rows: Cell[][] = [];
  for (const i of indicators) {
    const at = `indicators.${ctx.indexOf.get(i)}`;
    const rated = ['G', 'GA', 'A', 'RA', 'R'].includes(i.rating.value);
    rows.push([
      { text: i.type, align: 'center' },
      { text: i.ref, bold: true },
      { ...indicatorCell(i, ctx, true), detail: undefined },
      { text: i.polarityText },
      { text: i.result?.dataPeriod?.label ?? i.result?.period ?? r.period.label },
      { text: i.target?.display ?? 'No target', source: i.target ? `${at}.target.display` : undefined, align: 'center' },
      {
        text: resultText(i.result, 'No result'),
        suffix: rated ? ` (${i.rating.value})` : undefined,
        detail: rated ? i.rating.label : i.rating.value === 'monitor' ? undefined : i.rating.label,
        rag: i.rating.value,
        source: i.result ? `${at}.result.display` : undefined,
        notes: [...overrideNotes(i, notes), ...contradictionNotes(i, notes, 'rating')],
        align: 'center',
        bold: true,
      },
      { text: resultText(i.lastYear), source: i.lastYear ? `${at}.lastYear.display` : undefined, align: 'center' },
      {
        text: i.direction.longTerm.text,
        source: `${at}.direction.longTerm.text`,
        notes: [...contradictionNotes(i, notes, 'direction'), ...toleranceNotes(i, notes)],
        align: 'center',
      },
      { text: i.benchmark?.text ?? 'No benchmark available', source: i.benchmark ? `${at}.benchmark.text` : undefined },
    ]);
    const comment = [i.result?.commentary, i.result?.intervention && `Comments and proposed interventions: ${i.result.intervention}`].filter(Boolean).join(' ');
    if (comment) rows.push([{ text: `Comment (${i.ref}): ${comment}`, colSpan: 10 }]);
  }
  return {
    kind: 'table',
    id: `table-indicators-${slug(priority)}`,
    caption: `Table ${number}: Indicators — ${priority}`,
    header: [
      [
        th('Type'),
        th('Ref'),
        th('Indicator'),
        th('Polarity'),
        th('Period covered'),
        th(`${r.period.planYear} Target`, { align: 'center' }),
        th(`${r.period.planYear} Result`, { align: 'center' }),
        th(`${r.comparisons.longTerm} Result`, { align: 'center' }),
        th(`DOT Long Term (from ${r.comparisons.longTerm})`, { align: 'center' }),
        th('Benchmarking'),
      ],
    ],
    rows,
    widths: [5, 7, 22, 9, 10, 8, 9, 8, 9, 13],
    dense: true,
  };
}

function keyActionTable(ctx: BuildContext, actions: KeyActionReport[], number: number, priority: string): TableBlock {
  const annual = ctx.kind === 'annual';
  return {
    kind: 'table',
    id: `table-actions-${slug(priority)}`,
    caption: `Table ${number}: ${annual ? 'Commissioning intentions' : 'Key activities'} — ${priority}`,
    header: [[th(annual ? 'Commissioning Intention' : 'Key activity'), th('RAG', { align: 'center' }), th('Commentary'), th('Service')]],
    rows: actions.map((a) => {
      const at = `keyActions.${ctx.report.keyActions.indexOf(a)}`;
      return [
        { text: a.title, detail: a.ref },
        { text: a.ragLabel, rag: a.rag, align: 'center', source: `${at}.ragLabel` },
        { text: a.commentary ?? '' },
        { text: a.service ?? '' },
      ];
    }),
    widths: [34, 9, 45, 12],
    dense: true,
  };
}

/** "How each indicator is measured and what it is measured against" (the 2017 minute), with the reason for each rating. */
export function measuredNotes(indicators: IndicatorReport[]): Block[] {
  if (!indicators.length) return [];
  return [
    small({ text: 'How these indicators are measured and what they are measured against', bold: true }),
    {
      kind: 'list',
      style: 'small',
      items: indicators.map((i) => {
        const how = [i.definition, i.source && `Source: ${i.source}.`].filter(Boolean).join(' ');
        const against = i.measuredAgainst ? ` Measured against: ${i.measuredAgainst}` : '';
        return [{ text: `${i.ref} ${i.title}: `, bold: true }, `${how}${against} Rating: ${i.rating.reason.text}.`];
      }),
    },
  ];
}

/** At most this many trend charts in a report with many indicators. */
export const TREND_CHART_LIMIT = 12;

/**
 * Which indicators get a trend chart: every indicator with three or more results when there are at most
 * TREND_CHART_LIMIT of them; otherwise those not meeting their target (rated Amber, Green Amber, Red
 * Amber or Red), worst first, up to TREND_CHART_LIMIT. A 200-indicator committee paper with a chart for
 * every indicator would bury the ones that need attention (and take long to print).
 */
export function chartedRefs(indicators: IndicatorReport[]): Set<string> {
  const chartable = indicators.filter((i) => [i.lastYear, i.previousYearEnd, i.previous, i.result].filter((r) => r?.status === 'reported' && r.value !== null).length >= 3);
  if (chartable.length <= TREND_CHART_LIMIT) return new Set(chartable.map((i) => i.ref));
  const order = ['R', 'RA', 'A', 'GA'];
  const missed = chartable.filter((i) => order.includes(i.rating.value)).sort((a, b) => order.indexOf(a.rating.value) - order.indexOf(b.rating.value));
  return new Set(missed.slice(0, TREND_CHART_LIMIT).map((i) => i.ref));
}

/** A trend chart for an indicator with at least three results in the model, in date order. */
export function trendChart(i: IndicatorReport): Chart | null {
  const seen = new Set<string>();
  const points: { end: number; label: string; value: number; display: string }[] = [];
  for (const r of [i.lastYear, i.previousYearEnd, i.previous, i.result]) {
    if (!r || r.status !== 'reported' || r.value === null || seen.has(r.period)) continue;
    const p = parsePeriod(r.period);
    if (!p) continue;
    seen.add(r.period);
    const to = monthsOf(p).to;
    points.push({ end: to.year * 12 + to.month, label: p.kind === 'year' ? `${shortPeriod(r.period)} EOY` : shortPeriod(r.period), value: r.value, display: r.display });
  }
  if (points.length < 3) return null;
  points.sort((a, b) => a.end - b.end);
  const target = i.target?.spec.form === 'value' || i.target?.spec.form === 'threshold' ? { value: i.target.spec.value, display: i.target.display } : null;
  return lineChart({
    id: `chart-trend-${slug(i.ref)}`,
    title: `${i.title} (${i.ref}): trend`,
    description: `Line chart of ${i.title} (${i.polarityText}): ${points.map((p) => `${p.label} ${p.display}`).join('; ')}${target ? `; target ${target.display}` : ''}.`,
    points: points.map(({ label, value, display }) => ({ label, value, display })),
    target,
    header: ['Period', 'Result'],
  });
}

// ---------------------------------------------------------------------------------------------
// Quarterly sections
// ---------------------------------------------------------------------------------------------

const purposeSection: Section = {
  id: 'purpose',
  build: (ctx) => {
    const { report: r, meta } = ctx;
    const intro = meta.introduction ?? [
      `This report provides an update on the ${r.committee.name} priorities for ${r.period.label}, including progress on key activities and the performance of key indicators. The priorities for the year are shown in table 1.`,
    ];
    return [heading(2, '1. Purpose of report', 'purpose'), heading(3, 'Introduction'), ...intro.map((p) => para(p)), prioritiesTable(r, ctx.nextTable())];
  },
};

const overviewSection: Section = { id: 'overview', build: overview };

const quarterlyPriorities: Section = {
  id: 'priorities',
  build: (ctx) => {
    const r = ctx.report;
    const out: Block[] = [heading(3, 'Committee priorities')];
    out.push(small(`Each indicator table shows the result for ${r.period.label}, its RAG rating (${r.method.name}) and its direction of travel against ${r.comparisons.longTerm}. The key is at the end of the report.`));
    for (const p of r.priorities) {
      out.push(heading(3, p.name, `priority-${slug(p.name)}`));
      for (const text of ctx.meta.priorityNarratives?.[p.name] ?? []) out.push(para(text));
      const actions = p.keyActions.map((ref) => r.keyActions.find((a) => a.ref === ref)).filter((a): a is KeyActionReport => !!a);
      if (actions.some((a) => a.rag !== 'not-rated' || a.commentary)) out.push(keyActionTable(ctx, actions, ctx.nextTable(), p.name));
      const indicators = p.indicators.map((ref) => r.indicators.find((i) => i.ref === ref)).filter((i): i is IndicatorReport => !!i);
      if (!indicators.length) {
        out.push(para('There are no indicators linked to this priority.'));
        out.push(...risksFor(ctx, p.name));
        continue;
      }
      const commentary = indicators.filter((i) => i.result?.commentary || i.result?.intervention);
      if (commentary.length) {
        out.push({
          kind: 'list',
          items: commentary.map((i) => [
            ...(i.result?.commentary ? [i.result.commentary] : []),
            ...(i.result?.intervention ? [{ text: ' Comments and proposed interventions: ', bold: true }, i.result.intervention] : []),
          ]),
        });
      }
      out.push(quarterlyIndicatorTable(ctx, indicators, ctx.nextTable(), p.name));
      out.push(...ctx.notes.flush());
      out.push(...risksFor(ctx, p.name));
      for (const i of indicators) {
        const chart = ctx.charted.has(i.ref) ? trendChart(i) : null;
        if (chart) out.push({ kind: 'chart', chart });
      }
      out.push(...measuredNotes(indicators));
    }
    return out;
  },
};

const contradictionsSection: Section = {
  id: 'contradictions',
  build: ({ report: r }) => {
    if (!r.contradictions.length) return [];
    return [
      heading(3, 'Figures that differ from the published report', 'contradictions'),
      para(
        'Every rating and direction of travel in this report is computed from the data. Where a figure printed in a source document disagrees with the data, this report shows the computed figure; the differences are:',
      ),
      {
        kind: 'list',
        items: r.contradictions.map((c) => [{ text: `${c.ref} (${c.period}): `, bold: true }, `The source document printed ${c.printed}; the data give ${c.computed}.`]),
      },
      {
        kind: 'table',
        id: 'table-contradictions',
        caption: 'Printed figures that disagree with their data',
        header: [[th('Ref'), th('Period'), th('What'), th('Printed'), th('From the data'), th('Why')]],
        rows: r.contradictions.map((c, n) => [
          { text: c.ref, bold: true },
          { text: c.period },
          { text: c.kind === 'rating' ? 'RAG rating' : c.kind === 'priority-status' ? 'Overall status' : 'Direction of travel' },
          { text: c.printed, source: `contradictions.${n}.printed` },
          { text: c.computed, source: `contradictions.${n}.computed` },
          { text: c.message },
        ]),
        widths: [8, 10, 10, 10, 10, 52],
        rowHeaders: true,
        dense: true,
      },
    ];
  },
};

function standardSections(ctx: BuildContext): Block[] {
  const { report: r, meta, kind } = ctx;
  return standardBlocks(meta, {
    committee: r.committee.name,
    termsOfReference: r.committee.termsOfReference,
    reasons: `These recommendations provide the Committee with performance information in relation to its priorities for ${r.period.planYear}.`,
    corporatePriorities: `The report provides an overview of performance for ${r.period.label}${kind === 'quarterly' ? ', including progress on key activities and the performance of key indicators' : ''}. Ratings use ${r.method.name}; the key is printed with the report.`,
    insight: `The report identifies key performance information in relation to the ${r.committee.name} priorities for ${r.period.planYear}.`,
  });
}

/** Sections 2 to 6 of a committee report; the caller's text where given, neutral defaults otherwise. */
export function standardBlocks(
  meta: ReportMeta,
  d: { committee: string; termsOfReference: string | null; reasons: string; corporatePriorities: string; insight: string; alternatives?: string; postDecision?: string },
): Block[] {
  const text = (key: StandardSection, fallback: string[]) => (meta.sections?.[key] ?? fallback).map((p) => para(p));
  const tor = d.termsOfReference?.split('\n').filter((l) => l.trim()) ?? [];
  const legal = tor.length
    ? [`The Council's Constitution sets out the responsibilities of all council committees. The responsibilities of the ${d.committee} include:`, ...tor]
    : ['None arising from this report.'];
  return [
    heading(2, `2. Reasons for recommendations`, 'reasons'),
    ...text('reasons', [d.reasons]),
    heading(2, '3. Alternative options considered and not recommended', 'alternatives'),
    ...text('alternatives', [d.alternatives ?? 'None.']),
    heading(2, '4. Post decision implementation', 'post-decision'),
    ...text('postDecision', [d.postDecision ?? 'None.']),
    heading(2, '5. Implications of decision', 'implications'),
    heading(3, '5.1 Corporate Priorities and Performance'),
    ...text('corporatePriorities', [d.corporatePriorities]),
    heading(3, '5.2 Resources (Finance and Value for Money, Procurement, Staffing, IT, Property, Sustainability)', '5-2-resources'),
    ...text('resources', ['None arising from this report.']),
    heading(3, '5.3 Social Value'),
    ...text('socialValue', ['None arising from this report.']),
    heading(3, '5.4 Legal and Constitutional References'),
    ...(meta.sections?.legal ? text('legal', []) : legal.map((p) => para(p))),
    heading(3, '5.5 Risk Management'),
    ...text('riskManagement', ['None arising from this report.']),
    heading(3, '5.6 Equalities and Diversity'),
    ...text('equalities', ['None arising from this report.']),
    heading(3, '5.7 Corporate Parenting'),
    ...text('corporateParenting', ['There are no implications for Corporate Parenting in relation to this report.']),
    heading(3, '5.8 Consultation and Engagement'),
    ...text('consultation', ['None arising from this report.']),
    heading(3, '5.9 Insight'),
    ...text('insight', [d.insight]),
    heading(2, '6. Background papers', 'background-papers'),
    ...text('backgroundPapers', ['None.']),
  ];
}

const standardSectionsSection: Section = { id: 'standard', build: standardSections };

/** The key of the rating method used, the direction of travel, markers, key-action RAG and indicator types. */
const keySection: Section = {
  id: 'key',
  build: ({ report: r, kind }) =>
    keyBlocks({ method: r.method, longTerm: r.comparisons.longTerm, types: Object.keys(r.summary.byType), activities: kind === 'annual' ? 'Activities' : 'Key activities' }),
};

/** The key: activity RAG (unless `activities` is null), the indicator key of the method used, DOT, markers and types. */
export function keyBlocks(o: {
  method: PerformanceReport['method'];
  longTerm: string;
  shortTerm?: string;
  types: string[];
  activities: string | null;
  withDirection?: boolean;
}): Block[] {
  const m = o.method;
  const dot = o.withDirection === false
    ? []
    : [
        [
          { text: 'Direction of travel (DOT): ', bold: true },
          `Improving (↑ I), Worsening (↓ W) or Same (→ S): the result against ${o.longTerm} (the same period last year)${o.shortTerm ? ` — long term — or against ${o.shortTerm} (the previous period) — short term —` : ''}, read with the indicator's polarity. The percentage variation is (this result − the earlier result) ÷ the earlier result × 100. "New" marks an indicator with no earlier result; "Not applicable" a result with nothing comparable.`,
        ] as Run[],
      ];
  return [
    heading(2, 'Key to ratings and symbols', 'key'),
    ...(o.activities
      ? [
          heading(3, o.activities, 'key-activities'),
          {
            kind: 'table',
            id: 'table-key-actions',
            caption: 'Key: RAG rating of activities',
            header: [[th('RAG Rating'), th('Description')]],
            rows: (Object.keys(ACTION_KEY) as (keyof typeof ACTION_KEY)[]).map((k) => [{ text: ACTION_KEY[k].label, rag: k, bold: true }, { text: ACTION_KEY[k].description }]),
            widths: [25, 75],
            rowHeaders: true,
          } as Block,
        ]
      : []),
    heading(3, 'Indicators', 'key-indicators'),
    para({ text: `Rating method: ${m.name}. `, bold: true }, m.directionalPolicyText),
    {
      kind: 'table',
      id: 'table-key-indicators',
      caption: `Key: RAG rating of indicators (${m.name})`,
      header: [[th('RAG Rating'), th(m.kind === 'achievement' ? 'Percentage of targeted improvement achieved' : 'Variance from target'), th('Meaning')]],
      rows: [
        ...m.key.map((k, n): Cell[] => [
          { text: k.label, rag: k.rating, bold: true, source: `method.key.${n}.label` },
          { text: k.band, source: `method.key.${n}.band` },
          { text: k.description, source: `method.key.${n}.description` },
        ]),
        [{ text: 'Monitor', rag: 'monitor', bold: true }, { text: 'No target' }, { text: 'Monitor only: not RAG rated; direction of travel still shown' }],
        [{ text: 'Not rated', rag: 'not-rated', bold: true }, { text: 'No result or no target this period' }, { text: 'Not due this period, not available or no target' }],
      ],
      widths: [20, 30, 50],
      rowHeaders: true,
    },
    {
      kind: 'list',
      items: [
        ...dot,
        [
          { text: 'Markers: ', bold: true },
          'results not for the months of the period are marked (c) cumulative from the start of the financial year, (s) snapshot at the end of the period, or (r) rolling 12 months.',
        ],
        ...(o.types.length ? [[{ text: 'Indicator types: ', bold: true }, o.types.map((t) => `${t} = ${TYPE_NAMES[t] ?? t}`).join('; ') + '.'] as Run[]] : []),
      ],
    },
  ];
}

export const QUARTERLY_SECTIONS: Section[] = [
  coverSheet,
  summarySection,
  recommendationsSection,
  purposeSection,
  budgetSection,
  priorityStatusSection,
  overviewSection,
  quarterlyPriorities,
  escalationsSection,
  contradictionsSection,
  standardSectionsSection,
  keySection,
];

// ---------------------------------------------------------------------------------------------
// Annual sections
// ---------------------------------------------------------------------------------------------

export function appendixTitle(r: PerformanceReport): string {
  return `${r.committee.name} – Annual Performance Report ${r.period.label}`;
}

const whySection: Section = {
  id: 'why',
  build: ({ report: r, meta }) => {
    const intro = meta.introduction ?? [
      `This report sets out progress against the ${r.committee.name} priorities and provides an overview of performance for all the indicators in ${r.period.label}. More detailed information can be found in Appendix A.`,
    ];
    return [heading(2, '1. Why this report is needed', 'why'), ...intro.map((p) => para(p))];
  },
};

const appendixSection: Section = {
  id: 'appendix-a',
  build: (ctx) => {
    const r = ctx.report;
    const out: Block[] = [
      { kind: 'pageBreak' },
      heading(2, `Appendix A: ${appendixTitle(r)}`, 'appendix-a'),
      para(`The tables below provide an update on the ${r.committee.name} priorities for ${r.period.label}:`),
      { kind: 'list', items: r.priorities.map((p): Run[] => [{ text: p.name, bold: true }, ...(p.outcome ? [` – ${p.outcome}`] : [])]) },
    ];
    for (const p of r.priorities) {
      out.push(heading(3, p.name, `priority-${slug(p.name)}`));
      for (const text of ctx.meta.priorityNarratives?.[p.name] ?? []) out.push(para(text));
      const actions = p.keyActions.map((ref) => r.keyActions.find((a) => a.ref === ref)).filter((a): a is KeyActionReport => !!a);
      if (actions.length) out.push(keyActionTable(ctx, actions, ctx.nextTable(), p.name));
      const indicators = p.indicators.map((ref) => r.indicators.find((i) => i.ref === ref)).filter((i): i is IndicatorReport => !!i);
      if (!indicators.length) {
        out.push(para('There are no indicators linked to this priority.'));
        continue;
      }
      out.push(annualIndicatorTable(ctx, indicators, ctx.nextTable(), p.name));
      out.push(...ctx.notes.flush());
      for (const i of indicators) {
        const chart = ctx.charted.has(i.ref) ? trendChart(i) : null;
        if (chart) out.push({ kind: 'chart', chart });
      }
      out.push(...measuredNotes(indicators));
    }
    return out;
  },
};

export const ANNUAL_SECTIONS: Section[] = [
  coverSheet,
  summarySection,
  recommendationsSection,
  whySection,
  overviewSection,
  standardSectionsSection,
  appendixSection,
  contradictionsSection,
  keySection,
];

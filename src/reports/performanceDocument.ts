/**
 * The quarterly and annual committee performance reports as neutral documents (src/documents): an
 * ordered list of blocks built from the report model (`PerformanceReport`) and the cover-sheet facts the
 * caller supplies (`ReportMeta`). Nothing here computes a rating, count or percentage — every figure is
 * read from the model and only formatted.
 *
 * Two report types: `quarterly` (as the Q2 2018/19 committee performance report) and `annual` (as the
 * 2016/17 annual report with its Appendix A). Each is a list of sections, so panels added later
 * (finance, risk, workforce) are new entries in `QUARTERLY_SECTIONS` / `ANNUAL_SECTIONS`.
 */
import { Footnotes, heading, para, slug, small, tableCounter, th } from '../documents/blocks.ts';
import type { Block, Cell, ReportDocument, Run, TableBlock } from '../documents/model.ts';
import { coverBlocks, standardBlocks, withPaperDetails } from '../documents/paper.ts';
import type { IndicatorCounts, Share } from '../domain/summary.ts';
import type { IndicatorReport, KeyActionReport, PerformanceReport, ReportResult } from '../services/performanceReport.ts';
import type { BuildContext, ReportKind, Section } from './context.ts';
import type { ReportMeta } from './kind.ts';
import { budgetSection, escalationsSection, millions, priorityStatusSection, risksFor } from './panels.ts';
import {
  ACTION_KEY,
  chartedRefs,
  contradictionNotes,
  dataPeriodNotes,
  keyBlocks,
  measuredNotes,
  overrideNotes,
  ragChart,
  shareText,
  shortPeriod,
  toleranceNotes,
  trendChart,
} from './performanceBlocks.ts';

export function buildDocument(kind: ReportKind, report: PerformanceReport, given: ReportMeta = {}, sections?: Section[]): ReportDocument {
  // Who the paper is from, as stored with the report (a published version keeps it), unless given for this paper.
  const meta: ReportMeta = { ...given, ...withPaperDetails(given, report.paper) };
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
  const built = list.flatMap((s) => s.build(ctx));
  // Published with something missing: said under the title, with the reason and what was missing.
  const statement = report.incomplete ? incompleteBlocks(report.incomplete) : [];
  const at = built[0]?.kind === 'heading' ? 1 : 0;
  const blocks = [...built.slice(0, at), ...statement, ...built.slice(at)];
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

/** The paper's title when its author gives none: "Quarter 2 2018/19 <committee> Performance Report". */
export function defaultTitle(kind: ReportKind, r: PerformanceReport): string {
  if (kind === 'annual') return `${r.committee.name} Annual Performance Report ${r.period.label}`;
  const words = r.period.label.replace(/^Q(\d) /, 'Quarter $1 ');
  return `${words} ${r.committee.name} Performance Report`;
}


// ---------------------------------------------------------------------------------------------
// Sections shared by both report types
// ---------------------------------------------------------------------------------------------

const coverSheet: Section = {
  id: 'cover',
  build: ({ report, meta, title, kind }) => coverBlocks(title, report.committee.name, meta, kind === 'annual' ? [`Appendix A: ${appendixTitle(report)}`] : ['None']),
};

/** The quarterly paper's summary when its author gives none: what the report holds, from its data. */
export function quarterlySummary(report: PerformanceReport): string {
  return `This report provides an update on the ${report.committee.name} priorities for ${report.period.label}, including ${report.panels.revenue || report.panels.capital ? 'budget forecasts, ' : ''}progress on key activities, the performance of key indicators${report.panels.risks.some((k) => k.highLevel) ? ' and any high level risks' : ''}.`;
}

/** The quarterly paper's recommendation when its author gives none. */
export function quarterlyRecommendation(report: PerformanceReport): string {
  return `The Committee is asked to review the performance information for ${report.period.label} and make any referrals to other committees in accordance with their terms of reference.`;
}

const summarySection: Section = {
  id: 'summary',
  build: ({ report, meta, kind }) => {
    const defaults =
      kind === 'quarterly'
        ? [quarterlySummary(report)]
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
        ? [quarterlyRecommendation(report)]
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

// ---------------------------------------------------------------------------------------------
// Indicator and key-action tables
// ---------------------------------------------------------------------------------------------

const resultText = (r: ReportResult | null, fallback = 'N/A') => (r ? r.display : fallback);

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
          { text: c.kind === 'rating' ? 'RAG rating' : 'Direction of travel' },
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

/**
 * How we compare: each indicator's position in its comparator groups for the period, as the report model
 * carries it (computed from the stored comparator values; nothing ranked here).
 */
const comparisonsSection: Section = {
  id: 'comparisons',
  build: ({ report: r }) => {
    const rows = r.indicators.flatMap((i) => (i.positions ?? []).map((p) => ({ i, p })));
    if (!rows.length) return [];
    const illustrative = rows.some(({ p }) => p.illustrative);
    return [
      heading(3, 'How we compare', 'comparisons'),
      para(
        `Positions for ${r.period.label} are computed from the values of other areas stored for each indicator, ranked best first by the indicator's polarity: areas with the same value share a rank, and a group's size counts the areas with a value.`,
      ),
      {
        kind: 'table',
        id: 'table-comparisons',
        caption: `Position among comparators, ${r.period.label}`,
        header: [[th('Ref'), th('Indicator'), th('Position'), th('The group'), th('Source')]],
        rows: rows.map(({ i, p }) => [
          { text: i.ref, bold: true },
          { text: i.title },
          { text: p.sentence + (p.illustrative ? ' *' : '') },
          { text: p.summary },
          { text: p.sources.join('; ') },
        ]),
        widths: [8, 20, 24, 20, 28],
        rowHeaders: true,
        dense: true,
      },
      ...(illustrative ? [small('* Some of the group’s values are illustrative: reconstructed from a published position, not published values.')] : []),
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
    resources: resourcesText(r),
    riskManagement: riskManagementText(r),
  });
}

/** 5.2 says what the report's budget panels hold, or that none arise. */
export function resourcesText(r: PerformanceReport): string[] {
  const { revenue, capital, savings } = r.panels;
  if (!revenue && !capital && !savings) return ['None arising from this report.'];
  const out: string[] = [];
  if (revenue) {
    const v = revenue.total.varianceAfterReserves;
    const direction = v > 0 ? `an adverse variance of ${millions(v)}` : v < 0 ? `a favourable variance of ${millions(-v)}` : 'no variance';
    out.push(
      `The forecast revenue outturn for ${r.period.label} (after reserve movements) is ${millions(revenue.total.forecastAfterReserves)} against a revised budget of ${millions(revenue.total.revisedBudget)}: ${direction}, set out under Budget forecasts.`,
    );
  }
  if (capital || savings) out.push(`The ${[capital && 'capital programme', savings && 'savings'].filter(Boolean).join(' and ')} for ${r.period.label} ${capital && savings ? 'are' : 'is'} set out under Budget forecasts.`);
  return out;
}

/** 5.5 says which high level risks the report lists, or that none arise. */
export function riskManagementText(r: PerformanceReport): string[] {
  const high = r.panels.risks.filter((k) => k.highLevel);
  if (high.length) {
    const refs = high.map((k) => `${k.ref} ${k.title}`);
    return [
      `The report lists ${high.length === 1 ? 'one high level risk' : `${high.length} high level risks`} (residual score of ${r.panels.highRiskFrom} or more) for ${r.period.label}: ${refs.join('; ')}.`,
    ];
  }
  if (r.panels.risks.length) return [`No risk assessed for ${r.period.label} has a residual score of ${r.panels.highRiskFrom} or more, so none is reported as high level.`];
  return ['None arising from this report.'];
}

const standardSectionsSection: Section = { id: 'standard', build: standardSections };

/** The key of the rating method used, the direction of travel, markers, key-action RAG and indicator types. */
const keySection: Section = {
  id: 'key',
  build: ({ report: r, kind }) =>
    keyBlocks({ method: r.method, longTerm: r.comparisons.longTerm, types: Object.keys(r.summary.byType), activities: kind === 'annual' ? 'Activities' : 'Key activities' }),
};

export const QUARTERLY_SECTIONS: Section[] = [
  coverSheet,
  summarySection,
  recommendationsSection,
  purposeSection,
  budgetSection,
  priorityStatusSection,
  overviewSection,
  quarterlyPriorities,
  comparisonsSection,
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
  comparisonsSection,
  contradictionsSection,
  keySection,
];

/** "Published incomplete: <reason>." and what was missing, for a report published while something was missing. */
export function incompleteText(incomplete: { reason: string; gaps: string[] }): { text: string; gaps: string[] } {
  const n = incomplete.gaps.length;
  return { text: `Published incomplete: ${n === 1 ? '1 item was' : `${n} items were`} missing when this report was published. Reason given: ${incomplete.reason}`, gaps: incomplete.gaps };
}

function incompleteBlocks(incomplete: { reason: string; gaps: string[] }): Block[] {
  const { text, gaps } = incompleteText(incomplete);
  return [
    { kind: 'paragraph', runs: [{ text, bold: true }] },
    { kind: 'list', style: 'small', items: gaps.map((g) => [g]) },
  ];
}

/**
 * The delivery-unit quarterly dashboard as a document: a one-page summary (finance, indicator RAG
 * distribution, direction of travel, key actions), then key successes and challenges, residents'
 * perception, workforce, finance, the performance overview by indicator type, indicator tables per
 * priority with short- and long-term direction of travel, comments and proposed interventions for every
 * indicator not meeting its target, key actions, customer experience, risk, equalities and the keys.
 * Lays out the `Dashboard` model only; computes nothing.
 */
import { formatMoney, formatMoneyPercent } from '../domain/format.ts';
import type { IndicatorCounts } from '../domain/summary.ts';
import { Footnotes, heading, para, slug, small, tableCounter, th } from '../documents/blocks.ts';
import type { Block, Cell, ReportDocument, Run, TableBlock } from '../documents/model.ts';
import type { Dashboard } from './dashboard.ts';
import type { ReportMeta } from './kind.ts';
import { ACTION_KEY, chartedRefs, dataPeriodNotes, keyBlocks, measuredNotes, ragChart, shareText, trendChart } from './performanceBlocks.ts';
import { capitalTable, revenueTable, savingsTable } from './panels.ts';

export function dashboardTitle(d: Dashboard): string {
  return `${d.scope.name}: quarterly dashboard ${d.period.label}`;
}

const ACTION_RAGS = ['G', 'GA', 'RA', 'R', 'notRated'] as const;

/** What the dashboard's section builders see: the model, the footnotes and the table counter. */
interface DashboardContext {
  d: Dashboard;
  notes: Footnotes;
  nextTable: () => number;
}

/** A narrative panel: its items with any action required, or a sentence saying there are none. */
const narrative = (title: string, id: string, items: { text: string; actionRequired: string | null }[], none: string, action = 'Action required: ') => [
  heading(2, title, id),
  items.length ? ({ kind: 'list', items: items.map((i): Run[] => [i.text, ...(i.actionRequired ? [{ text: ` ${action}`, bold: true }, i.actionRequired] : [])]) } as Block) : para(none),
];

/** The one-page summary: finance at a glance, indicators by RAG, direction of travel and key actions by RAG. */
function summaryBlocks(ctx: DashboardContext): Block[] {
  const { d, nextTable } = ctx;
  const s = d.summary;
  const st = d.shortTermSummary;
  const keyCols = d.method.key;
  const out: Block[] = [];
  const rev = d.panels.revenue;
  const cap = d.panels.capital;
  out.push({
    kind: 'table',
    id: 'table-summary-finance',
    caption: `Table ${nextTable()}: Finance at a glance (£000)`,
    header: [[th('Measure'), th('£000', { align: 'right' }), th('%', { align: 'right' })]],
    rows: [
      rev
        ? [
            { text: 'Revenue: variance after reserve movements Adv/(fav)' },
            { text: formatMoney(rev.total.varianceAfterReserves), source: 'panels.revenue.total.varianceAfterReserves', format: 'money', align: 'right' },
            { text: formatMoneyPercent(rev.total.varianceAfterReservesPercent), source: 'panels.revenue.total.varianceAfterReservesPercent', format: 'moneyPercent', align: 'right' },
          ]
        : [{ text: 'Revenue' }, { text: 'No forecast entered', colSpan: 2 }],
      cap
        ? [
            { text: 'Capital: variance from proposed budget Adv/(fav); % slippage' },
            { text: formatMoney(cap.total.variance), source: 'panels.capital.total.variance', format: 'money', align: 'right' },
            { text: formatMoneyPercent(cap.total.slippagePercent), source: 'panels.capital.total.slippagePercent', format: 'moneyPercent', align: 'right' },
          ]
        : [{ text: 'Capital' }, { text: 'No forecast entered', colSpan: 2 }],
    ],
    widths: [60, 20, 20],
    rowHeaders: true,
    dense: true,
  });
  out.push({
    kind: 'table',
    id: 'table-summary-indicators',
    caption: `Table ${nextTable()}: Indicators — ${s.total} in all, ${s.rated} RAG rated (% of rated; Monitor and not rated % of all)`,
    header: [[...keyCols.map((k) => th(k.label, { rag: k.rating, align: 'center' })), th('Monitor', { align: 'center' }), th('Not rated', { align: 'center' })]],
    rows: [
      [
        ...keyCols.map((k): Cell => ({ text: shareText(s[k.rating].count, s[k.rating].percentage), source: `summary.${k.rating}.percentage`, align: 'center' })),
        { text: shareText(s.monitor.count, s.monitor.percentage), source: 'summary.monitor.percentage', align: 'center' },
        { text: shareText(s.notRated.count, s.notRated.percentage), source: 'summary.notRated.percentage', align: 'center' },
      ],
    ],
    widths: [...keyCols.map(() => 12), 12, 12],
    dense: true,
  });
  out.push({
    kind: 'table',
    id: 'table-summary-direction',
    caption: `Table ${nextTable()}: Direction of travel (% of indicators with a direction of travel)`,
    header: [[th('Compared with'), th('Improved or same', { align: 'center' }), th('Worsened', { align: 'center' })]],
    rows: [
      [
        { text: `${d.comparisons.longTerm} (long term)` },
        { text: shareText(s.improvedOrSame.count, s.improvedOrSame.percentage), source: 'summary.improvedOrSame.percentage', align: 'center' },
        { text: shareText(s.worsened.count, s.worsened.percentage), source: 'summary.worsened.percentage', align: 'center' },
      ],
      [
        { text: `${d.comparisons.shortTerm} (short term)` },
        { text: shareText(st.improvedOrSame.count, st.improvedOrSame.percentage), source: 'shortTermSummary.improvedOrSame.percentage', align: 'center' },
        { text: shareText(st.worsened.count, st.worsened.percentage), source: 'shortTermSummary.worsened.percentage', align: 'center' },
      ],
    ],
    widths: [40, 30, 30],
    rowHeaders: true,
    dense: true,
  });
  const k = d.keyActionSummary;
  out.push({
    kind: 'table',
    id: 'table-summary-actions',
    caption: `Table ${nextTable()}: Key actions by RAG — ${k.total} in all (% of all, including not rated)`,
    header: [ACTION_RAGS.map((r) => th(ACTION_KEY[r === 'notRated' ? 'not-rated' : r].label, { rag: r === 'notRated' ? 'not-rated' : r, align: 'center' }))],
    rows: [ACTION_RAGS.map((r): Cell => ({ text: shareText(k[r].count, k[r].percentage), source: `keyActionSummary.${r}.percentage`, align: 'center' }))],
    widths: [20, 20, 20, 20, 20],
    dense: true,
  });
  if (d.notMeetingTarget.length) {
    out.push(small(`${d.notMeetingTarget.length} indicator${d.notMeetingTarget.length === 1 ? ' is' : 's are'} not meeting target: ${d.notMeetingTarget.join(', ')} (comments and proposed interventions below).`));
  }
  for (const n of d.panelNotes) out.push(small(n));
  out.push({ kind: 'pageBreak' });
  return out;
}

/** Key successes, key challenges and residents’ perception. */
function narrativeBlocks(ctx: DashboardContext): Block[] {
  const { d } = ctx;
  const out: Block[] = [];
  out.push(
    ...narrative('Key successes', 'successes', d.panels.narrative.success, 'No key successes are recorded for this quarter.'),
    ...narrative('Key challenges', 'challenges', d.panels.narrative.challenge, 'No key challenges are recorded for this quarter.'),
    ...narrative('Residents’ perception', 'perception', d.panels.narrative.perception, 'No residents’ perception headlines are recorded for this quarter.'),
  );
  return out;
}

/** Workforce figures per service. */
function workforceBlocks(ctx: DashboardContext): Block[] {
  const { d, nextTable } = ctx;
  const out: Block[] = [];
  out.push(heading(2, 'Workforce', 'workforce'));
  if (d.panels.workforce.length) {
    const num = (v: number | null, path: string, extra: Partial<Cell> = {}): Cell =>
      v === null ? { text: '', align: 'right' } : { text: extra.format === 'moneyPercent' ? formatMoneyPercent(v) : String(v), source: path, format: extra.format ?? 'integer', align: 'right' };
    out.push({
      kind: 'table',
      id: 'table-workforce',
      caption: `Table ${nextTable()}: Workforce (${d.period.label})`,
      header: [[th('Service'), th('Establishment headcount', { align: 'right' }), th('Agency staff', { align: 'right' }), th('% of spend on agency staff', { align: 'right' }), th('Average days lost per FTE (rolling 12 months)', { align: 'right' })]],
      rows: d.panels.workforce.map((w, n): Cell[] => [
        { text: w.service, bold: true },
        num(w.headcount, `panels.workforce.${n}.headcount`),
        num(w.agencyStaff, `panels.workforce.${n}.agencyStaff`),
        num(w.agencySpendPercent, `panels.workforce.${n}.agencySpendPercent`, { format: 'moneyPercent' }),
        num(w.daysLostPerFte, `panels.workforce.${n}.daysLostPerFte`),
      ]),
      widths: [32, 17, 15, 18, 18],
      rowHeaders: true,
      dense: true,
    });
  } else out.push(para('No workforce figures are recorded for this quarter.'));
  return out;
}

/** The revenue, capital and savings tables. */
function financeBlocks(ctx: DashboardContext): Block[] {
  const { d, nextTable } = ctx;
  const rev = d.panels.revenue;
  const cap = d.panels.capital;
  const out: Block[] = [];
  out.push(heading(2, 'Finance', 'finance'));
  const panelSource = { panels: d.panels, period: d.period };
  const tables = [revenueTable(panelSource, rev ? nextTable() : 0, 'panels.revenue', true), capitalTable(panelSource, cap ? nextTable() : 0), savingsTable(panelSource, d.panels.savings ? nextTable() : 0)].filter(
    (t): t is TableBlock => t !== null,
  );
  if (tables.length) out.push(...tables, small('£000; (brackets) are favourable or negative. Variation = forecast − revised budget, and its % of the revised budget.'));
  else out.push(para('No revenue, capital or savings figures are recorded for this quarter.'));
  return out;
}

/** The performance overview by indicator type, and the RAG chart. */
function overviewBlocks(ctx: DashboardContext): Block[] {
  const { d, nextTable } = ctx;
  const s = d.summary;
  const st = d.shortTermSummary;
  const keyCols = d.method.key;
  const out: Block[] = [];
  out.push(heading(2, 'Performance overview', 'overview'));
  const typeRow = (label: string, lt: IndicatorCounts, stc: IndicatorCounts, expected: number, reported: number, path: string, stPath: string, exPath: string): Cell[] => [
    { text: label, bold: true },
    ...keyCols.map((col): Cell => ({ text: String(lt[col.rating].count), source: `${path}.${col.rating}.count`, format: 'integer', align: 'center' })),
    { text: String(lt.rated), source: `${path}.rated`, format: 'integer', align: 'center', bold: true },
    { text: String(lt.monitor.count), source: `${path}.monitor.count`, format: 'integer', align: 'center' },
    { text: String(lt.improvedOrSame.count), source: `${path}.improvedOrSame.count`, format: 'integer', align: 'center' },
    { text: String(lt.worsened.count), source: `${path}.worsened.count`, format: 'integer', align: 'center' },
    { text: String(stc.improvedOrSame.count), source: `${stPath}.improvedOrSame.count`, format: 'integer', align: 'center' },
    { text: String(stc.worsened.count), source: `${stPath}.worsened.count`, format: 'integer', align: 'center' },
    { text: String(expected), source: `${exPath}.expected`, format: 'integer', align: 'center' },
    { text: String(reported), source: `${exPath}.reported`, format: 'integer', align: 'center' },
  ];
  out.push({
    kind: 'table',
    id: 'table-overview',
    caption: `Table ${nextTable()}: Performance overview by indicator type, ${d.period.label}`,
    header: [
      [
        th('Type', { rowSpan: 2 }),
        th('RAG rating (count)', { colSpan: keyCols.length, align: 'center' }),
        th('Total rated', { rowSpan: 2, align: 'center' }),
        th('Monitor', { rowSpan: 2, align: 'center' }),
        th(`DOT long term (vs ${d.comparisons.longTerm})`, { colSpan: 2, align: 'center' }),
        th(`DOT short term (vs ${d.comparisons.shortTerm})`, { colSpan: 2, align: 'center' }),
        th('Expected to report', { rowSpan: 2, align: 'center' }),
        th('Reported', { rowSpan: 2, align: 'center' }),
      ],
      [
        ...keyCols.map((c) => th(c.rating, { rag: c.rating, align: 'center' })),
        th('Improved or same', { align: 'center' }),
        th('Worsened', { align: 'center' }),
        th('Improved or same', { align: 'center' }),
        th('Worsened', { align: 'center' }),
      ],
    ],
    rows: [
      ...d.byType.map((t, n) => typeRow(t.type, t.longTerm, t.shortTerm, t.expected, t.reported, `byType.${n}.longTerm`, `byType.${n}.shortTerm`, `byType.${n}`)),
      typeRow('All', s, st, d.total.expected, d.total.reported, 'summary', 'shortTermSummary', 'total'),
    ],
    widths: [8, ...keyCols.map(() => 6), 8, 8, 10, 9, 10, 9, 9, 8],
    rowHeaders: true,
    dense: true,
  });
  out.push(ragChart(s, keyCols, d.period.label));
  return out;
}

/** The indicator tables per priority, their trend charts and how each is measured. */
function indicatorBlocks(ctx: DashboardContext): Block[] {
  const { d, notes, nextTable } = ctx;
  const out: Block[] = [];
  out.push(heading(2, 'Indicators', 'indicators'));
  if (!d.indicators.length) out.push(para('There are no indicators for this dashboard.'));
  for (const p of d.priorities.filter((x) => x.indicators.length)) {
    const list = p.indicators.map((ref) => d.indicators.find((i) => i.ref === ref)!);
    out.push(heading(3, d.scope.committees.length > 1 ? `${p.name} (${p.committee})` : p.name, `indicators-${slug(p.committee)}-${slug(p.name)}`));
    out.push({
      kind: 'table',
      id: `table-indicators-${slug(p.committee)}-${slug(p.name)}`,
      caption: `Table ${nextTable()}: Indicators — ${p.name}`,
      header: [
        [
          th('Indicator', { rowSpan: 2 }),
          th('Polarity', { rowSpan: 2 }),
          th(d.period.short, { colSpan: 3, align: 'center' }),
          th(`Short term (vs ${d.comparisons.shortTerm})`, { colSpan: 2, align: 'center' }),
          th(`Long term (vs ${d.comparisons.longTerm})`, { colSpan: 2, align: 'center' }),
        ],
        [th('Target', { align: 'center' }), th('Result', { align: 'center' }), th('RAG', { align: 'center' }), th('Result', { align: 'center' }), th('DOT', { align: 'center' }), th('Result', { align: 'center' }), th('DOT', { align: 'center' })],
      ],
      rows: list.map((i): Cell[] => {
        const at = `indicators.${d.indicators.indexOf(i)}`;
        return [
          { text: i.basisMarker ? `${i.title} ${i.basisMarker}` : i.title, detail: `${i.ref} · ${i.type}${i.owner ? ` · ${i.owner}` : ''}`, notes: notes.add(i.footnote) },
          { text: i.polarityText },
          { text: i.target?.display ?? 'No target', source: i.target ? `${at}.target.display` : undefined, align: 'center' },
          { text: i.result?.display ?? 'No result', source: i.result ? `${at}.result.display` : undefined, notes: dataPeriodNotes(i.result, notes), align: 'center', bold: true },
          { text: i.rating.label, rag: i.rating.value, source: `${at}.rating.label`, align: 'center' },
          { text: i.previous?.display ?? 'N/A', source: i.previous ? `${at}.previous.display` : undefined, align: 'center' },
          { text: i.direction.shortTerm.text, source: `${at}.direction.shortTerm.text`, align: 'center' },
          { text: i.lastYear?.display ?? 'N/A', source: i.lastYear ? `${at}.lastYear.display` : undefined, align: 'center' },
          { text: i.direction.longTerm.text, source: `${at}.direction.longTerm.text`, align: 'center' },
        ];
      }),
      widths: [26, 9, 9, 9, 8, 8, 10, 8, 10],
      rowHeaders: true,
      dense: true,
    });
    out.push(...notes.flush());
  }
  const charted = chartedRefs(d.indicators);
  const charts = d.indicators.filter((i) => charted.has(i.ref)).map((i) => trendChart(i)).filter((c) => c !== null);
  for (const chart of charts) out.push({ kind: 'chart', chart });
  out.push(...measuredNotes(d.indicators));
  return out;
}

/** Comments and proposed interventions for the indicators not meeting target. */
function interventionBlocks(ctx: DashboardContext): Block[] {
  const { d, nextTable } = ctx;
  const out: Block[] = [];
  out.push(heading(2, 'Comments and proposed interventions', 'interventions'));
  const missed = d.notMeetingTarget.map((ref) => d.indicators.find((i) => i.ref === ref)!);
  if (missed.length) {
    out.push({
      kind: 'table',
      id: 'table-interventions',
      caption: `Table ${nextTable()}: Indicators not meeting target — comments and proposed interventions`,
      header: [[th('Indicator'), th('Result', { align: 'center' }), th('Target', { align: 'center' }), th('RAG', { align: 'center' }), th('Comments and proposed interventions')]],
      rows: missed.map((i): Cell[] => {
        const at = `indicators.${d.indicators.indexOf(i)}`;
        const comment = [i.result?.intervention, i.result?.commentary].filter(Boolean).join(' ');
        return [
          { text: i.title, detail: i.ref },
          { text: i.result?.display ?? '', source: `${at}.result.display`, align: 'center', bold: true },
          { text: i.target?.display ?? '', source: i.target ? `${at}.target.display` : undefined, align: 'center' },
          { text: i.rating.label, rag: i.rating.value, source: `${at}.rating.label`, align: 'center' },
          { text: comment || 'No comment or intervention has been entered.', detail: i.rating.reason.text },
        ];
      }),
      widths: [26, 10, 10, 10, 44],
      rowHeaders: true,
      dense: true,
    });
  } else out.push(para('Every rated indicator is meeting its target.'));
  return out;
}

/** The key actions per priority. */
function keyActionBlocks(ctx: DashboardContext): Block[] {
  const { d, nextTable } = ctx;
  const out: Block[] = [];
  out.push(heading(2, 'Key actions', 'key-actions'));
  if (!d.keyActions.length) out.push(para('There are no key actions for this dashboard.'));
  for (const p of d.priorities.filter((x) => x.keyActions.length)) {
    const list = p.keyActions.map((ref) => d.keyActions.find((a) => a.ref === ref && a.priority === p.name)!).filter(Boolean);
    out.push({
      kind: 'table',
      id: `table-actions-${slug(p.committee)}-${slug(p.name)}`,
      caption: `Table ${nextTable()}: Key actions — ${p.name}`,
      header: [[th('Key action'), th('RAG', { align: 'center' }), th('Progress'), th('Service')]],
      rows: list.map((a): Cell[] => [
        { text: a.title, detail: a.ref },
        { text: a.ragLabel, rag: a.rag, source: `keyActions.${d.keyActions.indexOf(a)}.ragLabel`, align: 'center' },
        { text: a.commentary ?? '' },
        { text: a.service ?? '' },
      ]),
      widths: [34, 10, 44, 12],
      dense: true,
    });
  }
  return out;
}

/** Customer experience figures. */
function customerBlocks(ctx: DashboardContext): Block[] {
  const { d, nextTable } = ctx;
  const out: Block[] = [];
  out.push(heading(2, 'Customer experience', 'customer'));
  if (d.panels.customer.length) {
    out.push({
      kind: 'table',
      id: 'table-customer',
      caption: `Table ${nextTable()}: Customer experience (${d.period.label})`,
      header: [[th('Type'), th('Received', { align: 'right' }), th('Answered on time', { align: 'right' }), th('% on time', { align: 'right' })]],
      rows: d.panels.customer.map((c, n): Cell[] => [
        { text: c.kind, bold: true },
        { text: String(c.received), source: `panels.customer.${n}.received`, format: 'integer', align: 'right' },
        { text: String(c.onTime), source: `panels.customer.${n}.onTime`, format: 'integer', align: 'right' },
        { text: formatMoneyPercent(c.onTimePercent), source: `panels.customer.${n}.onTimePercent`, format: 'moneyPercent', align: 'right' },
      ]),
      widths: [40, 20, 20, 20],
      rowHeaders: true,
      dense: true,
    });
  } else out.push(para('No customer experience figures are recorded for this quarter.'));
  return out;
}

/** The risks assessed this quarter. */
function riskBlocks(ctx: DashboardContext): Block[] {
  const { d, nextTable } = ctx;
  const out: Block[] = [];
  out.push(heading(2, 'Risk', 'risk'));
  if (d.panels.risks.length) {
    const score = (v: number | null, path: string): Cell => (v === null ? { text: '', align: 'center' } : { text: String(v), source: path, format: 'integer', align: 'center' });
    out.push({
      kind: 'table',
      id: 'table-risks',
      caption: `Table ${nextTable()}: Risks assessed this quarter (high level: residual score ${d.panels.highRiskFrom} or more)`,
      header: [[th('Ref'), th('Risk'), th('Priority'), th('Inherent', { align: 'center' }), th('Residual', { align: 'center' }), th('Target', { align: 'center' }), th('High level', { align: 'center' }), th('Commentary')]],
      rows: d.panels.risks.map((k, n): Cell[] => [
        { text: k.ref, bold: true },
        { text: k.title, detail: k.owner ? `Owner: ${k.owner}` : undefined },
        { text: k.priority ?? '' },
        score(k.inherentScore, `panels.risks.${n}.inherentScore`),
        { ...score(k.residualScore, `panels.risks.${n}.residualScore`), bold: true, rag: k.highLevel ? (k.residualScore >= 20 ? 'R' : 'A') : undefined },
        score(k.targetScore, `panels.risks.${n}.targetScore`),
        { text: k.highLevel ? 'Yes' : 'No', align: 'center' },
        { text: k.commentary ?? '' },
      ]),
      widths: [8, 18, 14, 7, 7, 7, 7, 32],
      rowHeaders: true,
      dense: true,
    });
  } else out.push(para('No risks are recorded for this quarter.'));
  return out;
}

/** Equalities, the figures that differ from the published report and the keys. */
function closingBlocks(ctx: DashboardContext): Block[] {
  const { d } = ctx;
  const out: Block[] = [];
  out.push(...narrative('Equalities', 'equalities', d.panels.narrative.equalities, 'No equalities information is recorded for this quarter.'));
  if (d.contradictions.length) {
    out.push(heading(2, 'Figures that differ from the published report', 'contradictions'));
    out.push({ kind: 'list', items: d.contradictions.map((c): Run[] => [{ text: `${c.ref} (${c.period}): `, bold: true }, c.message]) });
  }
  out.push(
    ...keyBlocks({
      method: d.method,
      longTerm: d.comparisons.longTerm,
      shortTerm: d.comparisons.shortTerm,
      types: d.byType.map((t) => t.type),
      activities: 'Key actions',
    }),
  );
  return out;
}

/** The dashboard's sections after its title, in order. */
const DASHBOARD_SECTIONS: ((ctx: DashboardContext) => Block[])[] = [
  summaryBlocks,
  narrativeBlocks,
  workforceBlocks,
  financeBlocks,
  overviewBlocks,
  indicatorBlocks,
  interventionBlocks,
  keyActionBlocks,
  customerBlocks,
  riskBlocks,
  closingBlocks,
];

export function buildDashboardDocument(d: Dashboard, meta: ReportMeta = {}): ReportDocument {
  const title = meta.title?.trim() || dashboardTitle(d);
  const ctx: DashboardContext = { d, notes: new Footnotes(), nextTable: tableCounter() };
  const blocks: Block[] = [
    heading(1, title, 'title'),
    {
      kind: 'paragraph',
      style: 'lead',
      runs: [
        { text: d.scope.kind === 'unit' ? `Delivery unit ${d.scope.name}` : d.scope.name, bold: true },
        d.scope.kind === 'unit' ? ` — ${d.scope.committees.length ? d.scope.committees.join('; ') : 'no committee'}` : '',
        meta.meetingDate ? ` — ${meta.meetingDate}` : '',
      ],
    },
    small(`Plan year ${d.period.planYear}. Ratings use ${d.method.name}. Long-term direction of travel against ${d.comparisons.longTerm}; short-term against ${d.comparisons.shortTerm}. The key is at the end.`),
    heading(2, 'Summary', 'summary'),
  ];
  blocks.push(...DASHBOARD_SECTIONS.flatMap((section) => section(ctx)));

  return {
    kind: 'dashboard',
    title,
    subtitle: [d.scope.name, meta.meetingDate].filter(Boolean).join(', '),
    runningHead: title,
    council: d.council ?? '',
    committee: d.scope.name,
    period: d.period.label,
    lang: 'en-GB',
    author: meta.author?.trim() || d.council || d.scope.name,
    subject: `Quarterly dashboard, ${d.scope.name}, ${d.period.label}`,
    keywords: [d.scope.name, d.period.label, 'dashboard', 'performance', 'RAG'],
    blocks,
  };
}

/**
 * The finance, overall-status and risk panels of the quarterly committee report, as 002 prints them:
 * "Budget forecasts" (Table 2 revenue forecast, then capital and savings when entered), the overall
 * status per priority (Table 3) with its reasons, the high-level risks of each priority, and the
 * strategic issues/escalations. Every figure is a field of `report.panels` / `report.priorityStatuses`,
 * only formatted (`formatMoney`: £000 with brackets for favourable/negative; `formatMoneyPercent`).
 */
import { formatMoney, formatMoneyPercent } from '../domain/format.ts';
import type { PriorityStatus, RiskView } from '../domain/panels.ts';
import type { PerformanceReport } from '../services/performanceReport.ts';
import type { ReportPanels } from '../services/reportPanels.ts';

/** What the finance tables read: the panels and the period. */
export interface PanelSource {
  panels: ReportPanels;
  period: PerformanceReport['period'];
}
import { heading, para, slug, small, th } from '../documents/blocks.ts';
import type { Block, Cell, RagStyle, TableBlock } from '../documents/model.ts';
import type { BuildContext, Section } from './context.ts';

export const STATUS_RAG: Record<PriorityStatus, RagStyle> = { Green: 'G', Amber: 'A', Red: 'R' };

const money = (value: number | null, source: string, extra: Partial<Cell> = {}): Cell => ({
  text: formatMoney(value),
  source,
  format: 'money',
  align: 'right',
  ...extra,
});
const moneyPct = (value: number | null, source: string, extra: Partial<Cell> = {}): Cell => ({
  text: formatMoneyPercent(value),
  source,
  format: 'moneyPercent',
  align: 'right',
  ...extra,
});

/** "£1.935m" for a figure held in £000. */
export const millions = (thousands: number) => `£${(thousands / 1000).toFixed(3)}m`;

/** Table 2 of 002: revenue forecast per service, £000, brackets for favourable/negative. */
export function revenueTable(r: PanelSource, number: number, path = 'panels.revenue', withVariancePercent = false): TableBlock | null {
  const rev = r.panels.revenue;
  if (!rev) return null;
  const p = r.period.short;
  const withOriginal = rev.lines.some((l) => l.originalBudget !== null);
  const row = (l: (typeof rev.lines)[number], at: string, total = false): Cell[] => [
    { text: l.service, bold: total },
    ...(withOriginal ? [money(l.originalBudget, `${at}.originalBudget`, { bold: total })] : []),
    money(l.revisedBudget, `${at}.revisedBudget`, { bold: total }),
    money(l.forecast, `${at}.forecast`, { bold: total }),
    money(l.variance, `${at}.variance`, { bold: total }),
    ...(withVariancePercent ? [moneyPct(l.variancePercent, `${at}.variancePercent`, { bold: total })] : []),
    money(l.reserveMovements, `${at}.reserveMovements`, { bold: total }),
    money(l.forecastAfterReserves, `${at}.forecastAfterReserves`, { bold: total }),
    money(l.varianceAfterReserves, `${at}.varianceAfterReserves`, { bold: total }),
    moneyPct(l.varianceAfterReservesPercent, `${at}.varianceAfterReservesPercent`, { bold: total }),
  ];
  const names = [
    th('Service'),
    ...(withOriginal ? [th('Original Budget', { align: 'right' })] : []),
    th('Revised Budget', { align: 'right' }),
    th(`${p} Forecast`, { align: 'right' }),
    th('Variance from Revised Budget Adv/(fav)', { align: 'right', colSpan: withVariancePercent ? 2 : 1 }),
    th('Reserve Movements', { align: 'right' }),
    th(`${p} Forecast after Reserve Movements`, { align: 'right' }),
    th('Variance after Reserve Movements Adv/(fav)', { align: 'right', colSpan: 2 }),
  ];
  const pounds = (n: number) => Array.from({ length: n }, () => th('£000', { align: 'right' }));
  const units = [
    th(''),
    ...pounds(withOriginal ? 4 : 3),
    ...(withVariancePercent ? [th('% of revised budget', { align: 'right' })] : []),
    ...pounds(3),
    th('%', { align: 'right' }),
  ];
  const widths = [22, ...(withOriginal ? [9] : []), 9, 9, 10, ...(withVariancePercent ? [9] : []), 9, 11, 10, 9];
  return {
    kind: 'table',
    id: 'table-revenue',
    caption: `Table ${number}: Revenue forecast (${r.period.label})`,
    header: [names, units],
    rows: [...rev.lines.map((l, n) => row(l, `${path}.lines.${n}`)), ...(rev.lines.length > 1 ? [row(rev.total, `${path}.total`, true)] : [])],
    widths,
    rowHeaders: true,
    dense: true,
  };
}

export function capitalTable(r: PanelSource, number: number, path = 'panels.capital'): TableBlock | null {
  const cap = r.panels.capital;
  if (!cap) return null;
  const row = (l: (typeof cap.lines)[number], at: string, total = false): Cell[] => [
    { text: l.scheme, bold: total },
    money(l.budget, `${at}.budget`, { bold: total }),
    money(l.additions, `${at}.additions`, { bold: total }),
    money(l.slippage, `${at}.slippage`, { bold: total }),
    money(l.proposedBudget, `${at}.proposedBudget`, { bold: total }),
    money(l.forecast, `${at}.forecast`, { bold: total }),
    money(l.variance, `${at}.variance`, { bold: total }),
    moneyPct(l.slippagePercent, `${at}.slippagePercent`, { bold: total }),
  ];
  return {
    kind: 'table',
    id: 'table-capital',
    caption: `Table ${number}: Capital forecast (${r.period.label})`,
    header: [
      [
        th('Scheme'),
        th('Budget (incl. slippage awaiting approval)', { align: 'right' }),
        th('Additions/ (Deletions)', { align: 'right' }),
        th('(Slippage)/ Accelerated Spend', { align: 'right' }),
        th('Proposed Budget', { align: 'right' }),
        th(`${r.period.short} Forecast`, { align: 'right' }),
        th('Variance from Proposed Budget Adv/(fav)', { align: 'right' }),
        th('% Slippage', { align: 'right' }),
      ],
      [th(''), ...Array.from({ length: 6 }, () => th('£000', { align: 'right' })), th('%', { align: 'right' })],
    ],
    rows: [...cap.lines.map((l, n) => row(l, `${path}.lines.${n}`)), ...(cap.lines.length > 1 ? [row(cap.total, `${path}.total`, true)] : [])],
    widths: [24, 12, 10, 11, 10, 10, 12, 9],
    rowHeaders: true,
    dense: true,
  };
}

export function savingsTable(r: PanelSource, number: number, path = 'panels.savings'): TableBlock | null {
  const sav = r.panels.savings;
  if (!sav) return null;
  return {
    kind: 'table',
    id: 'table-savings',
    caption: `Table ${number}: Savings (MTFS), ${r.period.planYear}`,
    header: [
      [th('Ref'), th('Description'), th('Target £000', { align: 'right' }), th('Achieved £000', { align: 'right' }), th('% achieved', { align: 'right' }), th('FTE', { align: 'right' }), th('Comments')],
    ],
    rows: [
      ...sav.lines.map((l, n): Cell[] => [
        { text: l.ref, bold: true },
        { text: l.description },
        money(l.target, `${path}.lines.${n}.target`),
        l.achieved === null ? { text: 'Not reported', align: 'right' } : money(l.achieved, `${path}.lines.${n}.achieved`),
        moneyPct(l.achievedPercent, `${path}.lines.${n}.achievedPercent`),
        l.fte === null ? { text: '' } : { text: String(l.fte), source: `${path}.lines.${n}.fte`, format: 'integer', align: 'right' },
        { text: l.comments ?? '' },
      ]),
      [
        { text: 'Total', bold: true },
        { text: '' },
        money(sav.target, `${path}.target`, { bold: true }),
        money(sav.achieved, `${path}.achieved`, { bold: true }),
        moneyPct(sav.achievedPercent, `${path}.achievedPercent`, { bold: true }),
        { text: '' },
        { text: '' },
      ],
    ],
    widths: [9, 30, 10, 10, 9, 6, 26],
    rowHeaders: true,
    dense: true,
  };
}

/** "Budget forecasts" (002 §1.4 and Table 2), then capital and savings when entered. */
export const budgetSection: Section = {
  id: 'budget',
  build: (ctx) => {
    const r = ctx.report;
    const { revenue, capital, savings } = r.panels;
    if (!revenue && !capital && !savings) return [];
    const out: Block[] = [heading(3, 'Budget forecasts', 'budget-forecasts')];
    if (revenue) {
      const parts = revenue.lines.map((l) => `for ${l.service} is ${millions(l.forecastAfterReserves)}`);
      const joined = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
      out.push(para(`The forecast revenue outturn (after reserve movements) for ${r.period.label} ${joined}.`));
      out.push(revenueTable(r, ctx.nextTable())!);
      out.push(small('£000. Variance = forecast − revised budget: positive is adverse, (brackets) favourable. % = variance after reserve movements ÷ revised budget.'));
    }
    const cap = capitalTable(r, capital ? ctx.nextTable() : 0);
    if (cap) out.push(cap, small('£000. Proposed budget = budget + additions/(deletions) + (slippage)/accelerated spend; variance = forecast − proposed budget; % slippage = slippage ÷ budget.'));
    const sav = savingsTable(r, savings ? ctx.nextTable() : 0);
    if (sav) out.push(sav);
    return out;
  },
};

/**
 * Table 3 of 002: the overall status of each priority — the officers' judgement with its reason. Where no
 * judgement was recorded the status computed from the data is shown, marked "(computed)" with its reasons,
 * never passed off as a judgement.
 */
export function statusTable(ctx: BuildContext, number: number, path = 'priorityStatuses'): TableBlock {
  const r = ctx.report;
  return {
    kind: 'table',
    id: 'table-priority-status',
    caption: `Table ${number}: Overall status for priorities (${r.period.label})`,
    header: [[th(`${r.committee.name} priorities`), th('Overall status', { align: 'center' }), th('Reason')]],
    rows: r.priorityStatuses.map((s, n): Cell[] => {
      if (s.judgement) {
        return [
          { text: s.priority, bold: true },
          { text: s.judgement.status, rag: STATUS_RAG[s.judgement.status], align: 'center', source: `${path}.${n}.judgement.status`, bold: true },
          { text: s.judgement.reason },
        ];
      }
      return [
        { text: s.priority, bold: true },
        { text: s.computed, suffix: ' (computed)', rag: STATUS_RAG[s.computed], align: 'center', source: `${path}.${n}.computed`, bold: true },
        { text: 'No overall status was recorded by officers. Computed from the data:', items: s.reasons },
      ];
    }),
    widths: [38, 14, 48],
    rowHeaders: true,
  };
}

export const priorityStatusSection: Section = {
  id: 'priority-status',
  build: (ctx) => {
    const r = ctx.report;
    if (!r.priorityStatuses.length) return [];
    const computed = r.priorityStatuses.some((s) => !s.judgement);
    return [
      heading(3, 'Committee priorities', 'committee-priorities-status'),
      para(
        `The update on Committee priorities includes performance and risk information: progress on activities; performance of key indicators; high level risks (residual score ${r.panels.highRiskFrom} or more); strategic issues and escalations.`,
      ),
      para(
        `An overall status for each of the Committee's priorities is shown below. It is the officers' judgement of the ${r.period.label} position on budget forecasts, progress on activities, performance of key indicators and any high level risks, with the reason for it.`,
      ),
      ...(computed
        ? [
            para(
              'Where officers recorded no judgement, the status computed from the data is shown instead and marked “computed”: Red when any indicator or activity is Red or a high level risk scores 20 or more; Amber when any indicator or activity is Amber, Green Amber or Red Amber, any high level risk is linked to the priority, or the revenue forecast after reserve movements is adverse; otherwise Green.',
            ),
          ]
        : []),
      statusTable(ctx, ctx.nextTable()),
      ...ctx.notes.flush(),
    ];
  },
};

const count = (n: number, one: string, many: string) => (n === 0 ? `no ${many}` : n === 1 ? `one ${one}` : `${n} ${many}`);

/** The high-level risks linked to a priority (002 §1.9): a sentence and a table of ref, risk, residual score and commentary. */
export function risksFor(ctx: BuildContext, priority: string | null, path = 'panels.risks'): Block[] {
  const r = ctx.report;
  const risks = r.panels.risks.filter((k) => k.highLevel && k.priority === priority);
  const kinds = (list: RiskView[]) => {
    const strategic = list.filter((k) => k.kind === 'strategic').length;
    if (strategic === list.length) return list.length === 1 ? ' This is a strategic risk.' : ' These are strategic risks.';
    if (strategic === 0) return list.length === 1 ? ' This is a service risk.' : ' These are service risks.';
    return ` ${strategic} strategic and ${list.length - strategic} service.`;
  };
  const intro = `There ${risks.length === 1 ? 'is' : 'are'} ${count(risks.length, 'high level risk', 'high level risks')} linked to ${priority === null ? 'no single priority' : 'this priority'}.`;
  if (!risks.length) return priority === null ? [] : [para(intro)];
  return [
    para(intro + kinds(risks)),
    {
      kind: 'table',
      id: `table-risks-${slug(priority ?? 'other')}`,
      caption: `Table ${ctx.nextTable()}: High level risks — ${priority ?? 'not linked to a priority'}`,
      header: [[th('Ref'), th('Risk'), th('Type'), th('Residual score', { align: 'center' }), th('Commentary')]],
      rows: risks.map((k): Cell[] => {
        const n = r.panels.risks.indexOf(k);
        return [
          { text: k.ref, bold: true },
          { text: k.title, detail: k.owner ? `Owner: ${k.owner}` : undefined },
          { text: k.kind === 'strategic' ? 'Strategic' : 'Service' },
          { text: String(k.residualScore), source: `${path}.${n}.residualScore`, format: 'integer', align: 'center', bold: true, rag: k.residualScore >= 20 ? 'R' : 'A' },
          { text: k.commentary ?? '', detail: k.reason },
        ];
      }),
      widths: [9, 22, 9, 9, 51],
      rowHeaders: true,
      dense: true,
    },
  ];
}

/** "Strategic issues/escalations" (002 §1.16), and high-level risks linked to no priority. */
export const escalationsSection: Section = {
  id: 'escalations',
  build: (ctx) => {
    const r = ctx.report;
    const items = r.panels.narrative.escalation;
    return [
      ...risksFor(ctx, null),
      heading(3, 'Strategic issues/escalations', 'escalations'),
      items.length
        ? { kind: 'list', items: items.map((i) => [i.text, ...(i.actionRequired ? [{ text: ' Action required: ', bold: true }, i.actionRequired] : [])]) }
        : para('There are no strategic issues/escalations.'),
    ];
  },
};

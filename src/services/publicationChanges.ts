/**
 * What changed between two published versions of a committee's period, for people: listed with the new
 * version (issue 9, "a reopen-and-republish makes a new version … and the change listed"). Pure: it
 * compares the two report models as published.
 */
import type { IndicatorReport, KeyActionReport, PerformanceReport, ReportResult } from './performanceReport.ts';
import type { PriorityStatusView, ReportPanels } from './reportPanels.ts';
import { officerText } from '../domain/paperDetails.ts';

const shown = (r: ReportResult | null) => r?.display || 'no result';

/** An overall status as the paper prints it: the judgement, or the computed status marked so. */
const statusShown = (s: PriorityStatusView) => (s.judgement ? s.judgement.status : `${s.computed} (computed)`);

/** "from → to" for each field that differs. */
function differences(fields: [name: string, before: string | null | undefined, after: string | null | undefined][]): string[] {
  const out: string[] = [];
  for (const [name, before, after] of fields) {
    if ((before ?? '') !== (after ?? '')) out.push(`${name} ${before || 'none'} → ${after || 'none'}`);
  }
  return out;
}

/** Text that changed is said to have changed, not quoted (it may be long). */
function textChanges(fields: [name: string, before: string | null | undefined, after: string | null | undefined][]): string[] {
  return fields.filter(([, before, after]) => (before ?? '') !== (after ?? '')).map(([name]) => `${name} changed`);
}

function indicatorChanges(before: IndicatorReport, after: IndicatorReport, report: PerformanceReport): string[] {
  return [
    ...differences([
      ['result', shown(before.result), shown(after.result)],
      ['target', before.target?.display, after.target?.display],
      ['rating', before.rating.label, after.rating.label],
      [`${report.comparisons.longTerm} result`, shown(before.lastYear), shown(after.lastYear)],
      [`${report.comparisons.shortTerm} result`, shown(before.previous), shown(after.previous)],
      ['direction of travel', before.direction.longTerm.text, after.direction.longTerm.text],
      ['short-term direction', before.direction.shortTerm.text, after.direction.shortTerm.text],
    ]),
    ...textChanges([
      ['commentary', before.result?.commentary, after.result?.commentary],
      ['intervention', before.result?.intervention, after.result?.intervention],
      ['title', before.title, after.title],
    ]),
  ];
}

function actionChanges(before: KeyActionReport, after: KeyActionReport): string[] {
  return [...differences([['RAG', before.ragLabel, after.ragLabel]]), ...textChanges([['commentary', before.commentary, after.commentary]])];
}

/** One line per list item added, removed or changed, keyed by `keyOf`. */
function listChanges<T>(noun: string, before: T[], after: T[], keyOf: (t: T) => string, changes: (b: T, a: T) => string[]): string[] {
  const out: string[] = [];
  const earlier = new Map(before.map((t) => [keyOf(t), t]));
  const later = new Set(after.map(keyOf));
  for (const a of after) {
    const b = earlier.get(keyOf(a));
    if (!b) out.push(`${noun} ${keyOf(a)} added`);
    else {
      const found = changes(b, a);
      if (found.length) out.push(`${noun} ${keyOf(a)}: ${found.join('; ')}`);
    }
  }
  for (const b of before) if (!later.has(keyOf(b))) out.push(`${noun} ${keyOf(b)} removed`);
  return out;
}

const PANEL_NAMES: Record<keyof ReportPanels, string> = {
  revenue: 'Revenue budget',
  capital: 'Capital budget',
  savings: 'Savings',
  risks: 'Risks',
  highRiskFrom: 'High-risk threshold',
  workforce: 'Workforce',
  customer: 'Customer experience',
  narrative: 'Narrative',
};

/** The changes from the previous published version to the new one, one sentence each. */
export function describeChanges(before: PerformanceReport, after: PerformanceReport): string[] {
  const out: string[] = [
    ...differences([
      ['Committee name', before.committee.name, after.committee.name],
      ['Rating method', before.method.name, after.method.name],
    ]),
    ...differences([
      ['Report of', before.paper?.reportOf, after.paper?.reportOf],
      ['Officer contact', before.paper?.officer && officerText(before.paper.officer), after.paper?.officer && officerText(after.paper.officer)],
    ]),
    ...textChanges([['Terms of reference', before.committee.termsOfReference, after.committee.termsOfReference]]),
    ...listChanges('Indicator', before.indicators, after.indicators, (i) => i.ref, (b, a) => indicatorChanges(b, a, after)),
    ...listChanges('Key action', before.keyActions, after.keyActions, (a) => a.ref, actionChanges),
    ...listChanges(
      'Overall status of',
      before.priorityStatuses,
      after.priorityStatuses,
      (s) => s.priority,
      (b, a) => [
        ...differences([['', statusShown(b), statusShown(a)]]).map((d) => d.trim()),
        ...textChanges([['reason', b.judgement?.reason, a.judgement?.reason]]),
      ],
    ),
  ];
  for (const key of Object.keys(PANEL_NAMES) as (keyof ReportPanels)[]) {
    if (JSON.stringify(before.panels[key]) !== JSON.stringify(after.panels[key])) out.push(`${PANEL_NAMES[key]} figures changed`);
  }
  return out.length ? out : ['No figure or text changed: published again as it was'];
}

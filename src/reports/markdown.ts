/**
 * The performance report as Markdown: every figure read from the report model, none computed here.
 * All text is escaped (src/documents/markdown.ts): table cells with `mdCell`, headings and prose with
 * `mdText`/`mdLine`, so nothing typed — a commentary, a name — becomes a link, an image, HTML or a heading.
 */
import { incompleteText } from './performanceDocument.ts';
import { formatPercentage, type IndicatorCounts } from '../domain/summary.ts';
import { mdCell, mdLine, mdText } from '../documents/markdown.ts';
import type { IndicatorReport, PerformanceReport } from '../services/performanceReport.ts';

const share = (count: number, pct: number | null) => `${count} (${formatPercentage(pct)})`;

function summaryRows(label: string, s: IndicatorCounts, rags: ('G' | 'GA' | 'A' | 'RA' | 'R')[]): string {
  return `| ${mdCell(label)} | ${rags.map((r) => share(s[r].count, s[r].percentage)).join(' | ')} | ${s.rated} | ${s.monitor.count} | ${share(
    s.improvedOrSame.count,
    s.improvedOrSame.percentage,
  )} | ${share(s.worsened.count, s.worsened.percentage)} | ${s.total} |`;
}

function indicatorRow(i: IndicatorReport): string {
  const result = i.result ? `${i.result.display}${i.basisMarker ? ` ${i.basisMarker}` : ''}` : 'No result';
  return `| ${mdCell(i.ref)} | ${mdCell(i.title)} | ${mdCell(i.type)} | ${mdCell(i.polarityText)} | ${mdCell(i.target?.display ?? 'No target')} | ${mdCell(
    result,
  )} | ${mdCell(i.result?.dataPeriod?.label ?? '')} | ${mdCell(i.rating.label)} | ${mdCell(i.direction.longTerm.text)} | ${mdCell(
    i.lastYear?.display ?? '',
  )} | ${mdCell(i.benchmark?.text ?? 'No benchmark available')} |`;
}

export function renderPerformanceMarkdown(r: PerformanceReport): string {
  const rags = r.method.key.map((k) => k.rating);
  const out: string[] = [];
  out.push(`# ${mdText(r.committee.name)}: performance report ${mdText(r.period.label)}`, '');
  if (r.council) out.push(mdLine(r.council), '');
  if (r.incomplete) {
    const { text, gaps } = incompleteText(r.incomplete);
    out.push(`**${mdText(text)}**`, '', ...gaps.map((g) => `- ${mdText(g)}`), '');
  }
  out.push(`Rating method: ${mdText(r.method.name)}. ${mdText(r.method.directionalPolicyText)}`, '');
  if (r.method.ratingBasis) out.push(mdText(r.method.ratingBasis.text), '');
  out.push('## Summary', '');
  out.push(`| | ${rags.map(mdCell).join(' | ')} | Rated | Monitor | Improved or same | Worsened | Indicators |`);
  out.push(`|---|${rags.map(() => '---').join('|')}|---|---|---|---|---|`);
  out.push(summaryRows('All indicators', r.summary, rags));
  for (const [type, s] of Object.entries(r.summary.byType)) out.push(summaryRows(type, s, rags));
  out.push('', 'RAG percentages are of the rated indicators; direction-of-travel percentages are of the indicators with a direction of travel.', '');
  if (r.keyActions.length) {
    const k = r.keyActionSummary;
    out.push(
      `Key actions: ${k.total} — Green ${share(k.G.count, k.G.percentage)}, Green Amber ${share(k.GA.count, k.GA.percentage)}, Red Amber ${share(
        k.RA.count,
        k.RA.percentage,
      )}, Red ${share(k.R.count, k.R.percentage)}, Not rated ${share(k.notRated.count, k.notRated.percentage)} (percentages of all key actions).`,
      '',
    );
  }
  for (const p of r.priorities) {
    out.push(`## ${mdText(p.name)}`, '');
    if (p.outcome) out.push(`Outcome: ${mdText(p.outcome)}`, '');
    const actions = r.keyActions.filter((a) => a.priority === p.name);
    if (actions.length) {
      out.push('### Key actions', '', '| Ref | Action | RAG | Commentary | Service |', '|---|---|---|---|---|');
      for (const a of actions) out.push(`| ${mdCell(a.ref)} | ${mdCell(a.title)} | ${mdCell(a.ragLabel)} | ${mdCell(a.commentary)} | ${mdCell(a.service)} |`);
      out.push('');
    }
    const indicators = r.indicators.filter((i) => i.priority === p.name);
    if (indicators.length) {
      out.push('### Indicators', '');
      out.push(
        `| Ref | Indicator | Type | Polarity | Target | Result | Data period | RAG | DOT (vs ${mdCell(r.comparisons.longTerm)}) | ${mdCell(
          r.comparisons.longTerm,
        )} | Benchmark |`,
      );
      out.push('|---|---|---|---|---|---|---|---|---|---|---|');
      for (const i of indicators) out.push(indicatorRow(i));
      out.push('', 'Why each rating:', '');
      for (const i of indicators) {
        out.push(`- **${mdText(i.ref)}** ${mdText(i.rating.label)}: ${mdText(i.rating.reason.text)}. Direction of travel: ${mdText(i.direction.longTerm.reason)}`);
        if (i.measuredAgainst) out.push(`  - Measured against: ${mdText(i.measuredAgainst)}`);
        if (i.result?.commentary) out.push(`  - Commentary: ${mdText(i.result.commentary)}`);
        if (i.result?.intervention) out.push(`  - Comments and proposed intervention: ${mdText(i.result.intervention)}`);
      }
      out.push('');
    }
  }
  const positions = r.indicators.flatMap((i) => (i.positions ?? []).map((p) => ({ i, p })));
  if (positions.length) {
    out.push('## How we compare', '');
    for (const { i, p } of positions) out.push(`- **${mdText(i.ref)}** ${mdText(p.sentence)}${p.illustrative ? ' (some values illustrative)' : ''}. ${mdText(p.summary)}. Source: ${mdText(p.sources.join('; '))}`);
    out.push('');
  }
  if (r.contradictions.length) {
    out.push('## Figures that disagree with their data', '');
    out.push('The source documents printed these figures; the report shows the figures computed from the data.', '');
    for (const c of r.contradictions) out.push(`- ${mdText(c.message)}`);
    out.push('');
  }
  out.push('## Key', '', '| Rating | Band | Meaning |', '|---|---|---|');
  for (const k of r.method.key) out.push(`| ${mdCell(k.label)} | ${mdCell(k.band)} | ${mdCell(k.description)} |`);
  out.push('');
  return out.join('\n');
}

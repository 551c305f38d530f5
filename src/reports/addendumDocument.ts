/**
 * The addendum for next year as a committee paper (as seeds 000 and 001): cover sheet, summary,
 * recommendations, "1. Why this report is needed" with the summary of the Q3 position and of next
 * year's targets, sections 2–6, and Appendix A — per priority, each indicator's Q3 position against this
 * year's target beside next year's target, marked raised / lowered (with the reason) / new / monitor —
 * then the keys. Lays out the `Addendum` model only; computes nothing.
 */
import { Footnotes, heading, para, slug, small, tableCounter, th } from '../documents/blocks.ts';
import { barChart } from '../documents/charts.ts';
import { RAG_FILL, type Block, type Cell, type RagStyle, type ReportDocument, type Run, type TableBlock } from '../documents/model.ts';
import { coverBlocks, standardBlocks, withPaperDetails } from '../documents/paper.ts';
import type { Addendum, AddendumRow, TargetChange } from './addendum.ts';
import type { ReportMeta } from './kind.ts';
import { keyBlocks, shareText } from './performanceBlocks.ts';

/** Colour of the change marker cells (the text always says the change). */
const CHANGE_STYLE: Partial<Record<TargetChange, RagStyle>> = { raised: 'G', lowered: 'RA', 'to-monitor': 'monitor', 'not-set': 'not-rated', dropped: 'not-rated' };

export function addendumTitle(a: Addendum): string {
  return `${a.committee.nextName} Commissioning Plan – ${a.nextYear} addendum`;
}

const joinAnd = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? ''));

export function buildAddendumDocument(a: Addendum, given: ReportMeta = {}): ReportDocument {
  const meta: ReportMeta = { ...given, ...withPaperDetails(given, a.paper) };
  const title = meta.title?.trim() || addendumTitle(a);
  const notes = new Footnotes();
  const nextTable = tableCounter();
  const appendix = `Appendix A: ${addendumTitle(a)}`;
  const blocks: Block[] = [
    ...coverBlocks(title, a.committee.name, meta, [appendix]),
    heading(2, 'Summary'),
    ...(meta.summary ?? [
      `This report sets out the ${a.period.label} position against ${a.thisYear} targets and presents updated targets for ${a.nextYear} for approval. Targets for next year are set out in a ${a.nextYear} addendum to the ${a.committee.name} Commissioning Plan (Appendix A).`,
    ]).map((p) => para(p)),
    heading(2, 'Recommendations', 'recommendations'),
    {
      kind: 'list',
      ordered: true,
      items: (meta.recommendations ?? [
        `That the Committee review and approve the addendum to the ${a.committee.name} Commissioning Plan for ${a.nextYear} (Appendix A), which includes the ${a.period.label} position against ${a.thisYear} targets and presents updated targets for ${a.nextYear}.`,
      ]).map((t) => [t]),
    },
    heading(2, '1. Why this report is needed', 'why'),
    ...(meta.introduction ?? [
      `Each year the Committee is asked to agree an addendum to its Commissioning Plan, which sets out the ${a.period.label} position against ${a.thisYear} targets and updated targets for ${a.nextYear}. This gives the Committee the opportunity to review its priorities for the year ahead and the targets against which progress will be measured.`,
    ]).map((p) => para(p)),
    ...positionSummary(a),
    ...targetSummary(a),
    heading(3, 'Next steps'),
    para(`The proposed addendum, including updated targets for ${a.nextYear}, is set out in Appendix A. Members are invited to review and agree it. Following agreement, the Committee will receive progress reports during the year against these targets.`),
    ...standardBlocks(meta, {
      committee: a.committee.name,
      termsOfReference: a.committee.termsOfReference,
      reasons: 'A key element of effective strategic and financial management is for the council to have comprehensive business plans in place, with targets against which progress is measured.',
      alternatives: 'There is no statutory duty to set Commissioning Plan targets, but it is good practice to set out priorities and how progress will be measured.',
      postDecision: 'Revisions to the Commissioning Plan will be communicated internally and with key stakeholders.',
      corporatePriorities: `This report invites Members to review and approve the addendum to the Commissioning Plan for ${a.nextYear}.`,
      insight: `The ${a.period.label} results and ratings are computed from the council's stored performance data (${a.method.name}).`,
    }),
    { kind: 'pageBreak' },
    heading(2, appendix, 'appendix-a'),
    para(
      `For each indicator: its ${a.thisYear} target, the ${a.period.label} position against it with its RAG rating, and the ${a.nextYear} target, marked raised, lowered (with the reason), unchanged, new, moved to monitor or not yet set.`,
    ),
  ];
  for (const p of a.priorities) {
    blocks.push(heading(3, p.name, `priority-${slug(p.name)}`));
    if (p.outcome) blocks.push(small({ text: 'Key outcome: ', bold: true }, p.outcome));
    const rows = p.refs.map((ref) => a.rows.find((r) => r.ref === ref)!);
    blocks.push(addendumTable(a, rows, nextTable(), p.name, notes));
    blocks.push(...notes.flush());
  }
  blocks.push(...keyBlocks({ method: a.method, longTerm: a.period.label, types: [...new Set(a.rows.map((r) => r.type))].sort(), activities: null, withDirection: false }));
  blocks.push({
    kind: 'table',
    id: 'table-key-changes',
    caption: `Key: changes to targets for ${a.nextYear}`,
    header: [[th('Marker'), th('Meaning')]],
    rows: a.changeKey.map((k, n): Cell[] => [
      { text: k.label, bold: true, rag: CHANGE_STYLE[k.kind], source: `changeKey.${n}.label` },
      { text: k.description, source: `changeKey.${n}.description` },
    ]),
    widths: [20, 80],
    rowHeaders: true,
  });
  return {
    kind: 'addendum',
    title,
    subtitle: [a.committee.name, meta.meetingDate].filter(Boolean).join(', '),
    runningHead: title,
    council: a.council ?? '',
    committee: a.committee.name,
    period: `${a.period.label} position, ${a.nextYear} targets`,
    lang: 'en-GB',
    author: meta.author?.trim() || a.council || a.committee.name,
    subject: `Commissioning Plan addendum ${a.nextYear}, ${a.committee.name}`,
    keywords: [a.committee.name, a.nextYear, 'addendum', 'targets'],
    blocks,
  };
}

function positionSummary(a: Addendum): Block[] {
  const s = a.positionSummary;
  const parts: string[] = [];
  for (const k of a.method.key) if (s[k.rating].count > 0) parts.push(`${shareText(s[k.rating].count, s[k.rating].percentage)} ${k.label}`);
  const missed = a.rows.filter((r) => ['A', 'GA', 'RA', 'R'].includes(r.position.rating.value));
  const out: Block[] = [
    heading(3, `Summary of ${a.period.label} position against ${a.thisYear} targets`, 'summary-position'),
    para(
      `${s.total} indicators have a ${a.thisYear} target or a ${a.period.label} result. ${s.rated === 0 ? 'None is' : `${s.rated} ${s.rated === 1 ? 'is' : 'are'}`} RAG rated${parts.length ? `: ${joinAnd(parts)}` : ''}${s.monitor.count ? `; ${s.monitor.count} ${s.monitor.count === 1 ? 'is' : 'are'} Monitor only` : ''}${s.notRated.count ? `; ${s.notRated.count} ${s.notRated.count === 1 ? 'has' : 'have'} no rated result at ${a.period.short}` : ''}. RAG percentages are of the rated indicators.`,
    ),
  ];
  if (missed.length) {
    out.push(para(`Not yet at target: ${joinAnd(missed.map((r) => `${r.title} (${r.ref}) ${r.position.display} against a target of ${r.target?.display ?? 'none'}`))}.`));
  }
  const bars = a.method.key.map((k) => ({ label: k.label, value: s[k.rating].count, display: shareText(s[k.rating].count, s[k.rating].percentage), fill: RAG_FILL[k.rating] }));
  bars.push({ label: 'Monitor', value: s.monitor.count, display: shareText(s.monitor.count, s.monitor.percentage), fill: RAG_FILL.monitor });
  bars.push({ label: 'Not rated', value: s.notRated.count, display: shareText(s.notRated.count, s.notRated.percentage), fill: RAG_FILL['not-rated'] });
  out.push({
    kind: 'chart',
    chart: barChart({
      id: 'chart-rag',
      title: `Indicators by RAG rating, ${a.period.label} position`,
      description: `Bar chart of the ${s.total} indicators by rating: ${bars.map((b) => `${b.label} ${b.display}`).join('; ')}.`,
      bars,
      header: ['Rating', 'Indicators (% of rated; Monitor and not rated: % of all)'],
    }),
  });
  return out;
}

function targetSummary(a: Addendum): Block[] {
  const c = a.changes;
  const phrase = (kind: TargetChange, one: string, many: string) => (c[kind] ? `${c[kind]} ${c[kind] === 1 ? one : many}` : null);
  const parts = [
    phrase('raised', 'target is raised', 'targets are raised'),
    phrase('lowered', 'is lowered', 'are lowered'),
    phrase('unchanged', 'is unchanged', 'are unchanged'),
    phrase('to-monitor', 'moves to monitor only', 'move to monitor only'),
    phrase('new-indicator', 'indicator is new', 'indicators are new'),
    phrase('new-target', 'indicator is given a target for the first time', 'indicators are given a target for the first time'),
    phrase('changed', 'changes form', 'change form'),
    phrase('not-set', 'has no target recorded yet', 'have no target recorded yet'),
    phrase('dropped', 'is not in next year’s plan', 'are not in next year’s plan'),
  ].filter((p): p is string => p !== null);
  const out: Block[] = [heading(3, `Summary of the ${a.nextYear} targets`, 'summary-targets'), para(`Of the ${a.rows.length} indicators in the addendum, ${joinAnd(parts)}.`)];
  const explained = a.rows.filter((r) => r.change.kind === 'lowered' || (r.change.reason && r.change.kind !== 'unchanged'));
  if (explained.length) {
    out.push({
      kind: 'list',
      items: explained.map((r): Run[] => [{ text: `${r.title} (${r.ref}): `, bold: true }, `${r.change.text}.`, ...(r.change.reason ? [` ${r.change.reason}`] : r.change.kind === 'lowered' ? [' No reason is recorded.'] : [])]),
    });
  }
  return out;
}

function addendumTable(a: Addendum, rows: AddendumRow[], number: number, priority: string, notes: Footnotes): TableBlock {
  return {
    kind: 'table',
    id: `table-addendum-${slug(priority)}`,
    caption: `Table ${number}: ${priority} — ${a.period.label} position and ${a.nextYear} targets`,
    header: [
      [
        th('Indicator', { rowSpan: 2 }),
        th('Polarity', { rowSpan: 2 }),
        th(a.thisYear, { colSpan: 3, align: 'center' }),
        th(a.nextYear, { colSpan: 2, align: 'center' }),
      ],
      [th('Target', { align: 'center' }), th(`Position (${a.period.short})`, { align: 'center' }), th('RAG', { align: 'center' }), th('Target', { align: 'center' }), th('Change', { align: 'center' })],
    ],
    rows: rows.map((r): Cell[] => {
      const at = `rows.${a.rows.indexOf(r)}`;
      const res = r.position.result;
      const positionNotes = [
        ...(r.position.note ? notes.add(r.position.note) : []),
        ...(res?.status === 'reported' && res.dataPeriod ? notes.add(`Data period: ${res.dataPeriod.label}.`) : []),
      ];
      return [
        { text: r.basisMarker ? `${r.title} ${r.basisMarker}` : r.title, detail: `${r.ref} · ${r.type}` },
        { text: r.polarityText },
        { text: r.target?.display ?? 'No target', source: r.target ? `${at}.target.display` : undefined, align: 'center' },
        {
          text: r.position.display,
          detail: r.position.period !== a.period.label ? r.position.period : undefined,
          source: `${at}.position.display`,
          notes: positionNotes,
          align: 'center',
          bold: true,
        },
        { text: r.position.rating.label, rag: r.position.rating.value, source: `${at}.position.rating.label`, align: 'center' },
        { text: r.nextTarget?.display ?? 'Not set', source: r.nextTarget ? `${at}.nextTarget.display` : undefined, align: 'center', bold: true },
        {
          text: r.change.label,
          rag: CHANGE_STYLE[r.change.kind],
          source: `${at}.change.label`,
          detail: [r.change.text, r.change.reason ? `Reason: ${r.change.reason}` : null].filter(Boolean).join('. '),
          align: 'center',
          bold: true,
        },
      ];
    }),
    widths: [27, 9, 10, 11, 9, 10, 24],
    rowHeaders: true,
    dense: true,
  };
}

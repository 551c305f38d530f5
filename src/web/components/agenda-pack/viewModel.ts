/**
 * View models of the agenda pack's pages (ADR 0028): the pack's index (its items with the page ranges of
 * the rendered pack, links to each paper, the PDF with its size) and the staff form that places the
 * committee's performance report on a draft agenda. Logic here, tested; the templates only lay it out.
 */
import { formatPageRange, type PackLayout } from '../../../domain/packLayout.ts';
import { formatLongDate } from '../../../domain/workingDays.ts';
import type { AgendaPack, PerformancePaper, PerformancePlacement } from '../../../services/agendaPackService.ts';
import type { FieldErrors } from '../../../services/committeeBusinessService.ts';
import { agendaAdminPath, meetingPaperPath, meetingPath, reportFilePath } from '../../urls.ts';

export const packPath = (meetingId: number) => `${meetingPath(meetingId)}/agenda-pack`;
export const packPdfPath = (meetingId: number) => `${meetingPath(meetingId)}/agenda-pack.pdf`;
export const performanceReportAdminPath = (meetingId: number) => `${agendaAdminPath(meetingId)}/performance-report`;

/** "1.2 MB", "640 KB". */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function buildPackIndexView(pack: AgendaPack, rendered: { layout: PackLayout; bytes: number }) {
  const m = pack.meeting;
  const byKey = new Map(pack.parts.map((p) => [p.key, p]));
  return {
    pageTitle: 'Agenda pack',
    caption: `${m.committeeName}, ${formatLongDate(m.date)}`,
    backHref: meetingPath(m.id),
    full: pack.full,
    download: { href: packPdfPath(m.id), text: `Download the agenda pack (PDF, ${rendered.layout.totalPages} pages, ${fileSize(rendered.bytes)})` },
    supplementary: pack.followed > 0 ? { href: `${packPath(m.id)}/supplementary.pdf`, text: `Download the supplementary pack: the ${pack.followed === 1 ? 'paper' : `${pack.followed} papers`} published after the agenda (PDF)` } : null,
    rows: pack.cover.lines.map((l) => {
      const part = l.partKey !== null ? byKey.get(l.partKey) : undefined;
      const range = l.partKey !== null ? rendered.layout.ranges.get(l.partKey) : undefined;
      return {
        number: l.number,
        title: l.title,
        href: part?.paperId != null ? meetingPaperPath(m.id, part.paperId) : null,
        pages: range ? formatPageRange(range) : (l.note ?? ''),
        placeholder: part?.placeholder ?? false,
      };
    }),
  };
}

export interface PlacementValues {
  period: string;
  contact: string;
  reportOf: string;
  summary: string;
  recommendations: string;
}

export function buildPlacementView(form: PerformancePlacement, values: PlacementValues, errors: FieldErrors) {
  const m = form.meeting;
  const order = ['period', 'reportOf', 'contact', 'summary', 'recommendations'];
  const errorSummary = Object.entries(errors)
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([field, text]) => ({ text, href: `#${field}` }));
  const period = values.period || form.suggested || '';
  const contact = values.contact || form.suggestedContact || '';
  return {
    pageTitle: 'Place the performance report on the agenda',
    caption: `${m.committeeName}, ${formatLongDate(m.date)}`,
    backHref: agendaAdminPath(m.id),
    action: performanceReportAdminPath(m.id),
    errorSummary: errorSummary.length ? errorSummary : null,
    errors: Object.fromEntries(Object.entries(errors).map(([k, text]) => [k, { text }])),
    noChoice: form.choices.length === 0,
    periods: form.choices.map((c) => ({
      value: c.period,
      text: `${c.label} (version ${c.version}, published ${formatLongDate(c.publishedAt.toISOString().slice(0, 10))})`,
      hint: { text: [c.programmed ? 'The work programme places this quarter at this meeting.' : null, form.placed.includes(c.period) ? 'Already on this agenda.' : null].filter(Boolean).join(' ') || undefined },
      checked: c.period === period,
    })),
    officers: [{ value: '', text: 'Select an officer' }, ...form.officers.map((p) => ({ value: p.slug, text: p.jobTitle ? `${p.name}, ${p.jobTitle}` : p.name, selected: p.slug === contact }))],
    values: { ...values, reportOf: values.reportOf || form.suggestedReportOf || '' },
  };
}

/** What the paper page says of a performance report: the version it carries, and any published since. */
export function buildPerformanceNotice(p: PerformancePaper | null, committeeSlug: string) {
  if (!p) return null;
  const versionHref = (v: number) => `${reportFilePath(committeeSlug, p.link.period, 'quarterly', 'pdf')}?version=${v}`;
  return {
    carried: `This paper is the committee’s ${p.label} performance report as published on ${formatLongDate(p.link.publishedAt.toISOString().slice(0, 10))} (version ${p.link.version}): its figures come from the published data, not from typing.`,
    href: versionHref(p.link.version),
    later: p.later.map((v) => ({
      text: `Version ${v.version} was published on ${formatLongDate(v.publishedAt.toISOString().slice(0, 10))}, after this paper was placed on the agenda${v.reason ? `: ${v.reason}` : ''}.`,
      changes: v.changes,
      href: versionHref(v.version),
    })),
  };
}

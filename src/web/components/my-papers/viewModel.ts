/**
 * View models of the report authors' pages (ADR 0020): the papers an officer is named on, and the form in
 * which they draft a paper's sections — the cover sheet shown, not changed (governance keeps it).
 */
import { displayName, type Person } from '../../../domain/people.ts';
import { RECOMMENDATIONS_KEY, statusText, type NumberedHeading } from '../../../domain/reportPaper.ts';
import { formatLongDate } from '../../../domain/workingDays.ts';
import type { PaperRecord } from '../../../services/agendaService.ts';
import type { FieldErrors } from '../../../services/committeeBusinessService.ts';
import type { MeetingView } from '../../../services/meetingService.ts';
import { meetingPaperPath, myPaperPath, ROUTES } from '../../urls.ts';
import { errorView } from '../admin-committee-business/viewModel.ts';

export interface DraftValues {
  sections: Record<string, string>;
  recommendations: string;
  reason: string;
}

export const draftValues = (paper: PaperRecord): DraftValues => ({ sections: { ...paper.sections }, recommendations: paper.recommendations.join('\n'), reason: '' });

export function buildMyPapersView(papers: { paper: PaperRecord; meeting: MeetingView; draft: boolean }[], linked: boolean) {
  return {
    pageTitle: 'Your report papers',
    linked,
    rows: papers.map(({ paper, meeting, draft }) => [
      { html: `<a class="govuk-link" href="${draft ? myPaperPath(paper.id) : meetingPaperPath(meeting.id, paper.id)}">${escapeHtml(paper.cover.title)}</a>` },
      { text: `${meeting.committeeName}, ${formatLongDate(meeting.date)}` },
      { text: draft ? 'Draft: you may change its sections' : 'Published' },
    ]),
  };
}

const escapeHtml = (t: string) => t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function buildDraftFormView(
  form: { paper: PaperRecord; meeting: MeetingView; itemNumber: string; headings: NumberedHeading[]; contacts: Person[]; locked: boolean },
  values: DraftValues,
  errors: FieldErrors = {},
  notice: string | null = null,
) {
  const hrefs: Record<string, string> = { recommendations: '#recommendations', reason: '#reason' };
  for (const h of form.headings) hrefs[`section-${h.field}`] = `#section-${h.field.replace('.', '-')}`;
  const c = form.paper.cover;
  return {
    pageTitle: `Item ${form.itemNumber}: ${c.title}`,
    caption: `${form.meeting.committeeName}, ${formatLongDate(form.meeting.date)}`,
    backHref: ROUTES.myPapers,
    action: myPaperPath(form.paper.id),
    publicHref: meetingPaperPath(form.meeting.id, form.paper.id),
    locked: form.locked,
    notice,
    values,
    ...errorView(errors, hrefs),
    cover: [
      { key: { text: 'Report of' }, value: { text: c.reportOf } },
      { key: { text: 'Wards' }, value: { text: c.wards } },
      { key: { text: 'Status' }, value: { text: statusText(c) } },
      { key: { text: 'Key decision' }, value: { text: c.key === 'key' ? 'Yes' : 'No' } },
      { key: { text: 'Officer contacts' }, value: { text: form.contacts.map((p) => displayName(p)).join('; ') } },
    ],
    sections: form.headings.map((h) =>
      h.field === RECOMMENDATIONS_KEY
        ? { recommendations: true, label: [h.number, h.title].filter(Boolean).join(' ') }
        : {
            recommendations: false,
            id: `section-${h.field.replace('.', '-')}`,
            name: `section-${h.field}`,
            label: [h.number, h.title].filter(Boolean).join(' '),
            level: h.level,
            value: values.sections[h.field] ?? '',
            error: errors[`section-${h.field}`] ? { text: errors[`section-${h.field}`]! } : undefined,
          },
    ),
  };
}

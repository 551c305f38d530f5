/**
 * View models of the template pages (ADR 0020): a committee's template of standard agenda items and the
 * council's template of report sections, each a form of rows with the numbering it gives shown beside it.
 */
import { AGENDA_ITEM_KINDS, AGENDA_ITEM_KIND_LABELS, orderOfBusiness, type TemplateItem } from '../../../domain/agenda.ts';
import { numberSections, type SectionTemplate } from '../../../domain/reportPaper.ts';
import type { SectionRowInput, TemplateRowInput } from '../../../services/agendaService.ts';
import type { FieldErrors } from '../../../services/committeeBusinessService.ts';
import { agendaTemplateAdminPath, committeeMembersAdminPath, paperSectionsAdminPath, ROUTES } from '../../urls.ts';
import { errorView } from '../admin-committee-business/viewModel.ts';

/** Blank rows offered after the template's own, for new items or sections. */
export const BLANK_ROWS = 3;

export const templateRows = (items: readonly TemplateItem[]): TemplateRowInput[] => [
  ...items.map((i, n) => ({ kind: i.kind, title: i.title, ifAny: i.ifAny ? 'yes' : '', order: String(n + 1) })),
  ...Array.from({ length: BLANK_ROWS }, () => ({ kind: '', title: '', ifAny: '', order: '' })),
];

export const sectionRows = (sections: readonly SectionTemplate[]): SectionRowInput[] => [
  ...sections.map((s, n) => ({ key: s.key, title: s.title, numbered: s.numbered ? 'yes' : '', subsections: s.subsections.join('\n'), order: String(n + 1) })),
  ...Array.from({ length: BLANK_ROWS }, () => ({ key: '', title: '', numbered: '', subsections: '', order: '' })),
];

const KIND_CHOICES = AGENDA_ITEM_KINDS.filter((k) => k !== 'report');

export function buildAgendaTemplateView(input: {
  slug: string;
  committeeName: string;
  own: boolean;
  items: readonly TemplateItem[];
  rows: readonly TemplateRowInput[];
  reason: string;
  errors?: FieldErrors;
  notice?: string | null;
}) {
  const errors = input.errors ?? {};
  const hrefs = Object.fromEntries(Object.keys(errors).map((k) => [k, `#${k}`]));
  return {
    pageTitle: 'Agenda template',
    caption: input.committeeName,
    backHref: committeeMembersAdminPath(input.slug),
    action: agendaTemplateAdminPath(input.slug),
    notice: input.notice ?? null,
    own: input.own,
    reason: input.reason,
    ...errorView(errors, hrefs),
    // The order of business the stored template starts an agenda with, numbered as printed.
    preview: orderOfBusiness(
      input.items.map((t, i) => ({ id: i + 1, position: i + 1, kind: t.kind, title: t.title, ifAny: t.ifAny, part: 'public' as const, toFollow: false, paperId: null, exemptParagraph: null })),
      input.committeeName,
    ).map((l) => `${l.number}. ${l.title}`),
    rows: input.rows.map((r, i) => {
      const n = i + 1;
      return {
        n,
        kindItems: [{ value: '', text: 'Choose', selected: r.kind === '' }, ...KIND_CHOICES.map((k) => ({ value: k, text: AGENDA_ITEM_KIND_LABELS[k], selected: r.kind === k }))],
        title: r.title,
        ifAny: r.ifAny === 'yes',
        order: r.order,
        kindError: errors[`item${n}Kind`] ? { text: errors[`item${n}Kind`] } : undefined,
        titleError: errors[`item${n}Title`] ? { text: errors[`item${n}Title`] } : undefined,
        orderError: errors[`item${n}Order`] ? { text: errors[`item${n}Order`] } : undefined,
      };
    }),
  };
}

export function buildSectionTemplateView(input: { own: boolean; sections: readonly SectionTemplate[]; rows: readonly SectionRowInput[]; reason: string; errors?: FieldErrors; notice?: string | null }) {
  const errors = input.errors ?? {};
  const hrefs = Object.fromEntries(Object.keys(errors).map((k) => [k, `#${k}`]));
  return {
    pageTitle: 'Sections of report papers',
    caption: 'The council’s template',
    backHref: ROUTES.adminCommitteeBusiness,
    action: paperSectionsAdminPath(),
    notice: input.notice ?? null,
    own: input.own,
    reason: input.reason,
    ...errorView(errors, hrefs),
    // The headings the stored template gives every paper, numbered by the system.
    preview: numberSections(input.sections).map((h) => ({ text: `${h.number ? `${h.number} ` : ''}${h.title}`, level: h.level })),
    rows: input.rows.map((r, i) => {
      const n = i + 1;
      const err = (f: string) => (errors[`section${n}${f}`] ? { text: errors[`section${n}${f}`]! } : undefined);
      return { n, key: r.key, title: r.title, numbered: r.numbered === 'yes', subsections: r.subsections, order: r.order, keyError: err('Key'), titleError: err('Title'), subsectionsError: err('Subsections'), orderError: err('Order') };
    }),
  };
}

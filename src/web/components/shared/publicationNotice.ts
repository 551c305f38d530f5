/**
 * What a committee period's pages say about the version shown (issue 9, "published means frozen"): the
 * published version and its date, an earlier version with a link to the latest, or — for staff — that
 * the figures are a draft and what the public see instead. Pure; the routes give the service's answers.
 */
import { CYCLE_STATUS_LABELS, type CycleStatus } from '../../../domain/cycle.ts';
import type { PublicationMeta, ReportView } from '../../../services/publicationService.ts';
import { dashboardPath, reportsPath } from '../../urls.ts';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** "4 December 2026". */
export const publishedOn = (at: Date) => DAY.format(at);

export interface PublicationNotice {
  /** 'published': the latest version; 'earlier': a version since replaced; 'draft': live figures (staff only). */
  kind: 'published' | 'earlier' | 'draft';
  text: string;
  /** Where the latest published version is, for an earlier one or a draft with a published version. */
  latest: { href: string; text: string } | null;
  versionsHref: string;
}

/** The version number ('2') of an earlier version shown on request — its pages' links keep it; null for the latest or a draft. */
export function earlierVersion(publication: PublicationMeta | null, latest: number | null): string | null {
  return publication && publication.version !== latest ? String(publication.version) : null;
}

export function buildPublicationNotice(x: {
  view: ReportView;
  /** Every published version, newest first. */
  versions: PublicationMeta[];
  status: CycleStatus;
  committeeSlug: string;
  periodKey: string;
}): PublicationNotice {
  const latest = x.versions[0] ?? null;
  const versionsHref = `${reportsPath(x.committeeSlug, x.periodKey)}#versions`;
  const latestLink = latest && { href: dashboardPath(x.committeeSlug, x.periodKey), text: `the latest version (version ${latest.version}, published ${publishedOn(latest.publishedAt)})` };
  const shown = x.view.publication;
  if (!shown) {
    const publicSee = latest ? `The public see version ${latest.version}, published ${publishedOn(latest.publishedAt)}.` : 'Nothing of this period is published yet.';
    return {
      kind: 'draft',
      text: `Draft: these figures are not published and may change (status: ${CYCLE_STATUS_LABELS[x.status].toLowerCase()}). ${publicSee}`,
      latest: null,
      versionsHref,
    };
  }
  if (latest && shown.version !== latest.version) {
    return { kind: 'earlier', text: `This is version ${shown.version} of ${latest.version}, published ${publishedOn(shown.publishedAt)}, since replaced.`, latest: latestLink, versionsHref };
  }
  const of = x.versions.length > 1 ? ` (version ${shown.version} of ${x.versions.length})` : '';
  return { kind: 'published', text: `Published ${publishedOn(shown.publishedAt)}${of}. Published figures do not change.`, latest: null, versionsHref };
}

import { describe, expect, it } from 'vitest';
import type { PublicationMeta, ReportView } from '../../../services/publicationService.ts';
import { buildPublicationNotice, earlierVersion } from './publicationNotice.ts';

const meta = (version: number, day: number): PublicationMeta => ({
  id: version,
  committeeId: 1,
  period: '2018-Q2',
  version,
  publishedAt: new Date(Date.UTC(2018, 10, day, 12)),
  publishedBy: 'officer@council.gov.uk',
  reason: null,
  changes: [],
});
const view = (publication: PublicationMeta | null) => ({ report: {}, publication }) as unknown as ReportView;
const base = { committeeSlug: 'clc', periodKey: '2018-Q2' };

describe('the publication notice of a period page', () => {
  it('says when the latest version was published, and how many there are', () => {
    const v1 = meta(1, 21);
    expect(buildPublicationNotice({ ...base, view: view(v1), versions: [v1], status: 'published' })).toEqual({
      kind: 'published',
      text: 'Published 21 November 2018. Published figures do not change.',
      latest: null,
      versionsHref: '/committees/clc/2018-19-q2/reports#versions',
    });
    const v2 = meta(2, 28);
    expect(buildPublicationNotice({ ...base, view: view(v2), versions: [v2, v1], status: 'published' }).text).toBe(
      'Published 28 November 2018 (version 2 of 2). Published figures do not change.',
    );
  });

  it('says an earlier version was replaced, with a link to the latest', () => {
    const [v1, v2] = [meta(1, 21), meta(2, 28)];
    const notice = buildPublicationNotice({ ...base, view: view(v1), versions: [v2, v1], status: 'published' });
    expect(notice.kind).toBe('earlier');
    expect(notice.text).toBe('This is version 1 of 2, published 21 November 2018, since replaced.');
    expect(notice.latest).toEqual({ href: '/committees/clc/2018-19-q2', text: 'the latest version (version 2, published 28 November 2018)' });
  });

  it('tells staff a draft is one, and what the public see instead', () => {
    const v1 = meta(1, 21);
    expect(buildPublicationNotice({ ...base, view: view(null), versions: [v1], status: 'approved' }).text).toBe(
      'Draft: these figures are not published and may change (status: approved). The public see version 1, published 21 November 2018.',
    );
    expect(buildPublicationNotice({ ...base, view: view(null), versions: [], status: 'open' }).text).toBe(
      'Draft: these figures are not published and may change (status: open). Nothing of this period is published yet.',
    );
  });

  it('keeps a version number in links only for an earlier version', () => {
    const [v1, v2] = [meta(1, 21), meta(2, 28)];
    expect(earlierVersion(v1, 2)).toBe('1');
    expect(earlierVersion(v2, 2)).toBeNull();
    expect(earlierVersion(null, 2)).toBeNull();
  });
});

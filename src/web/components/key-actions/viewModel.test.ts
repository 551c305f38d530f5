import { describe, expect, it } from 'vitest';
import { fakeReport } from '../../../../test/support/reportFixture.ts';
import { buildKeyActionsView, paragraphs } from './viewModel.ts';

describe('buildKeyActionsView', () => {
  const report = fakeReport(
    [],
    [
      { ref: 'A1', rag: 'G' },
      { ref: 'A2', rag: 'RA', priority: 'Libraries' },
      { ref: 'A3', rag: 'not-rated' },
    ],
  );

  it('groups actions by priority with their RAG label and commentary paragraphs', () => {
    const view = buildKeyActionsView(report, null);
    expect(view.pageTitle).toBe('Old Name Committee: key actions 2016/17');
    expect(view.dashboardHref).toBe('/committees/test-committee/2016-17');
    expect(view.groups.map((g) => [g.priority, g.actions.map((a) => a.ref)])).toEqual([
      ['Safe communities', ['A1', 'A3']],
      ['Libraries', ['A2']],
    ]);
    expect(view.groups[1]!.actions[0]).toMatchObject({ rag: 'RA', ragLabel: 'Red Amber', commentary: ['First line', 'Second line'] });
  });

  it('prints the summary from the model (of all key actions) and the key', () => {
    const view = buildKeyActionsView(report, 'submitted');
    expect(view.summary.map((s) => [s.key, s.count, s.percentage])).toEqual([
      ['G', 1, '33%'],
      ['GA', 0, '0%'],
      ['RA', 1, '33%'],
      ['R', 0, '0%'],
      ['not-rated', 1, '33%'],
    ]);
    expect(view.summaryCaption).toContain('of all 3 key actions');
    expect(view.key.find((k) => k.rag === 'GA')!.description).toBe('Delayed, low impact');
    expect(view.status).toEqual({ text: 'Submitted', classes: 'govuk-tag--blue' });
  });

  it('splits text into paragraphs', () => {
    expect(paragraphs('a\n\nb\r\nc  ')).toEqual(['a', 'b', 'c']);
    expect(paragraphs(null)).toEqual([]);
  });
});

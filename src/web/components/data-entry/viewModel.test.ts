import { describe, expect, it } from 'vitest';
import type { EntryResult } from '../../../services/entryService.ts';
import type { IndicatorEntry } from '../../../services/entryService.ts';
import type { SessionUser } from '../../../domain/access.ts';
import { buildSignOffPanel } from '../sign-off/viewModel.ts';
import { formatWhen } from './shared.ts';
import { buildEntryIndexView, buildEntryOverviewView, resultText } from './viewModel.ts';

const stored = (over: Partial<EntryResult>): EntryResult => ({
  id: 1,
  revision: 1,
  value: 85,
  printed: '85%',
  dataPeriod: null,
  basis: null,
  status: 'reported',
  numerator: null,
  denominator: null,
  printedRag: null,
  commentary: null,
  intervention: null,
  note: null,
  updatedAt: new Date(),
  ...over,
});

const entry = (ref: string, result: EntryResult | null): IndicatorEntry =>
  ({
    indicator: { indicatorId: 1, ref, title: `Title ${ref}`, unit: 'percent', owner: null, polarity: 'bigger' },
    target: { indicatorId: 1, period: '2018', spec: { form: 'value', value: 90 }, printed: '90%', reason: null },
    ratingContext: {} as IndicatorEntry['ratingContext'],
    stored: result,
    rating: result ? { value: 'A', reason: { text: 'x' } } : null,
  }) as unknown as IndicatorEntry;

const owner: SessionUser = { id: 1, email: 'o@x', name: 'O', role: 'data-owner', scope: { refs: ['A/1'], services: [] } };

describe('data-entry views', () => {
  it('lists every committee’s quarters and year per plan year, newest first, with statuses', () => {
    const view = buildEntryIndexView({ committees: [{ id: 3, slug: 'c', name: 'C' }], planYears: [2017, 2018], statuses: new Map([['3|2018-Q2', 'published']]) });
    expect(view.committees[0]!.years.map((y) => y.planYear)).toEqual(['2018/19', '2017/18']);
    const q2 = view.committees[0]!.years[0]!.periods[1]!;
    expect(q2).toMatchObject({ text: 'Q2', href: '/committees/c/2018-19-q2/data-entry', status: { text: 'Published' } });
    expect(view.committees[0]!.years[0]!.periods[4]).toMatchObject({ text: 'Whole year', href: '/committees/c/2018-19/data-entry' });
  });

  it('shows a data owner what is in scope, with links and a notice of what was saved', () => {
    const view = buildEntryOverviewView({
      committeeSlug: 'c',
      period: '2018-Q2',
      cycleLabel: 'C Q2 2018/19',
      status: 'open',
      user: owner,
      indicators: [entry('A/1', stored({})), entry('B/2', null)],
      actions: [{ id: 1, ref: 'K1', title: 'Act', service: 'Other', priority: 'P', fromYear: 2018, toYear: null, rag: null, commentary: null }],
      signOff: buildSignOffPanel({ committeeSlug: 'c', period: '2018-Q2', status: 'open', role: 'data-owner', hasScope: true }),
      saved: { kind: 'result', ref: 'A/1', changed: true },
    });
    expect(view.indicators).toEqual([
      { ref: 'A/1', title: 'Title A/1', target: '90%', result: '85%', rating: { value: 'A', label: 'Amber' }, href: '/committees/c/2018-19-q2/data-entry/indicators/a-1', linkText: 'Change' },
    ]);
    expect(view.hiddenIndicators).toBe(1);
    expect(view.actions).toEqual([]);
    expect(view.hiddenActions).toBe(1);
    expect(view.notice).toBe('The result for A/1 has been saved.');
    expect(view.lock).toBeNull();
  });

  it('prints results as the reports do', () => {
    expect(resultText(null, 'percent')).toBe('Not entered');
    expect(resultText(stored({ status: 'due', value: null, printed: '' }), 'percent')).toBe('Due');
    expect(resultText(stored({ status: 'due', value: null, printed: 'Due Q3 18/19' }), 'percent')).toBe('Due Q3 18/19');
    expect(resultText(stored({ value: 6800000, printed: '£6.8m' }), 'currency')).toBe('£6.8m');
    expect(formatWhen(new Date('2018-07-01T13:05:00Z'))).toBe('1 July 2018 at 14:05');
  });
});

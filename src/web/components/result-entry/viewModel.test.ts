import { describe, expect, it } from 'vitest';
import type { IndicatorEntry } from '../../../services/entryService.ts';
import type { SessionUser } from '../../../domain/access.ts';
import { buildResultFormView, valuesFromStored } from './viewModel.ts';

const entry = {
  indicator: { indicatorId: 1, ref: 'A/1', title: 'Satisfied residents', unit: 'percent', owner: null, polarity: 'bigger', tolerance: 4.4, definition: 'Share satisfied' },
  target: { indicatorId: 1, period: '2018', spec: { form: 'value', value: 90 }, printed: '90%', reason: null },
  ratingContext: { polarity: 'bigger', tolerance: 4.4, target: { form: 'value', value: 90 }, settings: { startYear: 2018, method: { kind: 'variance', redFrom: 10 }, directionalPolicy: 'monitor' }, lastYear: 88, lastYearLabel: 'Q2 2017/18' },
  stored: null,
  rating: null,
} as unknown as IndicatorEntry;
const officer: SessionUser = { id: 1, email: 'po@x', name: 'Pat', role: 'performance-officer', scope: { refs: [], services: [] } };
const base = { committeeSlug: 'c', period: '2018-Q2', cycleLabel: 'C Q2 2018/19', user: officer, entry, revision: 0 };

describe('result form view', () => {
  it('says what the result is measured against and orders errors as the fields', () => {
    const view = buildResultFormView({ ...base, status: 'open', values: valuesFromStored(null), errors: { intervention: 'Enter comments', value: 'Bad value' } });
    expect(view.facts.map((f) => f.key.text)).toEqual(['Target', 'How it is measured', 'Polarity', 'How it is rated', 'Result Q2 2017/18']);
    expect(view.facts[3]!.value.text).toContain('±4.4 points');
    expect(view.errorSummary).toEqual([
      { text: 'Bad value', href: '#value' },
      { text: 'Enter comments', href: '#intervention' },
    ]);
    expect(view.errors.value).toEqual({ text: 'Bad value' });
    expect(view.statusItems.find((i) => i.checked)!.value).toBe('reported');
    expect(view.readOnly).toBe(false);
    expect(view.action).toBe('/committees/c/2018-19-q2/data-entry/indicators/a-1');
  });

  it('is read-only when published, and shows a conflict with who changed it', () => {
    expect(buildResultFormView({ ...base, status: 'published', values: valuesFromStored(null) }).readOnly).toBe(true);
    const view = buildResultFormView({
      ...base,
      status: 'open',
      values: { ...valuesFromStored(null), value: '70%' },
      conflict: {
        current: { id: 1, revision: 2, value: 75, printed: '75%', dataPeriod: null, basis: null, status: 'reported', numerator: null, denominator: null, printedRag: null, commentary: 'Theirs', intervention: null, note: null, updatedAt: new Date() },
        lastChange: { actor: 'r@x', actorName: 'Robin', at: new Date('2018-10-01T09:00:00Z'), action: 'entry:change', reason: null },
      },
    });
    expect(view.conflict!.paragraphs[0]).toBe('Robin (r@x) saved it on 1 October 2018 at 10:00.');
    expect(view.conflict!.rows.slice(0, 2)).toEqual([
      { key: { text: 'Result' }, value: { text: '75%' } },
      { key: { text: 'Status' }, value: { text: 'Reported' } },
    ]);
    expect(view.errorSummary![0]!.href).toBe('#conflict');
    expect(view.values.value).toBe('70%');
  });
});

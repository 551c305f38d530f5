import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../domain/access.ts';
import { actionValuesFromStored, buildActionFormView } from './viewModel.ts';

const owner: SessionUser = { id: 1, email: 'o@x', name: 'O', role: 'data-owner', scope: { refs: [], services: ['S'] } };
const action = { id: 1, ref: 'K1', title: 'Open the hub', service: 'S', priority: 'P', fromYear: 2018, toYear: null, rag: 'GA' as const, commentary: 'Late' };

describe('key action form view', () => {
  it('offers the key-action key with the stored rating checked and a version token', () => {
    const view = buildActionFormView({ committeeSlug: 'c', period: '2018-Q2', cycleLabel: 'C Q2 2018/19', status: 'open', user: owner, action, values: actionValuesFromStored(action) });
    expect(view.ragItems.map((i) => i.text)).toEqual(['Green', 'Green Amber', 'Red Amber', 'Red', 'Not rated']);
    expect(view.ragItems.find((i) => i.checked)!.value).toBe('GA');
    expect(view.version).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(view.action).toBe('/committees/c/2018-19-q2/data-entry/actions/K1');
  });

  it('is read-only for a data owner once approved', () => {
    const view = buildActionFormView({ committeeSlug: 'c', period: '2018-Q2', cycleLabel: 'C Q2 2018/19', status: 'approved', user: owner, action, values: actionValuesFromStored(action) });
    expect(view.readOnly).toBe(true);
    expect(view.storedRows[0]).toEqual({ key: { text: 'Rating' }, value: { text: 'Green Amber' } });
  });
});

import { describe, expect, it } from 'vitest';
import { buildSignOffPanel, buildSignOffView } from './viewModel.ts';

describe('sign-off views', () => {
  it('offers buttons for steps without a reason and a link for those that need one', () => {
    const panel = buildSignOffPanel({ committeeSlug: 'c', period: '2018-Q2', status: 'published', role: 'performance-officer', hasScope: true });
    expect(panel.status.text).toBe('Published');
    expect(panel.buttons).toEqual([{ action: 'reopen', label: 'Reopen', needsReason: true }]);
    expect(panel.formAction).toBe('/committees/c/2018-19-q2/sign-off');
    expect(buildSignOffPanel({ committeeSlug: 'c', period: '2018-Q2', status: 'open', role: 'data-owner', hasScope: false }).buttons).toEqual([]);
    expect(buildSignOffPanel({ committeeSlug: 'c', period: '2018-Q2', status: 'open', role: 'data-owner', hasScope: true }).buttons.map((b) => b.action)).toEqual(['submit']);
  });

  it('shows the failed step’s error on its own reason field, and the history', () => {
    const view = buildSignOffView({
      committeeSlug: 'c',
      period: '2018-Q2',
      status: 'approved',
      role: 'administrator',
      hasScope: true,
      cycleLabel: 'C Q2 2018/19',
      events: [{ at: new Date('2018-11-21T10:05:00Z'), actor: 'po@x', actorName: 'Pat', before: 'submitted', after: 'approved', reason: null }],
      failed: { action: 'reopen', errors: { reason: 'Enter the reason for reopening' }, reason: '' },
    });
    expect(view.forms.map((f) => [f.action, f.reasonId, f.reasonRequired])).toEqual([
      ['publish', 'reason-publish', false],
      ['reopen', 'reason-reopen', true],
    ]);
    expect(view.forms[1]!.error).toEqual({ text: 'Enter the reason for reopening' });
    expect(view.errorSummary).toEqual([{ text: 'Enter the reason for reopening', href: '#reason-reopen' }]);
    expect(view.history).toEqual([{ when: '21 November 2018 at 10:05', who: 'Pat (po@x)', change: 'Submitted → Approved', reason: '' }]);
    expect(view.steps.find((s) => s.current)!.status.text).toBe('Approved');
  });
});

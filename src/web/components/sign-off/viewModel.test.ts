import { describe, expect, it } from 'vitest';
import { buildSignOffPanel, buildSignOffView, statusRows } from './viewModel.ts';

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

  it('shows the overall statuses, the judgement beside the data’s suggestion, and who the papers are from with what is missing', () => {
    const base = { priority: 'P', computed: 'Green' as const, reasons: ['no Red or Amber indicators, key actions, high-level risks or adverse budget'] };
    const list = [
      { ...base, priority: 'Tackling issues', status: 'Amber' as const, source: 'judgement' as const, judgement: { status: 'Amber' as const, reason: 'Refuge demand' }, agrees: false },
      { ...base, priority: 'Co-ordinating', status: 'Green' as const, source: 'judgement' as const, judgement: { status: 'Green' as const, reason: 'On track' }, agrees: true },
      { ...base, priority: 'Unjudged', status: 'Green' as const, source: 'computed' as const, judgement: null, agrees: null },
    ];
    expect(statusRows(list).map((r) => [r.priority, r.judgement, r.suggestion, r.state])).toEqual([
      ['Tackling issues', 'Amber', 'Green', 'differs'],
      ['Co-ordinating', 'Green', 'Green', 'agrees'],
      ['Unjudged', 'Not recorded', 'Green', 'none'],
    ]);
    const view = buildSignOffView({
      committeeSlug: 'c',
      period: '2018-Q2',
      status: 'open',
      role: 'performance-officer',
      hasScope: true,
      cycleLabel: 'C Q2 2018/19',
      events: [],
      statuses: { list, href: '/committees/c/2018-19-q2/panels#panel-priority-status' },
      paper: { resolved: { reportOf: 'Committee Chairman', officer: null, from: { reportOf: 'committee', officer: null } }, href: '/committees/c/2018-19-q2/paper' },
    });
    expect(view.statuses).toMatchObject({ unjudged: 1, differ: 1, href: '/committees/c/2018-19-q2/panels#panel-priority-status' });
    expect(view.paper!.rows.map((r) => r.value.text)).toEqual(['Committee Chairman (the committee’s, for all its papers)', 'Not set: the cover sheet leaves it out']);
    expect(view.paper!.missing).toEqual(['No officer contact is set: the cover sheet leaves “Officer Contact Details” out']);
  });
});

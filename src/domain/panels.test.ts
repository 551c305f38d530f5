import { describe, expect, it } from 'vitest';
import { assessRisk, capitalLine, onTimePercent, priorityStatus, revenueTable, savingsSummary, type RiskInput } from './panels.ts';

describe('revenue', () => {
  it('reproduces the Q2 2018/19 revenue table (seed 002, Table 2)', () => {
    const { lines, total } = revenueTable([
      { service: 'Community Safety', originalBudget: null, revisedBudget: 1939, forecast: 1935, reserveMovements: 0, comments: null },
      { service: 'Libraries and Community Engagement', originalBudget: null, revisedBudget: 3474, forecast: 3474, reserveMovements: 0, comments: null },
    ]);
    expect(lines[0]).toMatchObject({ variance: -4, forecastAfterReserves: 1935, varianceAfterReserves: -4 });
    expect(lines[0]!.variancePercent).toBeCloseTo(-0.206, 3);
    expect(lines[1]).toMatchObject({ variance: 0, varianceAfterReservesPercent: 0 });
    expect(total).toMatchObject({ revisedBudget: 5413, forecast: 5409, variance: -4, originalBudget: null });
  });

  it('applies reserve movements after the forecast', () => {
    const { lines } = revenueTable([{ service: 'S', originalBudget: 100, revisedBudget: 100, forecast: 120, reserveMovements: -15, comments: null }]);
    expect(lines[0]).toMatchObject({ variance: 20, forecastAfterReserves: 105, varianceAfterReserves: 5, varianceAfterReservesPercent: 5 });
  });

  it('has no percentage of a zero budget', () => {
    expect(revenueTable([{ service: 'S', originalBudget: 0, revisedBudget: 0, forecast: 3, reserveMovements: 0, comments: null }]).lines[0]!.variancePercent).toBeNull();
  });
});

describe('capital', () => {
  it('proposed budget, variance and slippage', () => {
    const line = capitalLine({ scheme: 'Libraries', budget: 1000, additions: 50, slippage: -200, forecast: 820, comments: null });
    expect(line).toMatchObject({ proposedBudget: 850, variance: -30, slippagePercent: -20 });
  });
});

describe('savings', () => {
  it('achieved against target, per line and in total', () => {
    const s = savingsSummary([
      { ref: 'S1', description: 'CCTV', target: -243, achieved: -243, fte: null, comments: null },
      { ref: 'S2', description: 'Libraries', target: -100, achieved: -50, fte: 2, comments: null },
      { ref: 'S3', description: 'Later', target: -57, achieved: null, fte: null, comments: null },
    ]);
    expect(s.lines.map((l) => l.achievedPercent)).toEqual([100, 50, null]);
    expect([s.target, s.achieved]).toEqual([-400, -293]);
    expect(s.achievedPercent).toBeCloseTo(73.25);
  });
});

describe('risk', () => {
  const risk = (over: Partial<RiskInput> = {}): RiskInput => ({
    ref: 'STR024',
    title: 'Tri-borough reorganisation of the Met Police',
    owner: null,
    priority: 'Safer communities',
    kind: 'strategic',
    inherent: { likelihood: 4, impact: 5 },
    residual: { likelihood: 3, impact: 5, score: null },
    target: { likelihood: 2, impact: 5 },
    commentary: null,
    ...over,
  });

  it('scores likelihood × impact and calls 15 or more high level', () => {
    const r = assessRisk(risk(), 15);
    expect([r.inherentScore, r.residualScore, r.targetScore, r.highLevel]).toEqual([20, 15, 10, true]);
    expect(r.reason).toBe('Residual likelihood 3 × impact 5 = 15; high level (high level is 15 or more)');
    expect(assessRisk(risk({ residual: { likelihood: 2, impact: 5, score: null } }), 15).highLevel).toBe(false);
  });

  it('uses a recorded score when likelihood and impact are unknown, and a configurable threshold', () => {
    const r = assessRisk(risk({ residual: { likelihood: null, impact: null, score: 15 } }), 16);
    expect([r.residualScore, r.highLevel]).toEqual([15, false]);
    expect(r.reason).toContain('score 15 as recorded');
  });
});

describe('customer experience', () => {
  it('percentage answered on time', () => {
    expect(onTimePercent(40, 38)).toBe(95);
    expect(onTimePercent(0, 0)).toBeNull();
  });
});

describe('overall status per priority', () => {
  const none = { indicatorRatings: [], actionRags: [], highLevelRisks: [], budgetVariancePercent: null };

  it('is Green with nothing Red or Amber, and says why', () => {
    const s = priorityStatus({ ...none, indicatorRatings: [{ ref: 'A', rating: 'monitor' }, { ref: 'B', rating: 'G' }] });
    expect(s.status).toBe('Green');
    expect(s.reasons[0]).toContain('no Red or Amber');
  });

  it('is Amber with a high-level risk below the red threshold (Safer communities, Q2 2018/19)', () => {
    const s = priorityStatus({ ...none, highLevelRisks: [{ ref: 'STR024', score: 15 }] });
    expect(s).toMatchObject({ status: 'Amber', reasons: ['high-level risk STR024 (score 15)'] });
  });

  it('is Amber for an off-target indicator, a delayed action or an adverse budget', () => {
    expect(priorityStatus({ ...none, indicatorRatings: [{ ref: 'A', rating: 'GA' }] }).status).toBe('Amber');
    expect(priorityStatus({ ...none, actionRags: [{ ref: 'K', rag: 'RA' }] }).status).toBe('Amber');
    expect(priorityStatus({ ...none, budgetVariancePercent: 0.5 }).status).toBe('Amber');
    expect(priorityStatus({ ...none, budgetVariancePercent: -0.2 }).status).toBe('Green');
  });

  it('is Red for a Red indicator, a Red action or a risk at the red threshold', () => {
    expect(priorityStatus({ ...none, indicatorRatings: [{ ref: 'A', rating: 'R' }, { ref: 'B', rating: 'A' }] }).reasons).toEqual(['indicator A is Red']);
    expect(priorityStatus({ ...none, actionRags: [{ ref: 'K', rag: 'R' }] }).status).toBe('Red');
    expect(priorityStatus({ ...none, highLevelRisks: [{ ref: 'X', score: 20 }] }).status).toBe('Red');
    expect(priorityStatus({ ...none, highLevelRisks: [{ ref: 'X', score: 20 }] }, { redRiskFrom: 25, adverseBudgetPercent: 0 }).status).toBe('Amber');
  });

  it('without a judgement, the computed suggestion is shown and says it is computed', () => {
    const s = priorityStatus({ ...none, highLevelRisks: [{ ref: 'STR024', score: 15 }] });
    expect(s).toMatchObject({ status: 'Amber', source: 'computed', judgement: null, computed: 'Amber', agrees: null });
  });

  it('the officers\' judgement is the status, the computed suggestion kept beside it, never in its place', () => {
    // Q2 2018/19, "Tackling issues with domestic violence…": the council printed Amber; the data suggest Green.
    const s = priorityStatus({ ...none, indicatorRatings: [{ ref: 'CG/C29', rating: 'monitor' }], judgement: { status: 'Amber', reason: 'Demand on refuge places' } });
    expect(s).toMatchObject({ status: 'Amber', source: 'judgement', judgement: { status: 'Amber', reason: 'Demand on refuge places' }, computed: 'Green', agrees: false });
    expect(s.reasons[0]).toContain('no Red or Amber');
  });

  it('a judgement that is the suggestion agrees', () => {
    const s = priorityStatus({ ...none, highLevelRisks: [{ ref: 'STR024', score: 15 }], judgement: { status: 'Amber', reason: 'STR024' } });
    expect(s).toMatchObject({ status: 'Amber', source: 'judgement', computed: 'Amber', agrees: true });
  });
});

import { describe, expect, it } from 'vitest';
import { checkVote, tally, voteOutcome } from './votes.ts';

describe('the result of a vote', () => {
  it('is lost on 4 for and 6 against, as the minutes of 12 June 2018 record the members\' item motion', () => {
    const o = voteOutcome({ for: 4, against: 6, abstain: 0 }, null, 11);
    expect(o.result).toBe('lost');
    expect(o.unanimous).toBe(false);
    expect(o.reason).toBe('lost: 4 for, 6 against');
  });

  it('is carried unanimously only when every voting member present voted for it', () => {
    expect(voteOutcome({ for: 11, against: 0, abstain: 0 }, null, 11)).toMatchObject({ result: 'carried', unanimous: true, reason: 'carried unanimously: 11 for, 0 against' });
    // Ten of eleven for and none against: carried, but not unanimously.
    expect(voteOutcome({ for: 10, against: 0, abstain: 0 }, null, 11)).toMatchObject({ result: 'carried', unanimous: false });
    expect(voteOutcome({ for: 9, against: 0, abstain: 2 }, null, 11)).toMatchObject({ result: 'carried', unanimous: false, withoutDissent: true, reason: 'carried without dissent: 9 for, 0 against, 2 abstaining' });
  });

  it('decides a tie by the Chairman\'s casting vote, and without one the motion falls', () => {
    expect(voteOutcome({ for: 5, against: 5, abstain: 1 }, 'for')).toMatchObject({ result: 'carried', decidedByCastingVote: true });
    expect(voteOutcome({ for: 5, against: 5, abstain: 1 }, 'against')).toMatchObject({ result: 'lost', decidedByCastingVote: true });
    expect(voteOutcome({ for: 5, against: 5, abstain: 0 }, null).reason).toBe('lost: the votes were equal (5 for, 5 against) and no casting vote was given');
  });

  it('ignores a casting vote when the votes were not equal', () => {
    expect(voteOutcome({ for: 6, against: 4, abstain: 0 }, 'against')).toMatchObject({ result: 'carried', decidedByCastingVote: false });
  });
});

describe('a vote checked against the voting members present', () => {
  const voters = [1, 2, 3, 4, 5];
  const name = (id: number) => `Councillor ${id}`;

  it('finds no problem in a vote that fits', () => {
    expect(checkVote({ counts: { for: 3, against: 1, abstain: 1 } }, voters)).toEqual([]);
    expect(checkVote({ counts: { for: 2, against: 1, abstain: 0 }, named: [{ personId: 1, choice: 'for' }, { personId: 2, choice: 'for' }, { personId: 5, choice: 'against' }] }, voters)).toEqual([]);
  });

  it('reports more votes than voting members present', () => {
    const problems = checkVote({ counts: { for: 4, against: 3, abstain: 0 } }, voters);
    expect(problems.map((p) => p.code)).toEqual(['too-many-votes']);
    expect(problems[0]!.message).toBe('7 votes are recorded (4 for, 3 against) but only 5 voting members were present');
  });

  it('reports every problem with named votes at once: a non-member, a double vote, counts that disagree', () => {
    const problems = checkVote(
      { counts: { for: 3, against: 0, abstain: 0 }, named: [{ personId: 1, choice: 'for' }, { personId: 9, choice: 'for' }, { personId: 1, choice: 'against' }] },
      voters,
      name,
    );
    expect(problems.map((p) => p.code)).toEqual(['not-voting-member', 'voted-twice', 'counts-disagree-with-names']);
    expect(problems[0]!.message).toBe('Councillor 9 is recorded as voting for but is not a voting member present');
    expect(problems[2]!.message).toBe('The counts (3 for, 0 against) disagree with the named votes (2 for, 1 against)');
  });

  it('reports a casting vote without a tie, negative counts, and a printed result or "unanimously" the votes do not support', () => {
    expect(checkVote({ counts: { for: 3, against: 1, abstain: 0 }, castingVote: 'for' }, voters).map((p) => p.code)).toEqual(['casting-vote-without-tie']);
    expect(checkVote({ counts: { for: -1, against: 1, abstain: 0 } }, voters).map((p) => p.code)).toEqual(['negative-count']);
    const printed = checkVote({ counts: { for: 2, against: 3, abstain: 0 }, printedResult: 'carried', printedUnanimous: true }, voters);
    expect(printed.map((p) => p.code)).toEqual(['printed-result-disagrees', 'printed-unanimous-disagrees']);
    expect(printed[0]!.message).toBe('The minutes say the motion was carried, but the votes make it lost: 2 for, 3 against');
  });

  it('tallies named votes', () => {
    expect(tally([{ personId: 1, choice: 'for' }, { personId: 2, choice: 'abstain' }, { personId: 3, choice: 'for' }])).toEqual({ for: 2, against: 0, abstain: 1 });
  });
});

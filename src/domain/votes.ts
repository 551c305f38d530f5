/**
 * Motions and votes (DOMAIN.md §9, issue 12 deliver 3): whether a motion is carried or lost follows from
 * the votes cast, never from what someone typed; a tie is decided by the Chairman's casting vote, or the
 * motion falls; "unanimously" is said only when every voting member present voted for it. Votes are
 * checked against the voting members present. Pure.
 */

export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export interface VoteCounts {
  for: number;
  against: number;
  abstain: number;
}

/** A vote recorded by name (a recorded vote): who, and how they voted. */
export interface NamedVote {
  personId: number;
  choice: VoteChoice;
}

/** The Chairman's casting vote on a tie: for or against; null when none was given. */
export type CastingVote = 'for' | 'against' | null;

export type MotionResult = 'carried' | 'lost';

export interface VoteOutcome {
  result: MotionResult;
  /** Every voting member present voted for, none against and none abstained. */
  unanimous: boolean;
  /** None voted against but some abstained ("nem. con."). */
  withoutDissent: boolean;
  decidedByCastingVote: boolean;
  /** Why, in words: "carried: 6 for, 4 against". */
  reason: string;
}

/** The counts of a list of named votes. */
export function tally(votes: readonly NamedVote[]): VoteCounts {
  const counts: VoteCounts = { for: 0, against: 0, abstain: 0 };
  for (const v of votes) counts[v.choice] += 1;
  return counts;
}

function describeCounts(c: VoteCounts): string {
  const parts = [`${c.for} for`, `${c.against} against`];
  if (c.abstain > 0) parts.push(`${c.abstain} abstaining`);
  return parts.join(', ');
}

/**
 * The result of a vote. `votingPresent`, when known, is the number of voting members present: a vote is
 * unanimous only when all of them voted for it.
 */
export function voteOutcome(counts: VoteCounts, castingVote: CastingVote = null, votingPresent?: number): VoteOutcome {
  const described = describeCounts(counts);
  const allFor = counts.for > 0 && counts.against === 0 && counts.abstain === 0 && (votingPresent === undefined || counts.for === votingPresent);
  const withoutDissent = counts.for > 0 && counts.against === 0 && counts.abstain > 0;
  if (counts.for !== counts.against) {
    const result: MotionResult = counts.for > counts.against ? 'carried' : 'lost';
    const how = allFor ? ' unanimously' : withoutDissent ? ' without dissent' : '';
    return { result, unanimous: allFor, withoutDissent, decidedByCastingVote: false, reason: `${result}${how}: ${described}` };
  }
  if (castingVote === null) {
    return { result: 'lost', unanimous: false, withoutDissent: false, decidedByCastingVote: false, reason: `lost: the votes were equal (${described}) and no casting vote was given` };
  }
  const result: MotionResult = castingVote === 'for' ? 'carried' : 'lost';
  return { result, unanimous: false, withoutDissent: false, decidedByCastingVote: true, reason: `${result} on the Chairman's casting vote ${castingVote}: the votes were equal (${described})` };
}

/** A way the recorded votes cannot be right, with why. */
export interface VoteProblem {
  code: 'too-many-votes' | 'not-voting-member' | 'voted-twice' | 'counts-disagree-with-names' | 'casting-vote-without-tie' | 'negative-count' | 'printed-result-disagrees' | 'printed-unanimous-disagrees';
  message: string;
}

export interface VoteRecord {
  counts: VoteCounts;
  /** Named votes when the vote was recorded by name; their tally must equal the counts. */
  named?: readonly NamedVote[];
  castingVote?: CastingVote;
  /** What the minutes say, when they were typed (imported minutes): checked against the computed result. */
  printedResult?: MotionResult | null;
  printedUnanimous?: boolean | null;
}

/**
 * What is wrong with a vote, given who could vote: `voters` are the person ids of the voting members
 * present (Chairman, Vice-Chairman, members, and substitutes in place of an absent member). Every problem
 * is listed, not only the first.
 */
export function checkVote(vote: VoteRecord, voters: readonly number[], nameOf: (personId: number) => string = (id) => `person ${id}`): VoteProblem[] {
  const problems: VoteProblem[] = [];
  const { counts } = vote;
  for (const choice of VOTE_CHOICES) {
    if (!Number.isInteger(counts[choice]) || counts[choice] < 0) problems.push({ code: 'negative-count', message: `The number of votes ${choice} must be a whole number, 0 or more (it is ${counts[choice]})` });
  }
  const cast = counts.for + counts.against + counts.abstain;
  if (cast > voters.length) {
    problems.push({ code: 'too-many-votes', message: `${cast} votes are recorded (${describeCounts(counts)}) but only ${voters.length} voting member${voters.length === 1 ? ' was' : 's were'} present` });
  }
  if (vote.named) {
    const allowed = new Set(voters);
    const seen = new Set<number>();
    for (const v of vote.named) {
      if (!allowed.has(v.personId)) problems.push({ code: 'not-voting-member', message: `${nameOf(v.personId)} is recorded as voting ${v.choice} but is not a voting member present` });
      if (seen.has(v.personId)) problems.push({ code: 'voted-twice', message: `${nameOf(v.personId)} is recorded as voting more than once` });
      seen.add(v.personId);
    }
    const t = tally(vote.named);
    if (t.for !== counts.for || t.against !== counts.against || t.abstain !== counts.abstain) {
      problems.push({ code: 'counts-disagree-with-names', message: `The counts (${describeCounts(counts)}) disagree with the named votes (${describeCounts(t)})` });
    }
  }
  const casting = vote.castingVote ?? null;
  if (casting !== null && counts.for !== counts.against) {
    problems.push({ code: 'casting-vote-without-tie', message: `A casting vote is recorded but the votes were not equal (${describeCounts(counts)})` });
  }
  const outcome = voteOutcome(counts, counts.for === counts.against ? casting : null, voters.length);
  if (vote.printedResult && vote.printedResult !== outcome.result) {
    problems.push({ code: 'printed-result-disagrees', message: `The minutes say the motion was ${vote.printedResult}, but the votes make it ${outcome.reason}` });
  }
  if (vote.printedUnanimous === true && !outcome.unanimous) {
    problems.push({ code: 'printed-unanimous-disagrees', message: `The minutes say "unanimously", but ${describeCounts(counts)} of ${voters.length} voting members present is not unanimous` });
  }
  return problems;
}

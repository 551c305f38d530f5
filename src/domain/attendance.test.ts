import { describe, expect, it } from 'vitest';
import { summariseAttendance, type AttendanceEntry, type Seat } from './attendance.ts';

// The committee of 12 June 2018 in small: a Chairman (1), a Vice-Chairman (2), three members (3–5) and
// two substitutes (6, 7); 8 is an officer.
const seats: Seat[] = [
  { personId: 1, role: 'chairman' },
  { personId: 2, role: 'vice-chairman' },
  { personId: 3, role: 'member' },
  { personId: 4, role: 'member' },
  { personId: 5, role: 'member' },
  { personId: 6, role: 'substitute' },
  { personId: 7, role: 'substitute' },
];
const name = (id: number) => `P${id}`;
const present = (personId: number, inPlaceOf?: number): AttendanceEntry => ({ personId, status: 'present', inPlaceOf });

describe('attendance from the membership in force', () => {
  it('counts members present and a substitute in place of a member who sent apologies as voters', () => {
    const s = summariseAttendance(seats, [present(1), present(2), present(3), present(4), { personId: 5, status: 'apologies' }, present(6, 5), present(8)], 3, name);
    expect(s.problems).toEqual([]);
    expect(s.voters).toEqual([1, 2, 3, 4, 6]);
    expect(s.apologies).toEqual([5]);
    expect(s.others).toEqual([8]);
    expect(s.present.find((p) => p.personId === 6)).toEqual({ personId: 6, role: 'substitute', inPlaceOf: 5 });
    expect(s.quorate).toBe(true);
  });

  it('reports every problem at once: a substitute for a present member, one for nobody, two for one member, an unrecorded member', () => {
    const s = summariseAttendance(
      seats,
      [present(1), present(2), { personId: 3, status: 'absent' }, present(4), present(6, 4), present(7), present(8, 3)],
      3,
      name,
    );
    expect(s.problems.map((p) => p.code)).toEqual(['in-place-of-present-member', 'substitute-in-place-of-nobody', 'not-on-committee', 'not-recorded']);
    expect(s.problems[0]!.message).toBe('P6 is recorded in place of P4, who was present');
    expect(s.problems[3]!.message).toBe("P5's attendance is not recorded (counted as absent)");
    // Substitutes that replace nobody do not vote.
    expect(s.voters).toEqual([1, 2, 4]);
    expect(s.absent).toEqual([3, 5]);
  });

  it('refuses two substitutes in place of one member, and a member "in place of" another', () => {
    const s = summariseAttendance(seats, [present(1, 3), present(2), { personId: 3, status: 'apologies' }, present(4), present(5), present(6, 3), present(7, 3)], 3, name);
    expect(s.problems.map((p) => p.code)).toEqual(['member-in-place-of', 'two-substitutes-for-one-member']);
    expect(s.problems[1]!.message).toBe('P7 and P6 are both recorded in place of P3');
    expect(s.voters).toEqual([1, 2, 4, 5, 6]);
  });

  it('checks the quorum against the voting members present', () => {
    const s = summariseAttendance(seats, [present(1), { personId: 2, status: 'apologies' }, { personId: 3, status: 'apologies' }, { personId: 4, status: 'absent' }, { personId: 5, status: 'absent' }, present(6, 2)], 3, name);
    expect(s.quorate).toBe(false);
    expect(s.problems.at(-1)!.message).toBe('The meeting is not quorate: 2 voting members were present and the quorum is 3');
    expect(summariseAttendance(seats, [present(1), present(2), present(3), present(4), present(5)], 3).quorate).toBe(true);
  });

  it('reports a person recorded twice, and a substitute in place of a substitute', () => {
    const s = summariseAttendance(seats, [present(1), present(1), present(2), present(3), present(4), present(5), present(6, 7), { personId: 7, status: 'apologies' }], 3, name);
    expect(s.problems.map((p) => p.code)).toEqual(['recorded-twice', 'in-place-of-non-member']);
  });
});

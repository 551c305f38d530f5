import { describe, expect, it } from 'vitest';
import { partsOf, readDateParts } from './dateParts.ts';

describe('dates typed in three fields', () => {
  it('reads a real date, a month by name, and says what is missing or wrong', () => {
    expect(readDateParts({ day: '21', month: '11', year: '2018' }, 'the date of the meeting')).toEqual({ date: '2018-11-21' });
    expect(readDateParts({ day: '1', month: 'June', year: '2017' }, 'the date')).toEqual({ date: '2017-06-01' });
    expect(readDateParts({ day: '', month: '', year: '' }, 'the date of the meeting')).toEqual({ error: 'Enter the date of the meeting' });
    expect(readDateParts({ day: '21', month: '', year: '' }, 'the date of the meeting')).toEqual({ error: 'The date of the meeting must include a month and a year' });
    expect(readDateParts({ day: '30', month: '2', year: '2018' }, 'the date of the meeting')).toEqual({ error: 'The date of the meeting must be a real date' });
    expect(readDateParts({ day: 'x', month: '2', year: '2018' }, 'the date')).toEqual({ error: 'The date must be a real date' });
    expect(partsOf('2018-06-12')).toEqual({ day: '12', month: '6', year: '2018' });
  });
});

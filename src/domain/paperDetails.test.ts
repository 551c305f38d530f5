import { describe, expect, it } from 'vitest';
import { isEmptyPaperDetails, missingPaperDetails, officerText, paperDetailsInput, parsePaperDetails, resolvePaperDetails } from './paperDetails.ts';

const blank = { report_of: '', officer_name: '', officer_role: '', officer_email: '', officer_phone: '' };
const clarke = { name: 'Alaine Clarke', role: 'Head of Performance and Risk', email: 'alaine.clarke@barnet.gov.uk', phone: null };

describe('who a paper is from', () => {
  it('takes the period’s own where set, else the committee’s; “Report of” and the officer separately', () => {
    const committee = { reportOf: 'Committee Chairman', officer: clarke };
    expect(resolvePaperDetails(committee, null)).toEqual({ ...committee, from: { reportOf: 'committee', officer: 'committee' } });
    expect(resolvePaperDetails(committee, { reportOf: 'Strategic Director for Communities', officer: null })).toEqual({
      reportOf: 'Strategic Director for Communities',
      officer: clarke,
      from: { reportOf: 'period', officer: 'committee' },
    });
    expect(resolvePaperDetails(null, null)).toEqual({ reportOf: null, officer: null, from: { reportOf: null, officer: null } });
  });

  it('an officer is whole: a period’s officer never takes the default’s phone number', () => {
    const committee = { reportOf: null, officer: { name: 'A', role: 'R', email: 'a@council.gov.uk', phone: '020 8359 4369' } };
    const period = { reportOf: null, officer: { name: 'B', role: null, email: null, phone: null } };
    expect(resolvePaperDetails(committee, period).officer).toEqual(period.officer);
  });

  it('says what is missing, for the staff pages', () => {
    expect(missingPaperDetails({ reportOf: null, officer: null })).toEqual([
      '“Report of” is not set: the cover sheet leaves it out',
      'No officer contact is set: the cover sheet leaves “Officer Contact Details” out',
    ]);
    expect(missingPaperDetails({ reportOf: 'X', officer: clarke })).toEqual([]);
  });

  it('prints an officer as the cover sheet does', () => {
    expect(officerText({ ...clarke, phone: '020 8359 4369' })).toBe('Alaine Clarke, Head of Performance and Risk, alaine.clarke@barnet.gov.uk, Tel: 020 8359 4369');
    expect(officerText({ name: 'B', role: null, email: null, phone: null })).toBe('B');
  });

  it('reads the form: blanks are not set, spaces tidied', () => {
    expect(parsePaperDetails({ ...blank, report_of: '  Committee   Chairman ' })).toEqual({ ok: true, details: { reportOf: 'Committee Chairman', officer: null } });
    expect(parsePaperDetails({ ...blank, officer_name: 'Alaine Clarke', officer_email: 'alaine.clarke@barnet.gov.uk', officer_phone: '+44 (0)20 8359 4369 ext. 12' })).toEqual({
      ok: true,
      details: { reportOf: null, officer: { name: 'Alaine Clarke', role: null, email: 'alaine.clarke@barnet.gov.uk', phone: '+44 (0)20 8359 4369 ext. 12' } },
    });
    expect(isEmptyPaperDetails(parsePaperDetails(blank).ok ? { reportOf: null, officer: null } : null)).toBe(true);
  });

  it('names the field of each error', () => {
    const bad = parsePaperDetails({ ...blank, report_of: 'x'.repeat(201), officer_role: 'Head', officer_email: 'alaine.clarke', officer_phone: 'ring me' });
    expect(bad).toEqual({
      ok: false,
      errors: {
        report_of: '“Report of” must be 200 characters or fewer',
        officer_name: 'Enter the officer’s name, or clear the job title, email address and phone number',
        officer_email: 'Enter an email address in the correct format, like name@council.gov.uk',
        officer_phone: 'Enter a phone number, like 020 8359 4369',
      },
    });
    expect(parsePaperDetails({ ...blank, officer_name: 'A', officer_phone: '12' })).toMatchObject({ ok: false, errors: { officer_phone: 'Enter a phone number, like 020 8359 4369' } });
  });

  it('gives stored details back as form values', () => {
    expect(paperDetailsInput({ reportOf: 'X', officer: clarke })).toEqual({ report_of: 'X', officer_name: 'Alaine Clarke', officer_role: 'Head of Performance and Risk', officer_email: 'alaine.clarke@barnet.gov.uk', officer_phone: '' });
    expect(paperDetailsInput(null)).toEqual(blank);
  });
});

/**
 * The minutes document (src/reports/minutesDocument.ts) from a model of the 12 June 2018 meeting
 * (../shared/seeds/002…): the weekday, the motion's result and "unanimously" computed, resolutions
 * numbered, a draft marked, an exempt item replaced by its placeholder; rendered as HTML, PDF and Word.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/documents/docx.ts';
import { renderHtml } from '../../src/documents/html.ts';
import { renderPdf } from '../../src/documents/pdf.ts';
import { minutesDocument, type MinutesModel } from '../../src/reports/minutesDocument.ts';

const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext';

function june2018(over: Partial<MinutesModel> = {}): MinutesModel {
  return {
    council: 'London Borough of Barnet',
    committee: 'Community Leadership and Libraries Committee',
    date: '2018-06-12',
    startTime: '19:00',
    venue: 'Hendon Town Hall',
    finishedAt: '20:28',
    status: 'draft',
    present: [
      { name: 'Councillor Reuben Thompstone', role: 'Chairman', inPlaceOf: null },
      { name: 'Councillor David Longstaff', role: 'Vice-Chairman', inPlaceOf: null },
      { name: 'Councillor Reema Patel', role: null, inPlaceOf: null },
      { name: 'Councillor Sara Conway', role: null, inPlaceOf: null },
    ],
    apologies: [],
    absent: [],
    othersInAttendance: [{ name: 'Detective Chief Superintendent Simon Rose', jobTitle: 'Basic Command Unit Commander' }],
    declarations: [{ member: 'Councillor Reema Patel', item: "6, Members' items", type: 'non-pecuniary', detail: 'Trustee of Barnet Community Library', withdrew: false }],
    votingPresent: 10,
    items: [
      { number: '1', title: 'Minutes of last meeting', discussion: [], motions: [], resolutions: [{ text: 'that the minutes of the previous meeting held on 15 March 2018 be agreed as the correct record.' }], actions: [] },
      { number: '2', title: 'Absence of members (if any)', none: true, discussion: [], motions: [], resolutions: [], actions: [] },
      {
        number: '6',
        title: "Members' items (if any)",
        discussion: ["The Chairman introduced Councillor Reema Patel's members item."],
        motions: [{ text: 'that a report on the libraries system be brought to the next meeting.', mover: 'Councillor Patel', seconder: 'Councillor Conway', amendments: [], counts: { for: 4, against: 6, abstain: 0 }, castingVote: null }],
        resolutions: [{ text: 'that the Committee would receive an update report on the new library system at the March 2019 meeting.' }],
        actions: [{ text: 'Update report on the new library system', owner: 'Strategic Lead for Safer Communities', target: 'Wednesday 20 March 2019' }],
      },
      {
        number: '9',
        title: 'Update on the Metropolitan Police merger',
        discussion: [],
        motions: [],
        resolvedUnanimously: true,
        resolutions: [
          { text: 'That the Committee noted and commented on the contents of the report.' },
          { text: 'That Members confirmed their support for the preferred options:', parts: [{ text: 'The option of the council being proactively involved.' }, { text: 'The Barnet Safer Communities Partnership Board.' }] },
        ],
        actions: [],
      },
      { number: '16', title: 'Exempt item', exemptPlaceholder: 'The minutes of this item are not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972.', discussion: ['SECRET DISCUSSION'], motions: [], resolutions: [], actions: [] },
    ],
    ...over,
  };
}

describe('the minutes document', () => {
  it('computes the weekday, the result of the vote, the numbers of the resolutions and the finishing time', () => {
    const html = renderHtml(minutesDocument(june2018()));
    expect(html).toContain('Tuesday 12 June 2018, 7.00pm, Hendon Town Hall');
    expect(html).toContain('The motion was therefore lost.');
    expect(html).not.toContain('The motion was therefore lost unanimously');
    expect(html).toContain('RESOLVED: that the minutes of the previous meeting held on 15 March 2018');
    expect(html).toMatch(/\(2\) <strong>That Members confirmed/);
    expect(html).toMatch(/\(ii\) <strong>The Barnet Safer Communities/);
    // "20.28pm" in the pack; computed from the time.
    expect(html).toContain('The meeting finished at 8.28pm.');
    expect(html).toContain('Trustee of Barnet Community Library');
    expect(html).toContain('Councillor Reuben Thompstone (Chairman)');
  });

  it('marks a draft on every page and not agreed minutes, which say when they were agreed', () => {
    const draft = minutesDocument(june2018());
    expect(draft.title).toMatch(/^DRAFT: /);
    expect(draft.runningHead).toMatch(/^DRAFT, not published/);
    const agreed = minutesDocument(june2018({ status: 'agreed', agreedAt: { date: '2018-10-10' } }));
    expect(agreed.title).not.toMatch(/DRAFT/);
    expect(renderHtml(agreed)).toContain('Agreed as the correct record at the meeting of 10 October 2018.');
  });

  it('prints the placeholder, and nothing else, for an exempt item', () => {
    const html = renderHtml(minutesDocument(june2018()));
    expect(html).toContain('by virtue of paragraph 3 of Part 1 of Schedule 12A');
    expect(html).not.toContain('SECRET DISCUSSION');
  });

  it('records a casting vote on a tie, and names a recorded vote', () => {
    const model = june2018();
    model.items[2]!.motions[0] = { ...model.items[2]!.motions[0]!, counts: { for: 5, against: 5, abstain: 0 }, castingVote: 'for', named: { for: ['A', 'B'], against: ['C'], abstain: [] } };
    const html = renderHtml(minutesDocument(model));
    expect(html).toContain('The votes being equal, the Chairman gave a casting vote for, and the motion was therefore carried.');
    expect(html).toContain('A, B');
  });

  it('renders as a tagged PDF and as Word with the same words', { timeout: 30_000 }, async () => {
    const doc = minutesDocument(june2018({ status: 'agreed', agreedAt: { date: '2018-10-10' } }));
    const pdf = await renderPdf(doc);
    const docx = await renderDocx(doc);
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('The motion was therefore lost.');
    if (!pdftotext) return;
    const file = join(mkdtempSync(join(tmpdir(), 'minutes-')), 'minutes.pdf');
    writeFileSync(file, pdf);
    // Lines wrap where the layout puts them: the words are compared with their spacing flattened.
    const text = spawnSync(pdftotext, ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Tuesday 12 June 2018');
    expect(text).toContain('The motion was therefore lost.');
    expect(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout).toMatch(/Tagged:\s+yes/);
  });
});

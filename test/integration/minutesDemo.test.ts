/**
 * The demo's minutes (demo/barnet/minutes.json; ADR 0026): the decisions of 12 June 2018 (seed 002) entered
 * through the outcomes service — items numbered as the pack prints them, the Members' item motion lost on 4
 * votes to 6 (computed), resolutions numbered, the finishing time read from "20.28pm", agreed at the next
 * meeting — and rendered as the `minutes` document. Likewise the decisions of 8 March 2017 (seed 004, item 1
 * of the 21 June 2017 pack): a substitute in place of the member who sent apologies, 13 items, the grants'
 * parts numbered, an action reporting to the next meeting (computed: 21 June 2017, whose agenda has the
 * strategy), agreed at that meeting; on the public minutes page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { NOT_VISIBLE } from '../../src/domain/access.ts';
import { renderReport } from '../../src/reports/render.ts';
import type { MinutesModel } from '../../src/reports/minutesDocument.ts';
import { feedLinks } from '../../src/web/components/feeds/route.ts';
import { buildServer } from '../../src/web/server.ts';
import { minutesPath } from '../../src/web/urls.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { demoMeetingOn } from '../support/demoMeetings.ts';

describe.each(engines())('demo minutes on %s', (engine) => {
  let t: TestDatabase;
  let model: MinutesModel;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect(await loadDemoIfEmpty(t.app)).toBe(true);
    const m = await t.app.outcomes.minutesOn('community-leadership-committee', '2018-06-12', null);
    expect(m).not.toBe(NOT_VISIBLE);
    model = m as MinutesModel;
  });
  afterAll(async () => t?.dispose());

  it('holds the minutes of 12 June 2018 as the pack prints them, everything computed', async () => {
    expect(model.status).toBe('agreed');
    expect(model.agreedAt).toEqual({ date: '2018-11-21' });
    expect(model.finishedAt).toBe('20:28');
    expect(model.present).toHaveLength(10);
    expect(model.present[0]).toEqual({ name: 'Councillor Reuben Thompstone', role: 'Chairman', inPlaceOf: null });
    expect(model.votingPresent).toBe(10);
    expect(model.items.map((i) => i.number)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expect(model.items[6]!.title).toBe('Members Item - Cllr Sara Conway');
    expect(model.items[13]!.title).toMatch(/Forward Work Programme$/);
    expect(model.declarations).toEqual([expect.objectContaining({ member: 'Councillor Reema Patel', item: "6. Members' Items (If any)", type: 'non-pecuniary' })]);
    const votes = await t.app.outcomes.publishedVotes();
    expect(votes.map((v) => [v.itemNumber, v.result, v.counts])).toEqual([['6', 'lost', { for: 4, against: 6, abstain: 0 }]]);
    const html = String((await renderReport('minutes', model, {}, 'html')).body);
    expect(html).toContain('Tuesday 12 June 2018');
    expect(html).toContain('The motion was therefore lost.');
    expect(html).toContain('The meeting finished at 8.28pm.');
    expect(html).toMatch(/\(3\)\s*<\/?\w*[^>]*>?\s*[^<]*That Members commented/);
    expect(html).not.toContain('DRAFT');
  });

  it('holds the minutes of 8 March 2017 (seed 004) with their attendance, resolutions and actions computed', async () => {
    const m = await t.app.outcomes.minutesOn('community-leadership-committee', '2017-03-08', null);
    expect(m).not.toBe(NOT_VISIBLE);
    const march = m as MinutesModel;
    expect(march.committee).toBe('Community Leadership Committee');
    expect(march.status).toBe('agreed');
    // Agreed at the committee's next meeting, computed; that meeting's agenda opens with the minutes.
    expect(march.agreedAt).toEqual({ date: '2017-06-21' });
    expect(march.finishedAt).toBe('20:45');
    // Eleven present: ten members and Councillor Zinkin, a substitute, in place of Councillor Rutter, who sent apologies.
    expect(march.present).toHaveLength(11);
    expect(march.present.slice(0, 2)).toEqual([
      { name: 'Councillor David Longstaff', role: 'Chairman', inPlaceOf: null },
      { name: 'Councillor Graham Old', role: 'Vice-Chairman', inPlaceOf: null },
    ]);
    expect(march.present).toContainEqual({ name: 'Councillor Brayne', role: null, inPlaceOf: null });
    expect(march.present).toContainEqual({ name: 'Councillor Peter Zinkin', role: null, inPlaceOf: 'Councillor Lisa Rutter' });
    expect(march.present.map((p) => p.name)).not.toContain('Councillor Reema Patel');
    expect(march.apologies).toEqual(['Councillor Lisa Rutter']);
    expect(march.absent).toEqual([]);
    expect(march.votingPresent).toBe(11);
    expect(march.othersInAttendance.map((o) => o.name)).toEqual(['Kiran Vagarwal', 'Simon Rose']);
    expect(march.declarations).toEqual([]);
    // The order of business: the standard items, the five reports as the minutes take them, work programme, urgent business.
    expect(march.items.map((i) => i.number)).toEqual(Array.from({ length: 13 }, (_, i) => String(i + 1)));
    expect(march.items[6]!.title).toBe('Community Leadership Committee Commissioning Plan – 2017/18 addendum');
    expect(march.items[11]!.title).toBe('Community Leadership Committee Forward Work Programme');
    expect(march.items.filter((i) => i.none).map((i) => i.number)).toEqual(['3', '4', '5', '13']);
    expect(march.items[7]!.resolutions).toEqual([
      expect.objectContaining({ parts: [expect.objectContaining({ text: expect.stringContaining('£9,832 be awarded to Serad') }), expect.objectContaining({ text: expect.stringContaining('£10,000 be awarded to The Hope of Childs Hill') })] }),
    ]);
    expect(march.items[10]!.resolutions).toHaveLength(2);
    // Actions: the printed [Action] of item 7, and the updates the resolutions of items 6, 9 and 10 ask for.
    expect(march.items.flatMap((i) => i.actions.map((a) => [i.number, a.owner, a.target]))).toEqual([
      ['6', null, null],
      ['7', 'Kiran Vagarwal', null],
      ['9', null, null],
      ['10', 'Kiran Vagarwal', '21 June 2017'],
    ]);
    const june = await demoMeetingOn(t, '2017-06-21');
    const agenda = (await t.app.agendas.publicAgenda(june.id, 'Community Leadership Committee'))!;
    expect(JSON.stringify(agenda)).toContain('Violence against Women and Girls(VAWG) Strategy 2017-2020');
    // No vote is printed: the only recorded vote is still that of 12 June 2018.
    expect((await t.app.outcomes.publishedVotes()).map((v) => v.meeting.date)).toEqual(['2018-06-12']);

    const html = String((await renderReport('minutes', march, {}, 'html')).body);
    expect(html).toContain('Wednesday 8 March 2017');
    expect(html).toContain('Agreed as the correct record at the meeting of 21 June 2017.');
    expect(html).toContain('Councillor Peter Zinkin, in place of Councillor Lisa Rutter');
    expect(html).toContain('The meeting finished at 8.45pm.');
    expect(html).toMatch(/\(ii\)\s*<\/?\w*[^>]*>?\s*[^<]*a one-year start-up grant of £10,000/);
    // Agreed, so not marked as a draft (the title of item 10 has "FINAL DRAFT REPORT" in it).
    expect(html).not.toContain('DRAFT:');
    expect(html.replaceAll('FINAL DRAFT REPORT', '')).not.toContain('DRAFT');
  });

  it('shows the minutes of 8 March 2017 on the public minutes page', async () => {
    const march = await demoMeetingOn(t, '2017-03-08');
    expect(march.status).toBe('minutes-agreed');
    const server = buildServer(t.app);
    try {
      const page = await server.inject({ method: 'GET', url: minutesPath(march.id) });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Councillor Peter Zinkin');
      expect(page.body).toContain('Councillor Lisa Rutter');
      expect(page.body).toContain('approved the addendum to the Community Leadership Committee Commissioning Plan for 2017/18');
      expect(page.body).toContain('21 June 2017');
    } finally {
      await server.close();
    }
  });

  it('exports the motion and its vote event in Popolo / Open Civic Data', async () => {
    const popolo = await t.app.civicData.popolo(feedLinks('https://townhall.example.gov.uk'));
    expect(popolo.motions).toEqual([
      expect.objectContaining({ text: expect.stringContaining('report on the libraries system'), result: 'fail', creator_id: expect.stringMatching(/^person\/\d+$/), date: '2018-06-12T19:00:00+01:00' }),
    ]);
    expect(popolo.vote_events).toEqual([
      expect.objectContaining({ result: 'fail', counts: [{ option: 'yes', value: 4 }, { option: 'no', value: 6 }, { option: 'abstain', value: 0 }] }),
    ]);
    const ids = new Set(popolo.persons.map((p) => p.id));
    expect(ids.has(popolo.motions[0]!.creator_id as string)).toBe(true);
  });
});

/**
 * The demo's minutes (demo/barnet/minutes.json; ADR 0026): the decisions of 12 June 2018 (seed 002) entered
 * through the outcomes service — items numbered as the pack prints them, the Members' item motion lost on 4
 * votes to 6 (computed), resolutions numbered, the finishing time read from "20.28pm", agreed at the next
 * meeting — and rendered as the `minutes` document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { NOT_VISIBLE } from '../../src/domain/access.ts';
import { renderReport } from '../../src/reports/render.ts';
import type { MinutesModel } from '../../src/reports/minutesDocument.ts';
import { feedLinks } from '../../src/web/components/feeds/route.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

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

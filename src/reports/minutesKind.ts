/**
 * The minutes of a meeting as an entry of the registry (kinds.ts): a committee's meeting on a date (the
 * request's `period` is the meeting's date, YYYY-MM-DD), loaded from the sources' `minutes` — the minutes
 * as the reader may see them, decided by src/services/outcomesService.ts — and laid out by
 * minutesDocument.ts. Never offered on a period's reports page: each meeting's page links its minutes
 * (/meetings/:id/minutes).
 */
import { ReportError } from '../services/performanceReport.ts';
import { defineKind } from './kind.ts';
import { minutesDocument, type MinutesModel } from './minutesDocument.ts';

export const minutesKind = defineKind({
  id: 'minutes',
  title: 'Minutes',
  description: () => 'The minutes of a meeting: who attended, declarations of interest, and for each item the discussion, motions and votes, resolutions and actions.',
  noun: 'minutes',
  dated: true,
  refusePeriod: () => null,
  offeredFor: () => false,
  rank: 10,
  load: async (sources, req): Promise<MinutesModel> => {
    if (!sources.minutes) throw new ReportError('The minutes are made from their meeting’s page or `townhall report minutes`');
    const model = await sources.minutes(req.committee!, req.period);
    if (!model) throw new ReportError(`No published minutes of the ${req.committee} on ${req.period}`);
    return model;
  },
  build: (model: MinutesModel, meta) => {
    const doc = minutesDocument(model);
    return meta.issued ? { ...doc, issued: meta.issued } : doc;
  },
});

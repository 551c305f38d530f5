/**
 * The forward work programme as an entry of the registry (kinds.ts): a committee's programme from a
 * date (the request's `period` is that date, YYYY-MM-DD), loaded from the sources' `workProgramme` and
 * laid out by workProgrammeDocument.ts. Never offered on a period's reports page: it has its own page
 * (/committees/:slug/work-programme).
 */
import { ReportError } from '../services/performanceReport.ts';
import type { WorkProgrammeView } from '../services/workProgrammeService.ts';
import { defineKind } from './kind.ts';
import { buildWorkProgrammeDocument } from './workProgrammeDocument.ts';

export const workProgrammeKind = defineKind({
  id: 'work-programme',
  title: 'Forward work programme',
  description: () => 'The committee’s forward work programme: for each meeting to come, the reports it will take, their overview, who reports them and their issue type, with the standing items.',
  noun: 'work programme',
  dated: true,
  refusePeriod: () => null,
  offeredFor: () => false,
  rank: 9,
  load: async (sources, req): Promise<WorkProgrammeView> => {
    if (!sources.workProgramme) throw new ReportError('The work programme is made from its own page or `townhall report work-programme`');
    const view = await sources.workProgramme(req.committee!, req.period);
    if (!view) throw new ReportError(`No committee is called "${req.committee}"`);
    return view;
  },
  build: (model: WorkProgrammeView, meta) => buildWorkProgrammeDocument(model, meta),
});

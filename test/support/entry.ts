/**
 * Saving a result as a performance officer would through data entry (the entry service, with its
 * validation, locks and audit): for tests that need a draft figure in a period.
 */
import type { App } from '../../src/app.ts';
import { TEST_OFFICER } from './staff.ts';

export async function saveResultAsOfficer(
  app: App,
  x: { committee: string; period: string; ref: string; value: string; commentary?: string; intervention?: string; reason?: string },
): Promise<void> {
  const cycle = await app.entry.cycle(x.committee, x.period);
  if (!cycle) throw new Error(`No cycle ${x.committee} ${x.period}`);
  const entry = await app.entry.indicator(cycle, (ref) => ref === x.ref);
  if (!entry) throw new Error(`${x.ref} is not in force in ${x.period}`);
  const outcome = await app.entry.saveResult(
    cycle,
    entry,
    { value: x.value, status: 'reported', dataPeriod: '', note: '', commentary: x.commentary ?? '', intervention: x.intervention ?? '', reason: x.reason ?? '' },
    entry.stored?.revision ?? 0,
    TEST_OFFICER,
  );
  if (outcome.kind !== 'saved') throw new Error(`Not saved: ${JSON.stringify(outcome)}`);
}

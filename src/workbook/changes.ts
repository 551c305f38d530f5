/**
 * What an import changes: the plan (services/importPlan.ts) lists these, `--dry-run` prints them and
 * the writer (repositories/importWriter.ts) applies them in one transaction.
 */
import type { PanelSheet } from './panelSpecs.ts';

export type Entity =
  | 'council'
  | 'plan_year'
  | 'committee'
  | 'corporate_outcome'
  | 'priority'
  | 'indicator_version'
  | 'target'
  | 'result'
  | 'benchmark'
  | 'key_action'
  | 'key_action_update'
  | PanelSheet
  // Committee business (src/services/committeeBusinessImport.ts).
  | 'person'
  | 'committee_details'
  | 'membership'
  | 'meeting'
  | 'agenda_item'
  | 'work_programme_entry'
  | 'standing_item';

/** One record to add or change. `after` holds every stored field; `before` the stored one (changes only). */
export interface Change<E extends Entity = Entity> {
  entity: E;
  /** Human key, e.g. "CG/S3 2016/17". */
  key: string;
  kind: 'add' | 'change';
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  /** Natural-key parts the writer resolves to ids. */
  where: Record<string, string | number | null>;
  /** The stored row's id, for changes. */
  id: number | null;
}

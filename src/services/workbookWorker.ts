/**
 * The upload worker process (started by WorkbookWorkerPool through workbookWorkerEntry.js): reads and
 * validates uploaded workbooks, and makes their previews, away from the process that serves requests. One
 * job at a time. A preview is a short conversation, since comparing needs stored data only the server can
 * read (a worker has no database): the worker reads and validates the file and asks for the stored data the file names (its
 * scope); the pool loads that snapshot and sends it; the worker plans, digests and summarises, and sends
 * back the preview — kilobytes, never the hundreds of thousands of rows or changes behind it.
 */
import type { FrameworkSnapshot, SnapshotScope } from '../repositories/frameworkRepository.ts';
import { planWithSnapshot, readAndValidate, type CheckedFile } from './importCheck.ts';
import { snapshotScope } from './importPlan.ts';
import { refuseCommitteeBusinessInUpload } from './committeeBusinessImport.ts';
import { previewOf, type PreviewOutcome, type SnapshotList } from './uploadPreview.ts';

export type WorkbookJob =
  /** Read and validate; answered with `checked`. */
  | { id: number; type: 'check'; path: string; name: string }
  /** Read and validate for a preview; answered with `scope` (or at once with `preview` when nothing could be read). */
  | { id: number; type: 'preview'; path: string; name: string }
  /** Rows of one of the snapshot's long lists, sent ahead of the rest of it (SNAPSHOT_LISTS); not answered. */
  | { id: number; type: 'rows'; list: SnapshotList; rows: unknown[] }
  /** The stored data for the preview's scope (its long lists as sent in `rows` before); answered with `preview`. */
  | { id: number; type: 'snapshot'; snapshot: FrameworkSnapshot }
  /** The preview's snapshot could not be loaded: forget the job. */
  | { id: number; type: 'drop' };

export type WorkbookJobReply =
  /** Sent once, when the worker listens: what was sent before it would be lost. */
  | { id: 0; type: 'ready' }
  | { id: number; type: 'checked'; checked: CheckedFile }
  | { id: number; type: 'scope'; scope: SnapshotScope }
  | { id: number; type: 'preview'; preview: PreviewOutcome }
  | { id: number; type: 'error'; error: string };

const send = process.send?.bind(process);
if (!send) throw new Error('src/services/workbookWorker.ts runs in a worker process started by WorkbookWorkerPool');
// The server is gone (or closed the pool): nothing is left to answer.
process.on('disconnect', () => process.exit(0));

/** The file of the preview in hand, awaiting its snapshot, and the rows of the snapshot's long lists received so far. */
let waiting: { id: number; checked: CheckedFile; rows: Record<SnapshotList, unknown[]> } | null = null;

async function handle(job: WorkbookJob): Promise<WorkbookJobReply | null> {
  switch (job.type) {
    case 'check':
      return { id: job.id, type: 'checked', checked: refuseCommitteeBusinessInUpload(await readAndValidate(job.path, job.name)) };
    case 'preview': {
      const checked = refuseCommitteeBusinessInUpload(await readAndValidate(job.path, job.name));
      if (checked.nothingRead) return { id: job.id, type: 'preview', preview: previewOf(planWithSnapshot(checked, null)) };
      waiting = { id: job.id, checked, rows: { targets: [], results: [], benchmarks: [] } };
      return { id: job.id, type: 'scope', scope: snapshotScope(checked.data) };
    }
    case 'rows':
      if (waiting?.id !== job.id) throw new Error(`No preview ${job.id} is waiting for its snapshot`);
      for (const row of job.rows) waiting.rows[job.list].push(row);
      return null;
    case 'snapshot': {
      const file = waiting;
      waiting = null;
      if (file?.id !== job.id) throw new Error(`No preview ${job.id} is waiting for its snapshot`);
      const snapshot = { ...job.snapshot, ...(file.rows as Pick<FrameworkSnapshot, SnapshotList>) };
      return { id: job.id, type: 'preview', preview: previewOf(planWithSnapshot(file.checked, snapshot)) };
    }
    case 'drop':
      if (waiting?.id === job.id) waiting = null;
      return null;
  }
}

process.on('message', (job: WorkbookJob) => {
  handle(job).then(
    (reply) => {
      if (reply) send(reply);
    },
    (error: unknown) => {
      if (waiting?.id === job.id) waiting = null;
      send({ id: job.id, type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkbookJobReply);
    },
  );
});
send({ id: 0, type: 'ready' } satisfies WorkbookJobReply);

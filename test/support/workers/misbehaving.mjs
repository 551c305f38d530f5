// A stand-in for the upload worker process (src/services/workbookWorker.ts) that misbehaves as told by the file
// name of its job: "oom" fills its heap until V8 stops it, "exit" exits, "hang" never answers, "throw"
// fails as a bug would; any other name is answered at once: a `check` with an empty checked file, a
// `preview` with a preview of no changes.
const hoard = [];
process.on('disconnect', () => process.exit(0));
process.on('message', (job) => {
  const name = job.name ?? '';
  if (name.includes('oom')) {
    for (;;) hoard.push(new Array(100_000).fill({ name }));
  }
  if (name.includes('exit')) process.exit(3);
  if (name.includes('hang')) return;
  if (name.includes('throw')) {
    process.send({ id: job.id, type: 'error', error: 'TypeError: a fault of the reader\n    at somewhere' });
    return;
  }
  if (job.type === 'preview') {
    process.send({ id: job.id, type: 'preview', preview: { ok: true, digest: 'none', total: 0, counts: [], changes: [] } });
    return;
  }
  process.send({ id: job.id, type: 'checked', checked: { data: null, errors: [], withheld: null, nothingRead: true, name } });
});
process.send({ id: 0, type: 'ready' });

// A stand-in for the upload worker process (src/services/workbookWorker.ts) that misbehaves as told by the file
// name of a `check` job: "oom" fills its heap until V8 stops it, "exit" exits, "hang" never answers,
// "throw" fails as a bug would; any other name is answered at once with an empty checked file.
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
  process.send({ id: job.id, type: 'checked', checked: { data: null, errors: [], withheld: null, nothingRead: true, name } });
});
process.send({ id: 0, type: 'ready' });

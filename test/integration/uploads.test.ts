/**
 * Uploads awaiting confirmation live in the database (migration 0007) with their previews (migration
 * 0009): another server process can show the preview — without reading the file again — and confirm
 * them; they are bound to the uploading session, expire, and are written once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadImportService } from '../../src/services/uploadImportService.ts';
import type { UploadReader } from '../../src/services/uploadPreview.ts';
import { recordingReader } from '../support/uploads.ts';
import { signInAs } from '../support/auth.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { UploadRepository } from '../../src/repositories/uploadRepository.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { smallCouncil, writeCsvWorkbook, xlsx } from '../support/workbook.ts';

describe.each(engines())('uploads awaiting confirmation on %s', (engine) => {
  let t: TestDatabase;
  let sessionId: number;
  let otherSessionId: number;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await t.app.imports.importFile(await writeCsvWorkbook(smallCouncil()));
    const session = async () => {
      const token = (await signInAs(t.app, 'performance-officer')).cookie.split('=')[1]!;
      return (await t.app.accounts.sessionFor(token))!.sessionId;
    };
    sessionId = await session();
    otherSessionId = await session();
  });
  afterAll(async () => t?.dispose());

  const service = (reader: UploadReader = t.app.workbooks, options: ConstructorParameters<typeof UploadImportService>[2] = {}) =>
    new UploadImportService(createRepositories(t.handle), { reader, dataVersion: t.app.dataVersion }, options);

  it('is previewed and confirmed by another server process, for the session that uploaded it only, and written once', async () => {
    const hereReader = recordingReader(t.app.workbooks);
    const elsewhereReader = recordingReader(t.app.workbooks);
    const here = service(hereReader);
    const elsewhere = service(elsewhereReader);
    const stored = await here.store(await xlsx({ results: [['ref', 'period', 'value'], ['T/2', 'Q3 2017/18', '77']] }), 'q3.xlsx', sessionId);
    // The preview is made once, as the file is stored, on the upload worker.
    expect(hereReader.calls).toEqual({ check: 0, preview: 1 });
    expect(await elsewhere.get(stored.id, otherSessionId)).toBeNull();
    const found = (await elsewhere.get(stored.id, sessionId))!;
    expect(found).toMatchObject({ id: stored.id, filename: 'q3.xlsx', size: stored.size, sha256: stored.sha256 });
    const kept = await elsewhere.preview(found);
    const preview = kept.outcome;
    expect(preview.ok && preview.changes.map((c) => `${c.kind} ${c.entity} ${c.key}`)).toEqual(['add result T/2 Q3 2017/18']);
    expect(preview.ok && [preview.total, preview.counts]).toEqual([1, [{ entity: 'result', add: 1, change: 0 }]]);
    expect(kept.dataChangedSince).toBe(false);
    // Shown again and again from what was kept: the other process never reads the file to show it.
    expect(await elsewhere.preview(found)).toEqual(kept);
    expect(elsewhereReader.calls).toEqual({ check: 0, preview: 0 });
    const written = await elsewhere.confirm(found, preview.ok ? preview.digest : '', 'officer@test.example', 'Q3 upload');
    expect(written.kind).toBe('written');
    // Confirming reads the file again (on the worker) and plans it again in its transaction.
    expect(elsewhereReader.calls).toEqual({ check: 1, preview: 0 });
    expect((await t.handle.db.selectFrom('result').select('value').where('period', '=', '2017-Q3').executeTakeFirstOrThrow()).value).toBe(77);
    // Gone everywhere once written: a second confirmation finds nothing to write.
    expect(await here.get(stored.id, sessionId)).toBeNull();
    expect((await here.confirm(found, preview.ok ? preview.digest : '', 'officer@test.example', 'again')).kind).toBe('gone');
  });

  it('names a damaged upload by the name it was uploaded with, never the server’s temporary copy', async () => {
    const uploads = service();
    const bytes = await xlsx({ results: [['ref', 'period', 'value'], ['T/2', 'Q4 2017/18', '80']] });
    const damaged = Buffer.from(bytes);
    const at = damaged.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 40;
    damaged[at] = damaged[at]! ^ 0xff;
    const stored = await uploads.store(damaged, 'Q4 results.xlsx', sessionId);
    const preview = (await uploads.preview(stored)).outcome;
    expect(preview.ok).toBe(false);
    const errors = preview.ok ? [] : preview.errors.shown;
    expect(errors.map((e) => e.sheet)).toEqual(['Q4 results.xlsx']);
    expect(errors[0]!.message).toMatch(/^The file is not a readable .xlsx workbook: part xl\/worksheets\/sheet1.xml is damaged/);
    expect(JSON.stringify(errors)).not.toMatch(/townhall-upload|upload\.xlsx|\/tmp\//);
    const confirmed = await uploads.confirm(stored, 'any', 'officer@test.example', null);
    expect(confirmed.kind === 'stale' && !confirmed.preview.ok && confirmed.preview.errors.shown[0]!.sheet).toBe('Q4 results.xlsx');
    await uploads.discard(stored.id);
  });

  it('refuses committee-business sheets (imported with the townhall command), one error a sheet, and writes nothing', async () => {
    const uploads = service();
    const bytes = await xlsx({
      results: [['ref', 'period', 'value'], ['T/2', 'Q1 2017/18', '121']],
      people: [['name', 'kind'], ['Sara Conway', 'councillor'], ['', 'officer']],
      meetings: [['committee', 'date', 'start_time', 'venue'], ['Test Committee', '2018-11-21', '19:00', 'Hendon Town Hall']],
      agenda_items: [['committee', 'meeting_date', 'position', 'kind', 'title'], ['Test Committee', '2018-11-21', '1', 'minutes', 'Minutes of last meeting']],
      // A row with an error: the sheet is refused all the same, its own errors not the upload's to report.
      work_programme: [['committee', 'title', 'overview', 'report_of'], ['Test Committee', 'A report', '', 'Director']],
    });
    const stored = await uploads.store(bytes, 'business.xlsx', sessionId);
    const preview = (await uploads.preview(stored)).outcome;
    expect(preview.ok).toBe(false);
    expect(preview.ok ? [] : preview.errors.shown.map((e) => [e.sheet, e.row, e.message])).toEqual(
      ['people', 'meetings', 'agenda_items', 'work_programme'].map((sheet) => [
        sheet,
        null,
        `The ${sheet} sheet is committee business, which the upload does not import yet: import the file with the townhall import command, or delete the sheet's rows and upload it again`,
      ]),
    );
    expect((await uploads.confirm(stored, 'any', 'officer@test.example', null)).kind).toBe('stale');
    expect(Number((await t.handle.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    expect((await t.handle.db.selectFrom('result').select('value').where('period', '=', '2017-Q1').executeTakeFirstOrThrow()).value).toBe(120);
    await uploads.discard(stored.id);
  });

  it('expires, and goes with the session that uploaded it', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const uploads = service(t.app.workbooks, { ttlMs: 60_000, now: () => now });
    const bytes = await xlsx({ results: [['ref', 'period', 'value'], ['T/2', 'Q4 2017/18', '80']] });
    const first = await uploads.store(bytes, 'q4.xlsx', sessionId);
    now = new Date('2026-11-23T09:00:59Z');
    expect(await uploads.get(first.id, sessionId)).not.toBeNull();
    now = new Date('2026-11-23T09:01:00Z');
    expect(await uploads.get(first.id, sessionId)).toBeNull();
    // The next upload sweeps expired ones out of the database.
    const second = await uploads.store(bytes, 'q4.xlsx', otherSessionId);
    expect((await t.handle.db.selectFrom('pending_upload').select('id').execute()).map((r) => r.id)).toEqual([second.id]);
    await t.handle.db.deleteFrom('app_session').where('id', '=', otherSessionId).execute();
    expect(await t.handle.db.selectFrom('pending_upload').select('id').execute()).toEqual([]);
  });

  it('keeps an upload’s bytes a megabyte a statement, reads them back whole, and reads one stored in one piece before', async () => {
    const repo = new UploadRepository(t.handle.db);
    const bytes = Buffer.alloc(2.5 * 1024 * 1024 + 7);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + (i >> 12)) & 0xff;
    const upload = { id: 'pieces', sessionId, filename: 'big.xlsx', size: bytes.length, sha256: 'x', uploadedAt: new Date(), expiresAt: new Date(Date.now() + 60_000) };
    await repo.insert(upload, bytes);
    expect((await t.handle.db.selectFrom('pending_upload_part').select('part').where('upload_id', '=', 'pieces').orderBy('part').execute()).map((r) => r.part)).toEqual([1, 2]);
    expect((await repo.content('pieces'))!.equals(bytes)).toBe(true);
    // As stored before migration 0009: all the bytes in the upload's row.
    await t.handle.db.insertInto('pending_upload').values({ ...{ id: 'whole', session_id: sessionId, filename: 'old.xlsx', size: 3, sha256: 'y' }, content: Buffer.from([1, 2, 3]), uploaded_at: new Date(), expires_at: new Date(Date.now() + 60_000) }).execute();
    expect([...(await repo.content('whole'))!]).toEqual([1, 2, 3]);
    expect(await repo.content('nothing')).toBeNull();
    // Its parts go with it.
    await repo.delete('pieces');
    await repo.delete('whole');
    expect(await t.handle.db.selectFrom('pending_upload_part').select('part').execute()).toEqual([]);
  });
});

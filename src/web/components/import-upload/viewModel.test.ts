import { describe, expect, it } from 'vitest';
import type { Change } from '../../../services/importPlan.ts';
import type { StoredUpload } from '../../../services/uploadImportService.ts';
import { previewOf } from '../../../services/uploadPreview.ts';
import { MAX_ERRORS_SHOWN } from '../../../domain/limits.ts';
import { buildPreviewView, fieldChanges, showValue } from './viewModel.ts';

const upload: StoredUpload = {
  id: 'abc',
  sessionId: 1,
  filename: 'q2.xlsx',
  size: 10,
  sha256: 'x',
  uploadedAt: new Date('2018-10-01T09:00:00Z'),
  expiresAt: new Date('2018-10-01T09:30:00Z'),
};
const change: Change = {
  entity: 'result',
  key: 'CG/S3 Q2 2018/19',
  kind: 'change',
  before: { value: 21, commentary: null, status: 'reported' },
  after: { value: 22, commentary: 'Up', status: 'reported' },
  where: {},
  id: 1,
};
const add: Change = { entity: 'target', key: 'CG/S3 2019/20', kind: 'add', before: null, after: { spec: { form: 'value', value: 9 }, printed: '9', reason: null }, where: {}, id: null };

describe('upload preview view', () => {
  it('lists each change with before → after per field, and a summary per record type', () => {
    expect(fieldChanges(change)).toEqual([
      { field: 'value', before: '21', after: '22' },
      { field: 'commentary', before: '(blank)', after: 'Up' },
    ]);
    expect(fieldChanges(add)).toEqual([
      { field: 'spec', before: null, after: '{"form":"value","value":9}' },
      { field: 'printed', before: null, after: '9' },
    ]);
    const view = buildPreviewView({ upload, preview: previewOf({ errors: [], changes: [change, add] }, { digest: 'd' }) });
    expect(view.summary).toEqual([
      { entity: 'Result', add: 0, change: 1 },
      { entity: 'Target', add: 1, change: 0 },
    ]);
    expect(view.changes[0]).toMatchObject({ kind: 'Change', entity: 'Result', key: 'CG/S3 Q2 2018/19' });
    expect(view.changesCaption).toBe('Changes (2)');
    expect(view.moreChanges).toBeNull();
    expect(view.canConfirm).toBe(true);
    expect(view.digest).toBe('d');
    expect(view.expires).toBe('1 October 2018 at 10:30');
    expect(view.dataChanged).toBeNull();
    expect(showValue('')).toBe('(blank)');
  });

  it('lists the first changes of many, counts them all in the summary, and says when the data changed since the preview', () => {
    const many = Array.from({ length: 7 }, (_, i): Change => ({ ...add, key: `CG/S${i} 2019/20` }));
    const preview = previewOf({ errors: [], changes: [change, ...many] }, { maxChanges: 3 });
    const view = buildPreviewView({ upload, preview, dataChangedAfter: new Date('2018-10-01T09:05:00Z') });
    expect(view.changes.map((c) => c.key)).toEqual(['CG/S3 Q2 2018/19', 'CG/S0 2019/20', 'CG/S1 2019/20']);
    expect(view.summary).toEqual([
      { entity: 'Result', add: 0, change: 1 },
      { entity: 'Target', add: 7, change: 0 },
    ]);
    expect(view.changesCaption).toBe('Changes (8; the first 3 are listed)');
    expect(view.moreChanges).toBe('… and 5 more changes, counted in the summary above');
    expect(view.canConfirm).toBe(true);
    expect(view.dataChanged).toMatch(/^The stored data have changed since this preview was made \(1 October 2018 at 10:05\)\. Importing checks the file/);
  });

  it('lists every error with sheet, row, column and value, and offers no confirmation', () => {
    const view = buildPreviewView({ upload, preview: previewOf({ changes: [], errors: [{ sheet: 'results', row: 4, column: 'value', value: 'lots', message: 'Value "lots" is not understood' }] }) });
    expect(view.errors).toEqual([{ sheet: 'results', row: '4', column: 'value', value: 'lots', message: 'Value "lots" is not understood' }]);
    expect(view.errorCaption).toBe('Errors (1)');
    expect(view.moreErrors).toBeNull();
    expect(view.errorSummary![0]!.text).toBe('The file has 1 error: nothing can be imported until it is corrected');
    expect(view.canConfirm).toBe(false);
    expect(view.errorSummary![0]!.href).toBe('#errors');
    const stale = buildPreviewView({ upload, preview: previewOf({ errors: [], changes: [change] }), stale: true });
    expect(stale.errorSummary![0]!.text).toMatch(/^The stored data changed since your preview/);
  });

  it('lists the first MAX_ERRORS_SHOWN errors of thousands, and counts the rest by sheet', () => {
    const errors = [
      ...Array.from({ length: 2400 }, (_, i) => ({ sheet: 'results', row: i + 2, column: 'value', value: 'x', message: 'Value "x" is not understood' })),
      ...Array.from({ length: 101 }, (_, i) => ({ sheet: 'actions', row: i + 2, column: 'rag', value: 'Amber', message: 'Not a rating' })),
    ];
    const view = buildPreviewView({ upload, preview: previewOf({ changes: [], errors }) });
    expect(view.errors).toHaveLength(MAX_ERRORS_SHOWN);
    expect(view.errors.at(-1)!.row).toBe(String(MAX_ERRORS_SHOWN + 1));
    expect(view.errorTotal).toBe('2,501 errors');
    expect(view.errorCaption).toBe(`Errors (2,501; the first ${MAX_ERRORS_SHOWN} are listed)`);
    expect(view.moreErrors).toBe(`… and ${(2501 - MAX_ERRORS_SHOWN).toLocaleString('en-GB')} more errors (results: ${(2400 - MAX_ERRORS_SHOWN).toLocaleString('en-GB')}; actions: 101)`);
    expect(view.errorSummary![0]!.text).toBe('The file has 2,501 errors: nothing can be imported until they are corrected');
  });
});

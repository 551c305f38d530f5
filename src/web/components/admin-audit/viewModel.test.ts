import { describe, expect, it } from 'vitest';
import { auditCsvRow, buildAuditView, describeChanges, neutraliseCell } from './viewModel.ts';

describe('audit CSV cells', () => {
  it.each([
    ['=cmd|/C calc!A0', "'=cmd|/C calc!A0"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['  =1+1', "'  =1+1"],
    ['\t=1', "'\t=1"],
    ['\rx', "'\rx"],
    ['＝1', "'＝1"],
    ['plain text', 'plain text'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  it('neutralises every column of a row', () => {
    const row = auditCsvRow({
      id: 1,
      at: new Date('2026-01-02T03:04:05Z'),
      actor: '=HYPERLINK("http://evil")',
      action: 'user:add',
      entity: 'app_user',
      entity_key: '@x',
      before: null,
      after: { name: '=cmd' },
      reason: '-1',
    });
    expect(row).toEqual(['1', '2026-01-02T03:04:05.000Z', '\'=HYPERLINK("http://evil")', 'user:add', 'app_user', "'@x", '', '{"name":"=cmd"}', "'-1"]);
  });
});

describe('audit view', () => {
  it('describes changed fields as before → after', () => {
    expect(describeChanges({ role: 'councillor', active: true }, { role: 'administrator', active: true })).toEqual(['role: councillor → administrator']);
    expect(describeChanges(null, { name: 'A' })).toEqual(['name: A']);
  });

  it('paginates with the filter kept in every link', () => {
    const view = buildAuditView({ filter: { entity: 'app_user', actor: null }, page: 2, total: 120, rows: [], entities: ['app_user', 'result'] });
    expect(view.showing).toBe('Showing 51 to 100 of 120 entries, newest first.');
    expect(view.pagination!.previous!.href).toBe('/admin/audit?entity=app_user');
    expect(view.pagination!.next!.href).toBe('/admin/audit?entity=app_user&page=3');
    expect(view.csvHref).toBe('/admin/audit.csv?entity=app_user');
    expect(view.entityItems.find((i) => i.selected)!.value).toBe('app_user');
  });
});

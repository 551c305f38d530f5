import { describe, expect, it } from 'vitest';
import { buildComparatorGroupsView } from './viewModel.ts';

const BARNET = 'E09000003';
const groups = [
  { id: 1, name: 'Nearest neighbours', areaCodes: ['E09000006', BARNET, 'E09000004'] },
  { id: 2, name: 'Outer ring', areaCodes: ['E09000004', 'E99999999'] },
];

describe('comparator groups view', () => {
  it("lists each group's areas by name from the area list, and says when the council's area is not in it", () => {
    const view = buildComparatorGroupsView({ groups, councilArea: BARNET });
    expect(view.pageTitle).toBe('Comparator groups');
    expect(view.errorSummary).toBeNull();
    expect(view.groups).toEqual([
      { id: 1, name: 'Nearest neighbours', size: '3 areas', areas: ['Barnet (E09000003)', 'Bexley (E09000004)', 'Bromley (E09000006)'], note: null },
      {
        id: 2,
        name: 'Outer ring',
        size: '2 areas',
        areas: ['Bexley (E09000004)', 'E99999999 (not in the area list)'],
        note: "The council's area (Barnet (E09000003)) is not in this group: no position is computed in it.",
      },
    ]);
    // No council area set: no note.
    expect(buildComparatorGroupsView({ groups, councilArea: null }).groups[1]!.note).toBeNull();
    expect(buildComparatorGroupsView({ groups: [{ id: 3, name: 'One', areaCodes: [BARNET] }], councilArea: null }).groups[0]!.size).toBe('1 area');
  });

  it('puts a missing name on its field and every file error in the list, all at once', () => {
    const view = buildComparatorGroupsView({
      groups: [],
      councilArea: null,
      name: '',
      filename: 'g.csv',
      outcome: {
        ok: false,
        nameError: 'Enter a name for the comparator group',
        errors: [
          { sheet: 'g.csv', row: 2, column: 'Area Code', value: 'X1', message: 'Not an ONS GSS code (a letter and eight digits, e.g. E09000003)' },
          { sheet: 'g.csv', row: 4, column: 'Area Code', value: 'E09000004', message: 'E09000004 is already on row 3' },
        ],
      },
    });
    expect(view.pageTitle).toBe('Error: Comparator groups');
    expect(view.nameError).toBe('Enter a name for the comparator group');
    expect(view.errorSummary).toEqual([
      { text: 'Enter a name for the comparator group', href: '#name' },
      { text: 'Nothing was saved: 2 errors in g.csv', href: '#file-errors' },
    ]);
    expect(view.errors!.lines).toEqual([
      'g.csv, row 2, column Area Code: Not an ONS GSS code (a letter and eight digits, e.g. E09000003) (value: "X1")',
      'g.csv, row 4, column Area Code: E09000004 is already on row 3 (value: "E09000004")',
    ]);
    expect(view.done).toBeNull();
  });

  it('shows a file refused before reading on the file field, with the name error too', () => {
    const view = buildComparatorGroupsView({ groups: [], councilArea: null, name: ' ', nameError: 'Enter a name for the comparator group', fileError: 'Select a CSV file to upload' });
    expect(view.errorSummary).toEqual([
      { text: 'Enter a name for the comparator group', href: '#name' },
      { text: 'Select a CSV file to upload', href: '#group-file' },
    ]);
    expect(view.fileError).toBe('Select a CSV file to upload');
    expect(view.errors).toBeNull();
  });

  it('says what was added, replaced or would be, with the areas and a note when the council is not in the group', () => {
    const added = buildComparatorGroupsView({ groups, councilArea: BARNET, outcome: { ok: true, dryRun: false, replaced: false, name: 'Inner', areas: 2, codes: ['E09000006', 'E09000004'] } });
    expect(added.pageTitle).toBe('Comparator groups');
    expect(added.done).toEqual({
      heading: 'Added the group Inner: 2 areas',
      lines: ["The council's area (Barnet (E09000003)) is not in the group: no position is computed in it.", 'Areas: Bexley (E09000004), Bromley (E09000006)'],
    });
    const checked = buildComparatorGroupsView({ groups, councilArea: BARNET, outcome: { ok: true, dryRun: true, replaced: true, name: 'Nearest neighbours', areas: 1, codes: [BARNET] } });
    expect(checked.done).toEqual({ heading: 'Checked: nothing saved. The file would replace the group Nearest neighbours: 1 area', lines: ['Areas: Barnet (E09000003)'] });
    const replaced = buildComparatorGroupsView({ groups, councilArea: null, outcome: { ok: true, dryRun: false, replaced: true, name: 'Nearest neighbours', areas: 1, codes: [BARNET] } });
    expect(replaced.done!.heading).toBe('Replaced the group Nearest neighbours: 1 area');
  });

  it('says which group was removed', () => {
    expect(buildComparatorGroupsView({ groups: [], councilArea: null, removed: 'Nearest neighbours' }).done).toEqual({ heading: 'Removed the group Nearest neighbours', lines: [] });
  });
});

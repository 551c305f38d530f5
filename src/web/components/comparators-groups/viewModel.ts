/**
 * The comparator groups page: the council's named groups (each with its areas' names from the shipped
 * area list), the upload form, every error of a refused upload (the name's on its field, the file's
 * located by row and column), or the group that was (or would be) added or replaced.
 */
import { findArea } from '../../../domain/areas.ts';
import type { GroupImportOutcome } from '../../../services/comparatorService.ts';
import { errorCount, errorsToShow, formatImportErrors, moreErrorsText } from '../../../services/importService.ts';

export interface GroupsInput {
  /** The council's named groups, as stored. */
  groups: readonly { id: number; name: string; areaCodes: readonly string[] }[];
  /** The council's own area code, or null when not set. */
  councilArea: string | null;
  /** The name typed, kept on a refused upload. */
  name?: string;
  nameError?: string | null;
  fileError?: string | null;
  filename?: string;
  outcome?: GroupImportOutcome;
  /** The name of a group just removed. */
  removed?: string;
}

export interface GroupRow {
  id: number;
  name: string;
  /** "16 areas". */
  size: string;
  /** The areas' names (the code when the area list does not hold it), in name order. */
  areas: string[];
  /** Said when the council's area is set and not in the group: no position is computed in it. */
  note: string | null;
}

export interface ComparatorGroupsView {
  pageTitle: string;
  name: string;
  errorSummary: { text: string; href: string }[] | null;
  nameError: string | null;
  fileError: string | null;
  /** The refused file's errors, one line each. */
  errors: { heading: string; lines: string[]; more: string | null } | null;
  done: { heading: string; lines: string[] } | null;
  groups: GroupRow[];
}

const TITLE = 'Comparator groups';
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const areaName = (code: string) => {
  const area = findArea(code);
  return area ? `${area.name} (${code})` : `${code} (not in the area list)`;
};

export function groupRows(groups: GroupsInput['groups'], councilArea: string | null): GroupRow[] {
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    size: plural(g.areaCodes.length, 'area', 'areas'),
    areas: g.areaCodes.map(areaName).sort((a, b) => a.localeCompare(b, 'en-GB')),
    note: councilArea && !g.areaCodes.includes(councilArea) ? `The council's area (${areaName(councilArea)}) is not in this group: no position is computed in it.` : null,
  }));
}

export function buildComparatorGroupsView(input: GroupsInput): ComparatorGroupsView {
  const base = { name: input.name ?? '', nameError: null, fileError: null, errors: null, done: null, groups: groupRows(input.groups, input.councilArea) };
  const outcome = input.outcome;
  const summary: { text: string; href: string }[] = [];
  const nameError = input.nameError ?? (outcome && !outcome.ok ? outcome.nameError : null);
  if (nameError) summary.push({ text: nameError, href: '#name' });
  if (input.fileError) summary.push({ text: input.fileError, href: '#group-file' });
  let errors: ComparatorGroupsView['errors'] = null;
  if (outcome && !outcome.ok && outcome.errors.length) {
    const listing = errorsToShow(outcome.errors);
    const heading = `Nothing was saved: ${errorCount(listing.total)} in ${input.filename ?? 'the file'}`;
    summary.push({ text: heading, href: '#file-errors' });
    errors = { heading, lines: formatImportErrors(listing.shown), more: moreErrorsText(listing) };
  }
  if (summary.length) {
    return { ...base, pageTitle: `Error: ${TITLE}`, errorSummary: summary, nameError, fileError: input.fileError ?? null, errors };
  }
  if (input.removed) return { ...base, pageTitle: TITLE, errorSummary: null, done: { heading: `Removed the group ${input.removed}`, lines: [] } };
  if (!outcome?.ok) return { ...base, pageTitle: TITLE, errorSummary: null };
  const what = `the group ${outcome.name}: ${plural(outcome.areas, 'area', 'areas')}`;
  const heading = outcome.dryRun ? `Checked: nothing saved. The file would ${outcome.replaced ? 'replace' : 'add'} ${what}` : `${outcome.replaced ? 'Replaced' : 'Added'} ${what}`;
  const own = input.councilArea;
  return {
    ...base,
    pageTitle: TITLE,
    errorSummary: null,
    done: {
      heading,
      lines: [
        ...(own && !outcome.codes.includes(own) ? [`The council's area (${areaName(own)}) is not in the group: no position is computed in it.`] : []),
        `Areas: ${outcome.codes.map(areaName).sort((a, b) => a.localeCompare(b, 'en-GB')).join(', ')}`,
      ],
    },
  };
}

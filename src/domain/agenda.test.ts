import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENDA_TEMPLATE, EXCLUSION_MOTION_TITLE, exclusionMotion, itemsFromTemplate, itemsFromTemplateAndProgramme, move, moveToPart, orderOfBusiness, publicationProblems, reportInsertIndex, type AgendaItem } from './agenda.ts';

/** The template's items with ids and positions 1..n, then reports inserted where the service inserts them. */
function agenda(reports: { title: string; part?: 'public' | 'exempt'; toFollow?: boolean; paperId?: number | null }[] = []): AgendaItem[] {
  const items: AgendaItem[] = itemsFromTemplate(DEFAULT_AGENDA_TEMPLATE).map((t, i) => ({ ...t, id: i + 1, position: i + 1 }));
  let id = items.length;
  for (const r of reports) {
    const publicItems = items.filter((i) => i.part === 'public').sort((a, b) => a.position - b.position);
    const at = reportInsertIndex(publicItems);
    const item: AgendaItem = { id: ++id, position: 0, kind: 'report', title: r.title, ifAny: false, part: 'public', toFollow: r.toFollow ?? false, paperId: r.paperId ?? null, exemptParagraph: null };
    publicItems.splice(at, 0, item);
    publicItems.forEach((p, i) => (p.position = i + 1));
    items.push(item);
    if (r.part === 'exempt') {
      const moved = moveToPart(items, item.id, 'exempt')!;
      for (const i of items) i.position = moved.get(i.id)!;
      item.part = 'exempt';
    }
  }
  return items;
}

const numbered = (items: AgendaItem[]) => orderOfBusiness(items, 'Community Leadership and Libraries Committee').map((l) => `${l.number}. ${l.title}`);

describe('order of business', () => {
  it('numbers the template and the reports in between as the 21 November 2018 pack prints them', () => {
    const items = agenda([{ title: 'Business Planning Report' }, { title: 'Prevent and Community Engagement Update' }]);
    const lines = numbered(items);
    expect(lines[0]).toBe('1. Minutes of last meeting');
    expect(lines[1]).toBe('2. Absence of Members (If any)');
    expect(lines[5]).toBe("6. Members' Items (If any)");
    expect(lines[6]).toBe('7. Business Planning Report');
    expect(lines[7]).toBe('8. Prevent and Community Engagement Update');
    expect(lines[8]).toBe('9. Community Leadership and Libraries Committee Forward Work Programme');
    expect(lines[9]).toBe('10. Any item(s) the Chairman decides are urgent');
    expect(lines).toHaveLength(10);
  });

  it('puts the motion to exclude the press and public before the exempt part, numbered', () => {
    const items = agenda([{ title: 'Public report' }, { title: 'Contract award', part: 'exempt' }]);
    const lines = orderOfBusiness(items, 'X');
    const motion = lines.findIndex((l) => l.item === null);
    expect(lines[motion]!.title).toBe(EXCLUSION_MOTION_TITLE);
    expect(lines.slice(0, motion).every((l) => l.part === 'public')).toBe(true);
    expect(lines.slice(motion).every((l) => l.part === 'exempt')).toBe(true);
    expect(lines.map((l) => l.number)).toEqual(lines.map((_, i) => String(i + 1)));
    expect(lines[lines.length - 1]!.title).toBe('Contract award');
  });

  it('has no motion when nothing is exempt', () => {
    expect(orderOfBusiness(agenda([{ title: 'A' }]), 'X').some((l) => l.item === null)).toBe(false);
  });

  it('words the motion with the paragraphs of Schedule 12A', () => {
    expect(exclusionMotion([3, 1, 3])).toContain('paragraphs 1 and 3 of Part 1 of Schedule 12A');
    expect(exclusionMotion([1])).toContain('paragraph 1 of Part 1');
  });
});

describe('reordering', () => {
  it('moves a report up past another and renumbers', () => {
    const items = agenda([{ title: 'First' }, { title: 'Second' }]);
    const second = items.find((i) => i.title === 'Second')!;
    const positions = move(items, second.id, 'up')!;
    const moved = items.map((i) => ({ ...i, position: positions.get(i.id)! }));
    const lines = numbered(moved);
    expect(lines[6]).toBe('7. Second');
    expect(lines[7]).toBe('8. First');
  });

  it('refuses to move the first item up, and nothing passes the urgent item', () => {
    const items = agenda([{ title: 'A' }]);
    expect(move(items, 1, 'up')).toBeNull();
    const workProgramme = items.find((i) => i.kind === 'work-programme')!;
    expect(move(items, workProgramme.id, 'down')).toBeNull();
    const urgent = items.find((i) => i.kind === 'urgent')!;
    expect(move(items, urgent.id, 'up')).toBeNull();
  });

  it('moves only reports between parts', () => {
    const items = agenda([{ title: 'A' }]);
    expect(moveToPart(items, 1, 'exempt')).toBeNull();
    const a = items.find((i) => i.title === 'A')!;
    expect(moveToPart(items, a.id, 'exempt')).not.toBeNull();
  });
});

describe('publication', () => {
  it('needs each report to have a complete paper or be to follow', () => {
    const items = agenda([{ title: 'Has paper', paperId: 1 }, { title: 'Draft', paperId: 2 }, { title: 'Nothing' }, { title: 'Later', toFollow: true }]);
    const lines = orderOfBusiness(items, 'X');
    const problems = publicationProblems(lines, new Map([
      [1, { complete: true, title: 'Has paper' }],
      [2, { complete: false, title: 'Draft' }],
    ]));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Item 8, Draft: its paper is not complete/);
    expect(problems[1]).toMatch(/^Item 9, Nothing: write its paper/);
  });
});

describe('an agenda started from the work programme', () => {
  it('puts the programme’s rows where the template places reports, in programme order, linked, "(if any)" rows without papers', () => {
    const items = itemsFromTemplateAndProgramme(DEFAULT_AGENDA_TEMPLATE, [
      { source: 'entry', entryId: 7, title: 'Prevent update' },
      { source: 'standing', ruleId: 3, period: null, title: 'Nomination for Assets of Community Value (if any)' },
      { source: 'standing', ruleId: 4, period: '2018-Q2', title: 'Q2 Performance Report' },
    ]);
    expect(items.map((i) => [i.kind, i.title, i.ifAny])).toEqual([
      ...DEFAULT_AGENDA_TEMPLATE.slice(0, 6).map((t) => [t.kind, t.title, t.ifAny]),
      ['report', 'Prevent update', false],
      ['standing', 'Nomination for Assets of Community Value', true],
      ['report', 'Q2 Performance Report', false],
      ...DEFAULT_AGENDA_TEMPLATE.slice(6).map((t) => [t.kind, t.title, t.ifAny]),
    ]);
    expect(items[6]!.programme).toEqual({ source: 'entry', entryId: 7 });
    expect(items[8]!.programme).toEqual({ source: 'standing', ruleId: 4, period: '2018-Q2' });
    expect(items.slice(0, 6).every((i) => !i.programme)).toBe(true);
  });

  it('puts them last when the template has no closing items', () => {
    const items = itemsFromTemplateAndProgramme([{ kind: 'minutes', title: 'Minutes', ifAny: false }], [{ source: 'entry', entryId: 1, title: 'A report' }]);
    expect(items.map((i) => i.title)).toEqual(['Minutes', 'A report']);
  });
});

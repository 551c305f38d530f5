/**
 * Contradictions in stored committee business that can be computed (issue 12 deliver 8), besides the
 * weekdays and deadlines stated in text (statedWeekdays.ts, statedDeadlines.ts): a councillor named in a
 * paper who is no person of committee business, and a standing item the work programme gives a meeting
 * that its agenda does not have. Each finding says where it is and why. Pure.
 */

export interface PersonMention {
  /** As written: "Councillor Thompstone", "Cllr. Reuben Thompstone". */
  text: string;
  /** The name after the title: "Thompstone", "Reuben Thompstone". */
  name: string;
}

// "Councillor Reuben Thompstone", "Cllr. Thompstone", "Cllr Charlie O-Macauley": capitalised words after the title.
const MENTION = /\b(?:Councillor|Cllr\.?)\s+((?:[A-Z][A-Za-z'’-]+)(?:\s+[A-Z][A-Za-z'’-]+){0,3})/g;

/** Words after a title that are not part of a name ("Councillor Thompstone, Chairman of …" stops at the comma). */
const NOT_NAMES = new Set(['Chairman', 'Vice', 'Vice-Chairman', 'Committee', 'Leader', 'Mayor', 'Member', 'Members', 'The', 'And', 'Of']);

/** Every councillor named in `text` with a title. */
export function personMentions(text: string): PersonMention[] {
  const out: PersonMention[] = [];
  for (const m of text.matchAll(MENTION)) {
    const words = m[1]!.split(/\s+/);
    const cut = words.findIndex((w) => NOT_NAMES.has(w));
    const name = (cut === -1 ? words : words.slice(0, cut)).join(' ');
    if (!name) continue;
    out.push({ text: m[0].slice(0, m[0].indexOf(words[0]!) + name.length), name });
  }
  return out;
}

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’']/g, "'").toLowerCase();

/**
 * Whether a mention names one of the people: the whole name, or the family name (the last word) when one
 * person has it, or first name and family name of a longer recorded name.
 */
export function mentionMatches(mention: PersonMention, names: readonly string[]): boolean {
  const said = fold(mention.name).split(/\s+/);
  return names.some((n) => {
    const words = fold(n).split(/\s+/);
    if (said.length === words.length) return said.every((w, i) => w === words[i]);
    if (said.length === 1) return words[words.length - 1] === said[0];
    return said[0] === words[0] && said[said.length - 1] === words[words.length - 1];
  });
}

/** Mentions in `text` that match no councillor. */
export function unknownCouncillors(text: string, councillors: readonly string[]): PersonMention[] {
  const seen = new Set<string>();
  return personMentions(text).filter((m) => {
    const key = fold(m.name);
    if (seen.has(key) || mentionMatches(m, councillors)) return false;
    seen.add(key);
    return true;
  });
}

/** A title compared loosely: case, punctuation, "(if any)" and "(standing item)" left out. */
export function comparableTitle(title: string): string {
  return fold(title)
    .replace(/\((?:if any|standing item)\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface StandingExpectation {
  title: string;
  /** A quarterly performance item's quarter ('2018-Q2'); null for others. */
  period: string | null;
}

/**
 * The standing items the work programme gives a meeting that its agenda lacks: an item is there when an
 * agenda item has its title (compared loosely, or holding all its words: "… Community Value 2018"), or — for the quarterly performance report — when a paper
 * on the agenda carries that quarter's published report.
 */
export function missingStandingItems(expected: readonly StandingExpectation[], agendaTitles: readonly string[], performancePeriods: readonly string[]): StandingExpectation[] {
  const onAgenda = (title: string) => agendaTitles.some((t) => titleIsEntry(t, title));
  return expected.filter((e) => (e.period !== null ? !performancePeriods.includes(e.period) && !onAgenda(e.title) : !onAgenda(e.title)));
}

/**
 * Whether an agenda item's title is a work programme entry's: the same title compared loosely, or every
 * word of the entry's (three or more) in the item's ("Communities Together Network: Annual Report" is
 * "Communities Together Network Annual Report 2018"). Titles that differ otherwise need the item linked
 * to its entry (an agenda started from the programme is).
 */
export function titleIsEntry(itemTitle: string, entryTitle: string): boolean {
  const item = comparableTitle(itemTitle);
  const entry = comparableTitle(entryTitle);
  if (item === entry) return true;
  const words = new Set(item.split(' '));
  const wanted = entry.split(' ').filter(Boolean);
  return wanted.length >= 3 && wanted.every((w) => words.has(w));
}

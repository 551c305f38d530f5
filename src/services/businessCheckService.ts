/**
 * `townhall check` for committee business (issue 12 deliver 8): the contradictions Townhall can compute in
 * the stored agendas and papers — a weekday that does not match its date and a public-questions deadline
 * that does not follow the rule, stated in a paper's text; a councillor named in a paper who is no person
 * of committee business; a cover whose key or urgent flag disagrees with the work programme entry the
 * report is; a standing item the work programme gives a meeting that its agenda lacks. Each
 * finding says where it is (meeting, item, paper, field) and why. The same findings show to governance
 * officers on the meeting page. Papers' exempt text is read too: findings are for staff.
 */
import { missingStandingItems, titleIsEntry, unknownCouncillors } from '../domain/businessChecks.ts';
import { coverDisagreements } from '../domain/workProgramme.ts';
import { inOrder, orderOfBusiness } from '../domain/agenda.ts';
import { wrongQuestionsDeadline } from '../domain/statedDeadlines.ts';
import { wrongWeekdays } from '../domain/statedWeekdays.ts';
import { formatDate } from '../domain/workingDays.ts';
import type { AgendaPackRepository } from '../repositories/agendaPackRepository.ts';
import type { AgendaRepository, PaperRecord } from '../repositories/agendaRepository.ts';
import type { CommitteeBusinessRepository } from '../repositories/committeeBusinessRepository.ts';
import type { Finding, FindingKind } from './checkService.ts';
import { SEVERITY_OF } from './checkService.ts';
import type { MeetingService, MeetingSummary } from './meetingService.ts';
import type { OutcomesService } from './outcomesService.ts';
import type { WorkProgrammeService } from './workProgrammeService.ts';

/** A text of a paper the check reads, and where it is. */
interface PaperText {
  field: string;
  text: string;
}

function textsOf(paper: PaperRecord, sectionTitles: ReadonlyMap<string, string>): PaperText[] {
  return [
    { field: 'Report of', text: paper.cover.reportOf },
    ...Object.entries(paper.sections).map(([key, text]) => ({ field: sectionTitles.get(key) ?? key, text })),
    ...paper.recommendations.map((text, i) => ({ field: `recommendation ${i + 1}`, text })),
    ...paper.cover.enclosures.map((e) => ({ field: e.title, text: e.body })),
  ].filter((t) => t.text.trim());
}

/** The sentence of `text` around `index`, for the finding's quote. */
function sentenceAt(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('.', index - 1) + 1, text.lastIndexOf('\n', index - 1) + 1, 0);
  const ends = ['.', '\n'].map((c) => text.indexOf(c, index)).filter((i) => i !== -1);
  const end = ends.length ? Math.min(...ends) + 1 : text.length;
  return text.slice(start, end).trim();
}

/** A finding of a meeting: its committee and date, where and why. */
const findingOf =
  (meeting: MeetingSummary) =>
  (kind: FindingKind, ref: string, field: string | null, quote: string | null, message: string): Finding => ({
    kind,
    severity: SEVERITY_OF[kind],
    committee: meeting.committeeName,
    period: `meeting of ${formatDate(meeting.date)}`,
    ref,
    field,
    quote,
    message,
  });

/** Attendance problems the minutes may be recorded with (warned, not refused), reported by the check. */
const ATTENDANCE_FINDINGS: Readonly<Record<string, FindingKind>> = { 'not-quorate': 'quorum', 'substitute-in-place-of-nobody': 'substitute' };

export class BusinessCheckService {
  constructor(
    private readonly agendas: AgendaRepository,
    private readonly packs: AgendaPackRepository,
    private readonly business: CommitteeBusinessRepository,
    private readonly meetings: MeetingService,
    private readonly workProgramme: WorkProgrammeService,
    private readonly sectionTitles: () => Promise<ReadonlyMap<string, string>>,
    /** Recorded attendance (ADR 0026): a meeting without quorum, a substitute in place of nobody. */
    private readonly outcomes: Pick<OutcomesService, 'staffMinutes'> | null = null,
  ) {}

  /** Every finding of every meeting with an agenda, oldest meeting first. */
  async findings(): Promise<Finding[]> {
    const out: Finding[] = [];
    for (const meeting of await this.meetings.meetings({})) out.push(...(await this.findingsOf(meeting)));
    return out;
  }

  /** The findings of one meeting (the meeting page shows them to governance officers). */
  async meetingFindings(meetingId: number): Promise<Finding[]> {
    const meeting = await this.meetings.meeting(meetingId);
    return meeting ? this.findingsOf(meeting) : [];
  }

  /** From the recorded attendance: a meeting without quorum, a substitute present in place of nobody. */
  private async attendanceFindings(meeting: MeetingSummary): Promise<Finding[]> {
    const minutes = this.outcomes ? await this.outcomes.staffMinutes(meeting.id, { email: 'townhall check', role: 'administrator' }).catch(() => null) : null;
    if (!minutes?.attendance.length) return [];
    const finding = findingOf(meeting);
    return minutes.summary.problems.flatMap((p) => {
      const kind = ATTENDANCE_FINDINGS[p.code];
      return kind ? [finding(kind, '', 'attendance', null, `${p.message}${kind === 'quorum' ? ': an inquorate meeting decides nothing' : ''}`)] : [];
    });
  }

  private async findingsOf(meeting: MeetingSummary): Promise<Finding[]> {
    const agenda = await this.agendas.agenda(meeting.id);
    if (!agenda) return [];
    const out = await this.attendanceFindings(meeting);
    const [items, papers, people, programme, titles] = await Promise.all([
      this.agendas.items(meeting.id),
      this.agendas.papersOfMeeting(meeting.id),
      this.business.people(),
      this.workProgramme.meetingItems(meeting.id),
      this.sectionTitles(),
    ]);
    const when = `meeting of ${formatDate(meeting.date)}`;
    const finding = findingOf(meeting);
    const lines = orderOfBusiness(inOrder(items), meeting.committeeName);
    const byPaper = new Map(papers.map((p) => [p.id, p]));
    const councillors = people.filter((p) => p.kind === 'councillor').map((p) => p.name);
    for (const line of lines) {
      const paper = line.item?.paperId != null ? byPaper.get(line.item.paperId) : undefined;
      if (!paper) continue;
      const where = `item ${line.number}, “${paper.cover.title}”`;
      // The cover's key and urgent flags against the work programme entry the report is (linked, or by its title).
      const entries = (programme?.items ?? []).filter((i) => i.source === 'entry');
      const linked = line.item!.programme?.source === 'entry' ? line.item!.programme.entryId : null;
      const entry = entries.find((e) => e.source === 'entry' && (linked !== null ? e.entryId === linked : titleIsEntry(line.title, e.title) || titleIsEntry(paper.cover.title, e.title)));
      if (entry) {
        for (const d of coverDisagreements(entry, { key: paper.cover.key === 'key', urgent: paper.cover.urgent })) {
          out.push(finding('cover-flags', `item ${line.number}`, 'cover sheet', null, `${where}: ${d}`));
        }
      }
      for (const t of textsOf(paper, titles)) {
        for (const w of wrongWeekdays(t.text, meeting.date)) {
          out.push(finding('weekday', `item ${line.number}`, t.field, sentenceAt(t.text, w.index), `${where}, ${t.field}: ${w.reason}`));
        }
        const deadline = wrongQuestionsDeadline(t.text, meeting.date);
        if (deadline) out.push(finding('deadline', `item ${line.number}`, t.field, deadline.text, `${where}, ${t.field}: ${deadline.reason}`));
        for (const m of unknownCouncillors(t.text, councillors)) {
          out.push(finding('unknown-person', `item ${line.number}`, t.field, sentenceAt(t.text, t.text.indexOf(m.text)), `${where}, ${t.field}: names “${m.text}”, who matches no councillor in the people of committee business (names are held once, so each is spelt one way)`));
        }
      }
    }
    // Standing items the work programme gives the meeting that its agenda lacks.
    const standing = (programme?.items ?? []).flatMap((i) => (i.source === 'standing' ? [{ title: i.title, period: i.period }] : []));
    if (standing.length) {
      const links = await this.packs.performanceLinks(papers.map((p) => p.id));
      const missing = missingStandingItems(
        standing,
        lines.map((l) => l.title),
        [...links.values()].map((l) => l.period),
      );
      for (const m of missing) {
        out.push(finding('standing-item-missing', '', 'order of business', null, `The work programme gives the ${when} the standing item “${m.title}”, but its agenda has no such item${agenda.publishedAt ? ' (the agenda is published)' : ''}`));
      }
    }
    return out;
  }
}

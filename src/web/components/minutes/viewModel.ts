/**
 * View models of the minutes pages (ADR 0026): the staff overview (attendance summary, items, publish,
 * agree), the attendance, declarations and item forms, and the public minutes page — made from the
 * `minutes` document's model as the service let the reader see it, every result computed by the domain.
 */
import { ATTENDANCE_STATUS_LABELS, ATTENDANCE_STATUSES } from '../../../domain/attendance.ts';
import { INTEREST_TYPE_LABELS, INTEREST_TYPES } from '../../../domain/declarations.ts';
import { formatStartTime } from '../../../domain/meetings.ts';
import { MEMBERSHIP_ROLE_LABELS } from '../../../domain/membership.ts';
import { displayName, type Person } from '../../../domain/people.ts';
import { numberResolutions } from '../../../domain/resolutions.ts';
import { voteOutcome } from '../../../domain/votes.ts';
import { formatDate, formatLongDate } from '../../../domain/workingDays.ts';
import type { FieldErrors } from '../../../services/committeeBusinessService.ts';
import type { MeetingView } from '../../../services/meetingService.ts';
import { ACTION_ROWS, DECLARATION_ROWS, MOTION_ROWS, OTHER_ROWS, resolutionsText, type ItemInput, type StaffMinutes } from '../../../services/outcomesService.ts';
import type { MinutesModel } from '../../../reports/minutesDocument.ts';
import { attendanceAdminPath, declarationsAdminPath, itemMinutesAdminPath, meetingPath, minutesAdminPath, minutesFilePath, minutesPath } from '../../urls.ts';
import { errorView } from '../admin-committee-business/viewModel.ts';

const caption = (m: MeetingView) => `${m.committeeName}, ${formatLongDate(m.date)}`;
const option = (value: string, text: string, selected: string) => ({ value, text, selected: value === selected });
const personOptions = (people: readonly Person[], selected: string, none = 'Select a person') => [option('', none, selected), ...people.map((p) => option(p.slug, displayName(p), selected))];

/** Errors not tied to a field of the form: linked to the form's first section. */
const hrefsOf = (errors: FieldErrors, known: (k: string) => boolean, fallback: string) => Object.fromEntries(Object.keys(errors).filter((k) => !known(k)).map((k) => [k, fallback]));

// Staff: overview

export function buildMinutesAdminView(s: StaffMinutes, errors: FieldErrors = {}, notice: string | null = null) {
  const m = s.meeting;
  const nameOf = (id: number) => displayName(s.people.find((p) => p.id === id)!);
  const locked = s.agreed;
  return {
    pageTitle: 'Minutes',
    caption: caption(m),
    backHref: meetingPath(m.id),
    action: minutesAdminPath(m.id),
    notice,
    hasAgenda: s.hasAgenda,
    state: s.agreed ? `Agreed as the correct record at the meeting of ${formatDate(s.agreedAt!.date)}` : s.published ? `Published as draft minutes on ${formatDate(s.minutes!.publishedAt!.toISOString().slice(0, 10))}` : 'Not published: only governance officers and administrators see them',
    locked,
    published: s.published,
    publicHref: s.published ? minutesPath(m.id) : null,
    previewHref: minutesPath(m.id),
    attendanceHref: attendanceAdminPath(m.id),
    declarationsHref: declarationsAdminPath(m.id),
    attendance: s.attendance.length
      ? {
          present: s.summary.present.map((p) => `${nameOf(p.personId)}${p.role !== 'member' ? ` (${MEMBERSHIP_ROLE_LABELS[p.role]})` : ''}${p.inPlaceOf ? `, in place of ${nameOf(p.inPlaceOf)}` : ''}`),
          apologies: s.summary.apologies.map(nameOf),
          others: s.summary.others.map(nameOf),
          quorum: `${s.summary.voters.length} voting member${s.summary.voters.length === 1 ? '' : 's'} present; the quorum is ${s.summary.quorum}: ${s.summary.quorate ? 'quorate' : 'NOT quorate'}`,
          warnings: s.summary.problems.map((p) => p.message),
          finishedAt: s.minutes?.finishedAt ? formatStartTime(s.minutes.finishedAt) : 'Not recorded',
        }
      : null,
    declarationCount: s.declarations.length,
    items: s.lines.map((l) => ({
      number: l.line.number,
      title: l.line.title,
      exempt: l.line.part === 'exempt',
      href: itemMinutesAdminPath(m.id, l.line.item!.id),
      recorded: l.minutes ? [l.minutes.noBusiness ? 'None' : null, l.minutes.discussion ? 'discussion' : null, l.minutes.motions.length ? `${l.minutes.motions.length} motion(s)` : null, l.minutes.resolutions.length ? `${l.minutes.resolutions.length} resolution(s)` : null, l.minutes.actions.length ? `${l.minutes.actions.length} action(s)` : null].filter(Boolean).join(', ') || 'Nothing recorded' : 'Nothing recorded',
    })),
    problems: s.problems,
    canPublish: !s.published && s.hasAgenda,
    canAgree: s.published && !s.agreed,
    agreeItems: [option('', 'Select the meeting', ''), ...s.laterMeetings.map((lm) => option(String(lm.id), `${formatLongDate(lm.date)}, ${formatStartTime(lm.startTime)}`, ''))],
    ...errorView(errors, { ...hrefsOf(errors, (k) => k === 'agreedAt', '#publish'), agreedAt: '#agreedAt' }),
  };
}

// Staff: attendance

export interface AttendanceValues {
  status: Record<string, string>;
  inPlaceOf: Record<string, string>;
  others: string[];
  finishedAt: string;
  reason: string;
}

export function attendanceValues(s: StaffMinutes): AttendanceValues {
  const slugOf = (id: number) => s.people.find((p) => p.id === id)?.slug ?? '';
  const seatIds = new Set(s.seats.map((x) => x.personId));
  const others = s.attendance.filter((a) => !seatIds.has(a.personId) && a.status === 'present').map((a) => slugOf(a.personId));
  return {
    status: Object.fromEntries(s.attendance.filter((a) => seatIds.has(a.personId)).map((a) => [slugOf(a.personId), a.status])),
    inPlaceOf: Object.fromEntries(s.attendance.filter((a) => a.inPlaceOf).map((a) => [slugOf(a.personId), slugOf(a.inPlaceOf!)])),
    others: Array.from({ length: Math.max(OTHER_ROWS, others.length + 2) }, (_, i) => others[i] ?? ''),
    finishedAt: s.minutes?.finishedAt ?? '',
    reason: '',
  };
}

export function buildAttendanceView(s: StaffMinutes, values: AttendanceValues, errors: FieldErrors = {}) {
  const m = s.meeting;
  const seatIds = new Set(s.seats.map((x) => x.personId));
  const voting = s.seats.filter((x) => x.role !== 'substitute');
  const known = (k: string) => s.people.some((p) => k === `status-${p.slug}` || k === `inPlaceOf-${p.slug}`) || /^other\d+$/.test(k) || k === 'finishedAt' || k === 'reason';
  return {
    pageTitle: 'Attendance',
    caption: caption(m),
    backHref: minutesAdminPath(m.id),
    action: attendanceAdminPath(m.id),
    locked: s.agreed,
    seats: s.seats.map((seat) => ({
      slug: seat.person.slug,
      legend: `${displayName(seat.person)} (${MEMBERSHIP_ROLE_LABELS[seat.role]})`,
      statusItems: ATTENDANCE_STATUSES.map((st) => ({ value: st, text: ATTENDANCE_STATUS_LABELS[st], checked: values.status[seat.person.slug] === st })),
      substitute: seat.role === 'substitute',
      inPlaceOfItems: [option('', 'In place of nobody (does not vote)', values.inPlaceOf[seat.person.slug] ?? ''), ...voting.map((v) => option(v.person.slug, displayName(v.person), values.inPlaceOf[seat.person.slug] ?? ''))],
    })),
    others: values.others.map((slug, i) => ({ id: `other${i + 1}`, label: `Also in attendance ${i + 1}`, items: personOptions(s.people.filter((p) => !seatIds.has(p.id)), slug, 'Nobody') })),
    values,
    ...errorView(errors, hrefsOf(errors, known, '#attendance')),
  };
}

// Staff: declarations

export interface DeclarationValues {
  rows: { person: string; item: string; type: string; detail: string; withdrew: string }[];
  reason: string;
}

export function declarationValues(s: StaffMinutes): DeclarationValues {
  const slugOf = (id: number) => s.people.find((p) => p.id === id)?.slug ?? '';
  const rows: DeclarationValues['rows'] = s.declarations.map((d) => ({ person: slugOf(d.personId), item: String(d.itemId), type: d.type, detail: d.detail, withdrew: d.withdrew ? 'yes' : '' }));
  while (rows.length < Math.max(DECLARATION_ROWS, s.declarations.length + 2)) rows.push({ person: '', item: '', type: '', detail: '', withdrew: '' });
  return { rows, reason: '' };
}

export function buildDeclarationsView(s: StaffMinutes, values: DeclarationValues, errors: FieldErrors = {}) {
  const m = s.meeting;
  const presentIds = new Set(s.attendance.filter((a) => a.status === 'present').map((a) => a.personId));
  const present = s.people.filter((p) => presentIds.has(p.id));
  return {
    pageTitle: 'Declarations of interest',
    caption: caption(m),
    backHref: minutesAdminPath(m.id),
    action: declarationsAdminPath(m.id),
    locked: s.agreed,
    noAttendance: presentIds.size === 0,
    rows: values.rows.map((r, i) => ({
      n: i + 1,
      personItems: personOptions(present, r.person),
      itemItems: [option('', 'Select the item', r.item), ...s.lines.map((l) => option(String(l.line.item!.id), `${l.line.number}. ${l.line.title}`, r.item))],
      typeItems: [option('', 'Select the type', r.type), ...INTEREST_TYPES.map((t) => option(t, INTEREST_TYPE_LABELS[t], r.type))],
      detail: r.detail,
      withdrew: r.withdrew === 'yes',
    })),
    values,
    ...errorView(errors, hrefsOf(errors, (k) => /^declaration\d+(Person|Item|Type|Detail|Withdrew)$/.test(k) || k === 'reason', '#declaration1Person')),
  };
}

// Staff: an item's minutes

export function itemValues(s: StaffMinutes, itemId: number): ItemInput {
  const slugOf = (id: number | null) => (id === null ? '' : (s.people.find((p) => p.id === id)?.slug ?? ''));
  const m = s.lines.find((l) => l.line.item!.id === itemId)?.minutes ?? null;
  const motions = (m?.motions ?? []).map((mo) => ({
    text: mo.text,
    mover: slugOf(mo.moverId),
    seconder: slugOf(mo.seconderId),
    amendments: mo.amendments.join('\n'),
    for: mo.counts && !mo.named.length ? String(mo.counts.for) : '',
    against: mo.counts && !mo.named.length ? String(mo.counts.against) : '',
    abstain: mo.counts && !mo.named.length ? String(mo.counts.abstain) : '',
    casting: mo.castingVote ?? '',
    named: Object.fromEntries(mo.named.map((v) => [slugOf(v.personId), v.choice])),
  }));
  while (motions.length < Math.max(MOTION_ROWS, (m?.motions.length ?? 0) + 1)) motions.push({ text: '', mover: '', seconder: '', amendments: '', for: '', against: '', abstain: '', casting: '', named: {} });
  const actions = (m?.actions ?? []).map((a) => ({ text: a.text, owner: slugOf(a.ownerId), target: a.targetMeetingId === null ? '' : String(a.targetMeetingId), reportBack: a.reportBack ? 'yes' : '' }));
  while (actions.length < Math.max(ACTION_ROWS, (m?.actions.length ?? 0) + 1)) actions.push({ text: '', owner: '', target: '', reportBack: '' });
  return {
    discussion: m?.discussion ?? '',
    resolutions: m ? resolutionsText(m.resolutions) : '',
    resolvedUnanimously: m?.resolvedUnanimously ? 'yes' : '',
    noBusiness: m?.noBusiness ? 'yes' : '',
    motions,
    actions,
    reason: '',
  };
}

export function buildItemView(s: StaffMinutes, itemId: number, values: ItemInput, errors: FieldErrors = {}) {
  const m = s.meeting;
  const line = s.lines.find((l) => l.line.item!.id === itemId)!.line;
  const presentIds = new Set(s.attendance.filter((a) => a.status === 'present').map((a) => a.personId));
  const present = s.people.filter((p) => presentIds.has(p.id));
  const voters = s.summary.voters.map((id) => s.people.find((p) => p.id === id)!);
  const firstVoter = voters[0]?.slug;
  const hrefs: Record<string, string> = {};
  values.motions.forEach((_, i) => {
    hrefs[`motion${i + 1}Named`] = firstVoter ? `#motion${i + 1}Vote-${firstVoter}` : `#motion${i + 1}Text`;
  });
  const known = (k: string) => /^(motion\d+(Text|Mover|Seconder|Amendments|For|Against|Abstain|Casting)|action\d+(Text|Owner|Target|ReportBack)|discussion|resolutions|resolvedUnanimously|noBusiness|reason)$/.test(k) || k in hrefs;
  return {
    pageTitle: `Minutes of item ${line.number}`,
    itemTitle: line.title,
    caption: caption(m),
    backHref: minutesAdminPath(m.id),
    action: itemMinutesAdminPath(m.id, itemId),
    locked: s.agreed,
    exempt: line.part === 'exempt',
    quorate: s.summary.quorate,
    noAttendance: s.attendance.length === 0,
    values,
    motions: values.motions.map((mo, i) => ({
      n: i + 1,
      text: mo.text,
      amendments: mo.amendments,
      for: mo.for,
      against: mo.against,
      abstain: mo.abstain,
      moverItems: personOptions(present, mo.mover),
      seconderItems: personOptions(present, mo.seconder, 'Not seconded'),
      castingItems: [option('', 'No casting vote', mo.casting), option('for', 'For', mo.casting), option('against', 'Against', mo.casting)],
      voters: voters.map((v) => ({ id: `motion${i + 1}Vote-${v.slug}`, label: displayName(v), items: [option('', 'Not recorded', mo.named[v.slug] ?? ''), option('for', 'For', mo.named[v.slug] ?? ''), option('against', 'Against', mo.named[v.slug] ?? ''), option('abstain', 'Abstained', mo.named[v.slug] ?? '')] })),
    })),
    actions: values.actions.map((a, i) => ({
      n: i + 1,
      text: a.text,
      ownerItems: personOptions(s.people, a.owner, 'Not yet named'),
      targetItems: [option('', 'A future meeting', a.target), ...s.laterMeetings.map((lm) => option(String(lm.id), formatLongDate(lm.date), a.target))],
      reportBack: a.reportBack === 'yes',
    })),
    ...errorView(errors, { ...hrefs, ...hrefsOf(errors, known, '#discussion') }),
  };
}

// Public: the minutes page

export function buildMinutesPageView(meetingId: number, model: MinutesModel) {
  return {
    pageTitle: `Minutes: ${model.committee}`,
    caption: `${formatLongDate(model.date)}, ${formatStartTime(model.startTime)}, ${model.venue}`,
    backHref: meetingPath(meetingId),
    draft: model.status === 'draft',
    agreed: model.agreedAt ? `Agreed as the correct record at the meeting of ${formatDate(model.agreedAt.date)}.` : null,
    present: model.present.map((p) => `${p.name}${p.role ? ` (${p.role})` : ''}${p.inPlaceOf ? `, in place of ${p.inPlaceOf}` : ''}`),
    apologies: model.apologies,
    absent: model.absent,
    others: model.othersInAttendance.map((o) => `${o.name}${o.jobTitle ? `, ${o.jobTitle}` : ''}`),
    declarations: model.declarations.map((d) => ({ member: d.member, item: d.item, type: INTEREST_TYPE_LABELS[d.type], detail: d.detail, withdrew: d.withdrew ? 'Yes' : 'No' })),
    items: model.items.map((item) => ({
      number: item.number,
      title: item.title,
      placeholder: item.exemptPlaceholder ?? null,
      noBusiness: item.none === true,
      discussion: item.discussion,
      motions: item.motions.map((mo) => {
        const outcome = mo.counts ? voteOutcome(mo.counts, mo.castingVote, model.votingPresent) : null;
        return {
          text: mo.text,
          moved: `Moved by ${mo.mover}${mo.seconder ? `, seconded by ${mo.seconder}` : ', not seconded'}.`,
          amendments: mo.amendments,
          counts: mo.counts,
          named: mo.named ?? null,
          result: outcome
            ? outcome.decidedByCastingVote
              ? `The votes being equal, the Chairman gave a casting vote ${mo.castingVote}: the motion was ${outcome.result}.`
              : `The motion was ${outcome.result}${outcome.unanimous ? ' unanimously' : ''}.`
            : 'No vote was taken.',
        };
      }),
      unanimously: item.resolvedUnanimously === true,
      resolutions: numberResolutions(item.resolutions).map((r) => ({ label: r.label, text: r.text, depth: r.depth })),
      actions: item.actions.map((a) => ({ text: a.text, owner: a.owner ?? 'Not yet named', target: a.target ?? 'A future meeting' })),
    })),
    finished: model.finishedAt ? `The meeting finished at ${formatStartTime(model.finishedAt)}.` : null,
    files: [
      { href: minutesFilePath(meetingId, 'pdf'), text: 'Download the minutes (PDF)' },
      { href: minutesFilePath(meetingId, 'docx'), text: 'Download the minutes (Word)' },
      { href: minutesFilePath(meetingId, 'html'), text: 'The minutes as a web page to print' },
    ],
  };
}

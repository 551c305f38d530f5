/**
 * The `townhall` command line: import, export, template, report performance, check, and committee
 * business (meetings, people, memberships).
 * Thin: parses arguments, calls services from the composition root, prints.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DataDirInUseError, openApp, UnknownCouncilError, type App } from '../app.ts';
import { ConfigError, describeDatabase, loadConfig, type Config } from '../config.ts';
import { renderPerformanceMarkdown } from '../reports/markdown.ts';
import { findKind, REPORT_KINDS } from '../reports/kinds.ts';
import { checkRequest } from '../reports/load.ts';
import { REPORT_FORMATS, renderReport, type AnyReportKind, type ReportFormat } from '../reports/render.ts';
import { writeFile } from 'node:fs/promises';
import { describeChange, errorCount, errorsToShow, formatImportErrors, moreErrorsText, type ImportStage } from '../services/importService.ts';
import { AccountError } from '../services/accountService.ts';
import { MAIN_COUNCIL, type CouncilSite, type SiteOutcome } from '../services/installationService.ts';
import { generatePassword } from '../services/passwords.ts';
import { ReportError } from '../services/performanceReport.ts';
import type { CheckReport, Severity } from '../services/checkService.ts';
import { NOT_VISIBLE, ROLES, ROLE_LABELS } from '../domain/access.ts';
import { writeBlankTemplate } from '../workbook/write.ts';
import { formatStartTime, MEETING_STATUS_LABELS } from '../domain/meetings.ts';
import { formatDeadline } from '../domain/meetingDeadlines.ts';
import { describeTerm, MEMBERSHIP_ROLE_LABELS } from '../domain/membership.ts';
import { displayName, PERSON_KINDS, type PersonKind } from '../domain/people.ts';
import { formatDate, formatLongDate, type IsoDate } from '../domain/workingDays.ts';
import { readSheetDate } from '../services/committeeBusinessValidate.ts';
import type { MeetingView } from '../services/meetingService.ts';
import type { ImportError } from '../workbook/model.ts';

const USAGE = `Usage: townhall [--council <slug>] <command> [options]

--council <slug> runs the command as one council of an installation hosting several (default: main;
docs/councils.md). Each council's data, users and audit log are its own.

Commands:
  import <file.xlsx|folder> [--dry-run] [--progress]
                                          Import a workbook (all or nothing): performance and committee-business
                                          sheets; --dry-run lists what would change;
                                          --progress prints each stage to standard error (as on a terminal)
  export <file.xlsx|folder>               Write the stored framework and committee business as the import template
  template <file.xlsx|folder>             Write a blank import template
  report performance --committee <name> --period <"Q2 2018/19"|"2016/17"> [--format json|md]
  report <quarterly|annual|addendum|dashboard> --committee <name> | --unit <name> --period <period>
         --format html|pdf|docx|md|json --out <file> [--meeting-date "21 November 2018"] [--report-of <text>]
                                          A committee paper (docs/reports.md); --unit for the dashboard only
  check                                   List contradictions and gaps in the stored data, and figures stated in
                                          commentary and narrative that the data contradict (docs/check.md);
                                          exits 1 when there are findings
  meetings list [--committee <name>] [--from <date>] [--to <date>]
                                          Meetings by date, with their computed weekdays (dates like 2018-11-21)
  meetings show <id>                      A meeting: its weekday and deadlines (computed), status and the membership
                                          of its committee on its date
  people list [--kind councillor|officer] People: councillors with party and ward, officers with job title and contacts
  memberships <committee> [--on <date>]   A committee's membership in force on a date (default today), and its history
  comparators import <file.csv> [--indicator <ref>] [--source <text>] [--dry-run] [--reason <text>]
                                          Import other areas' values of the council's indicators from an LG Inform
                                          or Fingertips CSV file (all or nothing; docs/benchmarking.md)
  comparators area <GSS code>             Set the council's own area (e.g. E09000003 for Barnet)
  comparators group <name> <file.csv>     Import a named comparator group (its areas' codes in an Area Code column)
  councils list                           The councils this installation hosts, with their schemas and site host names
  councils add <slug> --name <name> [--host <host name>]...
                                          Add a council (its own empty database schema, migrated); then import its
                                          framework and add its first administrator with --council <slug>
  councils set <slug> [--name <name>] [--host <host name>]... [--no-hosts]
                                          Change a council's name or the host names its site answers on (replacing them)
  publish --out <folder>                  Open data: published indicator results as CSV, JSON and datapackage.json
  user add --email <e> --name <n> --role <role> [--password-stdin] [--ref <CG/S3>]… [--service <name>]…
                                          Add a user (e.g. the first administrator); without
                                          --password-stdin a random password is printed once

Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded database folder, default ./data).
The database used is named on standard error. The embedded database can be open in one process at a
time: while a server runs on the same DATA_DIR, commands are refused (use PostgreSQL to share it).`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
  /** Reads standard input to the end (for --password-stdin). */
  readStdin?: () => Promise<string>;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  isTTY: Boolean(process.stderr.isTTY),
};

export class UsageError extends Error {}

function formatFor(path: string): 'xlsx' | 'csv' {
  return path.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
}

/** Who the audit log names for a command: `cli:<login name>` (config USER). */
function cliActor(): string {
  const user = loadConfig().USER;
  return user ? `cli:${user}` : 'cli';
}

/**
 * Opens the app for one command: says on stderr which database it uses, locks an embedded data
 * directory for the command (DataDirInUseError when a server or another command has it) and starts
 * the embedded database as a short-lived process does (ADR 0014).
 */
export async function openForCommand(config: Config, io: Pick<Io, 'err'>, command: string): Promise<App> {
  io.err(`Using ${describeDatabase(config)}`);
  return openApp(config, { purpose: { kind: 'command', purpose: `townhall ${command}` }, shortLived: true });
}

/**
 * Runs one command; returns the exit code. `app` is opened lazily so `--help` needs no database; by
 * default with `openForCommand` and the configuration of the environment (tests pass their own).
 */
export async function run(argv: string[], io: Io = defaultIo, openAppFn?: () => Promise<App>): Promise<number> {
  const { council, args } = councilOption(argv);
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const open = openAppFn ?? (() => openForCommand(loadConfig(), io, command));
  let app: App | null = null;
  // The installation opened once; commands see it as the council --council names (the main council by default).
  const getApp = async () => {
    app ??= await open();
    return council === undefined ? app : app.forCouncil(council);
  };
  try {
    if (council !== undefined) await getApp();
    switch (command) {
      case 'councils':
        return await councilsCommand(rest, io, async () => (app ??= await open()));
      case 'import':
        return await importCommand(rest, io, getApp);
      case 'export': {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
        const target = positionals[0];
        if (!target) throw new UsageError('export needs a file (.xlsx) or folder (for .csv files)');
        const data = await (await getApp()).exports.exportTo(target, formatFor(target));
        const business = data.committeeBusiness;
        io.out(
          `Exported ${data.indicators.length} indicator definitions, ${data.targets.length} targets, ${data.results.length} results, ${data.actions.length} key-action updates, ` +
            `${business?.people.length ?? 0} people, ${business?.memberships.length ?? 0} memberships, ${business?.meetings.length ?? 0} meetings, ` +
            `${business?.agendaItems.length ?? 0} agenda items, ${business?.workProgramme.length ?? 0} work programme entries and ${business?.standingItems.length ?? 0} standing items to ${target}`,
        );
        return 0;
      }
      case 'template': {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
        const target = positionals[0];
        if (!target) throw new UsageError('template needs a file (.xlsx) or folder (for .csv files)');
        await writeBlankTemplate(target, formatFor(target));
        io.out(`Wrote a blank import template to ${target} (see docs/import-template.md)`);
        return 0;
      }
      case 'report':
        return await reportCommand(rest, io, getApp);
      case 'user':
        return await userCommand(rest, io, getApp);
      case 'comparators':
        return await comparatorsCommand(rest, io, getApp);
      case 'publish': {
        const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
        if (!values.out) throw new UsageError('publish needs --out <folder>');
        const app = await getApp();
        const written = await app.openData.publish(values.out, { name: await app.organisation.councilName() });
        io.out(`Published ${written.rows} indicator results to ${values.out}: ${written.files.join(', ')}`);
        return 0;
      }
      case 'meetings':
        return await meetingsCommand(rest, io, getApp);
      case 'people':
        return await peopleCommand(rest, io, getApp);
      case 'memberships':
        return await membershipsCommand(rest, io, getApp);
      case 'check': {
        const report = await (await getApp()).checks.run();
        for (const line of formatCheckReport(report)) io.out(line);
        return report.findings.length ? 1 : 0;
      }
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ReportError || error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof UnknownCouncilError) {
      io.err(`townhall: ${error.message}`);
      if (error instanceof UsageError) io.err(USAGE);
      return 2;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`townhall: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    if (app) await (app as App).close();
  }
}

/** A leading `--council <slug>` (or `--council=<slug>`), and the arguments after it. */
export function councilOption(argv: readonly string[]): { council: string | undefined; args: string[] } {
  const [first, ...others] = argv;
  if (first === '--council') {
    const [slug, ...args] = others;
    if (!slug || slug.startsWith('-')) throw new UsageError('--council needs a council\'s short name (townhall councils list)');
    return { council: slug, args };
  }
  if (first?.startsWith('--council=')) return { council: first.slice('--council='.length), args: others };
  return { council: undefined, args: [...argv] };
}

async function councilsCommand(args: string[], io: Io, getInstallation: () => Promise<App>): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, host: { type: 'string', multiple: true }, 'no-hosts': { type: 'boolean' } },
  });
  const [sub, slug] = positionals;
  const installation = (await getInstallation()).installation;
  const report = (outcome: SiteOutcome, done: string): number => {
    if (!outcome.ok) {
      for (const e of outcome.errors) io.err(`townhall: --${e.field}: ${e.message}`);
      return 1;
    }
    io.out(done);
    io.out(describeSite(outcome.council));
    return 0;
  };
  switch (sub ?? 'list') {
    case 'list':
      for (const council of await installation.councils()) io.out(describeSite(council));
      return 0;
    case 'add':
      if (!slug) throw new UsageError('councils add needs a short name (e.g. harrow)');
      if (values.name === undefined) throw new UsageError('councils add needs --name <the council\'s name>');
      return report(await installation.add({ slug, name: values.name, hostnames: values.host ?? [] }, cliActor()), `Added council ${slug}: import its framework and add its first administrator with --council ${slug}`);
    case 'set': {
      if (!slug) throw new UsageError('councils set needs a council\'s short name');
      const before = await installation.council(slug);
      if (!before) throw new UsageError(`There is no council "${slug}" (townhall councils list)`);
      if (values['no-hosts'] && values.host) throw new UsageError('--host and --no-hosts cannot be given together');
      const hostnames = values['no-hosts'] ? [] : (values.host ?? before.hostnames);
      return report(await installation.update({ slug, name: values.name ?? before.name, hostnames }, cliActor()), `Changed council ${slug}`);
    }
    default:
      throw new UsageError(`councils: the subcommand is list, add or set, not "${sub}"`);
  }
}

function describeSite(council: CouncilSite): string {
  const where = council.schema === null ? "the installation's schema" : `schema ${council.schema}`;
  const hosts = council.hostnames.length ? council.hostnames.join(', ') : council.slug === MAIN_COUNCIL ? 'any host no other council names' : 'no host names yet';
  return `${council.slug}: ${council.name} (${where}; site: ${hosts})`;
}

async function importCommand(args: string[], io: Io, getApp: () => Promise<App>): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, reason: { type: 'string' }, progress: { type: 'boolean', default: false } },
  });
  const source = positionals[0];
  if (!source) throw new UsageError('import needs a workbook: an .xlsx file or a folder of .csv files');
  await stat(source).catch(() => {
    throw new UsageError(`No such file or folder: ${source}`);
  });
  const started = Date.now();
  const onProgress = (stage: ImportStage, detail: string) => {
    if (io.isTTY || values.progress) io.err(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${stage}: ${detail}`);
  };
  const outcome = await (await getApp()).imports.importFile(source, {
    dryRun: values['dry-run'],
    reason: values.reason ?? null,
    actor: cliActor(),
    onProgress,
  });
  if (!outcome.ok) {
    // Every error of every stage at once; past MAX_ERRORS_SHOWN, the rest are counted by sheet.
    const listing = errorsToShow(outcome.errors);
    io.err(`Nothing was imported: ${errorCount(listing.total)} in ${source}${listing.more ? ` (the first ${listing.shown.length.toLocaleString('en-GB')} are listed)` : ''}`);
    for (const line of formatImportErrors(listing.shown)) io.err(`  ${line}`);
    const more = moreErrorsText(listing);
    if (more) io.err(`  ${more}`);
    return 1;
  }
  if (outcome.dryRun) {
    for (const c of outcome.changes) io.out(describeChange(c));
  }
  const counts = Object.entries(outcome.summary).map(([entity, s]) => `${entity.replace(/_/g, ' ')}: ${s.add} added, ${s.change} changed`);
  io.out(
    outcome.changes.length === 0
      ? 'No changes: everything in the file is already stored'
      : `${outcome.dryRun ? 'Would import' : 'Imported'} ${outcome.changes.length} changes (${counts.join('; ')})`,
  );
  return 0;
}

/** A date option: `2018-11-21`, `21/11/2018` or `21 November 2018`. */
function dateOption(name: string, text: string | undefined): IsoDate | undefined {
  if (text === undefined) return undefined;
  const d = readSheetDate(text);
  if ('error' in d) throw new UsageError(`--${name} "${text}" ${d.error}`);
  return d.date;
}

async function committeeOption(app: App, name: string) {
  const committee = await app.organisation.findCommittee(name);
  if (!committee) throw new UsageError(`No committee is called "${name}" (give any of its names, or its slug)`);
  return committee;
}

async function meetingsCommand(args: string[], io: Io, getApp: () => Promise<App>): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { committee: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } });
  const [sub, id] = positionals;
  if (sub === 'list') {
    const from = dateOption('from', values.from);
    const to = dateOption('to', values.to);
    const app = await getApp();
    const committee = values.committee ? await committeeOption(app, values.committee) : null;
    const meetings = await app.meetings.meetings({ from, to, ...(committee ? { committeeIds: [committee.id] } : {}) });
    if (!meetings.length) {
      io.out('No meetings');
      return 0;
    }
    for (const m of meetings) {
      io.out(`${String(m.id).padStart(5)}  ${formatLongDate(m.date)}, ${formatStartTime(m.startTime)}  ${m.committeeName}  ${m.venue}  (${MEETING_STATUS_LABELS[m.status]})`);
    }
    return 0;
  }
  if (sub === 'show') {
    if (!id || !/^\d{1,9}$/.test(id)) throw new UsageError('meetings show needs the meeting\'s number (see meetings list)');
    const m = await (await getApp()).meetings.meeting(Number(id));
    if (!m) {
      io.err(`townhall: there is no meeting ${id}`);
      return 1;
    }
    for (const line of formatMeeting(m)) io.out(line);
    return 0;
  }
  throw new UsageError('meetings: the subcommand is "list" or "show <id>"');
}

/** A meeting as `meetings show` prints it: what the cover of its agenda would say, all computed from its date. */
export function formatMeeting(m: MeetingView): string[] {
  const c = m.committeeOnDate;
  const names = (people: { name: string; kind: PersonKind }[]) => people.map((p) => displayName(p)).join(', ') || '(none)';
  const lines = [
    `${m.committeeName}`,
    `Date:        ${formatLongDate(m.date)}`,
    `Time:        ${formatStartTime(m.startTime)}`,
    `Venue:       ${m.venue}`,
    `Status:      ${MEETING_STATUS_LABELS[m.status]}${m.statusReason ? ` — ${m.statusReason}` : ''}`,
    `Calendar id: ${m.uid}`,
  ];
  if (c.details.quorum !== null) lines.push(`Quorum:      ${c.details.quorum}`);
  if (c.governanceContact) lines.push(`Governance contact: ${c.governanceContact.name}${c.governanceContact.email ? ` <${c.governanceContact.email}>` : ''}${c.governanceContact.phone ? `, ${c.governanceContact.phone}` : ''}`);
  lines.push('', 'Deadlines (computed from the date):');
  if (m.deadlines) for (const d of m.deadlines) lines.push(`  ${d.label}: ${formatDeadline(d)}`, `    ${d.reason}`);
  else lines.push(`  ${m.deadlineProblem}`);
  lines.push(
    '',
    `Membership on ${formatDate(m.date)}:`,
    `  Chairman:      ${names(c.membership.chairman)}`,
    `  Vice-Chairman: ${names(c.membership.viceChairman)}`,
    `  Members:       ${names(c.membership.members)}`,
    `  Substitutes:   ${names(c.membership.substitutes)}`,
  );
  return lines;
}

async function peopleCommand(args: string[], io: Io, getApp: () => Promise<App>): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { kind: { type: 'string' } } });
  if (positionals[0] !== 'list') throw new UsageError('people: the subcommand is "list"');
  if (values.kind !== undefined && !(PERSON_KINDS as readonly string[]).includes(values.kind)) throw new UsageError(`--kind is councillor or officer, not "${values.kind}"`);
  const people = (await (await getApp()).committeeBusiness.people()).filter((p) => !values.kind || p.kind === values.kind);
  if (!people.length) {
    io.out('No people');
    return 0;
  }
  for (const p of people) {
    const about = p.kind === 'councillor' ? [p.party, p.ward ? `${p.ward} ward` : null] : [p.jobTitle];
    const details = [...about, p.email, p.phone].filter(Boolean).join('; ');
    io.out(`${displayName(p)}${p.kind === 'officer' ? ' (officer)' : ''}${details ? `: ${details}` : ''}`);
  }
  return 0;
}

async function membershipsCommand(args: string[], io: Io, getApp: () => Promise<App>): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { on: { type: 'string' } } });
  if (!positionals[0]) throw new UsageError('memberships needs a committee (any of its names, or its slug)');
  const on = dateOption('on', values.on);
  const app = await getApp();
  const committee = await committeeOption(app, positionals[0]);
  const m = (await app.committeeBusiness.committeeMembership(committee.slug, on))!;
  const names = (people: { name: string; kind: PersonKind }[]) => people.map((p) => displayName(p)).join(', ') || '(none)';
  io.out(`${m.nameOnDate} on ${formatDate(m.date)}${m.details.quorum !== null ? ` (quorum ${m.details.quorum})` : ''}`);
  io.out(`  Chairman:      ${names(m.membership.chairman)}`);
  io.out(`  Vice-Chairman: ${names(m.membership.viceChairman)}`);
  io.out(`  Members:       ${names(m.membership.members)}`);
  io.out(`  Substitutes:   ${names(m.membership.substitutes)}`);
  io.out('');
  io.out(`Every membership (${m.history.length}):`);
  for (const h of m.history) io.out(`  ${displayName(h.person)}, ${MEMBERSHIP_ROLE_LABELS[h.role]}, ${describeTerm(h)}`);
  return 0;
}

async function comparatorsCommand(args: string[], io: Io, getApp: () => Promise<App>): Promise<number> {
  const [sub, ...rest] = args;
  const { positionals, values } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { indicator: { type: 'string' }, source: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, reason: { type: 'string' } },
  });
  const failed = (source: string, errors: ImportError[]) => {
    const listing = errorsToShow(errors);
    io.err(`Nothing was imported: ${errorCount(listing.total)} in ${source}${listing.more ? ` (the first ${listing.shown.length.toLocaleString('en-GB')} are listed)` : ''}`);
    for (const line of formatImportErrors(listing.shown)) io.err(`  ${line}`);
    const more = moreErrorsText(listing);
    if (more) io.err(`  ${more}`);
    return 1;
  };
  switch (sub) {
    case 'import': {
      const file = positionals[0];
      if (!file) throw new UsageError('comparators import needs a CSV file');
      const outcome = await (await getApp()).comparators.importCsv(file, {
        indicator: values.indicator ?? null,
        source: values.source ?? null,
        dryRun: values['dry-run'],
        actor: cliActor(),
        reason: values.reason ?? null,
      });
      if (!outcome.ok) return failed(file, outcome.errors);
      for (const p of outcome.periods) io.out(`  ${p}`);
      io.out(
        `${outcome.dryRun ? 'Would import' : 'Imported'} comparator values: ${outcome.added} added, ${outcome.changed} changed, ${outcome.unchanged} unchanged` +
          (outcome.skippedBreakdowns ? `; ${outcome.skippedBreakdowns} rows broken down by category left out` : ''),
      );
      return 0;
    }
    case 'area': {
      const code = positionals[0];
      if (!code) throw new UsageError('comparators area needs a GSS code, e.g. E09000003');
      const outcome = await (await getApp()).comparators.setCouncilArea(code, cliActor(), values.reason ?? null);
      if (!outcome.ok) {
        io.err(`townhall: ${outcome.message}`);
        return 1;
      }
      io.out(`The council's area is ${code.trim().toUpperCase()}`);
      return 0;
    }
    case 'group': {
      const [name, file] = positionals;
      if (!name || !file) throw new UsageError('comparators group needs a name and a CSV file');
      const outcome = await (await getApp()).comparators.importGroup(name, file, cliActor(), values.reason ?? null);
      if (!outcome.ok) return failed(file, outcome.errors);
      io.out(`Comparator group ${name}: ${outcome.areas} areas`);
      return 0;
    }
    default:
      throw new UsageError('comparators needs import, area or group');
  }
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

async function userCommand(args: string[], io: Io, getApp: () => Promise<App>): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      ref: { type: 'string', multiple: true },
      service: { type: 'string', multiple: true },
      reason: { type: 'string' },
    },
  });
  if (positionals[0] !== 'add') throw new UsageError('user: the subcommand is "add"');
  if (!values.email || !values.name || !values.role) throw new UsageError(`user add needs --email, --name and --role (${ROLES.join(', ')})`);
  let password: string;
  let generated = false;
  if (values['password-stdin']) {
    password = (await (io.readStdin ?? readAllStdin)()).split(/\r?\n/)[0] ?? '';
  } else {
    password = generatePassword();
    generated = true;
  }
  try {
    const user = await (await getApp()).accounts.createUser(
      { email: values.email, name: values.name, role: values.role, password, scope: { refs: values.ref ?? [], services: values.service ?? [] } },
      cliActor(),
      values.reason ?? 'Added with the townhall command',
    );
    io.out(`Added ${user.name} <${user.email}> as ${ROLE_LABELS[user.role].toLowerCase()}`);
    if (generated) io.out(`Password (shown once; change it after signing in): ${password}`);
    return 0;
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    for (const [field, message] of Object.entries(error.errors)) io.err(`townhall: --${field}: ${message}`);
    return 2;
  }
}

async function reportCommand(args: string[], io: Io, getApp: () => Promise<App>): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      committee: { type: 'string' },
      unit: { type: 'string' },
      period: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'meeting-date': { type: 'string' },
      'report-of': { type: 'string' },
    },
  });
  const type = positionals[0];
  if (type !== 'performance') {
    if (!type || !findKind(type)) {
      throw new UsageError(`report: the report type is one of ${REPORT_KINDS.join(', ')} (or performance)${type ? `, not "${type}"` : ''}`);
    }
    const format = values.format ?? 'pdf';
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format is one of ${REPORT_FORMATS.join(', ')}, not "${format}"`);
    if (!values.period) throw new UsageError(`report ${type} needs --period ${findKind(type)!.dated ? '<YYYY-MM-DD> (the date it runs from)' : '<"Q2 2018/19" or "2016/17">'}`);
    if (!values.committee && !values.unit) throw new UsageError(`report ${type} needs --committee <name>${findKind(type)!.forUnit ? ' or --unit <name>' : ''}`);
    if (!values.out && (format === 'pdf' || format === 'docx')) throw new UsageError(`--format ${format} needs --out <file>`);
    const app = await getApp();
    const kind = type as AnyReportKind;
    if (findKind(type)!.dated) {
      // A forward work programme from a date (the registry's dated kinds): public facts, no versions.
      checkRequest({ kind: type, committee: values.committee, unit: values.unit, period: values.period });
      const committee = await app.organisation.findCommittee(values.committee!);
      if (!committee) throw new ReportError(`No committee is called "${values.committee}"`);
      let rendered;
      if (kind === 'minutes') {
        // Published minutes only, as the public sees them (exempt items as their placeholder).
        const minutes = await app.outcomes.minutesOn(committee.slug, values.period, null);
        if (minutes === NOT_VISIBLE) throw new ReportError(`No published minutes of the ${values.committee} on ${values.period}`);
        rendered = await renderReport('minutes', minutes, {}, format as ReportFormat);
      } else rendered = await renderReport('work-programme', (await app.workProgramme.programme(committee.slug, values.period))!, {}, format as ReportFormat);
      if (values.out) {
        await writeFile(values.out, rendered.body);
        io.out(`Wrote the ${kind} (${format}) to ${values.out}`);
      } else io.out(String(rendered.body));
      return 0;
    }
    // A published period gives its published version; any other, the draft, labelled as one.
    const { model, draft, issued } = await app.papers.paper({ kind, committee: values.committee, unit: values.unit, period: values.period });
    if (draft) io.err(`Draft: this paper is ${draft}.`);
    const meta = {
      ...(values['meeting-date'] ? { meetingDate: values['meeting-date'] } : {}),
      ...(values['report-of'] ? { reportOf: values['report-of'] } : {}),
      ...(draft ? { draft } : {}),
      ...(issued ? { issued } : {}),
    };
    const rendered = await renderReport(kind, model as never, meta, format as ReportFormat);
    if (values.out) {
      await writeFile(values.out, rendered.body);
      io.out(`Wrote the ${kind} report (${format}) to ${values.out}`);
    } else io.out(String(rendered.body));
    return 0;
  }
  if (values.unit) throw new UsageError('report performance takes --committee, not --unit');
  values.format ??= 'json';
  if (!values.committee) throw new UsageError('report performance needs --committee <name>');
  if (!values.period) throw new UsageError('report performance needs --period <"Q2 2018/19" or "2016/17">');
  if (values.format !== 'json' && values.format !== 'md') throw new UsageError('--format is json or md');
  const report = await (await getApp()).reports.performanceReport({ committee: values.committee, period: values.period });
  io.out(values.format === 'json' ? JSON.stringify(report, null, 2) : renderPerformanceMarkdown(report));
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli/main.ts')) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`townhall: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

const SEVERITY_HEADINGS: Record<Severity, string> = {
  contradiction: 'Contradictions: printed or stated figures the data contradict',
  judgement: "Judgements that differ from the data's suggestion: overall statuses officers judged otherwise (check the reason says why)",
  tolerance: 'Agree only because of a survey tolerance',
  gap: 'Gaps: what a report needs and the data lack',
};

/**
 * `townhall check` output: findings grouped by severity (contradictions, judgements that differ from the
 * data's suggestion, agreements that only a tolerance makes, gaps), one line each with committee, period and where; then the stated figures
 * that could not be checked (not findings: they do not change the exit code); then the counts.
 */
export function formatCheckReport(report: CheckReport): string[] {
  const lines: string[] = [];
  const counts: string[] = [];
  for (const severity of Object.keys(SEVERITY_HEADINGS) as Severity[]) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (!findings.length) continue;
    if (lines.length) lines.push('');
    lines.push(`${SEVERITY_HEADINGS[severity]} (${findings.length})`);
    for (const f of findings) lines.push(`  [${f.kind}] ${f.committee}, ${f.period}: ${f.message}`);
    const n = findings.length;
    const noun = { contradiction: ['contradiction', 'contradictions'], judgement: ['judgement that differs', 'judgements that differ'], tolerance: ['within a tolerance', 'within a tolerance'], gap: ['gap', 'gaps'] }[severity];
    counts.push(`${n} ${noun[n === 1 ? 0 : 1]}`);
  }
  if (report.notChecked.length) {
    if (lines.length) lines.push('');
    lines.push(`Not checked: figures stated in words that no stored data can confirm (${report.notChecked.length}; not counted as findings)`);
    for (const n of report.notChecked) {
      lines.push(`  ${n.committee}, ${n.period}: ${n.ref ? `${n.ref} ` : ''}${n.field}: ${n.stated}: ${n.why}`);
      lines.push(`    "${n.quote}"`);
    }
  }
  if (lines.length) lines.push('');
  const total = report.findings.length;
  lines.push(total ? `${total} ${total === 1 ? 'finding' : 'findings'} (${counts.join(', ')})` : 'No contradictions or gaps found');
  return lines;
}

/**
 * The second step of the composition root: every service, built once over the repositories
 * (`createRepositories(handle)` → `createServices(repositories)` → the web app and the CLI, src/app.ts).
 * The web and the CLI see these services only — never a repository or the database.
 */
import type { Repositories } from '../repositories/index.ts';
import { AccountService } from './accountService.ts';
import { AgendaService } from './agendaService.ts';
import { AgendaPackService } from './agendaPackService.ts';
import { MembersItemService } from './membersItemService.ts';
import { AuditService } from './auditService.ts';
import { BusinessCheckService } from './businessCheckService.ts';
import { CheckService } from './checkService.ts';
import { numberSections } from '../domain/reportPaper.ts';
import { CivicDataService } from './civicDataService.ts';
import { ComparatorService } from './comparatorService.ts';
import { CommitteeBusinessService } from './committeeBusinessService.ts';
import { CommitteePerformanceService } from './committeePerformance.ts';
import { DataVersionWatcher } from './dataVersion.ts';
import { EntryService } from './entryService.ts';
import { ExportService } from './exportService.ts';
import { MeetingService } from './meetingService.ts';
import { FrameworkAdminService } from './frameworkAdminService.ts';
import { ImportService } from './importService.ts';
import { committeeBusinessImport } from './committeeBusinessImport.ts';
import { agendaProgrammeImport } from './agendaProgrammeImport.ts';
import { OutcomesService } from './outcomesService.ts';
import { OpenDataService } from './openDataService.ts';
import { OrganisationService } from './organisationService.ts';
import { PanelEntryService } from './panelEntryService.ts';
import { PaperDetailsService } from './paperDetailsService.ts';
import { PaperService } from './paperService.ts';
import { ReportService } from './performanceReport.ts';
import { PublicationService } from './publicationService.ts';
import { UploadImportService } from './uploadImportService.ts';
import type { UploadReader } from './uploadPreview.ts';
import { WorkProgrammeService } from './workProgrammeService.ts';

export interface Services {
  /** The council, its committees (names over time, terms of reference) and plan years: shared by both businesses. */
  organisation: OrganisationService;
  /** What the committee performance pages may show to an audience (visibility decided here, not in routes). */
  performance: CommitteePerformanceService;
  imports: ImportService;
  exports: ExportService;
  reports: ReportService;
  checks: CheckService;
  /** Benchmarking: comparator values in (LG Inform / Fingertips CSV), groups, the council's area, positions computed (docs/benchmarking.md). */
  comparators: ComparatorService;
  /** Users, roles, sessions and sign-in (docs/accounts.md). */
  accounts: AccountService;
  /** The audit log: read by administrators, written by every change. */
  audit: AuditService;
  /** Which (committee, period) cycles are published: the public sees only those. */
  publication: PublicationService;
  /** Published indicator results as CSV/JSON with a Frictionless datapackage.json. */
  openData: OpenDataService;
  /** Data entry (results, key-action updates) and sign-off of a committee's period (docs/running-a-quarter.md). */
  entry: EntryService;
  /** Committee papers (quarterly, annual, addendum, dashboard): their models, as the audience may see them. */
  papers: PaperService;
  /** Finance, risk and narrative panels of a committee's period. */
  panels: PanelEntryService;
  /** Who committee papers are from ("Report of", the officer contact): the committee's default and a period's own. */
  paperDetails: PaperDetailsService;
  /** Spreadsheet uploads kept for a preview, then committed exactly as previewed. */
  uploads: UploadImportService;
  /** Framework administration forms: one-row workbooks through the importer (docs/administration.md). */
  framework: FrameworkAdminService;
  /** Committee business: people, dated memberships of committees, committees' quorum and contacts (ADR 0018). */
  committeeBusiness: CommitteeBusinessService;
  /** Meetings: arranged one by one or as a cycle, their statuses, computed weekdays and deadlines (ADR 0018). */
  meetings: MeetingService;
  /** Committees' forward work programmes: entries, standing item rules, the programme from a date (ADR 0022). */
  workProgramme: WorkProgrammeService;
  /** Feeds and open civic data of committee business: iCal, Popolo / Open Civic Data, ModernGov-shaped XML (ADR 0021). */
  civicData: CivicDataService;
  /** Agendas and report papers: order of business, cover sheets, exempt information, clearance (ADR 0020). */
  agendas: AgendaService;
  /** The performance report on an agenda and the agenda pack (ADR 0028). */
  agendaPacks: AgendaPackService;
  /** Contradictions in stored agendas and papers (issue 12 deliver 8), for `townhall check` and the meeting page. */
  businessChecks: BusinessCheckService;
  /** Members' items: submitted by councillors, checked by governance, on the agenda with a paper (ADR 0025). */
  membersItems: MembersItemService;
  /** Meeting outcomes: attendance, declarations, item minutes, motions and votes, actions, draft and agreed minutes (ADR 0026). */
  outcomes: OutcomesService;
  /** The data version, told of changes by the database (migration 0006, ADR 0007). */
  dataVersion: DataVersionWatcher;
}

/** What the services use besides the repositories, made by the composition root (src/app.ts). */
export interface ServiceDependencies {
  /** Reads uploaded workbooks off the serving thread (WorkbookWorkerPool). */
  uploadReader: UploadReader;
}

export function createServices(repositories: Repositories, dependencies: ServiceDependencies): Services {
  const { db } = repositories;
  const dataVersion = new DataVersionWatcher(repositories.dataVersion);
  const organisation = new OrganisationService(repositories.organisation);
  const comparators = new ComparatorService(repositories);
  const reports = new ReportService(repositories.reports, (period, inputs) => comparators.positionsAt(period, inputs));
  const publication = new PublicationService(repositories.publication, repositories.reports, reports);
  const imports = new ImportService(db, [committeeBusinessImport, agendaProgrammeImport]);
  const entry = new EntryService(repositories, publication);
  const committeeBusiness = new CommitteeBusinessService(db, repositories.committeeBusiness, organisation);
  const meetings = new MeetingService(db, repositories.committeeBusiness, organisation, committeeBusiness);
  const papers = new PaperService(reports, repositories.reports, organisation, publication);
  const workProgramme = new WorkProgrammeService(db, repositories.workProgramme, repositories.committeeBusiness, organisation, committeeBusiness);
  const agendas = new AgendaService(db, repositories.agendas, repositories.committeeBusiness, meetings, workProgramme);
  const sectionTitles = async () => new Map(numberSections(await agendas.sectionTemplate()).map((h) => [h.field, h.number ? `${h.number} ${h.title}` : h.title]));
  const outcomes = new OutcomesService(db, repositories.outcomes, repositories.agendas, repositories.committeeBusiness, repositories.workProgramme, meetings, organisation);
  const businessChecks = new BusinessCheckService(repositories.agendas, repositories.agendaPacks, repositories.committeeBusiness, meetings, workProgramme, sectionTitles, outcomes);
  return {
    organisation,
    performance: new CommitteePerformanceService(organisation, publication, reports, repositories.indicators),
    imports,
    exports: new ExportService(db),
    reports,
    checks: new CheckService(repositories.reports, reports, comparators, businessChecks),
    businessChecks,
    comparators,
    accounts: new AccountService(repositories),
    audit: new AuditService(repositories.audit),
    publication,
    openData: new OpenDataService(repositories.reports, publication),
    entry,
    papers,
    panels: new PanelEntryService(db, repositories.frameworkAdmin, reports, entry),
    paperDetails: new PaperDetailsService(repositories),
    uploads: new UploadImportService(repositories, { reader: dependencies.uploadReader, dataVersion }),
    framework: new FrameworkAdminService(repositories.frameworkAdmin, imports),
    committeeBusiness,
    meetings,
    workProgramme,
    civicData: new CivicDataService(organisation, committeeBusiness, meetings, agendas, dataVersion, outcomes),
    agendas,
    membersItems: new MembersItemService(db, repositories.membersItems, repositories.agendas, repositories.committeeBusiness, meetings, agendas, committeeBusiness.today),
    agendaPacks: new AgendaPackService(db, repositories.agendaPacks, repositories.agendas, repositories.publication, repositories.committeeBusiness, agendas, meetings, papers, organisation, workProgramme, outcomes),
    outcomes,
    dataVersion,
  };
}

/**
 * Every repository, built once over one database (the first step of the composition root:
 * `createRepositories(handle)` → `createServices(repositories)` → web and CLI). Repositories own all SQL.
 */
import type { DatabaseHandle, Db } from '../db/connection.ts';
import { AccountRepository } from './accountRepository.ts';
import { AgendaRepository } from './agendaRepository.ts';
import { MembersItemRepository } from './membersItemRepository.ts';
import { AuditRepository } from './auditRepository.ts';
import { ComparatorRepository } from './comparatorRepository.ts';
import { CommitteeBusinessRepository } from './committeeBusinessRepository.ts';
import { DataVersionRepository } from './dataVersion.ts';
import { EntryRepository } from './entryRepository.ts';
import { FrameworkAdminRepository } from './frameworkAdminRepository.ts';
import { IndicatorRepository } from './indicatorRepository.ts';
import { OutcomesRepository } from './outcomesRepository.ts';
import { OrganisationRepository } from './organisationRepository.ts';
import { PaperDetailsRepository } from './paperDetailsRepository.ts';
import { PublicationRepository } from './publicationRepository.ts';
import { AgendaPackRepository } from './agendaPackRepository.ts';
import { ReportRepository } from './reportRepository.ts';
import { UploadRepository } from './uploadRepository.ts';
import { WorkProgrammeRepository } from './workProgrammeRepository.ts';

export interface Repositories {
  /**
   * The database, for services to open a transaction and hand it to repository methods and functions
   * that take one (the import writer, panels, accounts). Services never write SQL themselves.
   */
  db: Db;
  /** Which engine the database runs on ('pglite' embedded, or 'postgres'). */
  engine: DatabaseHandle['engine'];
  accounts: AccountRepository;
  /** Agendas, report papers, templates, clearance and the person of an account (ADR 0020). */
  agendas: AgendaRepository;
  /** Which published performance report a paper on an agenda carries (ADR 0028). */
  agendaPacks: AgendaPackRepository;
  audit: AuditRepository;
  /** People, memberships, committees' cover facts and meetings (committee business, ADR 0018). */
  committeeBusiness: CommitteeBusinessRepository;
  /** Benchmarking: other areas' values of the council's indicators, named groups, the council's area (migration 0026). */
  comparators: ComparatorRepository;
  dataVersion: DataVersionRepository;
  entry: EntryRepository;
  frameworkAdmin: FrameworkAdminRepository;
  indicators: IndicatorRepository;
  /** Members' items and their governance check (ADR 0025). */
  membersItems: MembersItemRepository;
  organisation: OrganisationRepository;
  /** Meeting outcomes: minutes and their state, attendance, declarations, item minutes, motions, votes, actions (ADR 0026). */
  outcomes: OutcomesRepository;
  /** "Report of" and the officer of a committee's papers (committee default, period override). */
  paperDetails: PaperDetailsRepository;
  publication: PublicationRepository;
  reports: ReportRepository;
  uploads: UploadRepository;
  /** Committees' forward work programmes: entries and standing item rules (ADR 0022). */
  workProgramme: WorkProgrammeRepository;
}

export function createRepositories(handle: Pick<DatabaseHandle, 'db' | 'engine' | 'listen'>): Repositories {
  const { db } = handle;
  return {
    db,
    engine: handle.engine,
    accounts: new AccountRepository(db),
    agendas: new AgendaRepository(db),
    agendaPacks: new AgendaPackRepository(db),
    outcomes: new OutcomesRepository(db),
    audit: new AuditRepository(db),
    committeeBusiness: new CommitteeBusinessRepository(db),
    comparators: new ComparatorRepository(db),
    dataVersion: new DataVersionRepository(handle),
    entry: new EntryRepository(db),
    frameworkAdmin: new FrameworkAdminRepository(db),
    indicators: new IndicatorRepository(db),
    membersItems: new MembersItemRepository(db),
    organisation: new OrganisationRepository(db),
    paperDetails: new PaperDetailsRepository(db),
    publication: new PublicationRepository(db),
    reports: new ReportRepository(db),
    uploads: new UploadRepository(db),
    workProgramme: new WorkProgrammeRepository(db),
  };
}

/**
 * Agendas and report papers storage (migration 0021, ADR 0020): a meeting's agenda and its items, the
 * committees' templates of standard items, the council's template of report sections, papers with their
 * enclosures, contacts and clearance, and the person a user account is. All its SQL. Writes take the
 * caller's transaction (src/services/agendaService.ts).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { AgendaItem, AgendaItemKind, AgendaPart, ProgrammeSource, TemplateItem } from '../domain/agenda.ts';
import type { Clearance, CoverSheet, PaperFile, SectionTemplate } from '../domain/reportPaper.ts';
import { anyInt } from './bulk.ts';

export interface AgendaRecord {
  meetingId: number;
  publishedAt: Date | null;
  publishedBy: string | null;
}

export interface PaperFields {
  cover: CoverSheet;
  /** Text of each section and sub-section by field ("summary", "implications.2"). */
  sections: Record<string, string>;
  recommendations: string[];
  /** The body uploaded as a file (ADR 0027); null when written on the form. */
  file: PaperFile | null;
}

/** A file to store with a paper: what its checks read (src/services/paperFiles.ts) and its bytes. */
export interface NewPaperFile {
  kind: 'pdf' | 'docx';
  filename: string;
  sha256: string;
  pageCount: number | null;
  /** A Word document's blocks of the neutral document model. */
  document: unknown[] | null;
  bytes: Buffer;
}

/** Bytes of a file written or read per statement (as uploads are: src/repositories/uploadRepository.ts). */
const PIECE = 1024 * 1024;

export interface PaperRecord extends PaperFields {
  id: number;
  agendaItemId: number;
  meetingId: number;
  updatedAt: Date;
}

export interface ClearanceRecord extends Clearance {
  recordedBy: string;
  recordedAt: Date;
}

export interface AccountLink {
  userId: number;
  email: string;
  name: string;
  role: string;
  personId: number | null;
}

type ItemRow = {
  id: number;
  position: number;
  kind: AgendaItemKind;
  title: string;
  if_any: boolean;
  part: AgendaPart;
  to_follow: boolean;
  paper_id: number | null;
  paper_status: string | null;
  paper_paragraph: number | null;
  work_programme_entry_id: number | null;
  standing_item_rule_id: number | null;
  standing_period: string | null;
};

const programmeSource = (r: ItemRow): ProgrammeSource | null =>
  r.work_programme_entry_id !== null
    ? { source: 'entry', entryId: r.work_programme_entry_id }
    : r.standing_item_rule_id !== null
      ? { source: 'standing', ruleId: r.standing_item_rule_id, period: r.standing_period }
      : null;

const item = (r: ItemRow): AgendaItem => ({
  id: r.id,
  position: r.position,
  kind: r.kind,
  title: r.title,
  ifAny: r.if_any,
  part: r.part,
  toFollow: r.to_follow,
  paperId: r.paper_id,
  exemptParagraph: r.paper_status === 'exempt' ? r.paper_paragraph : null,
  programme: programmeSource(r),
});

const json = (value: unknown) => JSON.stringify(value) as never;

export class AgendaRepository {
  constructor(private readonly db: Db) {}

  // Agendas

  async agenda(meetingId: number, db: Db = this.db): Promise<AgendaRecord | null> {
    const r = await db.selectFrom('agenda').select(['meeting_id', 'published_at', 'published_by']).where('meeting_id', '=', meetingId).executeTakeFirst();
    return r ? { meetingId: r.meeting_id, publishedAt: r.published_at, publishedBy: r.published_by } : null;
  }

  /** The agendas of the meetings given (those started). */
  async agendas(meetingIds: readonly number[], db: Db = this.db): Promise<AgendaRecord[]> {
    if (!meetingIds.length) return [];
    const rows = await db.selectFrom('agenda').select(['meeting_id', 'published_at', 'published_by']).where('meeting_id', '=', anyInt(meetingIds)).execute();
    return rows.map((r) => ({ meetingId: r.meeting_id, publishedAt: r.published_at, publishedBy: r.published_by }));
  }

  /** Locks the agenda's row until the transaction ends: one writer of an agenda at a time. */
  async lockAgenda(trx: Db, meetingId: number): Promise<AgendaRecord | null> {
    const r = await trx.selectFrom('agenda').select(['meeting_id', 'published_at', 'published_by']).where('meeting_id', '=', meetingId).forUpdate().executeTakeFirst();
    return r ? { meetingId: r.meeting_id, publishedAt: r.published_at, publishedBy: r.published_by } : null;
  }

  async insertAgenda(trx: Db, meetingId: number): Promise<void> {
    await trx.insertInto('agenda').values({ meeting_id: meetingId, published_at: null, published_by: null }).execute();
  }

  async publishAgenda(trx: Db, meetingId: number, by: string): Promise<void> {
    await trx.updateTable('agenda').set({ published_at: new Date(), published_by: by }).where('meeting_id', '=', meetingId).execute();
  }

  async items(meetingId: number, db: Db = this.db): Promise<AgendaItem[]> {
    const rows = await db
      .selectFrom('agenda_item as i')
      .leftJoin('paper as p', 'p.agenda_item_id', 'i.id')
      .select(['i.id', 'i.position', 'i.kind', 'i.title', 'i.if_any', 'i.part', 'i.to_follow', 'p.id as paper_id', 'p.status as paper_status', 'p.exempt_paragraph as paper_paragraph', 'i.work_programme_entry_id', 'i.standing_item_rule_id', 'i.standing_period'])
      .where('i.meeting_id', '=', meetingId)
      .orderBy('i.position')
      .orderBy('i.id')
      .execute();
    return rows.map(item);
  }

  /** The items of the meetings given, each meeting's in order. */
  async itemsOfMeetings(meetingIds: readonly number[], db: Db = this.db): Promise<Map<number, AgendaItem[]>> {
    const out = new Map<number, AgendaItem[]>(meetingIds.map((id) => [id, []]));
    if (!meetingIds.length) return out;
    const rows = await db
      .selectFrom('agenda_item as i')
      .leftJoin('paper as p', 'p.agenda_item_id', 'i.id')
      .select(['i.meeting_id', 'i.id', 'i.position', 'i.kind', 'i.title', 'i.if_any', 'i.part', 'i.to_follow', 'p.id as paper_id', 'p.status as paper_status', 'p.exempt_paragraph as paper_paragraph', 'i.work_programme_entry_id', 'i.standing_item_rule_id', 'i.standing_period'])
      .where('i.meeting_id', '=', anyInt(meetingIds))
      .orderBy('i.meeting_id')
      .orderBy('i.position')
      .orderBy('i.id')
      .execute();
    for (const r of rows) out.get(r.meeting_id)?.push(item(r));
    return out;
  }

  /** The title and status of each paper of the meetings given (no content), by paper id. */
  async paperHeads(meetingIds: readonly number[], db: Db = this.db): Promise<Map<number, { title: string; status: string; exemptParagraph: number | null }>> {
    if (!meetingIds.length) return new Map();
    const rows = await db
      .selectFrom('paper as p')
      .innerJoin('agenda_item as i', 'i.id', 'p.agenda_item_id')
      .select(['p.id', 'p.title', 'p.status', 'p.exempt_paragraph'])
      .where('i.meeting_id', '=', anyInt(meetingIds))
      .execute();
    return new Map(rows.map((r) => [r.id, { title: r.title, status: r.status, exemptParagraph: r.exempt_paragraph }]));
  }

  async insertItems(trx: Db, meetingId: number, items: readonly Omit<AgendaItem, 'id' | 'paperId' | 'exemptParagraph'>[]): Promise<number[]> {
    if (!items.length) return [];
    const rows = await trx
      .insertInto('agenda_item')
      .values(
        items.map((i) => ({
          meeting_id: meetingId,
          position: i.position,
          kind: i.kind,
          title: i.title,
          if_any: i.ifAny,
          part: i.part,
          to_follow: i.toFollow,
          work_programme_entry_id: i.programme?.source === 'entry' ? i.programme.entryId : null,
          standing_item_rule_id: i.programme?.source === 'standing' ? i.programme.ruleId : null,
          standing_period: i.programme?.source === 'standing' ? i.programme.period : null,
        })),
      )
      .returning(['id', 'position'])
      .execute();
    const byPosition = new Map(rows.map((r) => [r.position, r.id]));
    return items.map((i) => byPosition.get(i.position)!);
  }

  async setPositions(trx: Db, positions: ReadonlyMap<number, number>): Promise<void> {
    for (const [id, position] of positions) await trx.updateTable('agenda_item').set({ position, updated_at: new Date() }).where('id', '=', id).execute();
  }

  /** Deletes an item without a paper. */
  async deleteItem(trx: Db, id: number): Promise<void> {
    await trx.deleteFrom('agenda_item').where('id', '=', id).execute();
  }

  async updateItem(trx: Db, id: number, changes: { part?: AgendaPart; toFollow?: boolean; title?: string; ifAny?: boolean; followedAt?: Date }): Promise<void> {
    await trx
      .updateTable('agenda_item')
      .set({
        ...(changes.followedAt !== undefined ? { followed_at: changes.followedAt } : {}),
        ...(changes.part !== undefined ? { part: changes.part } : {}),
        ...(changes.toFollow !== undefined ? { to_follow: changes.toFollow } : {}),
        ...(changes.title !== undefined ? { title: changes.title } : {}),
        ...(changes.ifAny !== undefined ? { if_any: changes.ifAny } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
  }

  // Templates

  async agendaTemplate(committeeId: number, db: Db = this.db): Promise<TemplateItem[] | null> {
    const r = await db.selectFrom('agenda_template').select('items').where('committee_id', '=', committeeId).executeTakeFirst();
    return r ? r.items : null;
  }

  async setAgendaTemplate(trx: Db, committeeId: number, items: readonly TemplateItem[]): Promise<void> {
    await trx
      .insertInto('agenda_template')
      .values({ committee_id: committeeId, items: json(items) })
      .onConflict((oc) => oc.column('committee_id').doUpdateSet({ items: json(items), updated_at: new Date() }))
      .execute();
  }

  async sectionTemplate(db: Db = this.db): Promise<SectionTemplate[] | null> {
    const r = await db.selectFrom('paper_section_template').select('sections').where('council_id', '=', 1).executeTakeFirst();
    return r ? r.sections : null;
  }

  async setSectionTemplate(trx: Db, sections: readonly SectionTemplate[]): Promise<void> {
    await trx
      .insertInto('paper_section_template')
      .values({ council_id: 1, sections: json(sections) })
      .onConflict((oc) => oc.column('council_id').doUpdateSet({ sections: json(sections), updated_at: new Date() }))
      .execute();
  }

  // Papers

  private async papersWhere(db: Db, where: { id?: number; meetingId?: number }): Promise<PaperRecord[]> {
    let q = db
      .selectFrom('paper as p')
      .innerJoin('agenda_item as i', 'i.id', 'p.agenda_item_id')
      .select(['p.id', 'p.agenda_item_id', 'i.meeting_id', 'p.title', 'p.report_of', 'p.wards', 'p.status', 'p.exempt_paragraph', 'p.urgent', 'p.key_decision', 'p.sections', 'p.recommendations', 'p.file_id', 'p.updated_at']);
    if (where.id !== undefined) q = q.where('p.id', '=', where.id);
    if (where.meetingId !== undefined) q = q.where('i.meeting_id', '=', where.meetingId);
    const rows = await q.orderBy('p.id').execute();
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [enclosures, contacts, files] = await Promise.all([
      db.selectFrom('paper_enclosure').selectAll().where('paper_id', '=', anyInt(ids)).orderBy('paper_id').orderBy('position').execute(),
      db.selectFrom('paper_contact').selectAll().where('paper_id', '=', anyInt(ids)).orderBy('paper_id').orderBy('position').execute(),
      db.selectFrom('paper_file').select(['id', 'kind', 'filename', 'size', 'sha256', 'page_count']).where('paper_id', '=', anyInt(ids)).execute(),
    ]);
    const fileById = new Map(files.map((f): [number, PaperFile] => [f.id, { id: f.id, kind: f.kind, filename: f.filename, size: f.size, sha256: f.sha256, pageCount: f.page_count }]));
    const fileOf = (id: number | null) => (id === null ? null : (fileById.get(id) ?? null));
    return rows.map((r) => ({
      id: r.id,
      agendaItemId: r.agenda_item_id,
      meetingId: r.meeting_id,
      updatedAt: r.updated_at,
      sections: r.sections,
      recommendations: r.recommendations,
      file: fileOf(r.file_id),
      cover: {
        title: r.title,
        reportOf: r.report_of,
        wards: r.wards,
        status: r.status,
        exemptParagraph: r.exempt_paragraph,
        urgent: r.urgent,
        key: r.key_decision,
        enclosures: enclosures.filter((e) => e.paper_id === r.id).map((e) => ({ title: e.title, exemptParagraph: e.exempt_paragraph, body: e.body, file: fileOf(e.file_id) })),
        contactIds: contacts.filter((c) => c.paper_id === r.id).map((c) => c.person_id),
      },
    }));
  }

  async paper(id: number, db: Db = this.db): Promise<PaperRecord | null> {
    return (await this.papersWhere(db, { id }))[0] ?? null;
  }

  async papersOfMeeting(meetingId: number, db: Db = this.db): Promise<PaperRecord[]> {
    return this.papersWhere(db, { meetingId });
  }

  /** The papers naming a person as a contact, newest first. */
  async paperIdsOfContact(personId: number, db: Db = this.db): Promise<number[]> {
    const rows = await db.selectFrom('paper_contact').select('paper_id').where('person_id', '=', personId).orderBy('paper_id', 'desc').execute();
    return rows.map((r) => r.paper_id);
  }

  /** Rewrites a paper's sections and recommendations only (its author's draft; the cover sheet stays). */
  async updatePaperSections(trx: Db, id: number, sections: Record<string, string>, recommendations: readonly string[]): Promise<void> {
    await trx.updateTable('paper').set({ sections: json(sections), recommendations: json(recommendations), updated_at: new Date() }).where('id', '=', id).execute();
  }

  private static paperColumns(f: PaperFields) {
    const c = f.cover;
    return {
      title: c.title,
      report_of: c.reportOf,
      wards: c.wards,
      status: c.status,
      exempt_paragraph: c.status === 'exempt' ? c.exemptParagraph : null,
      urgent: c.urgent,
      key_decision: c.key,
      sections: json(f.sections),
      recommendations: json(f.recommendations),
      file_id: f.file?.id ?? null,
    };
  }

  private async writeParts(trx: Db, paperId: number, cover: CoverSheet): Promise<void> {
    await trx.deleteFrom('paper_enclosure').where('paper_id', '=', paperId).execute();
    await trx.deleteFrom('paper_contact').where('paper_id', '=', paperId).execute();
    if (cover.enclosures.length) {
      await trx
        .insertInto('paper_enclosure')
        .values(cover.enclosures.map((e, i) => ({ paper_id: paperId, position: i + 1, title: e.title, exempt_paragraph: e.exemptParagraph, body: e.body, file_id: e.file?.id ?? null })))
        .execute();
    }
    if (cover.contactIds.length) {
      await trx
        .insertInto('paper_contact')
        .values(cover.contactIds.map((personId, i) => ({ paper_id: paperId, position: i + 1, person_id: personId })))
        .execute();
    }
  }

  async insertPaper(trx: Db, agendaItemId: number, fields: PaperFields): Promise<number> {
    const row = await trx
      .insertInto('paper')
      .values({ agenda_item_id: agendaItemId, ...AgendaRepository.paperColumns(fields) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.writeParts(trx, row.id, fields.cover);
    return row.id;
  }

  async updatePaper(trx: Db, id: number, fields: PaperFields): Promise<void> {
    await trx
      .updateTable('paper')
      .set({ ...AgendaRepository.paperColumns(fields), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await this.writeParts(trx, id, fields.cover);
  }

  // Uploaded files (migration 0030, ADR 0027)

  /**
   * Stores a file of a paper and returns what the paper keeps of it. The bytes go in as base64 pieces of a
   * megabyte, with a turn of the event loop between (the embedded database's driver converts a bytea
   * parameter one byte at a time in the server's thread: src/repositories/uploadRepository.ts).
   */
  async insertFile(trx: Db, paperId: number, file: NewPaperFile, by: string): Promise<PaperFile> {
    const piece = (at: number) => sql<Uint8Array>`decode(${file.bytes.subarray(at, at + PIECE).toString('base64')}, 'base64')`;
    const row = await trx
      .insertInto('paper_file')
      .values({
        paper_id: paperId,
        kind: file.kind,
        filename: file.filename,
        size: file.bytes.length,
        sha256: file.sha256,
        page_count: file.pageCount,
        document: file.document === null ? null : JSON.stringify(file.document),
        content: piece(0),
        uploaded_by: by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let at = PIECE; at < file.bytes.length; at += PIECE) {
      await nextTurn();
      await trx.updateTable('paper_file').set({ content: sql<Uint8Array>`content || ${piece(at)}` }).where('id', '=', row.id).execute();
    }
    return { id: row.id, kind: file.kind, filename: file.filename, size: file.bytes.length, sha256: file.sha256, pageCount: file.pageCount };
  }

  /** A file's bytes, read a megabyte at a time; null when there is no such file. */
  async fileContent(id: number, db: Db = this.db): Promise<Buffer | null> {
    const row = await db.selectFrom('paper_file').select(sql<number>`length(content)`.as('length')).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const pieces: Buffer[] = [];
    for (let at = 0; at < Number(row.length); at += PIECE) {
      if (at) await nextTurn();
      const r = await db
        .selectFrom('paper_file')
        .select(sql<string>`encode(substring(content from ${at + 1} for ${PIECE}), 'base64')`.as('piece'))
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      pieces.push(Buffer.from(r.piece, 'base64'));
    }
    return Buffer.concat(pieces);
  }

  /** A Word file's blocks of the neutral document model, as read when it was uploaded; null for a PDF. */
  async fileDocument(id: number, db: Db = this.db): Promise<unknown[] | null> {
    const row = await db.selectFrom('paper_file').select('document').where('id', '=', id).executeTakeFirst();
    return row?.document ?? null;
  }

  /** Deletes the paper's files that neither the paper nor one of its enclosures points at any more. */
  async deleteUnusedFiles(trx: Db, paperId: number): Promise<number> {
    const used = await trx
      .selectFrom('paper')
      .select('file_id as id')
      .where('id', '=', paperId)
      .where('file_id', 'is not', null)
      .union(trx.selectFrom('paper_enclosure').select('file_id as id').where('paper_id', '=', paperId).where('file_id', 'is not', null))
      .execute();
    const keep = used.map((r) => r.id!).filter((id) => id !== null);
    let q = trx.deleteFrom('paper_file').where('paper_id', '=', paperId);
    if (keep.length) q = q.where('id', 'not in', keep);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  // Clearance

  async clearances(paperId: number, db: Db = this.db): Promise<ClearanceRecord[]> {
    const rows = await db.selectFrom('paper_clearance').selectAll().where('paper_id', '=', paperId).execute();
    return rows.map((r) => ({ role: r.role, name: r.name, clearedOn: r.cleared_on, recordedBy: r.recorded_by, recordedAt: r.recorded_at }));
  }

  async setClearance(trx: Db, paperId: number, c: Clearance, by: string): Promise<void> {
    await trx
      .insertInto('paper_clearance')
      .values({ paper_id: paperId, role: c.role, name: c.name, cleared_on: c.clearedOn, recorded_by: by })
      .onConflict((oc) => oc.columns(['paper_id', 'role']).doUpdateSet({ name: c.name, cleared_on: c.clearedOn, recorded_by: by, recorded_at: new Date() }))
      .execute();
  }

  // Accounts and people

  async personOfUser(userId: number, db: Db = this.db): Promise<number | null> {
    const r = await db.selectFrom('app_user').select('person_id').where('id', '=', userId).executeTakeFirst();
    return r?.person_id ?? null;
  }

  async accountLinks(db: Db = this.db): Promise<AccountLink[]> {
    const rows = await db.selectFrom('app_user').select(['id', 'email', 'name', 'role', 'person_id']).orderBy('name').orderBy('id').execute();
    return rows.map((r) => ({ userId: r.id, email: r.email, name: r.name, role: r.role, personId: r.person_id }));
  }

  async setPersonOfUser(trx: Db, userId: number, personId: number | null): Promise<void> {
    await trx.updateTable('app_user').set({ person_id: personId }).where('id', '=', userId).execute();
  }
}

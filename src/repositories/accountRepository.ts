/**
 * All SQL for accounts: users, data-owner scopes, sessions and failed sign-in attempts.
 * Times are passed in by the service (its clock), so tests can move time.
 */
import type { Db } from '../db/connection.ts';
import type { Role } from '../domain/access.ts';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface Scope {
  refs: string[];
  services: string[];
}

export interface SessionRow {
  session_id: number;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
  user_id: number;
  email: string;
  name: string;
  role: Role;
}

const USER_COLUMNS = ['id', 'email', 'name', 'role', 'password_hash', 'active', 'created_at', 'updated_at'] as const;

export class AccountRepository {
  constructor(private readonly db: Db) {}

  async countUsers(): Promise<number> {
    const row = await this.db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertUser(db: Db, user: { email: string; name: string; role: Role; passwordHash: string | null; active?: boolean }): Promise<number> {
    const row = await db
      .insertInto('app_user')
      .values({ email: user.email, name: user.name, role: user.role, password_hash: user.passwordHash, active: user.active ?? true })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findUserByEmail(email: string, db: Db = this.db): Promise<UserRow | undefined> {
    return db.selectFrom('app_user').select(USER_COLUMNS).where('email', '=', email).executeTakeFirst();
  }

  async findUserById(id: number, db: Db = this.db): Promise<UserRow | undefined> {
    return db.selectFrom('app_user').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  async listUsers(): Promise<UserRow[]> {
    return this.db.selectFrom('app_user').select(USER_COLUMNS).orderBy('name').orderBy('email').execute();
  }

  async scopes(userIds: number[], db: Db = this.db): Promise<Map<number, Scope>> {
    const out = new Map<number, Scope>(userIds.map((id) => [id, { refs: [], services: [] }]));
    if (!userIds.length) return out;
    const rows = await db
      .selectFrom('app_user_scope')
      .select(['user_id', 'kind', 'value'])
      .where('user_id', 'in', userIds)
      .orderBy('kind')
      .orderBy('value')
      .execute();
    for (const r of rows) {
      const scope = out.get(r.user_id)!;
      (r.kind === 'ref' ? scope.refs : scope.services).push(r.value);
    }
    return out;
  }

  async replaceScope(db: Db, userId: number, scope: Scope): Promise<void> {
    await db.deleteFrom('app_user_scope').where('user_id', '=', userId).execute();
    const rows = [
      ...scope.refs.map((value) => ({ user_id: userId, kind: 'ref' as const, value })),
      ...scope.services.map((value) => ({ user_id: userId, kind: 'service' as const, value })),
    ];
    if (rows.length) await db.insertInto('app_user_scope').values(rows).execute();
  }

  async updateUser(
    db: Db,
    id: number,
    changes: Partial<{ name: string; role: Role; active: boolean; password_hash: string | null }>,
    at: Date,
  ): Promise<void> {
    await db
      .updateTable('app_user')
      .set({ ...changes, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  // Sessions

  async insertSession(db: Db, session: { tokenHash: string; userId: number; csrfToken: string; at: Date; expiresAt: Date }): Promise<void> {
    await db
      .insertInto('app_session')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.at,
        last_seen_at: session.at,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /** The live session for a token hash, with its (active) user; null when expired or unknown. */
  async findLiveSession(tokenHash: string, now: Date, createdAfter: Date): Promise<SessionRow | undefined> {
    return this.db
      .selectFrom('app_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .select([
        's.id as session_id',
        's.csrf_token',
        's.created_at',
        's.expires_at',
        's.last_seen_at',
        'u.id as user_id',
        'u.email',
        'u.name',
        'u.role',
      ])
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now)
      .where('s.created_at', '>', createdAfter)
      .where('u.active', '=', true)
      .executeTakeFirst();
  }

  async touchSession(sessionId: number, at: Date, expiresAt: Date): Promise<void> {
    await this.db.updateTable('app_session').set({ last_seen_at: at, expires_at: expiresAt }).where('id', '=', sessionId).execute();
  }

  async deleteSession(tokenHash: string, db: Db = this.db): Promise<void> {
    await db.deleteFrom('app_session').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of a user (after a role, status or password change), except the one kept. */
  async deleteUserSessions(db: Db, userId: number, keepTokenHash: string | null = null): Promise<void> {
    let q = db.deleteFrom('app_session').where('user_id', '=', userId);
    if (keepTokenHash) q = q.where('token_hash', '<>', keepTokenHash);
    await q.execute();
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.db.deleteFrom('app_session').where('expires_at', '<=', now).execute();
  }

  // Failed sign-in attempts (rate limiting)

  async countFailures(key: string, since: Date): Promise<number> {
    const row = await this.db
      .selectFrom('login_attempt')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', key)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async recordFailure(key: string, at: Date): Promise<void> {
    await this.db.insertInto('login_attempt').values({ key, at }).execute();
  }

  async clearFailures(key: string): Promise<void> {
    await this.db.deleteFrom('login_attempt').where('key', '=', key).execute();
  }

  async pruneFailures(before: Date): Promise<void> {
    await this.db.deleteFrom('login_attempt').where('at', '<', before).execute();
  }
}

/**
 * Accounts use cases: users and their roles, data-owner scopes and status (each change audited with
 * actor, before → after and reason), passwords (scrypt, passwords.ts), sessions (random token in the
 * cookie, only its hash stored; idle and absolute expiry; rotated on sign-in) and sign-in rate
 * limiting (failures per email + client IP in a sliding window). See docs/accounts.md.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import type { AccountRepository, Scope, UserRow } from '../repositories/accountRepository.ts';
import type { Repositories } from '../repositories/index.ts';
import { recordAudit } from '../repositories/auditRepository.ts';
import { ROLES, ROLE_LABELS, type Role, type SessionUser } from '../domain/access.ts';
import {
  DEFAULT_SCRYPT,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  generatePassword,
  hashPassword,
  needsRehash,
  verifyPassword,
  type ScryptParams,
} from './passwords.ts';
import { inTransaction } from '../db/transaction.ts';

export interface AccountOptions {
  /** The clock (tests move it). */
  now?: () => Date;
  /** A session ends after this long without a request. */
  idleTimeoutMs?: number;
  /** …and this long after sign-in, whatever the activity. */
  absoluteTimeoutMs?: number;
  /** Failed sign-ins allowed per email + IP within the window before sign-in is refused. */
  maxFailures?: number;
  failureWindowMs?: number;
  scrypt?: ScryptParams;
}

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 24 * 60 * 60 * 1000;
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** last_seen_at is written at most this often per session (not on every request). */
const TOUCH_EVERY_MS = 60 * 1000;

export type FieldErrors = Record<string, string>;

/** A validation failure: messages per form field, in the order the fields appear. */
export class AccountError extends Error {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join('; '));
  }
}

export interface NewUser {
  email: string;
  name: string;
  role: string;
  password: string | null;
  scope?: Scope;
}

export interface UserChanges {
  name?: string;
  role?: string;
  active?: boolean;
  scope?: Scope;
}

export interface UserSummary {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  hasPassword: boolean;
  scope: Scope;
  createdAt: Date;
  updatedAt: Date;
}

export interface LiveSession {
  user: SessionUser;
  csrfToken: string;
  sessionId: number;
}

export type SignInOutcome =
  | { ok: true; token: string; user: SessionUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate-limited'; retryAfterMinutes: number };

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Splits a textarea of refs or services (one per line or comma-separated) into a sorted, de-duplicated list. */
export function parseScopeList(text: string | undefined | null): string[] {
  return [...new Set((text ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean))].sort();
}

export function checkPassword(password: string | null | undefined, field = 'password'): FieldErrors {
  if (!password) return { [field]: 'Enter a password' };
  if (password.length < MIN_PASSWORD_LENGTH) return { [field]: `Password must be ${MIN_PASSWORD_LENGTH} characters or more` };
  if (password.length > MAX_PASSWORD_LENGTH) return { [field]: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer` };
  return {};
}

/** Checks a new user's fields; returns GOV.UK-style messages per field (empty when valid). */
export function validateNewUser(input: NewUser): FieldErrors {
  const errors: FieldErrors = {};
  const email = normaliseEmail(input.email ?? '');
  if (!input.name?.trim()) errors.name = 'Enter the person’s full name';
  else if (input.name.trim().length > 200) errors.name = 'Name must be 200 characters or fewer';
  if (!email) errors.email = 'Enter an email address';
  else if (!EMAIL.test(email) || email.length > 254) errors.email = 'Enter an email address in the correct format, like name@example.gov.uk';
  if (!isRole(input.role)) errors.role = 'Select a role';
  if (input.password !== null) Object.assign(errors, checkPassword(input.password));
  return errors;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function auditView(user: Pick<UserSummary, 'name' | 'role' | 'active' | 'scope'>): Record<string, unknown> {
  return { name: user.name, role: user.role, active: user.active, refs: user.scope.refs, services: user.scope.services };
}

export class AccountService {
  private readonly repo: AccountRepository;
  private readonly db: Db;
  readonly now: () => Date;
  readonly idleTimeoutMs: number;
  readonly absoluteTimeoutMs: number;
  readonly maxFailures: number;
  readonly failureWindowMs: number;
  readonly #scrypt: ScryptParams;
  #dummyHash: Promise<string> | null = null;

  constructor(
    repositories: Pick<Repositories, 'db' | 'accounts'>,
    options: AccountOptions = {},
  ) {
    this.db = repositories.db;
    this.repo = repositories.accounts;
    this.now = options.now ?? (() => new Date());
    this.idleTimeoutMs = options.idleTimeoutMs ?? SESSION_IDLE_MS;
    this.absoluteTimeoutMs = options.absoluteTimeoutMs ?? SESSION_ABSOLUTE_MS;
    this.maxFailures = options.maxFailures ?? MAX_FAILURES;
    this.failureWindowMs = options.failureWindowMs ?? FAILURE_WINDOW_MS;
    this.#scrypt = options.scrypt ?? DEFAULT_SCRYPT;
  }

  // Users

  async countUsers(): Promise<number> {
    return this.repo.countUsers();
  }

  async listUsers(): Promise<UserSummary[]> {
    const rows = await this.repo.listUsers();
    const scopes = await this.repo.scopes(rows.map((r) => r.id));
    return rows.map((r) => this.#summary(r, scopes.get(r.id)!));
  }

  async getUser(id: number): Promise<UserSummary | null> {
    const row = await this.repo.findUserById(id);
    if (!row) return null;
    return this.#summary(row, (await this.repo.scopes([id])).get(id)!);
  }

  #summary(r: UserRow, scope: Scope): UserSummary {
    return {
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      active: r.active,
      hasPassword: r.password_hash !== null,
      scope,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  /** Creates a user (audited). Throws AccountError with field messages when invalid or the email is taken. */
  async createUser(input: NewUser, actor: string, reason: string | null = null): Promise<UserSummary> {
    const errors = validateNewUser(input);
    if (Object.keys(errors).length) throw new AccountError(errors);
    const email = normaliseEmail(input.email);
    const role = input.role as Role;
    const scope = role === 'data-owner' ? (input.scope ?? { refs: [], services: [] }) : { refs: [], services: [] };
    const passwordHash = input.password === null ? null : await hashPassword(input.password, this.#scrypt);
    const id = await inTransaction(this.db, async (trx) => {
      if (await this.repo.findUserByEmail(email, trx)) throw new AccountError({ email: 'There is already a user with this email address' });
      const id = await this.repo.insertUser(trx, { email, name: input.name.trim(), role, passwordHash });
      await this.repo.replaceScope(trx, id, scope);
      await recordAudit(trx, [
        {
          actor,
          action: 'user:add',
          entity: 'app_user',
          entityKey: email,
          before: null,
          after: auditView({ name: input.name.trim(), role, active: true, scope }),
          reason: reason || 'New account',
        },
      ]);
      return id;
    });
    return (await this.getUser(id))!;
  }

  /**
   * Changes name, role, data-owner scope or status (audited with before → after and the reason).
   * The user's sessions end when their role, scope or status changes, so new rights apply at once.
   */
  async updateUser(id: number, changes: UserChanges, actor: { id: number | null; label: string }, reason: string): Promise<UserSummary> {
    const errors: FieldErrors = {};
    if (changes.name !== undefined && !changes.name.trim()) errors.name = 'Enter the person’s full name';
    if (changes.role !== undefined && !isRole(changes.role)) errors.role = 'Select a role';
    if (!reason?.trim()) errors.reason = 'Enter the reason for the change';
    if (actor.id === id) {
      if (changes.role !== undefined && changes.role !== 'administrator') errors.role = 'You cannot remove your own administrator role';
      if (changes.active === false) errors.active = 'You cannot deactivate your own account';
    }
    if (Object.keys(errors).length) throw new AccountError(errors);
    const before = await this.getUser(id);
    if (!before) throw new AccountError({ user: 'There is no such user' });
    const role = (changes.role ?? before.role) as Role;
    const after = {
      name: changes.name?.trim() ?? before.name,
      role,
      active: changes.active ?? before.active,
      scope: role === 'data-owner' ? (changes.scope ?? before.scope) : { refs: [], services: [] },
    };
    const beforeView = auditView(before);
    const afterView = auditView(after);
    if (JSON.stringify(beforeView) === JSON.stringify(afterView)) return before;
    await inTransaction(this.db, async (trx) => {
      await this.repo.updateUser(trx, id, { name: after.name, role: after.role, active: after.active }, this.now());
      await this.repo.replaceScope(trx, id, after.scope);
      const rightsChanged =
        before.role !== after.role || before.active !== after.active || JSON.stringify(before.scope) !== JSON.stringify(after.scope);
      if (rightsChanged) await this.repo.deleteUserSessions(trx, id);
      const action = before.active !== after.active ? (after.active ? 'user:activate' : 'user:deactivate') : before.role !== after.role ? 'user:role' : 'user:change';
      await recordAudit(trx, [{ actor: actor.label, action, entity: 'app_user', entityKey: before.email, before: beforeView, after: afterView, reason: reason.trim() }]);
    });
    return (await this.getUser(id))!;
  }

  /**
   * Sets a user's password (audited; the hash is never written to the audit log). Ends the user's
   * other sessions; `keepTokenHashOf` keeps the caller's own session when they change their own password.
   */
  async setPassword(id: number, password: string, actor: string, reason: string | null, keepSessionToken: string | null = null): Promise<void> {
    const errors = checkPassword(password);
    if (Object.keys(errors).length) throw new AccountError(errors);
    const user = await this.repo.findUserById(id);
    if (!user) throw new AccountError({ user: 'There is no such user' });
    const hash = await hashPassword(password, this.#scrypt);
    await inTransaction(this.db, async (trx) => {
      await this.repo.updateUser(trx, id, { password_hash: hash }, this.now());
      await this.repo.deleteUserSessions(trx, id, keepSessionToken ? hashToken(keepSessionToken) : null);
      await recordAudit(trx, [
        {
          actor,
          action: 'user:password',
          entity: 'app_user',
          entityKey: user.email,
          before: { password: user.password_hash ? 'set' : 'not set' },
          after: { password: 'changed' },
          reason: reason || 'Password set',
        },
      ]);
    });
  }

  // Sign-in, sessions

  /**
   * Signs in with email and password from a client IP. Refused without checking the password when
   * the email + IP has failed `maxFailures` times within the window (the refusal is audited).
   * Unknown emails cost the same time as known ones. On success a new session is created and the
   * session presented with the request (if any) is ended: the token rotates on every sign-in.
   */
  async signIn(emailInput: string, password: string, ip: string, previousToken: string | null = null): Promise<SignInOutcome> {
    const email = normaliseEmail(emailInput);
    const key = `${email} ${ip}`;
    const now = this.now();
    const since = new Date(now.getTime() - this.failureWindowMs);
    const failures = await this.repo.countFailures(key, since);
    if (failures >= this.maxFailures) {
      await recordAudit(this.db, [
        {
          actor: email || '(no email)',
          action: 'sign-in:refused',
          entity: 'app_user',
          entityKey: email || '(no email)',
          before: null,
          after: { ip, failures },
          reason: `Too many failed sign-in attempts: ${failures} in ${Math.round(this.failureWindowMs / 60000)} minutes`,
        },
      ]);
      return { ok: false, reason: 'rate-limited', retryAfterMinutes: Math.round(this.failureWindowMs / 60000) };
    }
    const user = email ? await this.repo.findUserByEmail(email) : undefined;
    const hash = user?.password_hash ?? (await this.#dummy());
    const matches = (await verifyPassword(hash, password)) && user !== undefined && user.password_hash !== null;
    if (!matches || !user.active) {
      await this.repo.recordFailure(key, now);
      if (Math.random() < 0.05) await this.repo.pruneFailures(new Date(now.getTime() - 24 * 60 * 60 * 1000));
      return { ok: false, reason: 'invalid' };
    }
    await this.repo.clearFailures(key);
    if (needsRehash(user.password_hash!, this.#scrypt)) {
      await this.repo.updateUser(this.db, user.id, { password_hash: await hashPassword(password, this.#scrypt) }, now);
    }
    if (previousToken) await this.repo.deleteSession(hashToken(previousToken));
    const token = await this.#createSession(user.id);
    await recordAudit(this.db, [
      { actor: email, action: 'sign-in', entity: 'app_user', entityKey: email, before: null, after: { ip }, reason: null },
    ]);
    const scope = user.role === 'data-owner' ? (await this.repo.scopes([user.id])).get(user.id)! : { refs: [], services: [] };
    return { ok: true, token, user: { id: user.id, email: user.email, name: user.name, role: user.role, scope } };
  }

  #dummy(): Promise<string> {
    return (this.#dummyHash ??= hashPassword(generatePassword(), this.#scrypt));
  }

  /** Creates a session for a user and returns its token (for the cookie). Used by sign-in, OIDC and tests. */
  async createSession(userId: number): Promise<string> {
    return this.#createSession(userId);
  }

  async #createSession(userId: number): Promise<string> {
    const token = newToken();
    const at = this.now();
    await this.repo.insertSession(this.db, {
      tokenHash: hashToken(token),
      userId,
      csrfToken: newToken(),
      at,
      expiresAt: new Date(at.getTime() + this.idleTimeoutMs),
    });
    return token;
  }

  /** The signed-in user for a session token, or null when the session is unknown, idle too long, too old, or the user inactive. */
  async sessionFor(token: string | null | undefined): Promise<LiveSession | null> {
    if (!token || token.length > 200) return null;
    const now = this.now();
    const row = await this.repo.findLiveSession(hashToken(token), now, new Date(now.getTime() - this.absoluteTimeoutMs));
    if (!row) return null;
    if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
      await this.repo.touchSession(row.session_id, now, new Date(now.getTime() + this.idleTimeoutMs));
    }
    const scope = row.role === 'data-owner' ? (await this.repo.scopes([row.user_id])).get(row.user_id)! : { refs: [], services: [] };
    return {
      user: { id: row.user_id, email: row.email, name: row.name, role: row.role, scope },
      csrfToken: row.csrf_token,
      sessionId: row.session_id,
    };
  }

  /** Replaces a session's token with a new one (same user); returns the new token, or null if the old one is not live. */
  async rotateSession(token: string): Promise<string | null> {
    const live = await this.sessionFor(token);
    if (!live) return null;
    await this.repo.deleteSession(hashToken(token));
    return this.#createSession(live.user.id);
  }

  async signOut(token: string | null | undefined): Promise<void> {
    if (token) await this.repo.deleteSession(hashToken(token));
    if (Math.random() < 0.05) await this.repo.deleteExpiredSessions(this.now());
  }

  // Demo accounts

  /**
   * For the demo council: when there are no users yet, creates one user per role
   * (<role>@townhall.example) sharing one password — `password` if given (env DEMO_PASSWORD),
   * else a random one that the caller prints once. Returns null when users already exist.
   */
  async ensureDemoAccounts(password?: string | null): Promise<{ users: { email: string; role: Role }[]; password: string; generated: boolean } | null> {
    if ((await this.countUsers()) > 0) return null;
    const generated = !password;
    const pwd = password || generatePassword();
    const errors = checkPassword(pwd);
    if (Object.keys(errors).length) throw new AccountError({ DEMO_PASSWORD: `DEMO_PASSWORD: ${errors.password}` });
    const users: { email: string; role: Role }[] = [];
    for (const role of ROLES) {
      const email = `${role}@townhall.example`;
      await this.createUser(
        {
          email,
          name: `Demo ${ROLE_LABELS[role].toLowerCase()}`,
          role,
          password: pwd,
          scope: role === 'data-owner' ? { refs: ['CG/C2', 'CG/S3'], services: ['Commissioning Group', 'Community Safety'] } : undefined,
        },
        'demo',
        'Demo accounts created on first start',
      );
      users.push({ email, role });
    }
    return { users, password: pwd, generated };
  }
}

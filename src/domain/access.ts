/**
 * Who is asking, and what they may see: roles, the signed-in user and the audience. Pure, shared by
 * services (which decide visibility), the web (which authenticates) and the CLI. The web attaches a
 * `SessionUser | null` to each request (src/web/auth/user.ts); null is the anonymous public.
 */
export const ROLES = ['administrator', 'performance-officer', 'data-owner', 'governance-officer', 'councillor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  'performance-officer': 'Performance officer',
  'data-owner': 'Data owner',
  'governance-officer': 'Governance officer',
  councillor: 'Councillor',
};

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** For data owners: the indicator refs and services they may edit (empty for other roles). */
  scope: { refs: string[]; services: string[] };
}

/** Staff (any signed-in role) may see unpublished data; residents and anonymous visitors only published data. */
export function canSeeUnpublished(user: SessionUser | null): boolean {
  return user !== null;
}

/** Who is looking, as services need to know it: staff may see unpublished cycles; the public may not. */
export interface Audience {
  includeUnpublished: boolean;
}

/** The audience of a signed-in user, or of the anonymous public (null). */
export function audienceOf(user: SessionUser | null): Audience {
  return { includeUnpublished: canSeeUnpublished(user) };
}

/** The audience that sees only what is published: residents, open data, the public site. */
export const PUBLIC_AUDIENCE: Audience = Object.freeze({ includeUnpublished: false });
/** Staff: every cycle, drafts included. */
export const STAFF_AUDIENCE: Audience = Object.freeze({ includeUnpublished: true });

/**
 * What a service returns instead of a thing the audience may not see — or that does not exist: the two
 * must look the same to the public (a page answers 404 for both).
 */
export const NOT_VISIBLE: unique symbol = Symbol('not visible');
export type NotVisible = typeof NOT_VISIBLE;

/** Who manages committee business — committees' members, people, meetings — (issue 11, deliver 8). */
export const COMMITTEE_BUSINESS_ROLES: readonly Role[] = ['administrator', 'governance-officer'];

export function canManageCommitteeBusiness(user: Pick<SessionUser, 'role'> | null): boolean {
  return user !== null && COMMITTEE_BUSINESS_ROLES.includes(user.role);
}

/**
 * Who may draft report papers as their author (issue 11, deliver 8): an officer's account — any staff role,
 * not a councillor — linked to a person named as the paper's contact. Which papers is decided by the
 * agenda service (src/services/agendaService.ts), from the paper's contacts.
 */
export const REPORT_AUTHOR_ROLES: readonly Role[] = ['administrator', 'performance-officer', 'data-owner', 'governance-officer'];

export function canAuthorPapers(user: Pick<SessionUser, 'role'> | null): boolean {
  return user !== null && REPORT_AUTHOR_ROLES.includes(user.role);
}

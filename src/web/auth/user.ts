/**
 * Who is asking: the contract between authentication (src/web/auth) and every page.
 * `request.user` is null for anonymous visitors (the public).
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

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** Staff (any signed-in role) may see unpublished data; residents and anonymous visitors only published data. */
export function canSeeUnpublished(user: SessionUser | null): boolean {
  return user !== null;
}

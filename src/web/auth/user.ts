/**
 * The contract between authentication (src/web/auth) and every page: `request.user` is the signed-in
 * user, or null for anonymous visitors (the public). Roles and the user type are domain types
 * (src/domain/access.ts).
 */
import type { SessionUser } from '../../domain/access.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

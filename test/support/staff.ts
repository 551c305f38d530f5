/**
 * Test-only: simulate a signed-in staff user (sign-in is built separately). Requests carrying the
 * header `x-test-staff: 1` get `request.user` set to a performance officer; others stay anonymous.
 */
import type { FastifyInstance } from 'fastify';
import type { SessionUser } from '../../src/domain/access.ts';

export const STAFF_HEADER = 'x-test-staff';
export const STAFF: Record<string, string> = { [STAFF_HEADER]: '1' };

export const TEST_OFFICER: SessionUser = {
  id: 999,
  email: 'officer@example.test',
  name: 'Test Officer',
  role: 'performance-officer',
  scope: { refs: [], services: [] },
};

/** Call before the server is ready (before the first inject or listen). */
export function allowTestStaff(server: FastifyInstance): void {
  server.addHook('onRequest', async (request) => {
    if (request.headers[STAFF_HEADER] === '1') request.user = TEST_OFFICER;
  });
}

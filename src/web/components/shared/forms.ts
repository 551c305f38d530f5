/**
 * What the committee-business staff pages share in reading a posted form and answering a write: a
 * field's text, an id from a path, the acting user, and a write whose refused form is shown again.
 */
import type { FastifyReply } from 'fastify';
import type { SessionUser } from '../../../domain/access.ts';
import type { DateParts } from '../../../domain/dateParts.ts';
import { CommitteeBusinessError, NotAllowedError, type FieldErrors } from '../../../services/committeeBusinessService.ts';

/** A parsed form body (urlencoded or multipart fields). */
export type Body = Record<string, unknown> | undefined;

/** A field's text: '' when absent or not a single string. */
export const text = (body: Body, key: string): string => {
  const v = body?.[key];
  return typeof v === 'string' ? v : '';
};

/** A field's values: every string posted under the name. */
export const list = (body: Body, key: string): string[] => {
  const v = body?.[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
};

/** The day, month and year fields of a GOV.UK date input named `prefix`. */
export const parts = (body: Body, prefix: string): DateParts => ({ day: text(body, `${prefix}-day`), month: text(body, `${prefix}-month`), year: text(body, `${prefix}-year`) });

/** A path's numeric id, or null when it is not one. */
export const idOf = (value: string): number | null => (/^\d{1,9}$/.test(value) ? Number(value) : null);

/** The signed-in user as services name the one acting (the route requires a role, so there is one). */
export const actor = (user: SessionUser | null) => ({ email: user!.email, role: user!.role });

/** The 403 page for a write the user's role or relation to the thing does not allow. */
export function forbidden(reply: FastifyReply, error: NotAllowedError): FastifyReply {
  return reply.code(403).view('access/problem.njk', { pageTitle: 'You do not have permission to use this page', paragraphs: [error.message], link: { href: '/', text: 'Go to the home page' } });
}

/** Runs a write; a refused form is shown again (400) with every error; a refused role is a 403 page. */
export async function attempt(reply: FastifyReply, work: () => Promise<FastifyReply>, again: (errors: FieldErrors) => FastifyReply | Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CommitteeBusinessError) {
      reply.code(400);
      return again(error.errors);
    }
    if (error instanceof NotAllowedError) return forbidden(reply, error);
    throw error;
  }
}

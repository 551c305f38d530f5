/**
 * Shared by the data-entry, sign-off and upload pages: reading form fields, dates as
 * people read them, error summaries, and loading the (committee, period) cycle named in a URL.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import { ENTRY_ROLES } from '../../../services/resultEntry.ts';
import { requireRole } from '../../auth/plugin.ts';
import type { EntryCycle } from '../../../services/entryService.ts';
import { periodKeyFromSlug } from '../../urls.ts';
import { notFound } from '../../errors.ts';

export type Body = Record<string, unknown> | undefined;

/** A text field of a form body ('' when absent or not text). */
export function field(body: Body, key: string): string {
  const v = body?.[key];
  return typeof v === 'string' ? v : '';
}

const WHEN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "21 November 2018 at 14:05" (UK time). */
export function formatWhen(at: Date): string {
  const parts = Object.fromEntries(WHEN.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

/** "Sam Owner (sam@council.gov.uk)" or the actor as recorded. */
export function actorText(actor: string, name: string | null): string {
  return name ? `${name} (${actor})` : actor;
}

export type FieldErrors = Record<string, string>;

/** GOV.UK error summary items in the order the fields appear, linking to each field's id. */
export function errorSummary(errors: FieldErrors, order: readonly string[], ids: Record<string, string> = {}): { text: string; href: string }[] | null {
  const keys = Object.keys(errors).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return keys.length ? keys.map((k) => ({ text: errors[k]!, href: `#${ids[k] ?? k}` })) : null;
}

/** Inline error messages for GOV.UK macros: { field: { text } }. */
export function inlineErrors(errors: FieldErrors): Record<string, { text: string }> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, { text: v }]));
}

/** The cycle named by `:slug/:period` in a URL, or a 404 page. */
export async function loadCycle(app: App, reply: FastifyReply, slug: string, periodText: string): Promise<EntryCycle | null> {
  const key = periodKeyFromSlug(periodText);
  const cycle = key ? await app.entry.cycle(slug, key) : null;
  if (!cycle) notFound(reply);
  return cycle;
}

/** Pages with forms and unpublished data are not cached. */
export function noStore(reply: FastifyReply): void {
  reply.header('Cache-Control', 'no-store');
}

/** Every data-entry page: only the entry roles, and never stored by a browser or proxy. */
export function guardEntryRoutes(server: FastifyInstance): void {
  server.addHook('preHandler', requireRole(...ENTRY_ROLES));
  server.addHook('onSend', async (_request, reply, payload) => {
    noStore(reply);
    return payload;
  });
}

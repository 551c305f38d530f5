/**
 * Error pages, one place for all of them: the GOV.UK "Page not found" page for unknown addresses and
 * routes that find nothing, a page for a request the service cannot read (400, 413, 415, …) and the
 * GOV.UK "Sorry, there is a problem with the service" page for anything that fails (5xx). No page
 * shows an error's own message or stack (they can name tables, columns or libraries): that goes to
 * the log, with the request id. Routes that answer JSON get a JSON error instead. Error pages are
 * never stored (`Cache-Control: no-store`). Refusals for access (401/403) are requireRole's pages.
 */
import { STATUS_CODES } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { JSON_ROUTES } from './urls.ts';

/** An error a route or hook throws for a request it cannot accept; `message` is shown to the visitor. */
export class BadRequestError extends Error {
  readonly statusCode = 400;
}

interface Problem {
  pageTitle: string;
  paragraphs: string[];
  /** For JSON answers: the one sentence a client is told. */
  message: string;
}

const HOME_LINK = { href: '/', text: 'Go to the home page' };

const SERVICE_PROBLEM: Problem = {
  pageTitle: 'Sorry, there is a problem with the service',
  paragraphs: ['Try again later.'],
  message: 'Sorry, there is a problem with the service. Try again later.',
};

const TRY_AGAIN = 'Go back, reload the page and try again.';

/** What the visitor is told for a client error: worded by status and Fastify's error code, never the error's text. */
function clientProblem(status: number, error: FastifyError): Problem {
  const request = (message: string, paragraphs = [message, TRY_AGAIN]) => ({ pageTitle: 'Sorry, there is a problem with your request', paragraphs, message });
  if (status === 413) {
    const message = 'What you sent is larger than this service accepts.';
    return { pageTitle: 'Sorry, what you sent is too large', paragraphs: [message, TRY_AGAIN], message };
  }
  if (status === 415) return request('The service cannot read information sent in this form.');
  if (error instanceof BadRequestError) return request(error.message);
  if (error.code === 'FST_ERR_BAD_URL') return request('The web address is not valid.', ['The web address is not valid.', 'If you typed the web address, check it is correct.']);
  if (error.validation) return request('Some of the information sent is not in the form this page expects.');
  if (status === 400) return request('The information sent could not be read.');
  return request('The service could not accept this request.');
}

/** Routes answering JSON (and clients asking only for JSON) get their errors as JSON. */
function wantsJson(request: FastifyRequest): boolean {
  if (JSON_ROUTES.includes(request.routeOptions.url ?? '')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html') && !accept.includes('*/*');
}

function errorReply(reply: FastifyReply, status: number): FastifyReply {
  // An error can come after a route began a download: the page is a page, not an attachment.
  reply.removeHeader('content-disposition');
  return reply.code(status).header('Cache-Control', 'no-store');
}

function sendJson(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
}

/** The GOV.UK "Page not found" page (404), for unknown addresses and for anything a route cannot find or may not show. */
export function notFound(reply: FastifyReply): FastifyReply {
  errorReply(reply, 404);
  if (wantsJson(reply.request)) return sendJson(reply, 404, 'Not found');
  return reply.view('not-found/not-found.njk', { pageTitle: 'Page not found' });
}

function sendProblem(reply: FastifyReply, status: number, problem: Problem): FastifyReply {
  errorReply(reply, status);
  if (wantsJson(reply.request)) return sendJson(reply, status, problem.message);
  try {
    return reply.view('access/problem.njk', { pageTitle: problem.pageTitle, paragraphs: problem.paragraphs, link: HOME_LINK });
  } catch (renderError) {
    // The page itself failed (e.g. the layout): plain words, still no details.
    reply.log.error({ err: renderError }, 'the error page could not be rendered');
    return reply.type('text/plain; charset=utf-8').send(`${problem.pageTitle}\n\n${problem.paragraphs.join('\n')}\n`);
  }
}

/** Answers any error: a 4xx status Fastify or a plugin gave it, otherwise 500. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const given = error.statusCode ?? 500;
  const status = given >= 400 && given <= 599 ? given : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, status, SERVICE_PROBLEM);
  }
  request.log.info({ err: { code: error.code, message: error.message }, statusCode: status }, 'request refused');
  if (status === 404) return notFound(reply);
  return sendProblem(reply, status, clientProblem(status, error));
}

/**
 * Input limits for every request, checked before any route (issue 9): what no page or form of this
 * service sends is refused with a 400 page, so it never reaches a service or the database.
 * - Control characters: none in the address (decoded) or a header; none but tab, line feed and
 *   carriage return in a form field (PostgreSQL text cannot hold U+0000 at all).
 * - Percent-encoding: the address and an urlencoded form must decode (UTF-8), not be passed on raw.
 * - Lengths: an address of at most MAX_URL_LENGTH characters (the longest a page links to is a
 *   sign-in `next` path of up to 2,000 characters, encoded); a header value of at most
 *   MAX_HEADER_LENGTH; a form field of at most MAX_FIELD_LENGTH: twice the longest text a form
 *   accepts (10,000 characters, src/services/resultEntry.ts MAX_TEXT), as a browser sends a text
 *   area's line ends as two characters. Each field's own limit is checked by its service or route,
 *   with a message on the form; this is the backstop for what no form sends.
 */
export const MAX_URL_LENGTH = 8_192;
export const MAX_HEADER_LENGTH = 8_192;
export const MAX_FIELD_LENGTH = 20_000;

/** Whether `text` holds a control character (C0 or DEL) other than those `allowed`. */
function hasControl(text: string, allowed = ''): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 || code === 0x7f) && !allowed.includes(text[i]!)) return true;
  }
  return false;
}

const CHARACTER_MESSAGE = 'The web address or form contains a character that cannot be used.';
const ENCODING_MESSAGE = 'The web address or form is not written in a form the service can read.';
const LENGTH_MESSAGE = 'The web address or form contains more than the service accepts.';

/** Why an address is refused, or null when it may be read. */
function urlProblem(url: string): string | null {
  if (url.length > MAX_URL_LENGTH) return LENGTH_MESSAGE;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return ENCODING_MESSAGE;
  }
  return hasControl(decoded) ? CHARACTER_MESSAGE : null;
}

/** Why a form field's text is refused, or null. */
function textProblem(value: string): string | null {
  if (value.length > MAX_FIELD_LENGTH) return LENGTH_MESSAGE;
  return hasControl(value, '\t\n\r') ? CHARACTER_MESSAGE : null;
}

/** Throws the 400 for a text a route reads itself (e.g. an uploaded file's name) that no form would send. */
export function assertAcceptableText(value: string): void {
  const problem = textProblem(value);
  if (problem) throw new BadRequestError(problem);
}

function bodyProblem(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return textProblem(value);
  if (depth > 4 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, v] of Object.entries(value)) {
    const problem = textProblem(key) ?? bodyProblem(v, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** The urlencoded form parser (@fastify/formbody's `parser`): a form that does not decode is refused (400), not read raw. */
export function parseForm(text: string): Record<string, unknown> {
  try {
    for (const part of text.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw new BadRequestError(ENCODING_MESSAGE);
  }
  return parseQueryString(text);
}

function headerProblem(headers: FastifyRequest['headers']): string | null {
  for (const value of Object.values(headers)) {
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text !== 'string') continue;
      if (text.length > MAX_HEADER_LENGTH) return LENGTH_MESSAGE;
      if (hasControl(text, '\t')) return CHARACTER_MESSAGE;
    }
  }
  return null;
}

/** The not-found and error handlers, and the input limits. Register before the routes. */
export function registerErrorPages(server: FastifyInstance): void {
  server.setNotFoundHandler((_request, reply) => notFound(reply));
  server.setErrorHandler(handleError);
  server.addHook('onRequest', async (request) => {
    const problem = urlProblem(request.url) ?? headerProblem(request.headers);
    if (problem) throw new BadRequestError(problem);
  });
  server.addHook('preValidation', async (request) => {
    const problem = bodyProblem(request.body);
    if (problem) throw new BadRequestError(problem);
  });
}

/**
 * Error pages, one place for all of them: the GOV.UK "Page not found" page for unknown addresses and
 * routes that find nothing, a page for a request the service cannot read (400, 413, 415, …) and the
 * GOV.UK "Sorry, there is a problem with the service" page for anything that fails (5xx). No page
 * shows an error's own message or stack (they can name tables, columns or libraries): that goes to
 * the log, with the request id. Routes that answer JSON get a JSON error instead. Error pages are
 * never stored (`Cache-Control: no-store`). Refusals for access (401/403) are requireRole's pages.
 */
import { STATUS_CODES } from 'node:http';
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

/** PostgreSQL text cannot hold U+0000 and no form sends it: a request carrying one is refused before any route. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (depth > 4 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  return Object.values(value).some((v) => hasNul(v, depth + 1));
}

const NUL_MESSAGE = 'The web address or form contains a character that cannot be used.';

/** The not-found and error handlers, and the NUL guard. Register before the routes. */
export function registerErrorPages(server: FastifyInstance): void {
  server.setNotFoundHandler((_request, reply) => notFound(reply));
  server.setErrorHandler(handleError);
  server.addHook('onRequest', async (request) => {
    if (/%00|\0/i.test(request.url)) throw new BadRequestError(NUL_MESSAGE);
  });
  server.addHook('preValidation', async (request) => {
    if (hasNul(request.body)) throw new BadRequestError(NUL_MESSAGE);
  });
}

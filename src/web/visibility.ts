/**
 * Publication visibility for web requests: residents and anonymous visitors (request.user null) see
 * only published cycles; staff see every cycle. Pages answer 404 for a cycle the viewer may not see,
 * exactly as for one that does not exist.
 */
export { audienceOf } from '../domain/access.ts';
/** The GOV.UK "Page not found" page (src/web/errors.ts): the same page as for an unknown address. */
export { notFound } from './errors.ts';

/**
 * Feeds and open civic data of committee business (issue 11, deliver 10; ADR 0021), for everyone:
 *
 * - /meetings.ics and /committees/:slug/meetings.ics: iCal feeds of meetings (subscribe in a calendar app);
 * - /open-data/popolo.json: Popolo / Open Civic Data JSON of councillors, committees, memberships, meetings;
 * - /mgWebService.asmx/{GetCommittees,GetMeetings,GetMeeting,GetCouncillorsByWard}: XML shaped like
 *   ModernGov's web service (docs/civic-data.md has the mapping).
 *
 * What the public may see is decided by `app.civicData`; links in the feeds are absolute, made from the
 * address the request came to.
 */
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../app.ts';
import type { FeedLinks } from '../../../services/feeds/model.ts';
import { BadRequestError, notFound } from '../../errors.ts';
import { preferredEncoding } from '../../publicCache.ts';
import { committeeMembersPath, councillorPath, meetingPaperPath, meetingPath, ROUTES } from '../../urls.ts';
import { lowerCaseQuery, readMeetingId, readMeetingsQuery, readOperation } from './moderngovQuery.ts';

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The site's address as the request reached it; a Host header that is not a host name is not used. */
export function originOf(request: Pick<FastifyRequest, 'protocol' | 'host'>): string {
  const host = HOST.test(request.host ?? '') ? request.host : 'localhost';
  return `${request.protocol === 'https' ? 'https' : 'http'}://${host}`;
}

export function feedLinks(origin: string): FeedLinks {
  return {
    meetings: `${origin}${ROUTES.meetings}`,
    committees: `${origin}${ROUTES.committees}`,
    meeting: (id) => `${origin}${meetingPath(id)}`,
    committee: (slug) => `${origin}${committeeMembersPath(slug)}`,
    councillor: (slug) => `${origin}${councillorPath(slug)}`,
    paper: (meetingId, paperId) => `${origin}${meetingPaperPath(meetingId, paperId)}`,
  };
}

/**
 * The feeds compressed once each: the service hands out the same text until the data change, so the last
 * few texts are kept with their compressed forms (the council's feed of thousands of meetings is
 * megabytes, a tenth of that compressed; calendar apps ask for gzip).
 */
const compressed = { gzip: new Map<string, Buffer>(), br: new Map<string, Buffer>() };
const COMPRESSED_KEPT = 16;

function compressOnce(body: string, encoding: 'gzip' | 'br'): Buffer {
  const kept = compressed[encoding];
  let packed = kept.get(body);
  if (!packed) {
    packed = encoding === 'gzip' ? gzipSync(body, { level: 6 }) : brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6 } });
    kept.set(body, packed);
    while (kept.size > COMPRESSED_KEPT) kept.delete(kept.keys().next().value!);
  }
  return packed;
}

/** Sends a feed, compressed when the client accepts it (Brotli, then gzip: src/web/publicCache.ts). */
function sendFeed(request: FastifyRequest, reply: FastifyReply, type: string, body: string): FastifyReply {
  reply.type(type).header('Cache-Control', 'no-cache').header('Vary', 'Accept-Encoding');
  const encoding = preferredEncoding(request.headers['accept-encoding']);
  if (encoding === 'identity') return reply.send(body);
  return reply.header('Content-Encoding', encoding).send(compressOnce(body, encoding));
}

const CALENDAR = 'text/calendar; charset=utf-8';
const XML = 'text/xml; charset=utf-8';

export const feedRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get(ROUTES.meetingsCalendar, async (request, reply) => {
      const body = (await app.civicData.calendar(feedLinks(originOf(request))))!;
      return sendFeed(request, reply.header('Content-Disposition', 'inline; filename="meetings.ics"'), CALENDAR, body);
    });

    server.get<{ Params: { slug: string } }>(ROUTES.committeeCalendar, async (request, reply) => {
      const body = await app.civicData.calendar(feedLinks(originOf(request)), request.params.slug);
      if (body === null) return notFound(reply);
      return sendFeed(request, reply.header('Content-Disposition', `inline; filename="${request.params.slug.replace(/[^a-z0-9-]/gi, '')}-meetings.ics"`), CALENDAR, body);
    });

    server.get(ROUTES.popolo, async (request, reply) => {
      return sendFeed(request, reply, 'application/json; charset=utf-8', await app.civicData.popoloJson(feedLinks(originOf(request))));
    });

    const moderngov = async (request: FastifyRequest<{ Params: { operation: string } }>) => {
      const operation = readOperation(request.params.operation);
      if (!operation) return null;
      const links = feedLinks(originOf(request));
      const query = lowerCaseQuery(request.query);
      switch (operation) {
        case 'GetCommittees':
          return app.civicData.getCommittees(links);
        case 'GetMeetings': {
          const read = readMeetingsQuery(query);
          if (!read.ok) throw new BadRequestError(read.error);
          return app.civicData.getMeetings(links, read.value);
        }
        case 'GetMeeting': {
          const read = readMeetingId(query);
          if (!read.ok) throw new BadRequestError(read.error);
          return app.civicData.getMeeting(links, read.value);
        }
        case 'GetCouncillorsByWard':
          return app.civicData.getCouncillorsByWard(links);
      }
    };
    for (const route of [ROUTES.moderngov, ROUTES.moderngovLowerCase]) {
      server.get<{ Params: { operation: string } }>(route, async (request, reply) => {
        const body = await moderngov(request);
        if (body === null) return notFound(reply);
        return sendFeed(request, reply, XML, body);
      });
    }
  };

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
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { App } from '../../../app.ts';
import type { FeedLinks } from '../../../services/feeds/model.ts';
import { BadRequestError, notFound } from '../../errors.ts';
import { committeeMembersPath, councillorPath, meetingPath, ROUTES } from '../../urls.ts';
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
  };
}

const CALENDAR = 'text/calendar; charset=utf-8';
const XML = 'text/xml; charset=utf-8';

export const feedRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get(ROUTES.meetingsCalendar, async (request, reply) => {
      const body = (await app.civicData.calendar(feedLinks(originOf(request))))!;
      return reply.type(CALENDAR).header('Content-Disposition', 'inline; filename="meetings.ics"').header('Cache-Control', 'no-cache').send(body);
    });

    server.get<{ Params: { slug: string } }>(ROUTES.committeeCalendar, async (request, reply) => {
      const body = await app.civicData.calendar(feedLinks(originOf(request)), request.params.slug);
      if (body === null) return notFound(reply);
      return reply.type(CALENDAR).header('Content-Disposition', `inline; filename="${request.params.slug.replace(/[^a-z0-9-]/gi, '')}-meetings.ics"`).header('Cache-Control', 'no-cache').send(body);
    });

    server.get(ROUTES.popolo, async (request, reply) => {
      const body = await app.civicData.popoloJson(feedLinks(originOf(request)));
      return reply.type('application/json; charset=utf-8').header('Cache-Control', 'no-cache').send(body);
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
        return reply.type(XML).header('Cache-Control', 'no-cache').send(body);
      });
    }
  };

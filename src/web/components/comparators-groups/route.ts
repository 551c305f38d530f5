/**
 * /comparators/groups — the council's named comparator groups (its nearest neighbours, say: CIPFA's list
 * is licensed, so a group is imported as data; issue 13, deliverable 1), for performance officers and
 * administrators. GET lists the groups with their areas; POST (multipart, CSRF token in the action) adds
 * or replaces a group from a name and a CSV file with an Area Code column
 * (ComparatorService.importGroupBytes): every error at once — the name's on its field, the file's by row
 * and column — and nothing saved on any; "Check only" saves nothing. /comparators/groups/:id/remove asks
 * before removing a group (audited).
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import { groupNameError } from '../../../domain/comparatorCsv.ts';
import { requireRole } from '../../auth/plugin.ts';
import { assertAcceptableText, notFound } from '../../errors.ts';
import { noStore } from '../data-entry/shared.ts';
import { buildComparatorGroupsView, groupRows, type GroupsInput } from './viewModel.ts';

export const COMPARATOR_GROUPS_ROLES = ['administrator', 'performance-officer'] as const;
export const COMPARATOR_GROUPS_PATH = '/comparators/groups';
const MAX_BYTES = 1024 * 1024;
const TEMPLATE = 'comparators-groups/groups.njk';

export const comparatorGroupRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    await server.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5, parts: 6 } });
    server.addHook('preHandler', requireRole(...COMPARATOR_GROUPS_ROLES));
    server.addHook('onSend', async (_request, reply, payload) => {
      noStore(reply);
      return payload;
    });

    const show = async (reply: FastifyReply, code: number, input: Omit<GroupsInput, 'groups' | 'councilArea'>) => {
      const [groups, councilArea] = await Promise.all([app.comparators.groups(), app.comparators.councilArea()]);
      return reply.code(code).view(TEMPLATE, buildComparatorGroupsView({ ...input, groups, councilArea }));
    };

    server.get(COMPARATOR_GROUPS_PATH, async (_request, reply) => show(reply, 200, {}));

    server.post(COMPARATOR_GROUPS_PATH, async (request, reply) => {
      // A refusal before the file is read: the name's error too, when there is one (every error at once).
      const refuse = (fileError: string, name = '') => show(reply, 400, { fileError, name, nameError: groupNameError(name.trim()) });
      if (!request.isMultipart()) return refuse('Select a CSV file to upload');
      let bytes: Buffer;
      let filename: string;
      let name = '';
      let checkOnly = false;
      try {
        const file = await request.file();
        const fieldText = (field: string) => {
          const f = file?.fields[field];
          const one = Array.isArray(f) ? f[0] : f;
          return one && 'value' in one && typeof one.value === 'string' ? one.value : '';
        };
        name = fieldText('name');
        checkOnly = fieldText('checkOnly') === 'yes';
        assertAcceptableText(name);
        if (!file || !file.filename) return refuse('Select a CSV file to upload', name);
        filename = file.filename;
        assertAcceptableText(filename);
        bytes = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return refuse('The selected file must be smaller than 1 MB', name);
        if ((error as { code?: string }).code?.startsWith('FST_')) return refuse('The file could not be uploaded: try again', name);
        throw error;
      }
      if (bytes.length === 0) return refuse('The selected file is empty', name);
      if (!filename.toLowerCase().endsWith('.csv')) return refuse('The selected file must be a CSV file (.csv)', name);
      const outcome = await app.comparators.importGroupBytes(name, bytes, filename, { actor: request.user!.email, reason: `Uploaded ${filename}`, dryRun: checkOnly });
      // A saved group clears the form; a refused or checked one keeps the name typed.
      return show(reply, outcome.ok ? 200 : 400, { name: outcome.ok && !outcome.dryRun ? '' : name, filename, outcome });
    });

    const groupOf = async (id: string) => (/^[1-9]\d{0,8}$/.test(id) ? app.comparators.group(Number(id)) : null);

    server.get<{ Params: { id: string } }>(`${COMPARATOR_GROUPS_PATH}/:id/remove`, async (request, reply) => {
      const group = await groupOf(request.params.id);
      if (!group) return notFound(reply);
      const [row] = groupRows([group], await app.comparators.councilArea());
      return reply.view('comparators-groups/remove.njk', { pageTitle: `Remove the group ${group.name}`, group: row });
    });

    server.post<{ Params: { id: string } }>(`${COMPARATOR_GROUPS_PATH}/:id/remove`, async (request, reply) => {
      const group = await groupOf(request.params.id);
      if (!group || !(await app.comparators.removeGroup(group.id, request.user!.email, 'Removed on the comparator groups page'))) return notFound(reply);
      return show(reply, 200, { removed: group.name });
    });
  };

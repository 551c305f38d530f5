/**
 * /comparators/import — other areas' values of the council's indicators from an LG Inform or Fingertips
 * CSV file (issue 13, deliverable 2), for performance officers and administrators. POST (multipart, CSRF
 * token in the action) checks the whole file: with "Check only" it shows what would be imported; otherwise
 * it imports all or nothing (ComparatorService.importRecords) and shows every error, located by row and
 * column, when there is any.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { requireRole } from '../../auth/plugin.ts';
import { assertAcceptableText } from '../../errors.ts';
import { noStore } from '../data-entry/shared.ts';
import { buildComparatorImportView } from './viewModel.ts';

export const COMPARATOR_IMPORT_ROLES = ['administrator', 'performance-officer'] as const;
export const COMPARATOR_IMPORT_PATH = '/comparators/import';
const MAX_BYTES = 5 * 1024 * 1024;

export const comparatorImportRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    await server.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5, parts: 6 } });
    server.addHook('preHandler', requireRole(...COMPARATOR_IMPORT_ROLES));
    server.addHook('onSend', async (_request, reply, payload) => {
      noStore(reply);
      return payload;
    });

    server.get(COMPARATOR_IMPORT_PATH, async (_request, reply) => reply.view('comparators-import/import.njk', buildComparatorImportView({})));

    server.post(COMPARATOR_IMPORT_PATH, async (request, reply) => {
      const refuse = (fileError: string, indicator = '') => reply.code(400).view('comparators-import/import.njk', buildComparatorImportView({ fileError, indicator }));
      if (!request.isMultipart()) return refuse('Select a CSV file to upload');
      let bytes: Buffer;
      let filename: string;
      let indicator = '';
      let checkOnly = false;
      try {
        const file = await request.file();
        const fieldText = (name: string) => {
          const f = file?.fields[name];
          const one = Array.isArray(f) ? f[0] : f;
          return one && 'value' in one && typeof one.value === 'string' ? one.value : '';
        };
        indicator = fieldText('indicator').trim();
        checkOnly = fieldText('checkOnly') === 'yes';
        assertAcceptableText(indicator);
        if (!file || !file.filename) return refuse('Select a CSV file to upload', indicator);
        filename = file.filename;
        assertAcceptableText(filename);
        bytes = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return refuse('The selected file must be smaller than 5 MB', indicator);
        if ((error as { code?: string }).code?.startsWith('FST_')) return refuse('The file could not be uploaded: try again', indicator);
        throw error;
      }
      if (bytes.length === 0) return refuse('The selected file is empty', indicator);
      if (!filename.toLowerCase().endsWith('.csv')) return refuse('The selected file must be a CSV file (.csv)', indicator);
      const outcome = await app.comparators.importBytes(bytes, filename, {
        indicator: indicator || null,
        dryRun: checkOnly,
        actor: request.user!.email,
        reason: `Uploaded ${filename}`,
      });
      const view = buildComparatorImportView({ indicator, filename, outcome });
      return reply.code(outcome.ok ? 200 : 400).view('comparators-import/import.njk', view);
    });
  };

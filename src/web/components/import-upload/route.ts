/**
 * /import — spreadsheet upload with a preview (performance officers and administrators):
 * GET /import the form; POST /import (multipart, CSRF token in the action) keeps the file server-side
 * under a random id bound to the session, makes its preview (the importer's dry run, on an upload worker
 * thread) and keeps that too, and redirects to GET /import/:id, which shows the kept preview (the changes,
 * or every error) without reading the file again; POST /import/:id confirms: the same file is re-read and
 * re-validated and written only if its plan is still the one previewed — otherwise the new preview is shown.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../app.ts';
import { MAX_LONG_TEXT } from '../../../domain/limits.ts';
import { MAX_UPLOAD_BYTES, looksLikeXlsx, type StoredUpload } from '../../../services/uploadImportService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { assertAcceptableText } from '../../errors.ts';
import { field, noStore, type Body } from '../data-entry/shared.ts';
import { buildPreviewView, buildUploadFormView } from './viewModel.ts';
import { ROUTES, importPreviewPath } from '../../urls.ts';

export const IMPORT_ROLES = ['administrator', 'performance-officer'] as const;

function gone(reply: FastifyReply): FastifyReply {
  return reply.code(404).view('access/problem.njk', {
    pageTitle: 'This upload is no longer available',
    paragraphs: ['Uploads are kept for 30 minutes, for the session that uploaded them, until they are imported. Upload the file again to see its preview.'],
    link: { href: ROUTES.import, text: 'Upload a spreadsheet' },
  });
}

export const importUploadRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    await server.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 11 } });
    server.addHook('preHandler', requireRole(...IMPORT_ROLES));
    server.addHook('onSend', async (_request, reply, payload) => {
      noStore(reply);
      return payload;
    });

    async function upload(request: FastifyRequest<{ Params: { id: string } }>): Promise<StoredUpload | null> {
      const session = request.authSession;
      if (!session || !/^[A-Za-z0-9_-]{1,64}$/.test(request.params.id)) return null;
      return app.uploads.get(request.params.id, session.sessionId);
    }

    server.get<{ Querystring: { imported?: string } }>(ROUTES.import, async (request, reply) => {
      const n = /^\d{1,7}$/.test(request.query.imported ?? '') ? Number(request.query.imported) : null;
      const notice = n === null ? null : `The file has been imported: ${n} change${n === 1 ? '' : 's'} saved and recorded in the audit log.`;
      return reply.view('import-upload/upload.njk', buildUploadFormView(null, notice));
    });

    server.post(ROUTES.import, async (request, reply) => {
      const refuse = (message: string) => reply.code(400).view('import-upload/upload.njk', buildUploadFormView(message));
      if (!request.isMultipart()) return refuse('Select a spreadsheet (.xlsx) to upload');
      let bytes: Buffer;
      let filename: string;
      try {
        const file = await request.file();
        if (!file || !file.filename) return refuse('Select a spreadsheet (.xlsx) to upload');
        filename = file.filename;
        // A name no browser would send (a control character, a megabyte long) is refused, not stored.
        assertAcceptableText(filename);
        bytes = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return refuse('The selected file must be smaller than 20 MB');
        if ((error as { code?: string }).code?.startsWith('FST_')) return refuse('The file could not be uploaded: try again');
        throw error;
      }
      if (bytes.length === 0) return refuse('The selected file is empty');
      if (!filename.toLowerCase().endsWith('.xlsx') || !looksLikeXlsx(bytes)) return refuse('The selected file must be an Excel spreadsheet (.xlsx)');
      const stored = await app.uploads.store(bytes, filename, request.authSession!.sessionId);
      return reply.redirect(importPreviewPath(stored.id), 303);
    });

    const keptView = async (found: StoredUpload, extra: { reason?: string; reasonError?: string; problem?: string } = {}) => {
      const kept = await app.uploads.preview(found);
      return buildPreviewView({ upload: found, preview: kept.outcome, dataChangedAfter: kept.dataChangedSince ? kept.madeAt : null, ...extra });
    };

    server.get<{ Params: { id: string } }>(ROUTES.importPreview, async (request, reply) => {
      const found = await upload(request);
      if (!found) return gone(reply);
      return reply.view('import-upload/preview.njk', await keptView(found));
    });

    server.post<{ Params: { id: string }; Body: Body }>(ROUTES.importPreview, async (request, reply) => {
      const found = await upload(request);
      if (!found) return gone(reply);
      const digest = field(request.body, 'digest');
      const reason = field(request.body, 'reason');
      if (reason.length > MAX_LONG_TEXT) {
        return reply.code(400).view('import-upload/preview.njk', await keptView(found, { reason, reasonError: `Reason must be ${MAX_LONG_TEXT.toLocaleString('en-GB')} characters or fewer` }));
      }
      const outcome = await app.uploads.confirm(found, digest, request.user!.email, reason.trim() || `Uploaded ${found.filename}`);
      if (outcome.kind === 'gone') return gone(reply);
      if (outcome.kind === 'stale') return reply.code(409).view('import-upload/preview.njk', buildPreviewView({ upload: found, preview: outcome.preview, stale: true, reason }));
      // The server could not read the file this time (too large for a worker's memory or time, or busy):
      // said above the kept preview, which stands.
      if (outcome.kind === 'unread') return reply.code(outcome.reason === 'busy' ? 503 : 422).view('import-upload/preview.njk', await keptView(found, { reason, problem: outcome.error.message }));
      return reply.redirect(`${ROUTES.import}?imported=${outcome.changes.length}`, 303);
    });
  };

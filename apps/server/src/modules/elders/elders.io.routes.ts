import { ElderImport, ErrorBody, ExportQuery, IdParams, ImportQuery } from '@yiyang/contracts';
import { z } from 'zod';
import { badRequest } from '../../platform/errors.js';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { ExportService } from './elders.export.service.js';
import type { ImportService } from './elders.import.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_UPLOAD = 40 * 1024 * 1024;

export function elderIoRoutes(app: AppInstance, imports: ImportService, exports: ExportService) {

  app.get('/api/v1/elders/import/template', {
    schema: { tags: ['elders'], summary: 'The .xlsx template with Chinese headers and the units the caller may import into' },
    config: { permission: 'elders.import' },
  }, async (req, reply) => {
    const file = await imports.template(ctxOf(req));
    return reply.type(XLSX).header('content-disposition', `attachment; filename="elders-template.xlsx"; filename*=UTF-8''${encodeURIComponent('老年人信息导入模板.xlsx')}`).send(file);
  });

  // The console sends the file itself as the request body (no multipart for one file); the parser
  // is scoped to this route so other modules keep their own.
  app.register(async (scoped: AppInstance) => {
    scoped.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD }, (_req, body, done) => done(null, body));
    scoped.post('/api/v1/elders/import', {
      schema: {
        tags: ['elders'],
        summary: 'Upload an .xlsx of elders (body: the file). Every row is validated; nothing is written unless all are valid, or mode=valid_only',
        querystring: ImportQuery.extend({ fileName: z.string().max(200).optional() }),
        response: { 202: ElderImport, ...errors },
      },
      bodyLimit: MAX_UPLOAD,
      config: { permission: 'elders.import' },
    }, async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw badRequest('send the .xlsx file as the request body', { field: 'file' });
      const job = await imports.start(ctxOf(req), req.body, req.query.fileName ?? null, req.query.mode);
      return reply.status(202).send(job);
    });
  });

  app.get('/api/v1/elders/imports/:id', {
    schema: { tags: ['elders'], summary: 'Progress and per-row error report of an import', params: IdParams, response: { 200: ElderImport, ...errors } },
    config: { permission: 'elders.import' },
  }, (req) => imports.get(ctxOf(req), req.params.id));

  app.get('/api/v1/elders/export', {
    schema: { tags: ['elders'], summary: 'The filtered list as .xlsx; masked unless full=true and the caller has elders.reveal (audited)', querystring: ExportQuery },
    config: { permission: 'elders.export' },
  }, async (req, reply) => {
    const { stream, fileName } = await exports.export(ctxOf(req), req.query);
    return reply.type(XLSX).header('content-disposition', `attachment; filename="${fileName}"`).send(stream);
  });
}

import { DeadLetterList, DeviceEventsAnswer, DeviceImportResult, DeviceList, DeviceListQuery, Device, ErrorBody, IdParams, RegisterDevice, RegisteredDevice, UpdateDevice } from '@yiyang/contracts';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { DeviceIngest } from './devices.ingest.js';
import type { DevicesService } from './devices.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function devicesRoutes(app: AppInstance, devices: DevicesService, ingest: DeviceIngest) {
  app.get('/api/v1/devices', {
    schema: { tags: ['devices'], summary: 'Devices in the caller\'s area', querystring: DeviceListQuery, response: { 200: DeviceList, ...errors } },
    config: { permission: 'devices.read' },
  }, async (req) => ({ ...(await devices.list(ctxOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/v1/devices/:id', {
    schema: { tags: ['devices'], params: IdParams, response: { 200: Device, ...errors } },
    config: { permission: 'devices.read' },
  }, (req) => devices.get(ctxOf(req), req.params.id));

  app.post('/api/v1/devices', {
    schema: { tags: ['devices'], summary: 'Register a device; its secret is in the answer, once', body: RegisterDevice, response: { 201: RegisteredDevice, ...errors } },
    config: { permission: 'devices.manage' },
  }, async (req, reply) => reply.status(201).send(await devices.register(ctxOf(req), req.body)));

  app.patch('/api/v1/devices/:id', {
    schema: { tags: ['devices'], params: IdParams, body: UpdateDevice, response: { 200: Device, ...errors } },
    config: { permission: 'devices.manage' },
  }, (req) => devices.update(ctxOf(req), req.params.id, req.body));

  app.get('/api/v1/device-dead-letters', {
    schema: { tags: ['devices'], summary: 'Device input that was refused, newest first', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: DeadLetterList, ...errors } },
    config: { permission: 'devices.read' },
  }, (req) => devices.deadLetters(ctxOf(req), req.query.limit));

  // Two routes read their body raw: ingestion must verify the signature over the exact bytes
  // sent, and the import takes a spreadsheet. The parsers are scoped to this plugin only.
  app.register(async (raw: AppInstance) => {
    raw.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    raw.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

    raw.post('/api/v1/device-events', {
      schema: {
        tags: ['devices'],
        summary: 'Device events, one or a batch, signed by the device (see docs/devices.md)',
        headers: z.object({ 'x-yiyang-timestamp': z.string().optional(), 'x-yiyang-signature': z.string().optional() }),
        response: { 200: DeviceEventsAnswer, ...errors },
      },
      config: { public: true },
    }, async (req, reply) => {
      if (typeof req.body !== 'string') return reply.status(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send application/json' } });
      const answer = await ingest.ingest(req.body, { timestamp: req.headers['x-yiyang-timestamp'], signature: req.headers['x-yiyang-signature'] }, 'http');
      const single = !req.body.trimStart().startsWith('[');
      const only = answer.results[0];
      // A single event that was refused is a 400 with the reason; a batch answers per event.
      if (single && only?.status === 'rejected') return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: only.error ?? 'invalid event', details: answer } });
      return answer;
    });

    raw.post('/api/v1/devices/import', {
      schema: { tags: ['devices'], summary: 'Register devices from an .xlsx sheet (all rows or none)', response: { 201: DeviceImportResult, ...errors } },
      config: { permission: 'devices.manage' },
    }, async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) return reply.status(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `send the file as ${XLSX}` } });
      return reply.status(201).send(await devices.importSheet(ctxOf(req), req.body));
    });
  });
}

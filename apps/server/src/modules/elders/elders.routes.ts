import { ChangeElderStatus, CreateElder, ElderDetail, ElderList, ElderListQuery, ErrorBody, IdParams, Revealed, RevealRequest, UpdateElder } from '@yiyang/contracts';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { ElderService } from './elders.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function elderRoutes(app: AppInstance, elders: ElderService) {
  app.get('/api/v1/elders', {
    schema: { tags: ['elders'], summary: 'Find elders in the caller’s scope (numbers masked)', querystring: ElderListQuery, response: { 200: ElderList, ...errors } },
    config: { permission: 'elders.read' },
  }, (req) => elders.list(ctxOf(req), req.query));

  app.post('/api/v1/elders', {
    schema: { tags: ['elders'], summary: 'Register an elder; birth date and sex are read from the ID number', body: CreateElder, response: { 201: ElderDetail, ...errors } },
    config: { permission: 'elders.write' },
  }, async (req, reply) => reply.status(201).send(await elders.create(ctxOf(req), req.body)));

  app.get('/api/v1/elders/:id', {
    schema: { tags: ['elders'], params: IdParams, response: { 200: ElderDetail, ...errors } },
    config: { permission: 'elders.read' },
  }, (req) => elders.get(ctxOf(req), req.params.id));

  app.patch('/api/v1/elders/:id', {
    schema: { tags: ['elders'], params: IdParams, body: UpdateElder, response: { 200: ElderDetail, ...errors } },
    config: { permission: 'elders.write' },
  }, (req) => elders.update(ctxOf(req), req.params.id, req.body));

  app.post('/api/v1/elders/:id/status', {
    schema: { tags: ['elders'], summary: 'Moved out, deceased, or back: records are never deleted', params: IdParams, body: ChangeElderStatus, response: { 200: ElderDetail, ...errors } },
    config: { permission: 'elders.write' },
  }, (req) => elders.changeStatus(ctxOf(req), req.params.id, req.body));

  app.post('/api/v1/elders/:id/reveal', {
    schema: { tags: ['elders'], summary: 'Show full ID-card and phone numbers (audited)', params: IdParams, body: RevealRequest, response: { 200: Revealed, ...errors } },
    config: { permission: 'elders.reveal' },
  }, (req) => elders.reveal(ctxOf(req), req.params.id, req.body));
}

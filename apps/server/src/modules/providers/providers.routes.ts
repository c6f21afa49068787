import { CreateProvider, CreateStaff, ErrorBody, IdParams, Provider, ProviderList, Staff, StaffList, UpdateStaff } from '@yiyang/contracts';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { ProvidersService } from './providers.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function providersRoutes(app: AppInstance, providers: ProvidersService) {
  app.get('/api/v1/providers', {
    schema: { tags: ['providers'], summary: 'Providers serving the caller’s area (or the caller’s own provider)', response: { 200: ProviderList, ...errors } },
    config: { permission: 'providers.read' },
  }, (req) => providers.list(ctxOf(req)));

  app.get('/api/v1/providers/:id', {
    schema: { tags: ['providers'], params: IdParams, response: { 200: Provider, ...errors } },
    config: { permission: 'providers.read' },
  }, (req) => providers.get(ctxOf(req), req.params.id));

  app.post('/api/v1/providers', {
    schema: { tags: ['providers'], body: CreateProvider, response: { 201: Provider, ...errors } },
    config: { permission: 'providers.manage' },
  }, async (req, reply) => reply.status(201).send(await providers.create(ctxOf(req), req.body)));

  app.get('/api/v1/providers/:id/staff', {
    schema: { tags: ['providers'], params: IdParams, response: { 200: StaffList, ...errors } },
    config: { permission: 'providers.read' },
  }, (req) => providers.staff(ctxOf(req), req.params.id));

  app.post('/api/v1/providers/:id/staff', {
    schema: { tags: ['providers'], params: IdParams, body: CreateStaff, response: { 201: Staff, ...errors } },
    config: { permission: 'providers.read' },
  }, async (req, reply) => reply.status(201).send(await providers.addStaff(ctxOf(req), req.params.id, req.body)));

  app.patch('/api/v1/staff/:id', {
    schema: { tags: ['providers'], summary: 'Duty status, skills or working hours of a staff member', params: IdParams, body: UpdateStaff, response: { 200: Staff, ...errors } },
    config: { permission: 'orders.work' },
  }, (req) => providers.updateStaff(ctxOf(req), req.params.id, req.body));
}

import { CreateHealthItem, CreateMeasurement, ErrorBody, HealthItem, HealthItemList, HealthItemParams, IdParams, Measurement, MeasurementList, MeasurementQuery } from '@yiyang/contracts';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { HealthService } from './elders.health.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function healthRoutes(app: AppInstance, health: HealthService) {
  app.get('/api/v1/elders/:id/health-items', {
    schema: { tags: ['elders'], summary: 'Conditions, allergies, medications and disabilities', params: IdParams, querystring: z.object({ includeEnded: z.enum(['true', 'false']).default('false') }), response: { 200: HealthItemList, ...errors } },
    config: { permission: 'elders.read' },
  }, (req) => health.listItems(ctxOf(req), req.params.id, req.query.includeEnded === 'true'));

  app.post('/api/v1/elders/:id/health-items', {
    schema: { tags: ['elders'], params: IdParams, body: CreateHealthItem, response: { 201: HealthItem, ...errors } },
    config: { permission: 'health.write' },
  }, async (req, reply) => reply.status(201).send(await health.addItem(ctxOf(req), req.params.id, req.body)));

  app.post('/api/v1/elders/:id/health-items/:itemId/end', {
    schema: { tags: ['elders'], summary: 'End an entry (it stays in the history)', params: HealthItemParams, response: { 200: HealthItem, ...errors } },
    config: { permission: 'health.write' },
  }, (req) => health.endItem(ctxOf(req), req.params.id, req.params.itemId));

  app.get('/api/v1/elders/:id/measurements', {
    schema: { tags: ['elders'], summary: 'Blood pressure, glucose, weight and heart rate over time', params: IdParams, querystring: MeasurementQuery, response: { 200: MeasurementList, ...errors } },
    config: { permission: 'elders.read' },
  }, (req) => health.listMeasurements(ctxOf(req), req.params.id, req.query));

  app.post('/api/v1/elders/:id/measurements', {
    schema: { tags: ['elders'], params: IdParams, body: CreateMeasurement, response: { 201: Measurement, ...errors } },
    config: { permission: 'health.write' },
  }, async (req, reply) => reply.status(201).send(await health.addMeasurement(ctxOf(req), req.params.id, req.body)));
}

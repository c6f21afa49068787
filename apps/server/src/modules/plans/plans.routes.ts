import { CarePlan, CarePlanList, CarePlanQuery, CreateCarePlan, ErrorBody, Holiday, HolidayList, HolidayParams, HolidayRemoved, HolidaySet, IdParams, ReasonBody } from '@yiyang/contracts';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { PlansService } from './plans.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['plans'];

export function plansRoutes(app: AppInstance, plans: PlansService) {
  app.get('/api/v1/care-plans', {
    schema: { tags, querystring: CarePlanQuery, response: { 200: CarePlanList, ...errors } },
    config: { permission: 'orders.read' },
  }, (req) => plans.list(ctxOf(req), req.query.elderId));

  app.post('/api/v1/care-plans', {
    schema: { tags, summary: 'A recurring service for an elder (RRULE); orders are generated ahead', body: CreateCarePlan, response: { 201: CarePlan, ...errors } },
    config: { permission: 'plans.manage' },
  }, async (req, reply) => reply.status(201).send(await plans.create(ctxOf(req), req.body)));

  app.get('/api/v1/care-plans/:id', {
    schema: { tags, params: IdParams, response: { 200: CarePlan, ...errors } },
    config: { permission: 'orders.read' },
  }, (req) => plans.get(ctxOf(req), req.params.id));

  app.post('/api/v1/care-plans/:id/stop', {
    schema: { tags, params: IdParams, body: ReasonBody, response: { 200: CarePlan, ...errors } },
    config: { permission: 'plans.manage' },
  }, (req) => plans.stop(ctxOf(req), req.params.id, req.body.reason));

  app.get('/api/v1/holidays', {
    schema: { tags, querystring: z.object({ from: z.iso.date().optional() }), response: { 200: HolidayList, ...errors } },
    config: { permission: 'catalog.read' },
  }, (req) => plans.holidays(req.query.from));

  app.put('/api/v1/holidays/:day', {
    schema: { tags, summary: 'Mark a day on which care plans generate no visits; cancels the plan visits not yet dispatched on it', params: HolidayParams, body: Holiday.pick({ name: true }), response: { 200: HolidaySet, ...errors } },
    config: { permission: 'catalog.manage' },
  }, (req) => plans.setHoliday(ctxOf(req), req.params.day, req.body.name));

  app.delete('/api/v1/holidays/:day', {
    schema: { tags, summary: 'Unmark a holiday; brings back the plan visits still ahead that it had cancelled', params: HolidayParams, response: { 200: HolidayRemoved, ...errors } },
    config: { permission: 'catalog.manage' },
  }, (req) => plans.removeHoliday(ctxOf(req), req.params.day));
}

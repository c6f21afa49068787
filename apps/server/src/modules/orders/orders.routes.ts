import {
  AreaQuery, CallbackQuery, CallbackTaskList, CandidateList, CheckInBody, CheckOutBody, ConfirmBody, ElderPackage, ElderPhone, SetElderPackage, CreateOrder, DispatchBody, ErrorBody, IdParams, OkBody,
  OptionalReasonBody, OrderDetail, OrderList, OrderListQuery, OrderSettings, ReasonBody, RecordCallback, ReviewBody, Satisfaction, SupervisionQuery, UpdateOrderSettings,
} from '@yiyang/contracts';
import { z } from 'zod';
import type { Permission } from '../../platform/auth/permissions.js';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { CallbacksService } from './orders.callbacks.js';
import type { ElderPhoneService } from './orders.elder-phone.js';
import type { ElderPackageService } from './orders.packages.js';
import type { OrdersService } from './orders.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['orders'];

export function ordersRoutes(app: AppInstance, orders: OrdersService, callbacks: CallbacksService, elderPhone: ElderPhoneService, elderPackages: ElderPackageService) {
  app.post('/api/v1/orders', {
    schema: { tags, summary: 'Order a home service for an elder', body: CreateOrder, response: { 201: OrderDetail, ...errors } },
    config: { permission: 'orders.create' },
  }, async (req, reply) => reply.status(201).send(await orders.create(ctxOf(req), req.body)));

  app.get('/api/v1/orders', {
    schema: { tags, summary: 'Orders the caller may see, with counts per state', querystring: OrderListQuery, response: { 200: OrderList, ...errors } },
    config: { permission: 'orders.read' },
  }, (req) => orders.list(ctxOf(req), req.query));

  app.get('/api/v1/orders/supervision', {
    schema: { tags, summary: 'Visits to look at: unconfirmed, too short, out of area', querystring: SupervisionQuery, response: { 200: z.object({ items: OrderList.shape.items, total: z.number().int() }), ...errors } },
    config: { permission: 'orders.dispatch' },
  }, (req) => orders.supervision(ctxOf(req), req.query.kind, req.query.orgUnitId));

  app.get('/api/v1/orders/satisfaction', {
    schema: { tags, summary: 'Satisfaction per provider and per item (reviews and callbacks)', querystring: AreaQuery, response: { 200: Satisfaction, ...errors } },
    config: { permission: 'orders.callback' },
  }, (req) => callbacks.satisfaction(ctxOf(req), req.query.orgUnitId));

  app.get('/api/v1/orders/:id', {
    schema: { tags, summary: 'One order with its state, timeline and dispatch explanation', params: IdParams, response: { 200: OrderDetail, ...errors } },
    config: { permission: 'orders.read' },
  }, (req) => orders.get(ctxOf(req), req.params.id));

  app.get('/api/v1/orders/:id/photo', {
    schema: { tags, params: IdParams },
    config: { permission: 'orders.read' },
  }, async (req, reply) => {
    const p = await orders.photo(ctxOf(req), req.params.id);
    return reply.type(p.mime).header('cache-control', 'private, max-age=300').send(p.data);
  });

  app.get('/api/v1/elders/:id/package', {
    schema: { tags: ['elders', 'orders'], summary: "The elder's service package and this month's use of each item", params: IdParams, response: { 200: ElderPackage, ...errors } },
    config: { permission: 'elders.read' },
  }, (req) => elderPackages.get(ctxOf(req), req.params.id));

  app.put('/api/v1/elders/:id/package', {
    schema: { tags: ['elders', 'orders'], summary: 'Give the elder a service package (replaces the one held)', params: IdParams, body: SetElderPackage, response: { 200: ElderPackage, ...errors } },
    config: { permission: 'elders.write' },
  }, (req) => elderPackages.set(ctxOf(req), req.params.id, req.body));

  app.delete('/api/v1/elders/:id/package', {
    schema: { tags: ['elders', 'orders'], summary: "End the elder's service package", params: IdParams, response: { 200: ElderPackage, ...errors } },
    config: { permission: 'elders.write' },
  }, (req) => elderPackages.remove(ctxOf(req), req.params.id));

  app.post('/api/v1/orders/:id/elder-phone', {
    schema: { tags, summary: "The elder's full phone number: for the assigned helper while the visit is under way, or with elders.reveal (audited)", params: IdParams, response: { 200: ElderPhone, ...errors } },
    config: { permission: 'orders.read' },
  }, (req) => elderPhone.reveal(ctxOf(req), req.params.id));

  app.get('/api/v1/orders/:id/candidates', {
    schema: { tags, summary: 'Who could be sent, ranked, with the reasons', params: IdParams, response: { 200: CandidateList, ...errors } },
    config: { permission: 'orders.dispatch' },
  }, (req) => orders.candidates(ctxOf(req), req.params.id));

  const transition = <B extends z.ZodType>(path: string, summary: string, permission: Permission, body: B, run: (req: { params: { id: string }; body: z.infer<B> }, ctx: ReturnType<typeof ctxOf>) => Promise<unknown>) => {
    app.post(`/api/v1/orders/:id/${path}`, {
      schema: { tags, summary, params: IdParams, body, response: { 200: OrderDetail, ...errors } },
      config: { permission },
    }, (req) => run(req as unknown as { params: { id: string }; body: z.infer<B> }, ctxOf(req)) as Promise<z.infer<typeof OrderDetail>>);
  };

  transition('dispatch', 'Send to a staff member ({staffId}) or let the rules choose (no body)', 'orders.dispatch', DispatchBody, (req, ctx) => orders.dispatch(ctx, req.params.id, req.body?.staffId));
  transition('accept', 'The provider side accepts', 'orders.work', z.object({}).optional().nullable(), (req, ctx) => orders.accept(ctx, req.params.id));
  transition('reject', 'The provider side declines, with a reason: back to dispatch', 'orders.work', ReasonBody, (req, ctx) => orders.reject(ctx, req.params.id, req.body.reason));
  transition('start', 'The helper sets off', 'orders.work', z.object({}).optional().nullable(), (req, ctx) => orders.start(ctx, req.params.id));
  transition('check-in', 'Arrival at the elder’s home, with position', 'orders.work', CheckInBody, (req, ctx) => orders.checkIn(ctx, req.params.id, req.body));
  transition('check-out', 'End of the visit: position, tasks done, optional photo', 'orders.work', CheckOutBody, (req, ctx) => orders.checkOut(ctx, req.params.id, req.body));
  transition('no-show', 'The elder was not there', 'orders.work', ReasonBody, (req, ctx) => orders.noShow(ctx, req.params.id, req.body.reason));
  // Confirm: the family itself, an operator with a callback note, or anyone with the code.
  transition('confirm', 'Confirm the visit happened', 'orders.read', ConfirmBody, (req, ctx) => orders.confirm(ctx, req.params.id, req.body ?? {}));
  transition('review', 'Rate the service 1–5', 'orders.review', ReviewBody, (req, ctx) => orders.review(ctx, req.params.id, req.body));
  transition('cancel', 'Cancel before the visit', 'orders.read', OptionalReasonBody, (req, ctx) => orders.cancel(ctx, req.params.id, req.body?.reason));
  transition('dispute', 'The elder or family disputes the visit', 'orders.confirm', ReasonBody, (req, ctx) => orders.dispute(ctx, req.params.id, req.body.reason));
  transition('resolve', 'Close a dispute after looking into it', 'orders.dispatch', ReasonBody, (req, ctx) => orders.resolve(ctx, req.params.id, req.body.reason));

  app.get('/api/v1/callbacks', {
    schema: { tags, summary: 'Callback tasks (回访) drawn from completed orders', querystring: CallbackQuery, response: { 200: CallbackTaskList, ...errors } },
    config: { permission: 'orders.callback' },
  }, (req) => callbacks.list(ctxOf(req), req.query.state, req.query.orgUnitId));

  app.post('/api/v1/callbacks/:id', {
    schema: { tags, summary: 'Record what the elder said on the callback', params: IdParams, body: RecordCallback, response: { 200: OkBody, ...errors } },
    config: { permission: 'orders.callback' },
  }, (req) => callbacks.record(ctxOf(req), req.params.id, req.body));

  app.get('/api/v1/order-settings', {
    schema: { tags, response: { 200: OrderSettings, ...errors } },
    config: { permission: 'orders.read' },
  }, () => callbacks.settings());

  app.patch('/api/v1/order-settings', {
    schema: { tags, summary: 'Deadlines, geofence radius, callback share (the bureau)', body: UpdateOrderSettings, response: { 200: OrderSettings, ...errors } },
    config: { permission: 'catalog.manage' },
  }, (req) => callbacks.updateSettings(ctxOf(req), req.body));
}

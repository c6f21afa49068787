import { Alarm, AlarmDetail, AlarmList, AlarmListQuery, AlarmStats, CloseAlarm, Dispatch, ErrorBody, Escalate, FalseAlarm, Handover, HandoverCandidateList, IdParams, RecordCall, Responder, ResponderList, ResponderPosition, UpdateResponder } from '@yiyang/contracts';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AlarmsService } from './alarms.service.js';
import type { RespondersService } from './alarms.responders.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['alarms'];

export function alarmsRoutes(app: AppInstance, alarms: AlarmsService, responders: RespondersService) {
  app.get('/api/v1/alarms', {
    schema: { tags, summary: 'The alarm queue: live alarms by priority, then age, or the latest closed (responders: their assignments); optionally one elder\'s', querystring: AlarmListQuery, response: { 200: AlarmList, ...errors } },
    config: { permission: 'alarms.read' },
  }, (req) => alarms.list(ctxOf(req), req.query));

  app.get('/api/v1/alarms/stats', {
    schema: { tags, summary: 'Today\'s figures: counts and the share of arrivals within 15 minutes', response: { 200: AlarmStats, ...errors } },
    config: { permission: 'alarms.read' },
  }, (req) => alarms.stats(ctxOf(req)));

  app.get('/api/v1/alarms/:id', {
    schema: { tags, summary: 'One alarm with its timeline, the elder\'s essentials and proposed responders', params: IdParams, response: { 200: AlarmDetail, ...errors } },
    config: { permission: 'alarms.read' },
  }, (req) => alarms.get(ctxOf(req), req.params.id));

  app.post('/api/v1/alarms/:id/claim', { schema: { tags, summary: 'Take an open alarm (only one operator can)', params: IdParams, response: { 200: Alarm, ...errors } }, config: { permission: 'alarms.handle' } },
    (req) => alarms.claim(ctxOf(req), req.params.id));
  app.post('/api/v1/alarms/:id/call', { schema: { tags, summary: 'Record a call to the elder, a contact or a responder', params: IdParams, body: RecordCall, response: { 200: Alarm, ...errors } }, config: { permission: 'alarms.handle' } },
    (req) => alarms.call(ctxOf(req), req.params.id, req.body));
  app.post('/api/v1/alarms/:id/dispatch', { schema: { tags, summary: 'Send a responder: the one named, or the nearest available', params: IdParams, body: Dispatch, response: { 200: Alarm, ...errors } }, config: { permission: 'alarms.handle' } },
    (req) => alarms.dispatch(ctxOf(req), req.params.id, req.body ?? {}));
  app.post('/api/v1/alarms/:id/en-route', { schema: { tags, summary: 'The responder is on the way', params: IdParams, body: ResponderPosition, response: { 200: Alarm, ...errors } }, config: { permission: 'alarms.read' } },
    (req) => alarms.enRoute(ctxOf(req), req.params.id, req.body ?? {}));
  app.post('/api/v1/alarms/:id/arrive', { schema: { tags, summary: 'The responder is with the elder', params: IdParams, body: ResponderPosition, response: { 200: Alarm, ...errors } }, config: { permission: 'alarms.read' } },
    (req) => alarms.arrive(ctxOf(req), req.params.id, req.body ?? {}));
  app.post('/api/v1/alarms/:id/escalate', { schema: { tags, summary: 'Record handing the case to 120/110/119, with their reference', params: IdParams, body: Escalate, response: { 200: Alarm, ...errors } }, config: { permission: 'alarms.handle' } },
    (req) => alarms.escalate(ctxOf(req), req.params.id, req.body));
  app.get('/api/v1/alarms/:id/handover-candidates', {
    schema: { tags, summary: 'Colleagues in the caller\'s area who handle alarms and can see this one: who it may be handed to', params: IdParams, response: { 200: HandoverCandidateList, ...errors } },
    config: { permission: 'alarms.handle' },
  }, (req) => alarms.handoverCandidates(ctxOf(req), req.params.id));
  app.post('/api/v1/alarms/:id/handover', { schema: { tags, summary: 'Hand the alarm to another operator', params: IdParams, body: Handover, response: { 200: Alarm, ...errors } }, config: { permission: 'alarms.handle' } },
    (req) => alarms.handover(ctxOf(req), req.params.id, req.body));
  app.post('/api/v1/alarms/:id/false-alarm', { schema: { tags, summary: 'Close as a false alarm', params: IdParams, body: FalseAlarm, response: { 200: Alarm, ...errors } }, config: { permission: 'alarms.handle' } },
    (req) => alarms.falseAlarm(ctxOf(req), req.params.id, req.body ?? {}));
  app.post('/api/v1/alarms/:id/close', { schema: { tags, summary: 'Close with an outcome code', params: IdParams, body: CloseAlarm, response: { 200: Alarm, ...errors } }, config: { permission: 'alarms.handle' } },
    (req) => alarms.close(ctxOf(req), req.params.id, req.body));

  app.get('/api/v1/responders', {
    schema: { tags, summary: 'Emergency responders in the caller\'s area', response: { 200: ResponderList, ...errors } },
    config: { permission: 'alarms.read' },
  }, (req) => responders.list(ctxOf(req)));

  app.patch('/api/v1/responders/:id', {
    schema: { tags, summary: 'Go on or off duty, report a position (the responder itself, or an operator)', params: IdParams, body: UpdateResponder, response: { 200: Responder, ...errors } },
    config: { permission: 'alarms.read' },
  }, (req) => responders.update(ctxOf(req), req.params.id, req.body));
}

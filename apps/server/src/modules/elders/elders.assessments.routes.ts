import { AssessmentList, AssessmentResult, CreateAssessment, ErrorBody, IdParams } from '@yiyang/contracts';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AssessmentService } from './elders.assessments.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function assessmentRoutes(app: AppInstance, assessments: AssessmentService) {
  app.post('/api/v1/elders/:id/assessments', {
    schema: { tags: ['elders'], summary: 'Record a capability assessment (GB/T 42195-2022); the latest sets the care level', params: IdParams, body: CreateAssessment, response: { 201: AssessmentResult, ...errors } },
    config: { permission: 'assessments.write' },
  }, async (req, reply) => reply.status(201).send(await assessments.create(ctxOf(req), req.params.id, req.body)));

  app.get('/api/v1/elders/:id/assessments', {
    schema: { tags: ['elders'], summary: 'Assessment history, newest first', params: IdParams, response: { 200: AssessmentList, ...errors } },
    config: { permission: 'elders.read' },
  }, (req) => assessments.history(ctxOf(req), req.params.id));
}

import { CreateOrgUnit, ErrorBody, IdParams, OrgUnit, OrgUnitList, OrgUnitListQuery, OrgUnitTree, UpdateOrgUnit } from '@yiyang/contracts';
import { z } from 'zod';
import type { AppInstance } from '../../platform/http/types.js';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { OrgService } from './org.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function orgRoutes(app: AppInstance, org: OrgService) {
  app.get('/api/v1/org-units', {
    schema: { tags: ['org'], summary: 'The part of the organisation tree the caller may see', querystring: OrgUnitListQuery, response: { 200: z.union([OrgUnitList, OrgUnitTree]), ...errors } },
    config: { permission: 'org.read' },
  }, (req) => org.list(ctxOf(req), req.query));

  app.get('/api/v1/org-units/:id', {
    schema: { tags: ['org'], params: IdParams, response: { 200: OrgUnit, ...errors } },
    config: { permission: 'org.read' },
  }, (req) => org.get(ctxOf(req), req.params.id));

  app.post('/api/v1/org-units', {
    schema: { tags: ['org'], summary: 'Create a unit one level below its parent', body: CreateOrgUnit, response: { 201: OrgUnit, ...errors } },
    config: { permission: 'org.manage' },
  }, async (req, reply) => reply.status(201).send(await org.create(ctxOf(req), req.body)));

  app.patch('/api/v1/org-units/:id', {
    schema: { tags: ['org'], summary: 'Rename or move a unit (its subtree and records move with it)', params: IdParams, body: UpdateOrgUnit, response: { 200: OrgUnit, ...errors } },
    config: { permission: 'org.manage' },
  }, (req) => org.update(ctxOf(req), req.params.id, req.body));
}

import { CreateServiceItem, CreateServicePackage, ErrorBody, IdParams, ServiceItem, ServiceItemList, ServiceItemQuery, ServicePackage, ServicePackageList, UpdateServiceItem } from '@yiyang/contracts';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { CatalogService } from './catalog.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function catalogRoutes(app: AppInstance, catalog: CatalogService) {
  app.get('/api/v1/service-items', {
    schema: { tags: ['catalog'], summary: 'Service categories and items', querystring: ServiceItemQuery, response: { 200: ServiceItemList, ...errors } },
    config: { permission: 'catalog.read' },
  }, (req) => catalog.list(req.query));

  app.get('/api/v1/service-categories', {
    schema: { tags: ['catalog'], response: { 200: z.object({ items: ServiceItemList.shape.categories }), ...errors } },
    config: { permission: 'catalog.read' },
  }, async () => ({ items: (await catalog.list({})).categories }));

  app.post('/api/v1/service-items', {
    schema: { tags: ['catalog'], body: CreateServiceItem, response: { 201: ServiceItem, ...errors } },
    config: { permission: 'catalog.manage' },
  }, async (req, reply) => reply.status(201).send(await catalog.createItem(ctxOf(req), req.body)));

  app.patch('/api/v1/service-items/:id', {
    schema: { tags: ['catalog'], params: IdParams, body: UpdateServiceItem, response: { 200: ServiceItem, ...errors } },
    config: { permission: 'catalog.manage' },
  }, (req) => catalog.updateItem(ctxOf(req), req.params.id, req.body));

  app.get('/api/v1/service-packages', {
    schema: { tags: ['catalog'], summary: 'Service packages (套餐) with monthly quotas per item', response: { 200: ServicePackageList, ...errors } },
    config: { permission: 'catalog.read' },
  }, () => catalog.packages());

  app.post('/api/v1/service-packages', {
    schema: { tags: ['catalog'], body: CreateServicePackage, response: { 201: ServicePackage, ...errors } },
    config: { permission: 'catalog.manage' },
  }, async (req, reply) => reply.status(201).send(await catalog.createPackage(ctxOf(req), req.body)));
}

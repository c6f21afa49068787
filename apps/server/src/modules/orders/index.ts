import type { AppInstance } from '../../platform/http/types.js';
import type { ModuleDeps } from '../registry.js';
import { CallbacksService } from './orders.callbacks.js';
import { registerOrderTimers } from './orders.jobs.js';
import { ordersRoutes } from './orders.routes.js';
import { OrdersService } from './orders.service.js';

export { OrdersService, SYSTEM } from './orders.service.js';
export { candidateQuery, dispatchCandidates } from './orders.repository.js';

export function registerOrders(app: AppInstance, deps: ModuleDeps) {
  const orders = new OrdersService(deps.db.kysely, deps.bus, deps.jobs);
  ordersRoutes(app, orders, new CallbacksService(deps.db.kysely));
  registerOrderTimers(deps.db.kysely, deps.jobs, deps.bus, orders);
  return orders;
}

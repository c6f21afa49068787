import type { Notifications } from '../notifications/index.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { ModuleDeps } from '../registry.js';
import { CallbacksService } from './orders.callbacks.js';
import { ElderPhoneService } from './orders.elder-phone.js';
import { registerElderLeftService } from './orders.elder-left.js';
import { registerOrderTimers } from './orders.jobs.js';
import { ElderPackageService } from './orders.packages.js';
import { ordersRoutes } from './orders.routes.js';
import { OrdersService } from './orders.service.js';

export { OrdersService, SYSTEM } from './orders.service.js';
export { candidateQuery, dispatchCandidates } from './orders.repository.js';

export function registerOrders(app: AppInstance, deps: ModuleDeps, notifications: Notifications) {
  const orders = new OrdersService(deps.db.kysely, deps.bus, deps.jobs, notifications);
  ordersRoutes(app, orders, new CallbacksService(deps.db.kysely), new ElderPhoneService(deps.db.kysely, deps.config.keys), new ElderPackageService(deps.db.kysely));
  registerOrderTimers(deps.db.kysely, deps.jobs, deps.bus, orders);
  registerElderLeftService(deps.db.kysely, deps.jobs, orders);
  return orders;
}

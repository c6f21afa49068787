import type { AppInstance } from '../../platform/http/types.js';
import type { OrdersService } from '../orders/index.js';
import type { ModuleDeps } from '../registry.js';
import { plansRoutes } from './plans.routes.js';
import { PlansService } from './plans.service.js';

export const PLANS_GENERATE = 'plans.generate';

export function registerPlans(app: AppInstance, deps: ModuleDeps, orders: OrdersService) {
  const plans = new PlansService(deps.db.kysely, orders);
  plansRoutes(app, plans);
  deps.jobs.every(PLANS_GENERATE, 60 * 60_000, async () => {
    await plans.generate();
  });
  return plans;
}

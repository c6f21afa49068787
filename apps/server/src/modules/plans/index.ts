import type { AppInstance } from '../../platform/http/types.js';
import { ELDER_LEFT_SERVICE, type ElderLeftService } from '../elders/index.js';
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
  // At once rather than at the generator's next hourly run.
  deps.jobs.subscribe(ELDER_LEFT_SERVICE, 'plans', async (payload) => {
    const { elderId, status } = payload as unknown as ElderLeftService;
    await plans.stopForElder(elderId, `elder is no longer active (${status})`);
  });
  return plans;
}

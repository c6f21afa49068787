import { seedDemoElders } from '../modules/elders/elders.seed.js';
import { seedCatalog } from '../modules/catalog/index.js';
import { seedProviders } from '../modules/providers/index.js';
import type { DemoSeeder } from './context.js';
import { seedDemoResponders } from '../modules/alarms/index.js';
import { seedDemoDevices } from '../modules/devices/index.js';

/**
 * Each module's demo data, run in this order after the organisation tree and the demo accounts
 * exist (the registry before orders and alarms, which refer to its elders).
 */
export const DEMO_SEEDERS: { name: string; run: DemoSeeder; /** runs again when the CLI adds to a district */ scales?: boolean }[] = [
  { name: 'elders', run: (ctx) => seedDemoElders(ctx, ctx.keys), scales: true },
  { name: 'catalog', run: (ctx) => seedCatalog(ctx.db) },
  { name: 'providers', run: seedProviders },
  { name: 'responders', run: seedDemoResponders },
  { name: 'devices', run: seedDemoDevices },
];

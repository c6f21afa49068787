import type { DemoSeeder } from './context.js';

/**
 * Each module's demo data, run in this order after the organisation tree and the demo accounts
 * exist (the registry before orders and alarms, which refer to its elders).
 */
export const DEMO_SEEDERS: { name: string; run: DemoSeeder; /** runs again when the CLI adds to a district */ scales?: boolean }[] = [];

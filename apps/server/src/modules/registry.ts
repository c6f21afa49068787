import type { Config } from '../platform/config.js';
import type { Db } from '../platform/db/database.js';
import type { EventBus } from '../platform/events.js';
import type { AppInstance } from '../platform/http/types.js';
import type { JobQueue } from '../platform/jobs.js';
import type { WsHub } from '../platform/ws-hub.js';
import { AccountsService, accountsRoutes } from './accounts/index.js';
import { auditRoutes } from './audit/index.js';
import { OrgService, orgRoutes } from './org/index.js';
import { registerElders } from './elders/index.js';
import { CatalogService, catalogRoutes } from './catalog/index.js';
import { ProvidersService, providersRoutes } from './providers/index.js';
import { registerOrders } from './orders/index.js';
import { registerPlans } from './plans/index.js';
import { AlarmsService, RespondersService, alarmsRoutes, registerAlarmJobs } from './alarms/index.js';
import { DeviceIngest, DevicesService, MqttConnector, devicesRoutes } from './devices/index.js';
import { LogSmsGateway, Notifications } from './notifications/index.js';

export interface ModuleDeps {
  config: Config;
  db: Db;
  bus: EventBus;
  jobs: JobQueue;
  hub: WsHub;
}

/**
 * Wires each domain module's routes and jobs. One line per module keeps the composition root
 * readable; modules reach each other only through their index.ts.
 */
/** Work a module runs beside HTTP (connectors to outside systems), started with the job worker. */
export interface BackgroundWork {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function registerModules(app: AppInstance, deps: ModuleDeps): Promise<BackgroundWork[]> {
  const background: BackgroundWork[] = [];
  const { db, config } = deps;
  orgRoutes(app, new OrgService(db.kysely));
  accountsRoutes(app, new AccountsService(db.kysely, config.sessionIdleMinutes), { cookieSecure: config.cookieSecure, idleMinutes: config.sessionIdleMinutes });
  auditRoutes(app, db.kysely);
  registerElders(app, { db: db.kysely, keys: config.keys, jobs: deps.jobs });
  catalogRoutes(app, new CatalogService(db.kysely));
  providersRoutes(app, new ProvidersService(db.kysely));
  const orders = registerOrders(app, deps);
  registerPlans(app, deps, orders);
  deps.jobs.every('sessions.purge_idle', 15 * 60_000, async () => {
    await db.kysely.deleteFrom('sessions').where('last_seen_at', '<', new Date(Date.now() - config.sessionIdleMinutes * 60_000)).execute();
  });

  {
    const notifications = new Notifications(db.kysely, deps.jobs, config.keys, new LogSmsGateway(app.log), app.log, config.notifyWebhookUrl);
    const alarms = new AlarmsService(db.kysely, deps.bus, deps.jobs, notifications, app.log);
    const ingest = new DeviceIngest(db.kysely, config.keys, alarms.fromDeviceEvents);
    registerAlarmJobs(deps.jobs, db.kysely, alarms);
    devicesRoutes(app, new DevicesService(db.kysely, config.keys), ingest);
    alarmsRoutes(app, alarms, new RespondersService(db.kysely));
    if (config.mqttUrl) background.push(new MqttConnector(config.mqttUrl, ingest, app.log, { clientId: config.mqttClientId, group: config.mqttGroup }));
  }
  return background;
}

export { AlarmsService } from './alarms.service.js';
export { RespondersService } from './alarms.responders.js';
export { alarmsRoutes } from './alarms.routes.js';
export { registerAlarmJobs, scanHeartbeats } from './alarms.jobs.js';
export { seedDemoResponders } from './alarms.seed.js';

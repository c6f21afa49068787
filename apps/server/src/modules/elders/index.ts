import type { FieldKeys } from '../../platform/crypto.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { JobQueue } from '../../platform/jobs.js';
import { assessmentRoutes } from './elders.assessments.routes.js';
import { AssessmentService } from './elders.assessments.service.js';
import { healthRoutes } from './elders.health.routes.js';
import { HealthService } from './elders.health.service.js';
import { ExportService } from './elders.export.service.js';
import { ImportService } from './elders.import.service.js';
import { elderIoRoutes } from './elders.io.routes.js';
import { elderRoutes } from './elders.routes.js';
import { ElderService } from './elders.service.js';

export { assertElderInScope, getElderEssentials, type ElderEssentials } from './elders.essentials.js';
export { elderVisibleTo, grantElderAccess, type ElderGrant } from './elders.access.js';
export { ELDER_LEFT_SERVICE, isServed, type ElderLeftService } from './elders.state.js';
export { findElderForService, type ElderForService } from './elders.for-service.js';
export { DEFAULT_TIER_MAPPING, type TierMapping } from './elders.assessment.js';

/** The elder registry: profiles, identity and privacy, assessments, health record, Excel import and export. */
export function registerElders(app: AppInstance, deps: { db: Kysely<Database>; keys: FieldKeys; jobs: JobQueue }) {
  elderRoutes(app, new ElderService(deps.db, deps.keys, deps.jobs));
  assessmentRoutes(app, new AssessmentService(deps.db));
  healthRoutes(app, new HealthService(deps.db));
  elderIoRoutes(app, new ImportService(deps.db, deps.keys, deps.jobs), new ExportService(deps.db, deps.keys));
}
export { elderContactsForNotice } from './elders.contacts.js';

import { sql, type Kysely, type Selectable } from 'kysely';
import type { Assessment, AssessmentItems, CreateAssessment, RiskEvents30d } from '@yiyang/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { localDay } from '../../platform/local-time.js';
import { assess, DEFAULT_TIER_MAPPING, type TierMapping } from './elders.assessment.js';
import * as repo from './elders.repository.js';
import type { ElderAssessmentsTable } from './elders.tables.js';

export class AssessmentService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tiers: TierMapping = DEFAULT_TIER_MAPPING,
  ) {}

  async create(ctx: RequestContext, elderId: string, input: z.output<typeof CreateAssessment>) {
    if (input.assessedAt > localDay()) {
      throw badRequest('assessedAt is in the future', { field: 'assessedAt' });
    }
    const outcome = assess(input, this.tiers);
    return this.db.transaction().execute(async (trx) => {
      await repo.lockElder(trx, elderId);
      const elder = await repo.findVisible(trx, ctx.actor, elderId);
      if (!elder) throw notFound('elder');
      if (elder.status !== 'active') throw conflict(`an elder who is ${elder.status} is not assessed`, { status: elder.status });
      if (input.assessedAt < elder.birth_date) throw badRequest('assessedAt is before the elder was born', { field: 'assessedAt' });
      const row = await trx
        .insertInto('elder_assessments')
        .values({
          elder_id: elderId,
          reason: input.reason,
          assessed_at: input.assessedAt,
          assessor_user_id: ctx.actor.userId,
          assessor_name: ctx.actor.displayName,
          informant: input.informant ?? null,
          items: JSON.stringify(input.items),
          coma: input.coma,
          diagnoses: input.diagnoses,
          risk_events: JSON.stringify(input.riskEvents30d),
          total_score: outcome.totalScore,
          preliminary_level: outcome.preliminaryLevel,
          level: outcome.level,
          reasons: outcome.reasons,
          care_tier: outcome.careTier,
          note: input.note ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The most recent assessment by date sets the level; a back-dated one only joins the history.
      const latest = await trx.selectFrom('elder_assessments').select('id').where('elder_id', '=', elderId).orderBy('assessed_at', 'desc').orderBy('created_at', 'desc').orderBy(sql`id = ${row.id}`, 'desc').limit(1).executeTakeFirstOrThrow();
      const setsLevel = latest.id === row.id;
      if (setsLevel) {
        await trx.updateTable('elders').set({ care_level: outcome.level, care_tier: outcome.careTier, updated_at: new Date() }).where('id', '=', elderId).execute();
      }
      await recordAudit(trx, ctx, {
        action: 'elder.assess',
        entityType: 'elder',
        entityId: elderId,
        orgUnitId: elder.org_unit_id,
        details: { assessmentId: row.id, totalScore: outcome.totalScore, level: outcome.level, previousLevel: elder.care_level, setsLevel },
      });
      return { id: row.id, totalScore: outcome.totalScore, preliminaryLevel: outcome.preliminaryLevel, level: outcome.level, reasons: outcome.reasons, careTier: outcome.careTier };
    });
  }

  async history(ctx: RequestContext, elderId: string) {
    if (!(await repo.isVisible(this.db, ctx.actor, elderId))) throw notFound('elder');
    const rows = await this.db.selectFrom('elder_assessments').selectAll().where('elder_id', '=', elderId).orderBy('assessed_at', 'desc').orderBy('created_at', 'desc').execute();
    return { items: rows.map(toAssessment) };
  }
}

export function toAssessment(r: Selectable<ElderAssessmentsTable>): Assessment {
  const items = r.items as AssessmentItems;
  const outcome = assess({ items, coma: r.coma, diagnoses: r.diagnoses, riskEvents30d: r.risk_events as RiskEvents30d });
  return {
    id: r.id,
    elderId: r.elder_id,
    reason: r.reason,
    assessedAt: r.assessed_at,
    assessor: { id: r.assessor_user_id, name: r.assessor_name },
    items,
    domainScores: outcome.domainScores,
    coma: r.coma,
    diagnoses: r.diagnoses,
    riskEvents30d: r.risk_events as RiskEvents30d,
    informant: r.informant,
    note: r.note,
    // What was decided at the time, as stored: a later change of tier mapping does not rewrite history.
    totalScore: r.total_score,
    preliminaryLevel: r.preliminary_level,
    level: r.level,
    reasons: r.reasons as Assessment['reasons'],
    careTier: r.care_tier,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { HandoverCandidate, Role } from '@yiyang/contracts';
import { rolesWith } from '../../platform/auth/permissions.js';
import type { Database } from '../../platform/db/schema.js';

type Queryable = Kysely<Database> | Transaction<Database>;

/**
 * Who may take over an alarm: enabled accounts whose role handles alarms and whose area contains
 * the alarm, so they can see and work it once they hold it. For a street operator that is the
 * street's colleagues and the district centre above (handing up at the end of a shift is
 * normal), never another street. The dialog lists exactly these and the hand-over accepts only
 * these, so the two cannot disagree.
 */
export async function handoverCandidates(
  db: Queryable,
  alarmOrgUnitId: string,
  opts: { userId?: string; exclude?: (string | null)[] } = {},
): Promise<HandoverCandidate[]> {
  let q = db
    .selectFrom('users as u')
    .innerJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.role', 'u.org_unit_id', 'o.name as org_unit_name',
      sql<number>`(select count(*)::int from alarms x where x.claimed_by = u.id and x.state <> 'closed')`.as('live_alarms'),
      sql<Date | null>`(select max(s.last_seen_at) from sessions s where s.user_id = u.id)`.as('last_active_at'),
    ])
    .where('u.disabled', '=', false)
    .where('u.role', 'in', rolesWith('alarms.handle'))
    .where((eb) => eb.exists(eb.selectFrom('org_units as ao').select('ao.id').where('ao.id', '=', alarmOrgUnitId).whereRef('ao.path', '<@', 'o.path')));
  if (opts.userId) q = q.where('u.id', '=', opts.userId);
  const exclude = (opts.exclude ?? []).filter((id): id is string => !!id);
  if (exclude.length) q = q.where('u.id', 'not in', exclude);
  // Whoever was active most recently is likeliest to be at a desk now.
  const rows = await q.orderBy(sql`last_active_at desc nulls last`).orderBy('u.display_name').limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    username: r.username,
    role: r.role as Role,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    liveAlarms: Number(r.live_alarms),
    lastActiveAt: r.last_active_at === null ? null : new Date(r.last_active_at).toISOString(),
  }));
}

import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { Role } from '@yiyang/contracts';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { permissionsOf } from './permissions.js';

export const SESSION_COOKIE = 'yiyang_session';

/** Only a hash of the token is stored: a leaked sessions table opens no sessions. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Kysely<Database>, userId: string, ip: string | null, userAgent: string | null) {
  const token = randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: userId, ip, user_agent: userAgent?.slice(0, 300) ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, sessionId: row.id };
}

export async function endSession(db: Kysely<Database>, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/**
 * Resolves a bearer or cookie token to its actor, sliding the idle timeout forward. A session idle
 * for longer than `idleMinutes` is deleted and treated as absent.
 */
export async function actorFromToken(db: Kysely<Database>, token: string, idleMinutes: number): Promise<Actor | null> {
  if (token.length < 20 || token.length > 100) return null;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .select([
      's.id as sessionId',
      's.last_seen_at',
      'u.id as userId',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_unit_id',
      'u.disabled',
      'u.provider_id',
      'u.staff_id',
      'u.responder_id',
      sql<string>`o.path::text`.as('orgPath'),
      sql<string[]>`coalesce((select array_agg(ue.elder_id::text order by ue.elder_id) from user_elders ue where ue.user_id = u.id), '{}')`.as('elderIds'),
    ])
    .where('s.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  const idleMs = Date.now() - row.last_seen_at.getTime();
  if (idleMs > idleMinutes * 60_000) {
    await endSession(db, row.sessionId);
    return null;
  }
  // Touch at most once a minute: keeps the sliding window without a write per request.
  if (idleMs > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', row.sessionId).execute();
  }
  const role = Role.parse(row.role);
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.display_name,
    role,
    orgUnitId: row.org_unit_id,
    orgPath: row.orgPath,
    permissions: permissionsOf(role),
    providerId: row.provider_id,
    staffId: row.staff_id,
    responderId: row.responder_id,
    elderIds: parseTextArray(row.elderIds),
    sessionId: row.sessionId,
  };
}

/** node-postgres parses text[] to an array; PGlite may too, but be tolerant of the literal form. */
function parseTextArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  return v.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

import type { Kysely } from 'kysely';
import { passwordProblems, type CreateUser, type CurrentUser, type Role, type UserListQuery } from '@yiyang/contracts';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import { burnVerification, hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { actorFromToken, createSession, endSession } from '../../platform/auth/sessions.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, badRequest, conflict, tooManyRequests, unauthenticated } from '../../platform/errors.js';
import { assertOrgUnitInScope } from '../../platform/scope.js';
import { afterFailure, isLocked, LOCK_MINUTES } from './accounts.lockout.js';
import * as repo from './accounts.repository.js';

/** Roles that stand for an org level must be bound to a unit of that level. */
const ROLE_LEVEL: Partial<Record<Role, string>> = { admin: 'district', street: 'street', community: 'community', grid: 'grid' };

export function toCurrentUser(a: Actor): CurrentUser {
  return {
    id: a.userId,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    orgUnitId: a.orgUnitId,
    permissions: [...a.permissions].sort(),
    providerId: a.providerId,
    staffId: a.staffId,
    responderId: a.responderId,
    elderIds: [...a.elderIds],
  };
}

interface Origin {
  ip: string | null;
  requestId: string | null;
  userAgent: string | null;
}

export class AccountsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly idleMinutes: number,
  ) {}

  /**
   * Every failure answers the same 401 whether the user exists or not; five failures for a
   * username (real or not) lock it for fifteen minutes, with the same 429 for both.
   */
  async login(username: string, password: string, origin: Origin) {
    const name = username.trim().toLowerCase();
    const now = new Date();
    const anon = { actor: null, ip: origin.ip, requestId: origin.requestId };
    const throttle = await repo.throttleOf(this.db, name);
    if (isLocked(throttle, now)) {
      await recordAudit(this.db, anon, { action: 'auth.login_locked', details: { username: name } });
      throw tooManyRequests(`too many failed sign-ins; try again in ${LOCK_MINUTES} minutes`);
    }
    const user = await repo.findUserByUsername(this.db, name);
    const ok = user && !user.disabled ? await verifyPassword(user.password_hash, password) : (await burnVerification(password), false);
    if (!ok || !user) {
      const next = afterFailure(throttle, now);
      await this.db.transaction().execute(async (trx) => {
        await repo.saveThrottle(trx, name, next.failures, next.lockedUntil, now);
        await recordAudit(trx, anon, { action: 'auth.login_failed', details: { username: name, locked: !!next.lockedUntil } });
      });
      if (next.lockedUntil) throw tooManyRequests(`too many failed sign-ins; try again in ${LOCK_MINUTES} minutes`);
      throw new AppError(401, 'INVALID_CREDENTIALS', 'wrong username or password');
    }
    await repo.clearThrottle(this.db, name);
    const session = await createSession(this.db, user.id, origin.ip, origin.userAgent);
    await recordAudit(this.db, { ...anon, actor: { userId: user.id, username: user.username, role: user.role } as Actor }, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      orgUnitId: user.org_unit_id,
    });
    const actor = await actorFromToken(this.db, session.token, this.idleMinutes);
    if (!actor) throw new AppError(500, 'INTERNAL', 'session could not be opened');
    return { token: session.token, actor };
  }

  async logout(ctx: RequestContext) {
    if (ctx.actor.sessionId) await endSession(this.db, ctx.actor.sessionId);
    await recordAudit(this.db, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId });
  }

  async changePassword(ctx: RequestContext, current: string, next: string) {
    const user = await repo.findUserByUsername(this.db, ctx.actor.username);
    if (!user || !(await verifyPassword(user.password_hash, current))) throw unauthenticated('current password is wrong');
    const problems = passwordProblems(next, user.username);
    if (problems.length) throw badRequest(`password too weak: ${problems.join('; ')}`, { field: 'newPassword', problems });
    const hash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: hash, password_changed_at: new Date() }).where('id', '=', user.id).execute();
      // Other sessions end: a changed password is often a response to a leaked one.
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', ctx.actor.sessionId ?? '00000000-0000-0000-0000-000000000000').execute();
      await recordAudit(trx, ctx, { action: 'user.change_password', entityType: 'user', entityId: user.id });
    });
  }

  async listUsers(ctx: RequestContext, q: UserListQuery) {
    const { page, pageSize } = q;
    const area = q.orgUnitId ? await assertOrgUnitInScope(this.db, ctx.actor, q.orgUnitId) : null;
    const [rows, count] = await repo.listUsersInScope(this.db, ctx.actor, area?.path ?? null, page, pageSize);
    return { items: rows.map(toUserSummary), total: count.n, page, pageSize };
  }

  async createUser(ctx: RequestContext | null, input: CreateUser) {
    const problems = passwordProblems(input.password, input.username);
    if (problems.length) throw badRequest(`password too weak: ${problems.join('; ')}`, { field: 'password', problems });
    return this.db.transaction().execute(async (trx) => {
      const unit = ctx
        ? await assertOrgUnitInScope(trx, ctx.actor, input.orgUnitId)
        : await trx.selectFrom('org_units').select(['path', 'level']).where('id', '=', input.orgUnitId).executeTakeFirst();
      if (!unit) throw badRequest('no such org unit', { field: 'orgUnitId' });
      const level = ROLE_LEVEL[input.role];
      if (level && unit.level !== level) throw badRequest(`a ${input.role} account must belong to a ${level}`, { field: 'orgUnitId' });
      if (await repo.findUserByUsername(trx, input.username)) throw conflict('username already taken');
      const row = await repo.insertUser(trx, { ...input, passwordHash: await hashPassword(input.password) });
      await recordAudit(trx, ctx ?? { actor: null, ip: null, requestId: null }, {
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        orgUnitId: input.orgUnitId,
        details: { username: input.username, role: input.role },
      });
      return toUserSummary(row);
    });
  }
}

function toUserSummary(r: { id: string; username: string; display_name: string; role: string; org_unit_id: string; disabled: boolean; created_at: Date }) {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    orgUnitId: r.org_unit_id,
    disabled: r.disabled,
    createdAt: r.created_at.toISOString(),
  };
}

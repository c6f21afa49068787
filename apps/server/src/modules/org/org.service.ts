import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreateOrgUnit, OrgLevel, UpdateOrgUnit } from '@yiyang/contracts';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import * as repo from './org.repository.js';
import { buildTree, childLevelOf, moveRefusal } from './org.tree.js';

export class OrgService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(ctx: RequestContext, q: { shape: 'flat' | 'tree'; rootId?: string | undefined; maxLevel?: OrgLevel | undefined }) {
    let rootPath: string | undefined;
    if (q.rootId) {
      const root = await repo.findInScope(this.db, ctx.actor, q.rootId);
      if (!root) throw notFound('org unit');
      rootPath = root.path;
    }
    const rows = await repo.listInScope(this.db, ctx.actor, { ...(rootPath ? { rootPath } : {}), ...(q.maxLevel ? { maxLevel: q.maxLevel } : {}) });
    const items = rows.map(repo.toOrgUnit);
    // The caller's own root is shown as a root even though it has a parent outside the scope.
    return q.shape === 'tree' ? { roots: buildTree(items) } : { items };
  }

  async get(ctx: RequestContext, id: string) {
    const row = await repo.findInScope(this.db, ctx.actor, id);
    if (!row) throw notFound('org unit');
    return repo.toOrgUnit(row);
  }

  async create(ctx: RequestContext, input: CreateOrgUnit) {
    return this.db.transaction().execute(async (trx) => {
      const parent = await repo.findInScope(trx, ctx.actor, input.parentId);
      if (!parent) throw notFound('parent org unit');
      const level = childLevelOf(parent.level);
      if (!level) throw badRequest('a residential compound has no sub-units', { field: 'parentId' });
      if (await repo.siblingNameTaken(trx, parent.id, input.name)) throw conflict(`"${input.name}" already exists under ${parent.name}`);
      const id = randomUUID();
      await repo.insertUnit(trx, {
        id,
        parentId: parent.id,
        parentPath: parent.path,
        name: input.name,
        level,
        code: input.code ?? null,
        lat: input.location?.lat ?? null,
        lng: input.location?.lng ?? null,
      });
      await recordAudit(trx, ctx, { action: 'org_unit.create', entityType: 'org_unit', entityId: id, orgUnitId: id, details: { name: input.name, level, parentId: parent.id } });
      const row = await repo.findInScope(trx, ctx.actor, id);
      return repo.toOrgUnit(row!);
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateOrgUnit) {
    return this.db.transaction().execute(async (trx) => {
      const unit = await repo.findInScope(trx, ctx.actor, id);
      if (!unit) throw notFound('org unit');
      const changes: Record<string, unknown> = {};
      if (input.parentId && input.parentId !== unit.parent_id) {
        const parent = await repo.findInScope(trx, ctx.actor, input.parentId);
        if (!parent) throw notFound('new parent org unit');
        const refusal = moveRefusal(unit, parent, ctx.actor.orgPath);
        if (refusal === 'root_of_scope') throw badRequest('you cannot move the unit your own access is rooted at');
        if (refusal === 'into_own_subtree') throw badRequest('a unit cannot move under itself or its own sub-units', { field: 'parentId' });
        if (refusal === 'level_mismatch') throw badRequest(`a ${unit.level} must sit directly under a unit one level above it`, { field: 'parentId' });
        if (await repo.siblingNameTaken(trx, parent.id, input.name ?? unit.name, unit.id)) throw conflict(`"${input.name ?? unit.name}" already exists under ${parent.name}`);
        await repo.moveSubtree(trx, unit.id, unit.path, parent.id, parent.path);
        changes.parentId = { from: unit.parent_id, to: parent.id };
      }
      if (input.name !== undefined && input.name !== unit.name) {
        if (unit.parent_id && (await repo.siblingNameTaken(trx, input.parentId ?? unit.parent_id, input.name, unit.id)))
          throw conflict(`"${input.name}" already exists at this level`);
        changes.name = { from: unit.name, to: input.name };
      }
      const patch: { name?: string; lat?: number | null; lng?: number | null } = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.location !== undefined) {
        patch.lat = input.location?.lat ?? null;
        patch.lng = input.location?.lng ?? null;
        changes.location = input.location;
      }
      if (Object.keys(patch).length) await repo.updateUnit(trx, unit.id, patch);
      await recordAudit(trx, ctx, { action: changes.parentId ? 'org_unit.move' : 'org_unit.update', entityType: 'org_unit', entityId: unit.id, orgUnitId: unit.id, details: changes });
      const row = await repo.findInScope(trx, ctx.actor, unit.id);
      return repo.toOrgUnit(row!);
    });
  }
}

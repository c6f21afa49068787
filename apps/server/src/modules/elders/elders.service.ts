import type { Kysely, Updateable } from 'kysely';
import type { EldersTable } from './elders.tables.js';
import { parseIdNumber, type ChangeElderStatus, type CreateElder, type ElderListQuery, type ElderStatus, type RevealRequest, type UpdateElder } from '@yiyang/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { localDay } from '../../platform/local-time.js';
import { decryptField, encryptField, lookupHash, maskIdNumber, type FieldKeys } from '../../platform/crypto.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { assertOrgUnitInScope } from '../../platform/scope.js';
import { contactsOf, elderValues, householdOf, phoneColumns, revealContacts, revealHousehold, storeEditedContacts, storeEditedHousehold, toElder, toElderDetail } from './elders.mapping.js';
import * as repo from './elders.repository.js';
import { initialsOf } from './elders.initials.js';
import { ELDER_LEFT_SERVICE, isServed, mayChangeStatus, type ElderLeftService } from './elders.state.js';
import type { JobQueue } from '../../platform/jobs.js';

type ListQuery = z.output<typeof ElderListQuery>;
type CreateInput = z.output<typeof CreateElder>;
type UpdateInput = z.output<typeof UpdateElder>;
type StatusInput = z.output<typeof ChangeElderStatus>;

type RevealInput = z.output<typeof RevealRequest>;

const isUniqueViolation = (err: unknown, constraint: string) =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505' && (err as { constraint?: unknown }).constraint === constraint;

/** Elders live in a grid or a residential compound, never directly under a street or community. */
const HOME_LEVELS = new Set(['grid', 'compound']);

export class ElderService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly keys: FieldKeys,
    private readonly jobs: JobQueue,
  ) {}

  async list(ctx: RequestContext, q: ListQuery) {
    if (q.orgUnitId) await assertOrgUnitInScope(this.db, ctx.actor, q.orgUnitId);
    const area = await repo.areaCondition(this.db, ctx.actor, q.orgUnitId);
    const where = repo.filterConditions(this.keys, q);
    const { rows, total, totalCapped } = await repo.listPage(this.db, area, where, q.sort, q.page, q.pageSize);
    const today = new Date();
    return { items: rows.map((r) => toElder(r, today)), total, totalCapped, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, id: string) {
    const row = await repo.findVisible(this.db, ctx.actor, id);
    if (!row) throw notFound('elder');
    return toElderDetail(row);
  }

  async create(ctx: RequestContext, input: CreateInput) {
    const idHash = lookupHash(this.keys, 'id_number', input.idNumber);
    const id = await this.oneRecordPerPerson(ctx, idHash, () => this.db.transaction().execute(async (trx) => {
      await this.assertHome(trx, ctx, input.orgUnitId);
      await this.assertNotRegistered(trx, ctx, idHash);
      const row = await trx
        .insertInto('elders')
        .values(elderValues(this.keys, input))
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'elder.create', entityType: 'elder', entityId: row.id, orgUnitId: input.orgUnitId, details: { name: input.name } });
      return row.id;
    }));
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, input: UpdateInput) {
    const newHash = input.idNumber === undefined ? null : lookupHash(this.keys, 'id_number', input.idNumber);
    await this.oneRecordPerPerson(ctx, newHash, () => this.db.transaction().execute(async (trx) => {
      await repo.lockElder(trx, id);
      const current = await repo.findVisible(trx, ctx.actor, id);
      if (!current) throw notFound('elder');
      if (current.status === 'deceased') throw conflict('the record of a deceased elder is closed', { status: current.status });
      const patch: Updateable<EldersTable> = { updated_at: new Date() };
      const changed: string[] = [];
      if (input.name !== undefined) {
        patch.name = input.name;
        patch.name_initials = initialsOf(input.name);
        changed.push('name');
      }
      if (input.idNumber !== undefined) {
        const parsed = parseIdNumber(input.idNumber);
        if ('problem' in parsed) throw badRequest('idNumber is not valid', { field: 'idNumber', reason: parsed.problem });
        const hash = lookupHash(this.keys, 'id_number', parsed.idNumber);
        if (hash !== current.id_number_hash) {
          await this.assertNotRegistered(trx, ctx, hash);
          Object.assign(patch, { id_number_enc: encryptField(this.keys, parsed.idNumber), id_number_hash: hash, id_number_masked: maskIdNumber(parsed.idNumber), sex: parsed.sex, birth_date: parsed.birthDate });
          changed.push('idNumber');
        }
      }
      if (input.phone !== undefined) {
        Object.assign(patch, phoneColumns(this.keys, input.phone));
        changed.push('phone');
      }
      if (input.orgUnitId !== undefined && input.orgUnitId !== current.org_unit_id) {
        await this.assertHome(trx, ctx, input.orgUnitId);
        patch.org_unit_id = input.orgUnitId;
        changed.push('orgUnitId');
      }
      if (input.address !== undefined) {
        patch.address = input.address;
        changed.push('address');
      }
      if (input.location !== undefined) {
        patch.lat = input.location?.lat ?? null;
        patch.lng = input.location?.lng ?? null;
        changed.push('location');
      }
      if (input.livingSituation !== undefined) {
        patch.living_situation = input.livingSituation;
        changed.push('livingSituation');
      }
      if (input.categories !== undefined) {
        patch.categories = input.categories;
        changed.push('categories');
      }
      if (input.emergencyContacts !== undefined) {
        patch.emergency_contacts = JSON.stringify(storeEditedContacts(this.keys, contactsOf(current.emergency_contacts), input.emergencyContacts));
        changed.push('emergencyContacts');
      }
      if (input.householdMembers !== undefined) {
        patch.household_members = JSON.stringify(storeEditedHousehold(this.keys, householdOf(current.household_members), input.householdMembers));
        changed.push('householdMembers');
      }
      await trx.updateTable('elders').set(patch).where('id', '=', id).execute();
      // Which fields changed, never their values: the audit log must not become a copy of the numbers.
      await recordAudit(trx, ctx, { action: 'elder.update', entityType: 'elder', entityId: id, orgUnitId: patch.org_unit_id ?? current.org_unit_id, details: { changed } });
    }));
    return this.get(ctx, id);
  }

  async changeStatus(ctx: RequestContext, id: string, input: StatusInput) {
    await this.db.transaction().execute(async (trx) => {
      await repo.lockElder(trx, id);
      const current = await repo.findVisible(trx, ctx.actor, id);
      if (!current) throw notFound('elder');
      // The status changes now: a later date would leave the package and plans running until then.
      if (input.effectiveDate && input.effectiveDate > localDay()) throw badRequest('effectiveDate is in the future', { field: 'effectiveDate' });
      if (input.effectiveDate && input.effectiveDate < current.birth_date) throw badRequest('effectiveDate is before the elder was born', { field: 'effectiveDate' });
      if (!mayChangeStatus(current.status, input.status as ElderStatus)) {
        throw conflict(`an elder who is ${current.status} cannot become ${input.status}`, { status: current.status });
      }
      const at = input.effectiveDate ? new Date(`${input.effectiveDate}T00:00:00+08:00`) : new Date();
      await trx.updateTable('elders').set({ status: input.status, status_changed_at: at, status_note: input.note ?? null, updated_at: new Date() }).where('id', '=', id).execute();
      if (isServed(current.status) && !isServed(input.status as ElderStatus)) {
        // Services stop with the record: modules holding the elder's packages, plans and booked
        // visits wind them up, each in its own durable job, committed with this change.
        const leaving: ElderLeftService = { elderId: id, status: input.status as ElderLeftService['status'], effectiveDate: input.effectiveDate ?? localDay(at) };
        await this.jobs.publish(trx, ELDER_LEFT_SERVICE, { ...leaving });
      }
      await recordAudit(trx, ctx, { action: 'elder.status_change', entityType: 'elder', entityId: id, orgUnitId: current.org_unit_id, details: { from: current.status, to: input.status, effectiveDate: input.effectiveDate ?? null, note: input.note ?? null } });
    });
    return this.get(ctx, id);
  }

  /** Full numbers for one elder: an explicit action with its own permission, always audited. */
  async reveal(ctx: RequestContext, id: string, input: RevealInput) {
    return this.db.transaction().execute(async (trx) => {
      const row = await repo.findVisible(trx, ctx.actor, id);
      if (!row) throw notFound('elder');
      const fields = [...new Set(input.fields)];
      await recordAudit(trx, ctx, { action: 'elder.reveal', entityType: 'elder', entityId: id, orgUnitId: row.org_unit_id, details: { fields, purpose: input.purpose ?? null } });
      const out: { idNumber?: string; phone?: string | null; emergencyContacts?: ReturnType<typeof revealContacts>; householdMembers?: ReturnType<typeof revealHousehold> } = {};
      for (const f of fields) {
        switch (f) {
          case 'idNumber':
            out.idNumber = decryptField(this.keys, row.id_number_enc);
            break;
          case 'phone':
            out.phone = row.phone_enc ? decryptField(this.keys, row.phone_enc) : null;
            break;
          case 'emergencyContacts':
            out.emergencyContacts = revealContacts(this.keys, row.emergency_contacts);
            break;
          case 'householdMembers':
            out.householdMembers = revealHousehold(this.keys, row.household_members);
            break;
          default: {
            const unknown: never = f;
            throw new Error(`unknown field ${String(unknown)}`);
          }
        }
      }
      return out;
    });
  }

  private async assertHome(db: repo.Queryable, ctx: RequestContext, orgUnitId: string) {
    const unit = await assertOrgUnitInScope(db, ctx.actor, orgUnitId);
    if (!HOME_LEVELS.has(unit.level)) throw badRequest('an elder is registered in a grid or a residential compound', { field: 'orgUnitId' });
  }

  /**
   * Two registrations of one person at the same moment both pass assertNotRegistered; the unique
   * index lets one commit and fails the other, which then gets the same 409 a later one would.
   */
  private async oneRecordPerPerson<T>(ctx: RequestContext, idHash: string | null, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (idHash === null || !isUniqueViolation(err, 'elders_id_number_hash_key')) throw err;
      await this.assertNotRegistered(this.db, ctx, idHash);
      throw conflict('this ID number is already registered', { field: 'idNumber' });
    }
  }

  /** One person, one record: 409, naming the existing record only when the caller may open it. */
  private async assertNotRegistered(db: repo.Queryable, ctx: RequestContext, idHash: string) {
    const existing = await repo.findByIdNumberHash(db, idHash);
    if (!existing) return;
    if (await repo.isVisible(db, ctx.actor, existing.id)) {
      throw conflict('this ID number is already registered', { field: 'idNumber', existingElderId: existing.id });
    }
    throw conflict('this ID number is already registered in another part of the district', { field: 'idNumber' });
  }
}

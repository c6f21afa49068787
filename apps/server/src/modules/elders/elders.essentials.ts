import type { ElderStatus, EligibilityCategory, GeoPoint, LivingSituation } from '@yiyang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { notFound } from '../../platform/errors.js';
import { currentItems } from './elders.health.service.js';
import { contactsOf } from './elders.mapping.js';
import { ageOn } from './elders.id-number.js';
import * as repo from './elders.repository.js';
import { isServed } from './elders.state.js';

/** What the alarm console and an order need to know about an elder at a glance (numbers masked). */
export interface ElderEssentials {
  id: string;
  name: string;
  age: number;
  sex: 'male' | 'female';
  phone: string | null;
  address: string;
  location: GeoPoint | null;
  orgUnitId: string;
  orgUnitName: string;
  /** ltree path of the elder's unit, for publishing events to the right part of the tree. */
  orgPath: string;
  livingSituation: LivingSituation[];
  categories: EligibilityCategory[];
  careLevel: number | null;
  careTier: 'self_care' | 'semi_care' | 'full_care' | null;
  conditions: { name: string; code: string | null }[];
  medications: { name: string; dose: string | null; frequency: string | null }[];
  allergies: { name: string; reaction: string | null }[];
  disabilities: { name: string; grade: number | null }[];
  emergencyContacts: { name: string; relation: string; phone: string }[];
  status: ElderStatus;
  /** False for moved-out and deceased elders: no new orders, no alarms. */
  served: boolean;
}

/** 404 unless the actor may see the elder; returns what a caller needs to go on. */
export async function assertElderInScope(db: repo.Queryable, actor: Actor, elderId: string) {
  const row = await repo.findVisible(db, actor, elderId);
  if (!row) throw notFound('elder');
  return { id: row.id, name: row.name, orgUnitId: row.org_unit_id, orgPath: row.org_path as unknown as string, status: row.status, served: isServed(row.status) };
}

export async function getElderEssentials(db: repo.Queryable, actor: Actor, elderId: string): Promise<ElderEssentials> {
  const row = await repo.findVisible(db, actor, elderId);
  if (!row) throw notFound('elder');
  const items = await currentItems(db, elderId, ['condition', 'medication', 'allergy', 'disability']);
  return {
    id: row.id,
    name: row.name,
    age: ageOn(row.birth_date),
    sex: row.sex,
    phone: row.phone_masked,
    address: row.address,
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    orgPath: row.org_path as unknown as string,
    livingSituation: row.living_situation as LivingSituation[],
    categories: row.categories as EligibilityCategory[],
    careLevel: row.care_level,
    careTier: row.care_tier,
    conditions: items.filter((i) => i.kind === 'condition').map((i) => ({ name: i.name, code: i.code })),
    medications: items.filter((i) => i.kind === 'medication').map((i) => ({ name: i.name, dose: i.dose, frequency: i.frequency })),
    allergies: items.filter((i) => i.kind === 'allergy').map((i) => ({ name: i.name, reaction: i.reaction })),
    disabilities: items.filter((i) => i.kind === 'disability').map((i) => ({ name: i.name, grade: i.grade })),
    emergencyContacts: contactsOf(row.emergency_contacts).map((c) => ({ name: c.name, relation: c.relation, phone: c.phoneMasked })),
    status: row.status,
    served: isServed(row.status),
  };
}

import type { Elder, ElderDetail, EligibilityCategory, LivingSituation } from '@yiyang/contracts';
import { decryptField, encryptField, lookupHash, maskPhone, type FieldKeys } from '../../platform/crypto.js';
import { ageOn } from './elders.id-number.js';
import type { ElderDetailRow, ElderListRow } from './elders.repository.js';

/** How contacts sit in the jsonb column: the phone encrypted, hashed for lookup, and masked. */
export interface StoredContact {
  name: string;
  relation: string;
  phoneEnc: string;
  phoneMasked: string;
  phoneHash: string;
}
export interface StoredHouseholdMember {
  name: string;
  relation: string;
  livesTogether: boolean;
  phoneEnc: string | null;
  phoneMasked: string | null;
  note: string | null;
}

export function storeContact(keys: FieldKeys, c: { name: string; relation: string; phone: string }): StoredContact {
  return { name: c.name, relation: c.relation, phoneEnc: encryptField(keys, c.phone), phoneMasked: maskPhone(c.phone), phoneHash: lookupHash(keys, 'phone', c.phone) };
}

export function storeHouseholdMember(keys: FieldKeys, m: { name: string; relation: string; livesTogether?: boolean | undefined; phone?: string | undefined; note?: string | undefined }): StoredHouseholdMember {
  return {
    name: m.name,
    relation: m.relation,
    livesTogether: m.livesTogether ?? true,
    phoneEnc: m.phone ? encryptField(keys, m.phone) : null,
    phoneMasked: m.phone ? maskPhone(m.phone) : null,
    note: m.note ?? null,
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function contactsOf(raw: unknown): StoredContact[] {
  return Array.isArray(raw) ? (raw as StoredContact[]) : [];
}
export function householdOf(raw: unknown): StoredHouseholdMember[] {
  return Array.isArray(raw) ? (raw as StoredHouseholdMember[]) : [];
}

export function toElder(r: ElderListRow, today = new Date()): Elder {
  return {
    id: r.id,
    name: r.name,
    idNumber: r.id_number_masked,
    sex: r.sex,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, today),
    phone: r.phone_masked,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    address: r.address,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    livingSituation: r.living_situation as LivingSituation[],
    categories: r.categories as EligibilityCategory[],
    careLevel: r.care_level,
    careTier: r.care_tier,
    emergencyContacts: contactsOf(r.emergency_contacts).map((c) => ({ name: c.name, relation: c.relation, phone: c.phoneMasked })),
    status: r.status,
    statusChangedAt: iso(r.status_changed_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export function toElderDetail(r: ElderDetailRow): ElderDetail {
  return {
    ...toElder(r),
    householdMembers: householdOf(r.household_members).map((m) => ({ name: m.name, relation: m.relation, livesTogether: m.livesTogether, phone: m.phoneMasked, note: m.note })),
    statusNote: r.status_note,
  };
}

/** Full numbers, for the reveal action and a full export only. */
export function revealContacts(keys: FieldKeys, raw: unknown) {
  return contactsOf(raw).map((c) => ({ name: c.name, relation: c.relation, phone: decryptField(keys, c.phoneEnc) }));
}
export function revealHousehold(keys: FieldKeys, raw: unknown) {
  return householdOf(raw).map((m) => ({ name: m.name, relation: m.relation, livesTogether: m.livesTogether, phone: m.phoneEnc ? decryptField(keys, m.phoneEnc) : null, note: m.note }));
}

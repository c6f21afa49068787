import { parseIdNumber, type CreateElder, type EmergencyContactEdit, type HouseholdMemberEdit, type Elder, type ElderDetail, type EligibilityCategory, type LivingSituation } from '@yiyang/contracts';
import type { z } from 'zod';
import { decryptField, encryptField, lookupHash, maskIdNumber, maskPhone, type FieldKeys } from '../../platform/crypto.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { initialsOf } from './elders.initials.js';
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

/**
 * An edited list's numbers: retyped ones are encrypted anew, kept ones copied from the stored list
 * by position, provided the masked number the form showed is still there (else the list changed
 * since the form was read, and guessing would give a contact someone else's number).
 */
function keptFrom<T extends { phoneMasked: string | null }>(stored: T[], at: number, shown: string | undefined, field: string): T {
  const kept = stored[at];
  if (!kept || kept.phoneMasked !== (shown ?? null)) {
    throw conflict('the record changed since this form was opened; reload it and enter the change again', { field });
  }
  return kept;
}

export function storeEditedContacts(keys: FieldKeys, stored: StoredContact[], edited: z.output<typeof EmergencyContactEdit>[]): StoredContact[] {
  return edited.map((c, i) =>
    c.keepPhoneOf === undefined
      ? storeContact(keys, c)
      : { ...keptFrom(stored, c.keepPhoneOf, c.phone, `emergencyContacts.${i}.phone`), name: c.name, relation: c.relation },
  );
}

export function storeEditedHousehold(keys: FieldKeys, stored: StoredHouseholdMember[], edited: z.output<typeof HouseholdMemberEdit>[]): StoredHouseholdMember[] {
  return edited.map((m, i) => {
    if (m.keepPhoneOf === undefined) return storeHouseholdMember(keys, m);
    const kept = keptFrom(stored, m.keepPhoneOf, m.phone, `householdMembers.${i}.phone`);
    return { name: m.name, relation: m.relation, livesTogether: m.livesTogether, phoneEnc: kept.phoneEnc, phoneMasked: kept.phoneMasked, note: m.note ?? null };
  });
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

/** The row a registration becomes: numbers encrypted, hashed and masked; birth date and sex from the ID. */
export function elderValues(keys: FieldKeys, input: z.output<typeof CreateElder>) {
  const parsed = parseIdNumber(input.idNumber);
  if ('problem' in parsed) throw badRequest('idNumber is not valid', { field: 'idNumber', reason: parsed.problem });
  return {
    name: input.name,
    name_initials: initialsOf(input.name),
    id_number_enc: encryptField(keys, parsed.idNumber),
    id_number_hash: lookupHash(keys, 'id_number', parsed.idNumber),
    id_number_masked: maskIdNumber(parsed.idNumber),
    sex: parsed.sex,
    birth_date: parsed.birthDate,
    ...phoneColumns(keys, input.phone ?? null),
    org_unit_id: input.orgUnitId,
    address: input.address,
    lat: input.location?.lat ?? null,
    lng: input.location?.lng ?? null,
    living_situation: input.livingSituation,
    categories: input.categories,
    emergency_contacts: JSON.stringify(input.emergencyContacts.map((c) => storeContact(keys, c))),
    household_members: JSON.stringify(input.householdMembers.map((m) => storeHouseholdMember(keys, m))),
  };
}

export function phoneColumns(keys: FieldKeys, phone: string | null) {
  return phone
    ? { phone_enc: encryptField(keys, phone), phone_hash: lookupHash(keys, 'phone', phone), phone_masked: maskPhone(phone) }
    : { phone_enc: null, phone_hash: null, phone_masked: null };
}

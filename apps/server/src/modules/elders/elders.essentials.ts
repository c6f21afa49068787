import { sql, type Kysely, type Transaction } from 'kysely';
import type { ElderEssentials } from '@yiyang/contracts';
import type { Database } from '../../platform/db/schema.js';

type Queryable = Kysely<Database> | Transaction<Database>;

interface StoredContact {
  name?: string;
  relation?: string;
  phoneMasked?: string;
  phoneEnc?: string;
}

/**
 * What the alarm operator needs on one screen about the person in trouble. Callers check scope
 * on the alarm first; this reads the elder by id. Health conditions, medications and allergies
 * are filled from the health records when those tables exist.
 */
export async function elderEssentials(db: Queryable, elderId: string): Promise<ElderEssentials | null> {
  const row = await db
    .selectFrom('elders')
    .select(['id', 'name', 'sex', 'birth_date', 'address', 'phone_masked', 'living_situation', 'care_level', 'lat', 'lng', 'emergency_contacts'])
    .select(sql<number>`extract(year from age(birth_date))::int`.as('age'))
    .where('id', '=', elderId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    sex: row.sex,
    age: Number(row.age),
    address: row.address,
    phoneMasked: row.phone_masked,
    livingSituation: row.living_situation,
    careLevel: row.care_level,
    position: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    contacts: contactsOf(row.emergency_contacts).map((c) => ({ name: c.name ?? '', relation: c.relation ?? '', phoneMasked: c.phoneMasked ?? '' })),
    conditions: [],
    medications: [],
    allergies: [],
  };
}

/** Emergency contacts with their encrypted phones, for notifying family (decrypted only to send). */
export async function elderContacts(db: Queryable, elderId: string): Promise<{ name: string; relation: string; phoneMasked: string; phoneEnc: string }[]> {
  const row = await db.selectFrom('elders').select('emergency_contacts').where('id', '=', elderId).executeTakeFirst();
  return contactsOf(row?.emergency_contacts)
    .filter((c): c is Required<StoredContact> => !!c.phoneEnc)
    .map((c) => ({ name: c.name ?? '', relation: c.relation ?? '', phoneMasked: c.phoneMasked ?? '', phoneEnc: c.phoneEnc }));
}

function contactsOf(value: unknown): StoredContact[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? (list as StoredContact[]) : [];
}

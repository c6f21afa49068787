import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { contactsOf } from './elders.mapping.js';

/**
 * An elder's emergency contacts with their phones still encrypted, for notifying family of an
 * alarm: the outbox stores the ciphertext and only the SMS sender decrypts it.
 */
export async function elderContactsForNotice(db: Kysely<Database> | Transaction<Database>, elderId: string) {
  const row = await db.selectFrom('elders').select(['name', 'emergency_contacts']).where('id', '=', elderId).executeTakeFirst();
  if (!row) return { elderName: null, contacts: [] };
  const contacts = contactsOf(typeof row.emergency_contacts === 'string' ? JSON.parse(row.emergency_contacts) : row.emergency_contacts)
    .filter((c) => !!c.phoneEnc)
    .map((c) => ({ name: c.name, relation: c.relation, phoneMasked: c.phoneMasked, phoneEnc: c.phoneEnc }));
  return { elderName: row.name, contacts };
}

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Sensitive personal information (ID-card and phone numbers) at rest: AES-256-GCM with the key
 * version stored beside the ciphertext so keys can rotate, and a keyed HMAC-SHA256 for exact-match
 * lookup that does not reveal the number. Format: `v<version>:<iv>:<tag>:<ciphertext>` (base64url).
 */
export interface FieldKeys {
  dataKey: Buffer;
  dataKeyVersion: number;
  lookupHashKey: Buffer;
  /** Older data keys by version, for reading values written before a rotation. */
  previousDataKeys?: ReadonlyMap<number, Buffer>;
}

export function encryptField(keys: FieldKeys, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.dataKey, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v${keys.dataKeyVersion}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ct.toString('base64url')}`;
}

export function decryptField(keys: FieldKeys, stored: string): string {
  const [v, iv, tag, ct] = stored.split(':');
  const version = Number(v?.slice(1));
  const key = version === keys.dataKeyVersion ? keys.dataKey : keys.previousDataKeys?.get(version);
  if (!key || !iv || !tag || ct === undefined) throw new Error(`cannot decrypt: unknown key version ${v}`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** Keyed hash for exact lookup; `kind` separates namespaces so an ID hash never matches a phone hash. */
export function lookupHash(keys: Pick<FieldKeys, 'lookupHashKey'>, kind: 'id_number' | 'phone', value: string): string {
  return createHmac('sha256', keys.lookupHashKey).update(`${kind}:${value.trim().toUpperCase()}`).digest('base64url');
}

/** `110105********1234`: region prefix and last four stay, so staff can tell people apart. */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** `138****5678` for mobiles; landlines keep their last four. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length > 4) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return '*'.repeat(digits.length);
}

/** Nine or more digits, spaces or hyphens between them allowed, an ID number's X at the end. */
const NUMBER_IN_TEXT = /\d(?:[\s-]*\d){8,}(?:[\s-]*[Xx])?/g;

/**
 * Free text that may carry a number where none was expected (a search string, a spreadsheet cell
 * in the wrong column), with every ID-card or phone number in it masked.
 */
export function maskNumbersIn(text: string): string {
  return text.replace(NUMBER_IN_TEXT, (found) => {
    const n = found.replace(/[\s-]/g, '').toUpperCase();
    return n.length === 18 || n.length === 15 ? maskIdNumber(n) : maskPhone(n);
  });
}

import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, lookupHash, maskIdNumber, maskNumbersIn, maskPhone } from './crypto.js';

const keys = { dataKey: Buffer.alloc(32, 7), dataKeyVersion: 2, lookupHashKey: Buffer.alloc(32, 9) };

describe('sensitive field protection', () => {
  it('encrypts with a fresh IV each time and decrypts back', () => {
    const a = encryptField(keys, '110105194912310021');
    const b = encryptField(keys, '110105194912310021');
    expect(a).not.toBe(b);
    expect(a.startsWith('v2:')).toBe(true);
    expect(a).not.toContain('110105');
    expect(decryptField(keys, a)).toBe('110105194912310021');
  });

  it('reads values written under an older key after rotation', () => {
    const old = encryptField({ ...keys, dataKeyVersion: 1, dataKey: Buffer.alloc(32, 3) }, '13812345678');
    const rotated = { ...keys, previousDataKeys: new Map([[1, Buffer.alloc(32, 3)]]) };
    expect(decryptField(rotated, old)).toBe('13812345678');
    expect(() => decryptField(keys, old)).toThrow(/key version/);
  });

  it('detects tampering', () => {
    const stored = encryptField(keys, '13812345678');
    const parts = stored.split(':');
    parts[3] = Buffer.from('13812345679').toString('base64url');
    expect(() => decryptField(keys, parts.join(':'))).toThrow();
  });

  it('hashes for lookup with a key, case-insensitively for the X check character', () => {
    expect(lookupHash(keys, 'id_number', '11010519491231002x')).toBe(lookupHash(keys, 'id_number', '11010519491231002X'));
    expect(lookupHash(keys, 'id_number', '13812345678')).not.toBe(lookupHash(keys, 'phone', '13812345678'));
    expect(lookupHash({ lookupHashKey: Buffer.alloc(32, 1) }, 'phone', '13812345678')).not.toBe(lookupHash(keys, 'phone', '13812345678'));
  });

  it('masks as the registry shows them', () => {
    expect(maskIdNumber('110105194912310021')).toBe('110105********0021');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('87654321')).toBe('****4321');
  });

  it('masks numbers inside free text and leaves dates, counts and short codes alone', () => {
    expect(maskNumbersIn('q=11010519491231002x 与 138 1234 5678、0571-87654321')).toBe('q=110105********002X 与 138****5678、057****4321');
    expect(maskNumbersIn('from=2026-11-01T08:00:00+08:00 page=12 pageSize=200 F03.9')).toBe('from=2026-11-01T08:00:00+08:00 page=12 pageSize=200 F03.9');
  });
});

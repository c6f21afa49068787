import { describe, expect, it } from 'vitest';
import { birthDateBounds, escapeLike, interpretSearch, phoneSpellings } from './elders.search.js';

describe('search box', () => {
  it('tells ID numbers, phones, initials and names apart', () => {
    expect(interpretSearch('11010519491231002x')).toEqual({ kind: 'id_number', value: '11010519491231002X' });
    expect(interpretSearch(' 138 1234 5678 ')).toEqual({ kind: 'phone', value: '13812345678' });
    expect(interpretSearch('0571-87654321')).toEqual({ kind: 'phone', value: '0571-87654321' });
    expect(interpretSearch('ZXL')).toEqual({ kind: 'initials', value: 'zxl' });
    expect(interpretSearch('张秀')).toEqual({ kind: 'name', value: '张秀' });
    expect(interpretSearch('1381234')).toEqual({ kind: 'name', value: '1381234' });
    expect(interpretSearch('   ')).toBeNull();
  });

  it('looks for a landline however its area code was separated when it was registered', () => {
    expect(phoneSpellings('057187654321').sort()).toEqual(['0571-87654321', '057187654321', '057-187654321'].sort());
    expect(phoneSpellings('0571-87654321')).toContain('057187654321');
    expect(phoneSpellings('010-12345678')).toEqual(expect.arrayContaining(['01012345678', '010-12345678']));
    expect(phoneSpellings('13812345678')).toEqual(['13812345678']);
  });

  it('escapes LIKE wildcards typed by a user', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });

  it('turns an age band into birth-date bounds on the Shanghai calendar date', () => {
    // 2026-11-22 20:00 UTC is already 23 November in Shanghai.
    const now = new Date('2026-11-22T20:00:00Z');
    expect(birthDateBounds(now, 80, 89)).toEqual({ bornOnOrBefore: '1946-11-23', bornAfter: '1936-11-23' });
    expect(birthDateBounds(now)).toEqual({});
    // 29 February: the same day does not exist 80 years earlier.
    expect(birthDateBounds(new Date('2028-02-29T04:00:00Z'), 80)).toEqual({ bornOnOrBefore: '1948-02-29' });
    expect(birthDateBounds(new Date('2028-02-29T04:00:00Z'), 81)).toEqual({ bornOnOrBefore: '1947-02-28' });
  });
});

import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '@yiyang/contracts';
import { headerIndex, parseRow, unitResolver } from './elders.excel.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const units = [
  { id: A, code: 'G001', names: ['颐和区', '湖滨街道', '东坡社区', '第一网格'] },
  { id: B, code: null, names: ['颐和区', '湖滨街道', '青年社区', '第一网格'] },
  { id: C, code: null, names: ['颐和区', '湖滨街道', '东坡社区', '第一网格', '金色小区'] },
];

describe('spreadsheet rows', () => {
  const resolve = unitResolver(units);

  it('finds a unit by code, full path, or a unique tail, and names ambiguity', () => {
    expect(resolve('G001')).toEqual({ id: A });
    expect(resolve('颐和区/湖滨街道/青年社区/第一网格')).toEqual({ id: B });
    expect(resolve('东坡社区 / 第一网格')).toEqual({ id: A });
    expect(resolve('金色小区')).toEqual({ id: C });
    expect(resolve('第一网格')).toMatchObject({ problem: expect.stringContaining('more than one') });
    expect(resolve('西湖')).toMatchObject({ problem: expect.stringContaining('no grid') });
  });

  it('finds columns by header, starred or not, and lists the missing required ones', () => {
    expect(headerIndex(['姓名*', '所属单位', '身份证号']).missing).toEqual(['紧急联系人姓名', '紧急联系人关系', '紧急联系人电话']);
    expect(headerIndex(['备注', '姓名*']).index.name).toBe(1);
  });

  it('turns a row into a registration, reading labels and an optional second contact', () => {
    const { index } = headerIndex(['姓名', '身份证号', '所属单位', '居住状况', '保障类别', '紧急联系人姓名', '紧急联系人关系', '紧急联系人电话', '紧急联系人2姓名', '紧急联系人2关系', '紧急联系人2电话']);
    const id = makeIdNumber('330102', '1940-01-01', 11);
    const ok = parseRow(2, ['王德福', id.toLowerCase(), 'G001', '独居、失智', '80岁及以上老人', '王强', '儿子', '13800000001', '', '', ''], index, resolve);
    expect(ok).toMatchObject({ input: { name: '王德福', idNumber: id, orgUnitId: A, livingSituation: ['living_alone', 'dementia'], categories: ['aged_80_plus'], emergencyContacts: [{ name: '王强' }] } });
    const bad = parseRow(3, ['', id, 'G001', '', '', '王强', '儿子', '13800000001', '李四', '', '1'], index, resolve);
    expect('errors' in bad && bad.errors.map((e) => e.column)).toEqual(expect.arrayContaining(['姓名', '紧急联系人2关系', '紧急联系人2电话']));
  });
});

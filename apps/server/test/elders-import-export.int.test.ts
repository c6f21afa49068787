import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { elderWorkbook, sampleRow } from './support/elders-xlsx.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('Excel import and export', () => {
  let t: TestApp;
  let unit: string; // "东坡社区/第一网格": unique tail of the path
  beforeAll(async () => {
    t = await createTestApp();
    unit = '东坡社区/第一网格';
  });
  afterAll(() => t.close());

  const upload = async (file: Buffer, mode?: string, user = 'community') => {
    const res = await t.as(user, { method: 'POST', url: `/api/v1/elders/import?fileName=test.xlsx${mode ? `&mode=${mode}` : ''}`, headers: { 'content-type': XLSX }, payload: file });
    return res;
  };
  const finish = async (id: string, user = 'community') => {
    await t.app.jobs.runDue();
    return (await t.as(user, { method: 'GET', url: `/api/v1/elders/imports/${id}` })).json();
  };
  const count = async () => Number((await t.db.kysely.selectFrom('elders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('serves a template with Chinese headers and the caller’s units', async () => {
    const res = await t.as('community', { method: 'GET', url: '/api/v1/elders/import/template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['姓名*', '身份证号*', '联系电话', '所属单位*']);
    const help = wb.worksheets[1]!.getColumn(1).values.map(String);
    expect(help.some((v) => v.startsWith('东坡社区/第一网格'))).toBe(true);
    expect(help.some((v) => v.includes('青年社区'))).toBe(false);
  });

  it('writes nothing from a file with good and bad rows, and reports every bad row by column', async () => {
    const before = await count();
    const rows = [
      sampleRow(1, unit),
      sampleRow(2, unit, { idNumber: '330110194001011239' }), // wrong check character
      sampleRow(3, unit, { unit: '第九十九网格' }), // no such unit
      sampleRow(4, unit, { livingSituation: '独居、富裕' }),
      sampleRow(5, unit, { contact1Phone: '12345' }),
      sampleRow(1, unit, { name: '重复' }), // same ID as row 2 of the sheet
      sampleRow(6, unit, { unit: '青年社区/第一网格' }), // outside the caller's area
      sampleRow(7, unit),
    ];
    const res = await upload(await elderWorkbook(rows));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', mode: 'all_or_nothing' });
    const report = await finish(res.json().id);
    expect(report).toMatchObject({ status: 'rejected', totalRows: 8, errorRows: 6, validRows: 2, importedRows: 0 });
    const byRow = Object.fromEntries(report.errors.map((e: { row: number; column: string; message: string }) => [e.row, e]));
    expect(byRow[3]).toMatchObject({ column: '身份证号', message: expect.stringMatching(/check character/) });
    expect(byRow[4]).toMatchObject({ column: '所属单位', message: expect.stringMatching(/no grid or compound/) });
    expect(byRow[5]).toMatchObject({ column: '居住状况', message: expect.stringContaining('富裕') });
    expect(byRow[6]).toMatchObject({ column: '紧急联系人电话' });
    expect(byRow[7]).toMatchObject({ column: '身份证号', message: 'same ID number as row 2' });
    expect(byRow[8]).toMatchObject({ column: '所属单位' });
    expect(await count()).toBe(before);
  });

  it('imports only the valid rows when asked explicitly, and finds them by search', async () => {
    const rows = [sampleRow(11, unit, { name: '导入钱塘' }), sampleRow(12, unit, { idNumber: '123' }), sampleRow(13, unit)];
    const res = await upload(await elderWorkbook(rows), 'valid_only');
    const report = await finish(res.json().id);
    expect(report).toMatchObject({ status: 'done', totalRows: 3, errorRows: 1, importedRows: 2 });
    const found = await t.as('community', { method: 'GET', url: `/api/v1/elders?q=${encodeURIComponent('导入钱塘')}` });
    expect(found.json().items).toHaveLength(1);
    expect(found.json().items[0]).toMatchObject({ orgUnitName: '第一网格', phone: '139****0011' });
    const audit = await t.db.kysely.selectFrom('audit_log').select(['action', 'actor_username']).where('entity_id', '=', res.json().id).where('action', '=', 'elder.import').execute();
    expect(audit[0]).toMatchObject({ actor_username: 'community' });
    // Importing the same file again: every row is already registered.
    const again = await finish((await upload(await elderWorkbook([rows[0]!]))).json().id);
    expect(again).toMatchObject({ status: 'rejected', errorRows: 1, errors: [{ row: 2, message: 'this ID number is already registered' }] });
  });

  it('imports an all-valid file in full', async () => {
    const before = await count();
    const report = await finish((await upload(await elderWorkbook(Array.from({ length: 30 }, (_, i) => sampleRow(100 + i, unit))))).json().id);
    expect(report).toMatchObject({ status: 'done', totalRows: 30, importedRows: 30, errorRows: 0 });
    expect(await count()).toBe(before + 30);
  });

  it('rejects uploads that are not xlsx, have no required headers, or come from roles without the permission', async () => {
    expect((await upload(Buffer.from('name,id\n'))).statusCode).toBe(400);
    expect((await t.as('community', { method: 'POST', url: '/api/v1/elders/import', payload: { rows: [] } })).statusCode).toBe(400);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名', '电话']);
    wb.worksheets[0]!.addRow(['张三', '13800000000']);
    const noHeaders = await finish((await upload(Buffer.from(await wb.xlsx.writeBuffer()))).json().id);
    expect(noHeaders).toMatchObject({ status: 'rejected', message: expect.stringContaining('身份证号') });
    expect((await upload(await elderWorkbook([sampleRow(200, unit)]), 'some')).statusCode).toBe(400);
    expect((await upload(await elderWorkbook([sampleRow(200, unit)]), undefined, 'grid')).statusCode).toBe(403);
    // Someone else's import report is not found.
    const mine = (await upload(await elderWorkbook([sampleRow(201, unit)]))).json().id;
    expect((await t.as('admin', { method: 'GET', url: `/api/v1/elders/imports/${mine}` })).statusCode).toBe(404);
  });

  const readExport = async (url: string, user = 'community') => {
    const res = await t.as(user, { method: 'GET', url });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  };

  it('exports the filtered list masked, and in full only with elders.reveal and full=true (audited)', async () => {
    const masked = await readExport('/api/v1/elders/export?q=%E5%AF%BC%E5%85%A5%E9%92%B1%E5%A1%98');
    expect(masked[0]!.slice(0, 3)).toEqual(['姓名', '身份证号', '联系电话']);
    expect(masked).toHaveLength(2);
    expect(masked[1]![1]).toMatch(/^330110\*{8}/);
    expect(masked[1]![2]).toBe('139****0011');
    const full = await readExport('/api/v1/elders/export?q=%E5%AF%BC%E5%85%A5%E9%92%B1%E5%A1%98&full=true');
    expect(full[1]![1]).toBe(String(sampleRow(11, unit).idNumber));
    expect(full[1]![2]).toBe('13900000011');
    const audits = await t.db.kysely.selectFrom('audit_log').select(['action', 'details']).where('actor_username', '=', 'community').where('action', 'like', 'elder.export%').execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['elder.export', 'elder.export_full']);
    // Within scope only, and filters apply.
    const all = await readExport('/api/v1/elders/export?ageMin=80');
    const ages = all.slice(1).map((r) => Number(r[17]));
    expect(ages.every((a) => a >= 80)).toBe(true);
    // Units are written from the street down, as the import reads them back; none from another community.
    expect(all.slice(1).every((r) => /^[^/]+街道\/东坡社区\/.+/.test(r[3]!)), all[1]![3]).toBe(true);
  });

  it('exports a unit as a path the import reads back, and audits a search by number masked', async () => {
    const exported = await readExport('/api/v1/elders/export?q=%E5%AF%BC%E5%85%A5%E9%92%B1%E5%A1%98');
    const unitCell = exported[1]![3]!;
    const source = await t.db.kysely.selectFrom('elders').select('org_unit_id').where('name', '=', '导入钱塘').executeTakeFirstOrThrow();
    // Another person registered into the unit exactly as the export wrote it lands in the same unit.
    const report = await finish((await upload(await elderWorkbook([sampleRow(901, unitCell, { name: '回读张三' })]))).json().id);
    expect(report, JSON.stringify(report.errors)).toMatchObject({ status: 'done', importedRows: 1 });
    const landed = await t.db.kysely.selectFrom('elders').select('org_unit_id').where('name', '=', '回读张三').executeTakeFirstOrThrow();
    expect(landed.org_unit_id).toBe(source.org_unit_id);

    const idNumber = String(sampleRow(11, unit).idNumber);
    expect((await t.as('community', { method: 'GET', url: `/api/v1/elders/export?q=${idNumber}` })).statusCode).toBe(200);
    const audit = await t.db.kysely.selectFrom('audit_log').select('details').where('action', '=', 'elder.export').orderBy('at', 'desc').executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).not.toContain(idNumber);
    expect(JSON.stringify(audit.details)).toContain(idNumber.slice(-4));
  });

  it('refuses a full export without elders.reveal and any export without elders.export', async () => {
    expect((await t.as('operator', { method: 'GET', url: '/api/v1/elders/export?full=true' })).statusCode).toBe(403);
    expect((await t.as('grid', { method: 'GET', url: '/api/v1/elders/export' })).statusCode).toBe(403);
    expect((await t.as('community', { method: 'GET', url: '/api/v1/elders/export?full=maybe' })).statusCode).toBe(400);
  });
});

import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql, type Kysely, type Selectable } from 'kysely';
import { Role, type CreateElder, type ElderImport, type ImportRowError } from '@yiyang/contracts';
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import { permissionsOf } from '../../platform/auth/permissions.js';
import { recordAudit } from '../../platform/audit.js';
import type { FieldKeys } from '../../platform/crypto.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, notFound } from '../../platform/errors.js';
import type { JobQueue } from '../../platform/jobs.js';
import { buildTemplate, cellText, COLUMNS, headerIndex, parseRow, unitResolver } from './elders.excel.js';
import { elderValues } from './elders.mapping.js';
import type { ElderImportsTable } from './elders.tables.js';

export const IMPORT_QUEUE = 'elders.import';
/** Kept in the report; the counts cover every row. */
const MAX_REPORTED_ERRORS = 1000;
const MAX_ROWS = 100_000;
const BATCH = 1000;

type Insert = ReturnType<typeof elderValues>;

/**
 * Excel import as a durable job: the upload is stored with its job in one transaction, the worker
 * validates every row (progress polled by the console), and writes only if every row is valid —
 * or, when the user chose `valid_only`, just the valid ones.
 */
export class ImportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly keys: FieldKeys,
    private readonly jobs: JobQueue,
  ) {
    jobs.register(IMPORT_QUEUE, async (payload) => this.run(String(payload.importId)));
  }

  async start(ctx: RequestContext, file: Buffer, fileName: string | null, mode: 'all_or_nothing' | 'valid_only') {
    // xlsx files are zip archives: refuse anything else before it reaches the worker.
    if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) throw badRequest('the upload is not an .xlsx file', { field: 'file' });
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('elder_imports')
        .values({ created_by: ctx.actor.userId, org_unit_id: ctx.actor.orgUnitId, mode, file_name: fileName, file_base64: file.toString('base64') })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.jobs.enqueue(trx, IMPORT_QUEUE, { importId: created.id }, { maxAttempts: 1 });
      await recordAudit(trx, ctx, { action: 'elder.import_upload', entityType: 'elder_import', entityId: created.id, orgUnitId: ctx.actor.orgUnitId, details: { fileName, mode, bytes: file.length } });
      return created;
    });
    return toImport(row);
  }

  /** Only the person who uploaded sees the report (it names rows of people). */
  async get(ctx: RequestContext, id: string) {
    const row = await this.db.selectFrom('elder_imports').selectAll().where('id', '=', id).where('created_by', '=', ctx.actor.userId).executeTakeFirst();
    if (!row) throw notFound('import');
    return toImport(row);
  }

  async template(ctx: RequestContext) {
    const units = await this.unitsInScope(ctx.actor.orgUnitId);
    return buildTemplate(units.map((u) => u.names.join('/')));
  }

  /** The names of the units over the importer's, from the district down. */
  private async namesAbove(orgUnitId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('org_units')
      .select('name')
      .where(sql<boolean>`path @> (select path from org_units where id = ${orgUnitId})`)
      .where('id', '!=', orgUnitId)
      .orderBy(sql`nlevel(path)`)
      .execute();
    return rows.map((r) => r.name);
  }

  /** Grids and compounds under the importer's unit, each with its names from that unit down. */
  private async unitsInScope(orgUnitId: string) {
    const rows = await this.db
      .selectFrom('org_units')
      .select(['id', 'name', 'level', 'code', 'parent_id'])
      .where(sql<boolean>`path <@ (select path from org_units where id = ${orgUnitId})`)
      .orderBy('path')
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const namesOf = (id: string): string[] => {
      const u = byId.get(id);
      if (!u) return [];
      return [...(u.parent_id ? namesOf(u.parent_id) : []), u.name];
    };
    return rows.filter((r) => r.level === 'grid' || r.level === 'compound').map((r) => ({ id: r.id, code: r.code, names: namesOf(r.id) }));
  }

  private async update(id: string, patch: Partial<Omit<Selectable<ElderImportsTable>, 'id'>>) {
    await this.db.updateTable('elder_imports').set(patch).where('id', '=', id).execute();
  }

  async run(importId: string) {
    const job = await this.db.selectFrom('elder_imports').selectAll().where('id', '=', importId).executeTakeFirst();
    if (!job) return;
    if (job.status !== 'queued') {
      // A restart interrupted this import; rows already written stay, and re-uploading reports them as registered.
      await this.update(importId, { status: 'failed', message: `interrupted after ${job.imported_rows} rows were imported; upload the file again`, file_base64: null, finished_at: new Date() });
      return;
    }
    try {
      await this.validateAndWrite(job);
    } catch (err) {
      await this.update(importId, { status: 'failed', message: String((err as Error).message).slice(0, 500), file_base64: null, finished_at: new Date() });
    }
  }

  private async validateAndWrite(job: Selectable<ElderImportsTable>) {
    await this.update(job.id, { status: 'validating' });
    const resolve = unitResolver(await this.unitsInScope(job.org_unit_id), await this.namesAbove(job.org_unit_id));
    const errors: ImportRowError[] = [];
    let errorRows = 0;
    let total = 0;
    const valid: { rowNumber: number; values: Insert }[] = [];
    const seen = new Map<string, number>();
    const fail = (rowErrors: ImportRowError[]) => {
      errorRows++;
      for (const e of rowErrors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
    };
    const reject = (message: string) => this.update(job.id, { status: 'rejected', message, file_base64: null, finished_at: new Date() });

    // Streamed row by row: a 50,000-row sheet never sits in memory as a full workbook model.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(job.file_base64 ?? '', 'base64')]), {
      sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit',
    });
    let index: ReturnType<typeof headerIndex>['index'] | null = null;
    try {
      for await (const sheet of reader) {
        for await (const row of sheet) {
          const raw = ((row.values as ExcelJS.CellValue[]) ?? []).slice(1);
          const cells = raw.map(cellText);
          if (!index) {
            const header = headerIndex(cells);
            if (header.missing.length) return await reject(`missing columns: ${header.missing.join('、')}`);
            index = header.index;
            continue;
          }
          if (cells.every((c) => !c)) continue;
          if (++total > MAX_ROWS) return await reject(`at most ${MAX_ROWS} rows per file; split it`);
          let parsed = parseRow(row.number, cells, index, resolve);
          if (index.idNumber !== undefined && typeof raw[index.idNumber] === 'number') {
            // Excel keeps 15 significant digits of a number: the last digits are gone, whatever the check character says.
            const others = 'errors' in parsed ? parsed.errors.filter((e) => e.column !== COLUMNS.idNumber) : [];
            parsed = { rowNumber: row.number, errors: [{ row: row.number, column: COLUMNS.idNumber, message: 'the ID number was stored as a number and Excel dropped its last digits; format the column as text and type the numbers again' }, ...others] };
          }
          if ('errors' in parsed) fail(parsed.errors);
          else {
            const values = elderValues(this.keys, parsed.input as z.output<typeof CreateElder>);
            const first = seen.get(values.id_number_hash);
            if (first !== undefined) fail([{ row: row.number, column: '身份证号', message: `same ID number as row ${first}` }]);
            else {
              seen.set(values.id_number_hash, row.number);
              valid.push({ rowNumber: row.number, values });
            }
          }
          if (total % 2000 === 0) await this.update(job.id, { processed_rows: total, total_rows: total });
        }
        break; // the first sheet holds the data; the template's second sheet is help text
      }
    } catch {
      return await reject('the file is not a readable .xlsx workbook');
    }
    if (!index) return await reject('the first sheet is empty');

    // Already registered in the district (anywhere: one person, one record).
    const registered = new Set<string>();
    for (let i = 0; i < valid.length; i += BATCH) {
      const hashes = valid.slice(i, i + BATCH).map((v) => v.values.id_number_hash);
      const found = await this.db.selectFrom('elders').select('id_number_hash').where('id_number_hash', 'in', hashes).execute();
      for (const f of found) registered.add(f.id_number_hash);
    }
    const writable = valid.filter((v) => {
      if (!registered.has(v.values.id_number_hash)) return true;
      fail([{ row: v.rowNumber, column: '身份证号', message: 'this ID number is already registered' }]);
      return false;
    });
    errors.sort((a, b) => a.row - b.row);
    await this.update(job.id, { total_rows: total, processed_rows: total, valid_rows: writable.length, error_rows: errorRows, errors: JSON.stringify(errors) });

    if (total === 0 || (errorRows > 0 && job.mode === 'all_or_nothing')) {
      await this.update(job.id, { status: 'rejected', message: total === 0 ? 'no data rows' : `${errorRows} rows have errors; nothing was imported`, file_base64: null, finished_at: new Date() });
      return;
    }

    await this.update(job.id, { status: 'importing' });
    const user = await this.db.selectFrom('users').select(['id', 'username', 'display_name', 'role']).where('id', '=', job.created_by).executeTakeFirstOrThrow();
    const role = Role.parse(user.role);
    // The uploader, as the audit log records it (the worker has no request of its own).
    const actor: Actor = {
      userId: user.id, username: user.username, displayName: user.display_name, role, orgUnitId: job.org_unit_id, orgPath: '',
      permissions: permissionsOf(role), providerId: null, staffId: null, responderId: null, elderIds: [], sessionId: null,
    };
    let imported = 0;
    // Batches commit one by one so a large import never holds the (single, on PGlite) connection for long.
    for (let i = 0; i < writable.length; i += BATCH) {
      const batch = writable.slice(i, i + BATCH);
      const n = await this.db.transaction().execute(async (trx) => {
        const rows = await trx
          .insertInto('elders')
          .values(batch.map((b) => b.values))
          .onConflict((oc) => oc.column('id_number_hash').doNothing())
          .returning('id')
          .execute();
        await recordAudit(trx, { actor, ip: null, requestId: `import:${job.id}` }, {
          action: 'elder.import',
          entityType: 'elder_import',
          entityId: job.id,
          orgUnitId: job.org_unit_id,
          details: { rows: rows.length, firstRow: batch[0]!.rowNumber, lastRow: batch.at(-1)!.rowNumber },
        });
        return rows.length;
      });
      imported += n;
      await this.update(job.id, { imported_rows: imported });
    }
    const raced = writable.length - imported;
    await this.update(job.id, {
      status: 'done',
      message: raced ? `${raced} rows were registered by someone else while importing and were skipped` : null,
      file_base64: null,
      finished_at: new Date(),
    });
  }
}

export function toImport(r: Selectable<ElderImportsTable>): ElderImport {
  return {
    id: r.id,
    status: r.status,
    mode: r.mode,
    fileName: r.file_name,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    validRows: r.valid_rows,
    importedRows: r.imported_rows,
    errorRows: r.error_rows,
    errors: (Array.isArray(r.errors) ? r.errors : []) as ImportRowError[],
    message: r.message,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

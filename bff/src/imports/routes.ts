// Batch import of hires from a sheet into a draft, and the template to fill.
//   GET  /imports/template.xlsx     the template (public: it holds no data)
//   POST /drafts/:id/import         multipart: `file` (.xlsx or .csv, ≤ 5 MB) and `version`
// The sheet is checked row by row before anything is saved; the rows that pass are added in one versioned
// change (409 on a stale version, like any edit), the others come back with their reasons and as a file.
import Router from 'koa-router';
import multer from '@koa/multer';
import { MulterError } from 'multer';
import { todayInChina } from '@hiring/shared';
import type { Services } from '../context';
import { requireAccount } from '../accounts/requireAccount';
import { AppError, badRequest } from '../http/errors';
import { objectIdParam, parseInput, strictNumber, strictObject } from '../http/validate';
import { MAX_EMPLOYEES } from '../drafts/draftSchema';
import { newEmployeeKey } from '../drafts/draftService';
import { fileRequired, fileTooLarge, malformedUpload, tooManyHires } from './importErrors';
import { planImport, type ImportPlan } from './importPlan';
import { MAX_FILE_BYTES } from './limits';
import { SheetReader } from './sheetReader';
import { XLSX_TYPE, failedRowsWorkbook, importTemplate } from './templateWorkbook';

export const FILE_FIELD = 'file';
/** Imports read at once in this process; a sheet takes tens of milliseconds, so more only queue memory. */
const MAX_CONCURRENT_IMPORTS = 2;

const uploadFields = strictObject({
  version: strictNumber()
    .typeError('version 必须是数字')
    .integer()
    .min(1)
    .required('缺少 version（基于哪个版本修改）'),
});

const attachment = (name: string) =>
  `attachment; filename="import.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

function uploadError(error: unknown): unknown {
  if (error instanceof MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE') return fileTooLarge();
    if (error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT')
      return error.field && error.field !== FILE_FIELD ? fileRequired() : badRequest('一次只能导入一个文件');
    return malformedUpload();
  }
  return error instanceof AppError ? error : malformedUpload();
}

/** What the client shows: per row, and the failed rows as a file to fix and import again. */
async function answerOf(plan: ImportPlan, version: number, draft: unknown) {
  const imported = plan.outcomes.filter((o) => o.status === 'imported').length;
  const extra = plan.header.columns
    .filter((c) => c.field === 'insuranceTypes')
    .map((c) => ({ header: c.label, field: c.field }))
    .slice(0, 1);
  return {
    version,
    draft,
    sheet: plan.sheetName,
    imported,
    failed: plan.failed.length,
    rows: plan.outcomes,
    missingColumns: plan.missingColumns,
    ignoredColumns: plan.header.unknown,
    failedRowsFile:
      plan.failed.length > 0
        ? {
            fileName: '导入失败的员工.xlsx',
            contentType: XLSX_TYPE,
            base64: (await failedRowsWorkbook(plan.failed, extra)).toString('base64'),
          }
        : null,
  };
}

export function importRoutes(services: Services): Router {
  const { drafts } = services;
  const router = new Router();
  const auth = requireAccount(services);
  let running = 0;
  const reader = new SheetReader();

  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 4, fieldSize: 64, parts: 6 },
  }).single(FILE_FIELD);

  const receiveFile: Router.IMiddleware = async (ctx, next) => {
    if (!ctx.is('multipart/form-data')) throw fileRequired();
    try {
      await upload(ctx as never, async () => undefined);
    } catch (error) {
      throw uploadError(error);
    }
    return next();
  };

  router.get('/imports/template.xlsx', async (ctx) => {
    ctx.set('Content-Type', XLSX_TYPE);
    ctx.set('Content-Disposition', attachment('员工招聘一件事-员工名单导入模板.xlsx'));
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = await importTemplate();
  });

  router.post('/drafts/:id/import', auth, receiveFile, async (ctx) => {
    const id = parseInput(objectIdParam, ctx.params.id, '草稿编号格式不正确');
    const file = ctx.request.file;
    try {
      const { version } = parseInput(uploadFields, ctx.request.body ?? {});
      if (!file?.buffer?.length) throw fileRequired();
      const current = await drafts.get(ctx.state.accountId, id);
      drafts.expectVersion(current, version);
      if (running >= MAX_CONCURRENT_IMPORTS) {
        ctx.set('Retry-After', '2');
        throw new AppError(503, 'IMPORT_BUSY', '导入的人较多，请稍后几秒再试');
      }
      running += 1;
      let plan: ImportPlan;
      try {
        const grid = await reader.read(file.buffer, file.originalname);
        const unit = current.application.unit;
        plan = await planImport(grid, {
          matters: current.application.matters ?? [],
          applicationDate: unit?.applicationDate,
          countyCode: unit?.countyCode,
          today: todayInChina(),
          existing: current.application.employees,
          limit: MAX_EMPLOYEES,
        });
      } finally {
        running -= 1;
      }
      let saved = current;
      if (plan.good.length > 0) {
        saved = await drafts.update(ctx.state.accountId, id, version, (app) => {
          if (app.employees.length + plan.good.length > MAX_EMPLOYEES)
            throw tooManyHires(plan.good.length, MAX_EMPLOYEES - app.employees.length, MAX_EMPLOYEES);
          app.employees.push(...plan.good.map((row) => ({ ...row, key: newEmployeeKey() })));
          return app;
        });
      }
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await answerOf(plan, saved.version, saved);
    } finally {
      file?.buffer?.fill(0);
    }
  });

  return router;
}

// Batch import of hires from a sheet into a draft, and the template to fill.
//   GET  /imports/template.xlsx     the template (public: it holds no data)
//   POST /drafts/:id/import         multipart: `file` (.xlsx or .csv, ≤ 5 MB) and `version`
// The sheet is checked row by row before anything is saved; the rows that pass are added in one versioned
// change (409 on a stale version, like any edit), the others come back with their reasons and as a file.
import { MulterError } from 'multer';
import { receiveSingleFile, uploadedFile } from '../http/fileUpload';
import * as yup from 'yup';
import { todayInChina } from '@hiring/shared';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { AppError, badRequest } from '../http/errors';
import { errorResponse } from '../http/errorSchema';
import { defineRoute, PUBLIC, type Route } from '../http/route';
import { objectIdOf, parseInput, strictNumber, strictObject } from '../http/validate';
import { draftViewSchema, MAX_EMPLOYEES } from '../drafts/draftSchema';
import { newEmployeeKey } from '../drafts/draftService';
import { versionConflict } from '../drafts/routes';
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

const text = (max: number) => yup.string().max(max);
const rowOutcomeSchema = yup.object({
  row: yup.number().integer().min(1).required().meta({ description: '表格中的行号' }),
  status: yup.string().oneOf(['imported', 'failed']).required(),
  name: text(200),
  idNumber: text(40).meta({ description: '证件号码（已脱敏）' }),
  reasons: yup
    .array(text(1000).required())
    .max(40)
    .required()
    .meta({ description: '不导入的原因，每条含列名' }),
  warnings: yup.array(text(1000).required()).max(40).required(),
});

const importResultSchema = yup
  .object({
    version: yup
      .number()
      .integer()
      .min(1)
      .required()
      .meta({ description: '导入后的草稿版本（无符合的行时不变）' }),
    draft: draftViewSchema.required(),
    sheet: text(100).required().meta({ description: '读取的工作表' }),
    imported: yup.number().integer().min(0).required(),
    failed: yup.number().integer().min(0).required(),
    rows: yup.array(rowOutcomeSchema).max(MAX_EMPLOYEES).required(),
    missingColumns: yup
      .array(text(100).required())
      .max(40)
      .required()
      .meta({ description: '所选办理事项需要而表格中没有的列' }),
    ignoredColumns: yup
      .array(text(1000).required())
      .max(80)
      .required()
      .meta({ description: '未识别、已忽略的列' }),
    failedRowsFile: yup
      .object({
        fileName: text(100).required(),
        contentType: text(100).required(),
        base64: yup
          .string()
          .required()
          .meta({ description: '导入失败的行（含“错误原因”列）：修改后可直接再次导入' }),
      })
      .nullable()
      .defined(),
  })
  .meta({ name: 'ImportResult', description: '批量导入的结果：每行导入成功，或不导入的原因（含列名）' });

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
async function answerOf(plan: ImportPlan, draft: { version: number }) {
  const listColumn = plan.header.columns
    .filter((c) => c.field === 'insuranceTypes')
    .map((c) => ({ header: c.label, field: c.field }))
    .slice(0, 1);
  return {
    version: draft.version,
    draft,
    sheet: plan.sheetName,
    imported: plan.good.length,
    failed: plan.failed.length,
    rows: plan.outcomes,
    missingColumns: plan.missingColumns,
    ignoredColumns: plan.header.unknown,
    failedRowsFile:
      plan.failed.length > 0
        ? {
            fileName: '导入失败的员工.xlsx',
            contentType: XLSX_TYPE,
            base64: (await failedRowsWorkbook(plan.failed, listColumn)).toString('base64'),
          }
        : null,
  };
}

export function importRoutes(services: Services): Route[] {
  const { drafts } = services;
  let running = 0;
  const reader = new SheetReader();

  const receiveFile = receiveSingleFile({
    field: FILE_FIELD,
    limits: { fileSize: MAX_FILE_BYTES, fields: 4, fieldSize: 64, parts: 6 },
    notMultipart: fileRequired,
    errorFor: uploadError,
  });

  return [
    defineRoute({
      method: 'get',
      path: '/imports/template.xlsx',
      operationId: 'getImportTemplate',
      summary: '员工名单导入模板（.xlsx：按联办申请表的列，每行一位员工，含示例行、下拉列表和填表说明）',
      tags: ['drafts'],
      auth: PUBLIC,
      responses: { 200: { description: '模板文件', contentType: XLSX_TYPE } },
      handler: async (ctx) => {
        ctx.set('Content-Type', XLSX_TYPE);
        ctx.set('Content-Disposition', attachment('员工招聘一件事-员工名单导入模板.xlsx'));
        ctx.set('Cache-Control', 'public, max-age=3600');
        ctx.body = await importTemplate();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/drafts/:id/import',
      operationId: 'importEmployees',
      summary:
        '从表格批量导入员工：逐行按共享规则检查，符合的行一次性加入草稿（一个新版本），不符合的行返回原因和可修改后重新导入的表格',
      tags: ['drafts'],
      auth: accountLogin(services),
      params: yup.object({ id: objectIdOf('草稿编号') }),
      upload: {
        contentType: 'multipart/form-data',
        schema: yup.object({
          [FILE_FIELD]: uploadedFile('.xlsx 或 .csv（UTF-8 / GBK），不超过 5 MB，最多 500 行'),
          version: yup.number().integer().min(1).required().meta({ description: '基于哪个草稿版本导入' }),
        }),
      },
      middleware: [receiveFile],
      responses: {
        200: { description: '每行的结果；有符合的行时 version 为新版本', schema: importResultSchema },
        400: errorResponse('未选择文件、多于一个文件、缺少 version（IMPORT_FILE_REQUIRED、BAD_REQUEST）'),
        404: 'NotFound',
        409: versionConflict,
        413: errorResponse('文件超过 5 MB（IMPORT_FILE_TOO_LARGE）'),
        415: errorResponse('不是 .xlsx / .csv 表格（IMPORT_NOT_A_SHEET、IMPORT_LEGACY_XLS）'),
        422: errorResponse(
          '无法读取：结构异常或不安全（IMPORT_UNSAFE_FILE）、内容过多（IMPORT_SHEET_TOO_BIG）、加密（IMPORT_ENCRYPTED）、无表头（IMPORT_NO_HEADER）、无数据（IMPORT_NO_ROWS）、超出人数上限（IMPORT_TOO_MANY_HIRES）',
        ),
        503: errorResponse('同时导入的人较多，请稍后再试（IMPORT_BUSY）'),
      },
      handler: async (ctx, { params: { id } }) => {
        const file = ctx.request.file;
        try {
          const { version } = parseInput(uploadFields, ctx.request.body ?? {});
          if (!file?.buffer?.length) throw fileRequired();
          const current = await drafts.get(ctx.state.accountId, id);
          if (current.version !== version) throw drafts.versionConflict(current);
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
          ctx.body = await answerOf(plan, saved);
        } finally {
          file?.buffer?.fill(0);
        }
      },
    }),
  ];
}

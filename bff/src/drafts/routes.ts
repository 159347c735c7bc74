// Draft routes: the wizard's autosave target. Every change carries the version it was based on.
import * as yup from 'yup';
import { todayInChina, validateApplication, type ValidationStep } from '@hiring/shared';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { defineRoute, routeModule, type Route } from '../http/route';
import { errorBodySchema, errorResponse } from '../http/errorSchema';
import { objectIdOf, pageOf, pageQuery, strictNumber, strictObject } from '../http/validate';
import { badRequest } from '../http/errors';
import {
  draftApplicationSchema,
  draftEmployeeSchema,
  draftHeaderShape,
  draftSummarySchema,
  draftViewSchema,
  employeeKeySchema,
  MAX_EMPLOYEES,
  type DraftApplication,
} from './draftSchema';
import { findEmployee, formOf, newEmployeeKey } from './draftService';
import { withVerifiedOperator } from '../authority/operator';

const version = strictNumber()
  .typeError('version 必须是数字')
  .integer()
  .min(1)
  .required('缺少 version（基于哪个版本修改）')
  .meta({ description: '所基于的草稿版本（乐观锁）' });

const createBody = strictObject({ application: draftApplicationSchema.default(undefined) });
const patchBody = strictObject({ version, ...draftHeaderShape });
const employeeBody = strictObject({
  version,
  employee: draftEmployeeSchema.default(undefined).required('缺少 employee'),
});
const validateBody = strictObject({
  step: yup.string().oneOf(['unit', 'matters', 'employees'], '未知的步骤'),
});
const draftParams = yup.object({ id: objectIdOf('草稿编号') });
const employeeParams = yup.object({ id: objectIdOf('草稿编号'), key: employeeKeySchema });

const issueSchema = yup
  .object({
    path: yup.string().required().meta({ example: 'employees[0].housingFund.unitRatio' }),
    code: yup.string().required(),
    message: yup.string().required(),
  })
  .meta({ name: 'Issue' });

const validationResultSchema = yup
  .object({
    ok: yup.boolean().required(),
    errors: yup.array(issueSchema).required(),
    warnings: yup.array(issueSchema).required(),
    computed: yup.object().meta({ description: '共享规则计算出的值（如缓缴材料截止日）' }),
  })
  .meta({ name: 'ValidationResult' });

export const versionConflictSchema = errorBodySchema
  .shape({ current: draftViewSchema.required() })
  .meta({ name: 'VersionConflict', description: '版本已过期：附当前草稿，供客户端合并' });

/** What every change of a draft may answer when it was based on an older version. */
export const versionConflict = {
  description: '版本已过期（VERSION_CONFLICT），附当前草稿',
  schema: versionConflictSchema,
  name: 'VersionConflict',
};

const EXAMPLE_EMPLOYEE = {
  idType: 'resident',
  idNumber: '361102199003072010',
  name: '张三',
  ethnicity: '01',
  gender: '1',
  hukouType: '10',
  hukouAddress: '江西省上饶市信州区五三大道 1 号',
  phone: '13912345678',
  address: '江西省上饶市信州区五三大道 1 号',
  wage: 4500,
  insuredFrom: '2026-11',
  contract: { start: '2026-11-23', end: '2029-11-22' },
  insuranceTypes: ['pension', 'injury', 'unemployment', 'medical', 'maternity'],
  housingFund: { base: 4500, unitRatio: 12, personalRatio: 12 },
  occupation: '软件工程师',
  education: '21',
  workAddress: '江西省上饶市信州区凤凰大道 8 号',
  remark: '',
};

const EXAMPLE_UNIT = {
  name: '上饶示例科技有限公司',
  uscc: '91361100MA00000000',
  address: '江西省上饶市信州区凤凰大道 8 号',
  operator: { name: '李经办', idNumber: '361102199003072010', phone: '13800138000' },
};

export const DRAFT_EXAMPLES = { employee: EXAMPLE_EMPLOYEE, unit: EXAMPLE_UNIT };

const draftChanged = {
  description: '修改后的草稿（version + 1）',
  schema: draftViewSchema,
  name: 'DraftChanged',
};

const changed = (status: 200 | 201) =>
  ({
    [status]: draftChanged,
    400: 'BadRequest',
    404: 'NotFound',
    409: versionConflict,
    413: 'PayloadTooLarge',
    415: 'UnsupportedMediaType',
  }) as const;

export function draftRoutes(services: Services): Route[] {
  const { drafts } = services;

  return routeModule({ tags: ['drafts'], auth: accountLogin(services) }, [
    defineRoute({
      method: 'get',
      path: '/drafts',
      operationId: 'listDrafts',
      summary: '我的草稿（摘要，不含个人信息，按修改时间倒序分页）',
      query: pageQuery,
      responses: { 200: { description: '草稿列表', schema: pageOf(draftSummarySchema) }, 400: 'BadRequest' },
      handler: async (ctx, { query: { page, pageSize } }) => {
        ctx.body = { ...(await drafts.list(ctx.state.accountId, page, pageSize)), page, pageSize };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/drafts',
      operationId: 'createDraft',
      summary: '新建草稿（可带初始内容）',
      body: createBody,
      example: {
        application: {
          unit: EXAMPLE_UNIT,
          matters: ['employment'],
          housingFundRelief: 'none',
          employees: [EXAMPLE_EMPLOYEE],
        },
      },
      responses: {
        201: { description: '新草稿', schema: draftViewSchema },
        400: 'BadRequest',
        409: errorResponse('未提交的草稿已达上限（TOO_MANY_DRAFTS，默认 50 份）'),
        413: 'PayloadTooLarge',
        415: 'UnsupportedMediaType',
      },
      handler: async (ctx, { body }) => {
        const identity = await services.authority.identities.get(ctx.state.accountId);
        const application = body.application as DraftApplication | undefined;
        ctx.status = 201;
        ctx.body = await drafts.create(
          ctx.state.accountId,
          application && (withVerifiedOperator(application, identity) as DraftApplication),
        );
      },
    }),
    defineRoute({
      method: 'get',
      path: '/drafts/:id',
      operationId: 'getDraft',
      summary: '草稿详情（完整值，供本人编辑）',
      params: draftParams,
      responses: {
        200: { description: '草稿', schema: draftViewSchema },
        400: 'BadRequest',
        404: 'NotFound',
      },
      handler: async (ctx, { params }) => {
        ctx.body = await drafts.get(ctx.state.accountId, params.id);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/drafts/:id',
      operationId: 'patchDraft',
      summary: '修改草稿的单位、事项或缓缴/降缴（乐观锁：带上所基于的 version）',
      description:
        'wx.request / my.request 不能发送 PATCH：小程序以 POST 发送，并带请求头 X-HTTP-Method-Override: PATCH。',
      params: draftParams,
      body: patchBody,
      example: {
        version: 1,
        unit: EXAMPLE_UNIT,
        matters: ['employment', 'housingFund'],
        housingFundRelief: 'none',
      },
      responses: changed(200),
      handler: async (ctx, { params, body: { version: base, ...header } }) => {
        // The 经办人 is the verified holder: whatever the unit part says, their name and ID number stand.
        const identity = header.unit ? await services.authority.identities.get(ctx.state.accountId) : null;
        ctx.body = await drafts.update(ctx.state.accountId, params.id, base, (app) => {
          for (const [key, value] of Object.entries(header)) {
            if (value !== undefined) (app as unknown as Record<string, unknown>)[key] = value;
          }
          return identity ? (withVerifiedOperator(app, identity) as DraftApplication) : app;
        });
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/drafts/:id',
      operationId: 'deleteDraft',
      summary: '删除草稿',
      params: draftParams,
      responses: { 204: { description: '已删除' }, 400: 'BadRequest', 404: 'NotFound' },
      handler: async (ctx, { params }) => {
        await drafts.remove(ctx.state.accountId, params.id);
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/drafts/:id/employees',
      operationId: 'addDraftEmployee',
      summary: '向草稿添加一名员工（服务端分配 key）',
      params: draftParams,
      body: employeeBody,
      example: { version: 1, employee: EXAMPLE_EMPLOYEE },
      responses: changed(201),
      handler: async (ctx, { params, body: { version: base, employee } }) => {
        ctx.status = 201;
        ctx.body = await drafts.update(ctx.state.accountId, params.id, base, (app) => {
          if (app.employees.length >= MAX_EMPLOYEES) throw badRequest(`一次最多 ${MAX_EMPLOYEES} 名员工`);
          app.employees.push({ ...employee, key: newEmployeeKey() });
          return app;
        });
      },
    }),
    defineRoute({
      method: 'put',
      path: '/drafts/:id/employees/:key',
      operationId: 'replaceDraftEmployee',
      summary: '整体替换草稿中的一名员工',
      params: employeeParams,
      body: employeeBody,
      example: { version: 1, employee: EXAMPLE_EMPLOYEE },
      responses: changed(200),
      handler: async (ctx, { params: { id, key }, body: { version: base, employee } }) => {
        ctx.body = await drafts.update(ctx.state.accountId, id, base, (app) => {
          const index = app.employees.indexOf(findEmployee(app, key));
          app.employees[index] = { ...employee, key };
          return app;
        });
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/drafts/:id/employees/:key',
      operationId: 'deleteDraftEmployee',
      summary: '从草稿删除一名员工',
      params: employeeParams,
      query: yup.object({ version }),
      responses: {
        200: draftChanged,
        400: 'BadRequest',
        404: 'NotFound',
        409: versionConflict,
      },
      handler: async (ctx, { params: { id, key }, query }) => {
        ctx.body = await drafts.update(ctx.state.accountId, id, query.version, (app) => {
          findEmployee(app, key);
          app.employees = app.employees.filter((e) => e.key !== key);
          return app;
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/drafts/:id/validate',
      operationId: 'validateDraft',
      summary: '按共享规则校验草稿（整表或某一步）',
      params: draftParams,
      body: validateBody,
      example: { step: 'employees' },
      responses: {
        200: { description: '校验结果', schema: validationResultSchema },
        400: 'BadRequest',
        404: 'NotFound',
        415: 'UnsupportedMediaType',
      },
      handler: async (ctx, { params, body: { step } }) => {
        const draft = await drafts.get(ctx.state.accountId, params.id);
        // Checked as it will be submitted: with the verified holder as 经办人.
        const identity = await services.authority.identities.get(ctx.state.accountId);
        const result = validateApplication(withVerifiedOperator(formOf(draft.application), identity), {
          today: todayInChina(),
          configs: await services.rules.figures.configs(),
          step: step as ValidationStep | undefined,
        });
        ctx.body = {
          ok: result.ok,
          errors: result.errors,
          warnings: result.warnings,
          computed: result.computed,
        };
      },
    }),
  ]);
}

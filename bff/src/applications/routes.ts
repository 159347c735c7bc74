// Submission, the employer's applications and their progress, and 补正 of a returned matter.
import * as yup from 'yup';
import { MATTER_CODES, MATTER_STATUSES, OVERALL_STATUSES, codesOf } from '@hiring/shared';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { notFound } from '../http/errors';
import { defineRoute, type Route } from '../http/route';
import { errorResponse } from '../http/errorSchema';
import {
  dayOrNull,
  objectIdOf,
  objectIdSchema,
  pageOf,
  pageQuery,
  strictNumber,
  strictObject,
} from '../http/validate';
import {
  draftEmployeeWithKeySchema,
  draftUnitSchema,
  employeeKeySchema,
  housingFundReliefSchema,
} from '../drafts/draftSchema';
import { DRAFT_EXAMPLES } from '../drafts/routes';
import { IdempotencyStore, idempotencyKey } from './idempotency';
import { ratingSchema } from './ratingRoutes';
import { submitDraft } from './submission';
import { resubmitMatter } from './resubmission';
import { applicationDetail, applicationSummary, isOverdue, overallOf } from './view';

const submitBody = strictObject({ version: strictNumber().integer().min(1) });
export const matterSchema = yup
  .string()
  .required()
  .oneOf([...MATTER_CODES], '未知的办理事项');
const clearableCode = yup.string().max(32, '最多 32 个字符').nullable();
const resubmitBody = strictObject({
  employees: yup.array(draftEmployeeWithKeySchema).max(500).default([]),
  unit: draftUnitSchema
    .shape({ socialInsuranceCode: clearableCode, housingFundAccount: clearableCode })
    .default(undefined)
    .meta({ name: 'UnitCorrection', description: '改正的单位字段；单位编码/单位账号传 null 表示首次办理' }),
  drop: yup
    .array(employeeKeySchema)
    .max(500)
    .default([])
    .meta({ description: '移出本事项的员工（其他事项不受影响）' }),
});

const resultNumber = () => yup.number().min(0);
const matterResultSchema = yup
  .object({
    unit: yup
      .object({
        socialInsuranceCode: yup.string().meta({ description: '单位编码（社保）' }),
        housingFundAccount: yup.string().meta({ description: '公积金单位账号' }),
      })
      .required(),
    employees: yup
      .array(
        yup.object({
          employeeKey: yup.string().required(),
          name: yup.string().defined(),
          registrationNumber: yup.string().meta({ description: '就业登记编号' }),
          personalNumber: yup.string().meta({ description: '社保/医保个人编号' }),
          personalAccount: yup.string().meta({ description: '公积金个人账号' }),
          monthlyUnit: resultNumber(),
          monthlyPersonal: resultNumber(),
          monthlyTotal: resultNumber(),
          collectionDeferred: yup.boolean().meta({ description: '缓缴：材料审核通过前暂不缴存' }),
        }),
      )
      .required(),
    contributionDeclaration: yup
      .object({ status: yup.string(), periods: yup.array(yup.string()), totalDeclaredWage: resultNumber() })
      .default(undefined),
    relief: yup
      .object({ type: yup.string(), status: yup.string(), materialsDueBy: yup.string() })
      .default(undefined),
  })
  .nullable()
  .defined()
  .meta({
    name: 'MatterResult',
    description: '部门办结时返回的结果：单位编码、每位员工的登记号/个人编号（仅本人可见）',
  });

const matterStatusSchema = yup
  .string()
  .oneOf(codesOf(MATTER_STATUSES))
  .required()
  .meta({
    name: 'MatterStatus',
    description: MATTER_STATUSES.map((s) => `${s.code} ${s.label}`).join(' · '),
  });

const applicationSummarySchema = yup
  .object({
    id: objectIdSchema,
    code: yup
      .string()
      .required()
      .matches(/^ZP3611\d{14}$/)
      .meta({ description: '办件编码' }),
    unitName: yup.string().defined(),
    employeeCount: yup.number().integer().min(0).required(),
    status: yup
      .string()
      .oneOf(codesOf(OVERALL_STATUSES))
      .required()
      .meta({
        name: 'OverallStatus',
        description: OVERALL_STATUSES.map((s) => `${s.code} ${s.label}`).join(' · '),
      }),
    statusLabel: yup.string().required(),
    overdueCount: yup.number().integer().min(0).required(),
    submittedAt: yup.date().required(),
  })
  .meta({ name: 'ApplicationSummary' });

const matterViewSchema = yup
  .object({
    matter: matterSchema,
    label: yup.string().required(),
    agencyLabel: yup.string().required(),
    timeLimit: yup.string().defined().meta({ example: '即办' }),
    status: matterStatusSchema,
    statusLabel: yup.string().required(),
    attempt: yup.number().integer().min(1).required(),
    caseId: yup.string().nullable().defined(),
    dueDate: dayOrNull(),
    dueDateBasis: yup
      .string()
      .nullable()
      .defined()
      .oneOf(['official', 'provisional', null])
      .meta({ description: 'provisional：按尚无国务院通知的年份推算，显示为“预计”，录入正式安排后自动重算' }),
    overdue: yup.boolean().required(),
    reasons: yup
      .array(
        yup.object({
          code: yup.string().required(),
          message: yup.string().required(),
          employeeKey: yup.string().nullable().defined(),
          fix: yup
            .string()
            .oneOf(['employeeFields', 'unitFields', 'dropEmployee', 'materials', 'any'])
            .required()
            .meta({
              description:
                '补正方式：改该员工字段、改单位字段、将该员工移出本事项、补充材料、按原因修改任意字段',
            }),
          fields: yup
            .array(yup.string().required())
            .required()
            .meta({ description: '应修改的字段（表单路径）' }),
          droppable: yup.boolean().required().meta({ description: '可将该员工移出本事项' }),
          advice: yup.string().required(),
        }),
      )
      .required(),
    excludedEmployeeKeys: yup
      .array(yup.string().required())
      .required()
      .meta({ description: '补正时移出本事项的员工' }),
    result: matterResultSchema,
    timeline: yup
      .array(
        yup.object({
          at: yup.date().required(),
          status: matterStatusSchema,
          statusLabel: yup.string().required(),
          note: yup.string().nullable().defined(),
        }),
      )
      .required(),
  })
  .meta({ name: 'Matter' });

const applicationSchema = applicationSummarySchema
  .shape({
    queryPassword: yup
      .string()
      .required()
      .matches(/^\d{6}$/)
      .meta({ description: '查询密码（打印在回执上）' }),
    housingFundRelief: housingFundReliefSchema.required(),
    reliefDeadline: dayOrNull().meta({ description: '缓缴/降缴材料截止日' }),
    employees: yup
      .array(
        yup.object({
          key: yup.string().nullable().defined(),
          name: yup.string().defined(),
          idNumber: yup.string().defined().meta({ description: '已脱敏，如 3623**********1234' }),
        }),
      )
      .required(),
    matters: yup.array(matterViewSchema).required(),
    rating: ratingSchema,
    rateable: yup
      .boolean()
      .required()
      .meta({ description: '可以评价：全部事项已办结且尚未评价（每个办件只能评价一次）' }),
  })
  .meta({ name: 'Application', description: '办件详情：各事项进度；身份证号已脱敏' });

const count = () => yup.number().integer().min(0).required();
const statsSchema = yup.object({
  applications: yup
    .object({ total: count(), processing: count(), completed: count(), returned: count() })
    .required(),
  matters: yup
    .object({
      byStatus: yup
        .object()
        .required()
        .meta({ jsonSchema: { additionalProperties: { type: 'integer', minimum: 0 } } }),
      overdue: count(),
    })
    .required(),
});

/** Who may file for a unit: the submission and a 补正 refuse alike. */
const needsUnitAuthority = errorResponse(
  '未实名核验（IDENTITY_REQUIRED）或无权代表该单位办理（UNIT_AUTHORITY_REQUIRED），message 说明如何取得授权',
  'UnitAuthorityRequired',
);

export function applicationRoutes(services: Services): Route[] {
  const { applications, idempotency, cipher } = services;
  const auth = accountLogin(services);
  // Which applications an account sees: all of the units it represents legally, its own of the units it
  // is authorized for, none once an authorization ended.
  const visible = (accountId: string) => services.authority.visibleFilter(accountId);

  return [
    defineRoute({
      method: 'post',
      path: '/drafts/:id/submit',
      operationId: 'submitDraft',
      summary: '提交草稿，生成办件（成功后草稿被消耗）',
      tags: ['applications'],
      auth,
      params: yup.object({ id: objectIdOf('草稿编号') }),
      headers: [idempotencyKey],
      body: submitBody,
      example: {},
      responses: {
        201: { description: '办件（重放时响应头 Idempotent-Replayed: true）', schema: applicationSchema },
        400: 'BadRequest',
        403: needsUnitAuthority,
        404: 'NotFound',
        409: 'Conflict',
        415: 'UnsupportedMediaType',
        422: 'Unprocessable',
      },
      handler: async (ctx, { params: { id: draftId }, body }) => {
        const key = IdempotencyStore.parseKey(ctx.get('Idempotency-Key') || undefined);
        const result = await idempotency.run(
          ctx.state.accountId,
          key,
          `submit:${draftId}`,
          body,
          async () => {
            const doc = await submitDraft(
              services.submission,
              ctx.state.accountId,
              draftId,
              key,
              body.version,
            );
            return { status: 201, body: applicationDetail(doc, cipher) };
          },
        );
        if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
        ctx.status = result.status;
        ctx.body = result.body;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/applications',
      operationId: 'listApplications',
      summary:
        '我的办件（摘要，按提交时间倒序分页）：法定代表人看到单位的全部办件，经办人看到本人在授权期内提交的办件',
      tags: ['applications'],
      auth,
      query: pageQuery,
      responses: {
        200: { description: '办件列表', schema: pageOf(applicationSummarySchema) },
        400: 'BadRequest',
      },
      handler: async (ctx, { query: { page, pageSize } }) => {
        const filter = await visible(ctx.state.accountId);
        const [docs, total] = await Promise.all([
          applications
            .find(filter, { sealed: 0 })
            .sort({ submittedAt: -1, _id: -1 })
            .skip((page - 1) * pageSize)
            .limit(pageSize)
            .lean(),
          applications.countDocuments(filter),
        ]);
        ctx.body = { items: docs.map(applicationSummary), total, page, pageSize };
      },
    }),
    // Counts for the employer's home page and the supervising office's question: what is overdue?
    defineRoute({
      method: 'get',
      path: '/stats',
      operationId: 'getStats',
      summary: '我的办件统计：按状态计数与超期事项数',
      tags: ['applications'],
      auth,
      responses: { 200: { description: '统计', schema: statsSchema } },
      handler: async (ctx) => {
        const docs = await applications.find(await visible(ctx.state.accountId), { matters: 1 }).lean();
        const byStatus: Record<string, number> = {};
        const overall: Record<string, number> = { processing: 0, completed: 0, returned: 0 };
        let overdue = 0;
        for (const doc of docs) {
          overall[overallOf(doc.matters).status] += 1;
          for (const matter of doc.matters) {
            byStatus[matter.status] = (byStatus[matter.status] ?? 0) + 1;
            if (isOverdue(matter)) overdue += 1;
          }
        }
        ctx.body = { applications: { total: docs.length, ...overall }, matters: { byStatus, overdue } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/applications/:id',
      operationId: 'getApplication',
      summary: '办件详情与各事项进度',
      tags: ['applications'],
      auth,
      params: yup.object({ id: objectIdOf('办件编号') }),
      responses: {
        200: { description: '办件', schema: applicationSchema },
        400: 'BadRequest',
        404: 'NotFound',
      },
      handler: async (ctx, { params }) => {
        const doc = await applications
          .findOne({ _id: params.id, ...(await visible(ctx.state.accountId)) })
          .lean();
        if (!doc) throw notFound('办件不存在');
        ctx.body = applicationDetail(doc, cipher);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/applications/:id/matters/:matter/resubmit',
      operationId: 'resubmitMatter',
      summary: '补正被退回的事项并单独重新提交（其他事项不受影响）',
      tags: ['applications'],
      auth,
      params: yup.object({ id: objectIdOf('办件编号'), matter: matterSchema }),
      headers: [idempotencyKey],
      body: resubmitBody,
      bodyRequired: true,
      example: { employees: [{ ...DRAFT_EXAMPLES.employee, key: '0123456789ab' }] },
      responses: {
        200: { description: '补正后的办件（该事项回到待推送）', schema: applicationSchema },
        400: 'BadRequest',
        403: needsUnitAuthority,
        404: 'NotFound',
        409: 'Conflict',
        413: 'PayloadTooLarge',
        415: 'UnsupportedMediaType',
        422: 'Unprocessable',
      },
      handler: async (ctx, { params: { id, matter }, body: correction }) => {
        const key = IdempotencyStore.parseKey(ctx.get('Idempotency-Key') || undefined);
        // 补正 is a submission too: only while the account may still act for the unit.
        const filed = await applications
          .findOne({ _id: id, accountId: ctx.state.accountId }, { uscc: 1, unitName: 1 })
          .lean();
        if (!filed) throw notFound('办件不存在');
        await services.authority.forSubmission(ctx.state.accountId, filed.uscc ?? '', filed.unitName ?? '');
        const result = await idempotency.run(
          ctx.state.accountId,
          key,
          `resubmit:${id}:${matter}`,
          correction,
          async () => {
            const doc = await resubmitMatter(
              services.submission,
              ctx.state.accountId,
              id,
              matter,
              correction as never,
            );
            return { status: 200, body: applicationDetail(doc, cipher) };
          },
        );
        if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
        ctx.status = result.status;
        ctx.body = result.body;
      },
    }),
  ];
}

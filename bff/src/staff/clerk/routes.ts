// 一窗受理 routes for window clerks: find the county's applications, enter a walk-in application, read an
// ID card, see and hand back returned matters. Every view of personal data and every action is audited;
// an application of another county answers 404. Staff never change an agency's decision here.
import * as yup from 'yup';
import { trusted } from 'mongoose';
import { MATTERS, MATTER_CODES, returnReasonOf, todayInChina } from '@hiring/shared';
import type { Services } from '../../context';
import { defineRoute, type Route, type RouteContext } from '../../http/route';
import { errorResponse } from '../../http/errorSchema';
import { conflict } from '../../http/errors';
import { cleanString, objectIdOf, objectIdSchema, pageQuery, strictObject } from '../../http/validate';
import { draftApplicationSchema } from '../../drafts/draftSchema';
import { applicationSummary } from '../../applications/view';
import { createOcrRoutes } from '../../ocr';
import { maskIdNumber } from '../../security/mask';
import { staffLogin, type StaffMember } from '../requireStaff';
import { applicationInScope, scopeFilter, staffActor } from '../scope';
import { staffApplicationView } from '../applicationView';
import { IdempotencyStore, idempotencyKey } from '../../applications/idempotency';
import { takeWalkIn } from './walkIn';
import { unitNotRegistered } from '../../authority/routes';

const day = (label: string) =>
  yup
    .string()
    .matches(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 YYYY-MM-DD`)
    .meta({ jsonSchema: { format: 'date' } });

const searchQuery = pageQuery.shape({
  code: cleanString({ upper: true })
    .max(20, '办件编码最多 20 个字符')
    .matches(/^ZP\d{0,18}$/, '办件编码以 ZP 开头，后接数字'),
  unit: cleanString().max(100, '单位名称最多 100 个字符').min(2, '单位名称或信用代码至少 2 个字符'),
  from: day('起始日期'),
  to: day('截止日期'),
});

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const startOfChinaDay = (dayText: string) => new Date(`${dayText}T00:00:00+08:00`);

const matterBrief = yup.object({
  matter: yup.string().required(),
  label: yup.string().required(),
  status: yup.string().required(),
  dueDate: yup.string().nullable().defined(),
});

export const staffApplicationSummarySchema = yup
  .object({
    id: objectIdSchema,
    code: yup.string().required(),
    unitName: yup.string().defined(),
    uscc: yup.string().defined(),
    county: yup.string().nullable().defined(),
    channel: yup
      .string()
      .oneOf(['online', 'window'])
      .required()
      .meta({ description: 'online 小程序 · window 窗口受理' }),
    employeeCount: yup.number().integer().required(),
    status: yup.string().required(),
    statusLabel: yup.string().required(),
    overdueCount: yup.number().integer().required(),
    submittedAt: yup
      .string()
      .required()
      .meta({ jsonSchema: { format: 'date-time' } }),
    matters: yup.array(matterBrief).max(4).required(),
  })
  .meta({ name: 'StaffApplicationSummary' });

const walkInBody = strictObject({
  application: draftApplicationSchema.required('请填写申请表'),
  attestation: strictObject({
    reference: cleanString()
      .required('请填写纸质授权书编号')
      .max(40, '授权书编号最多 40 个字符')
      .matches(/^[\p{L}\p{N}_-]+$/u, '授权书编号只能包含文字、数字、下划线和短横线'),
    expiresOn: day('授权截止日期').required('请填写授权截止日期'),
    paperAuthorizationSeen: yup.boolean().required(),
    operatorIdCardSeen: yup.boolean().required(),
    hireIdCardsSeen: yup.array(yup.boolean().required()).max(500).required(),
  }).required('请填写窗口核验情况'),
});

export function summaryOf(doc: Parameters<typeof applicationSummary>[0]) {
  return {
    ...applicationSummary(doc),
    uscc: doc.uscc ?? '',
    county: doc.county ?? null,
    channel: doc.channel ?? 'online',
    matters: doc.matters.map((m) => ({
      matter: m.matter,
      label: MATTERS.find((x) => x.code === m.matter)?.label ?? m.matter,
      status: m.status,
      dueDate: m.dueDate ?? null,
    })),
  };
}

export function clerkRoutes(services: Services): Route[] {
  const clerk = staffLogin(services, 'clerk');
  const { applications, audit } = services;
  const staffOf = (ctx: RouteContext) => ctx.state.staff as StaffMember;

  // The OCR endpoint's declaration, on the clerk's path: a scanner file or a desktop camera picture.
  const [ocrFront] = createOcrRoutes({ auth: clerk, provider: services.ocr });
  const clerkOcr: Route = {
    ...ocrFront,
    path: '/staff/clerk/ocr/id-card',
    operationId: 'clerkReadIdCard',
    summary: '窗口识别身份证人像面（扫描件或摄像头照片；照片不保存；记入审计）',
    tags: ['staff'],
    handler: async (ctx, input) => {
      await ocrFront.handler(ctx, input);
      const reading = ctx.body as { idNumber?: string | null; verified?: boolean };
      await audit.record({
        actor: staffActor(staffOf(ctx)),
        action: 'staff.ocr',
        subject: maskIdNumber(reading.idNumber ?? '') || undefined,
        detail: { verified: !!reading.verified },
      });
    },
  };

  return [
    defineRoute({
      method: 'get',
      path: '/staff/clerk/applications',
      operationId: 'clerkSearchApplications',
      summary: '窗口查找本区县办件：按办件编码、单位名称或统一社会信用代码、提交日期',
      tags: ['staff'],
      auth: clerk,
      query: searchQuery,
      responses: {
        200: {
          description: '本区县的办件（新到旧）',
          schema: yup.object({
            items: yup.array(staffApplicationSummarySchema).max(100).required(),
            total: yup.number().integer().required(),
            page: yup.number().integer().required(),
            pageSize: yup.number().integer().required(),
          }),
        },
        400: 'BadRequest',
      },
      handler: async (ctx, { query }) => {
        const staff = staffOf(ctx);
        const filter: Record<string, unknown> = { ...scopeFilter(staff) };
        if (query.code)
          filter.code = query.code.length === 20 ? query.code : trusted({ $regex: `^${query.code}` });
        if (query.unit) {
          filter.$or = /^[0-9A-Z]{18}$/i.test(query.unit)
            ? [{ uscc: query.unit.toUpperCase() }]
            : [{ unitName: trusted({ $regex: escapeRegex(query.unit) }) }];
        }
        if (query.from || query.to) {
          filter.submittedAt = trusted({
            ...(query.from ? { $gte: startOfChinaDay(query.from) } : {}),
            ...(query.to ? { $lt: new Date(startOfChinaDay(query.to).getTime() + 86_400_000) } : {}),
          });
        }
        const [docs, total] = await Promise.all([
          applications
            .find(filter, { sealed: 0 })
            .sort({ submittedAt: -1 })
            .skip((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
            .lean(),
          applications.countDocuments(filter),
        ]);
        await audit.record({
          actor: staffActor(staff),
          action: 'staff.search',
          detail: { code: query.code, unit: query.unit, from: query.from, to: query.to, found: total },
        });
        ctx.set('Cache-Control', 'no-store');
        ctx.body = {
          items: docs.map((d) => summaryOf(d as never)),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/staff/clerk/applications/:id',
      operationId: 'clerkGetApplication',
      summary: '窗口查看本区县一件办件（各事项进度、退回原因；身份证号已脱敏；记入审计）',
      tags: ['staff'],
      auth: clerk,
      params: yup.object({ id: objectIdOf('办件编号') }),
      responses: {
        200: {
          description: '办件',
          schema: yup
            .object()
            .meta({ description: '与 GET /applications/{id} 相同的结构，另有 uscc、county、channel' }),
        },
        400: 'BadRequest',
        404: 'NotFound',
      },
      handler: async (ctx, { params }) => {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await staffApplicationView(services, staffOf(ctx), params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/staff/clerk/applications',
      operationId: 'clerkTakeWalkIn',
      summary: '窗口受理：为来窗单位录入联办申请（核验纸质授权书与身份证原件后提交）',
      description:
        '与小程序相同的校验（shared 的 validateApplication）；经办人经公安核验，按窗口核验的纸质授权书登记单位授权（授权路径 3），随后与线上申请一样推送至各部门。',
      tags: ['staff'],
      auth: clerk,
      headers: [idempotencyKey],
      body: walkInBody,
      responses: {
        201: {
          description: '已受理',
          schema: yup.object({
            id: objectIdSchema,
            code: yup.string().required(),
            unitName: yup.string().required(),
            employeeCount: yup.number().integer().required(),
          }),
        },
        400: 'BadRequest',
        403: 'Forbidden',
        404: unitNotRegistered,
        409: errorResponse(
          '同一 Idempotency-Key 的受理正在处理（REQUEST_IN_PROGRESS），或已受理而内容又有改动（ALREADY_SUBMITTED，application 给出办件编号与办件编码）',
        ),
        422: errorResponse(
          '申请表或核验情况有误（VALIDATION_FAILED），或公安核验未通过；IDEMPOTENCY_KEY_REUSED：该键已用于内容不同且未受理的请求',
        ),
        503: 'Unavailable',
      },
      handler: async (ctx, { body }) => {
        const key = IdempotencyStore.parseKey(ctx.get('Idempotency-Key') || undefined);
        const input = { application: body.application as never, attestation: body.attestation };
        const result = await takeWalkIn(services, staffOf(ctx), input, key);
        if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
        ctx.status = result.status;
        ctx.body = result.body;
      },
    }),
    clerkOcr,
    defineRoute({
      method: 'get',
      path: '/staff/clerk/returns',
      operationId: 'clerkListReturns',
      summary: '本区县被部门退回、待单位补正的事项及退回原因（供窗口告知单位）',
      tags: ['staff'],
      auth: clerk,
      query: pageQuery,
      responses: {
        200: {
          description: '退回的事项（最近退回在前）',
          schema: yup.object({
            items: yup
              .array(
                yup.object({
                  applicationId: objectIdSchema,
                  code: yup.string().required(),
                  unitName: yup.string().defined(),
                  matter: yup.string().required(),
                  label: yup.string().required(),
                  agencyLabel: yup.string().required(),
                  returnedAt: yup.string().nullable().defined(),
                  handedBackAt: yup.string().nullable().defined(),
                  reasons: yup
                    .array(
                      yup.object({
                        code: yup.string().required(),
                        label: yup.string().required(),
                        message: yup.string().defined(),
                        advice: yup.string().defined(),
                      }),
                    )
                    .max(500)
                    .required(),
                }),
              )
              .max(100)
              .required(),
            total: yup.number().integer().required(),
          }),
        },
        400: 'BadRequest',
      },
      handler: async (ctx, { query }) => {
        const staff = staffOf(ctx);
        const filter: Record<string, unknown> = { ...scopeFilter(staff), 'matters.status': 'returned' };
        const docs = await applications.find(filter, { sealed: 0 }).sort({ updatedAt: -1 }).limit(500).lean();
        const items = docs.flatMap((doc) =>
          doc.matters
            .filter((m) => m.status === 'returned')
            .map((m) => {
              const spec = MATTERS.find((x) => x.code === m.matter);
              const returned = [...(m.timeline ?? [])].reverse().find((t) => t.status === 'returned');
              const handed = [...(m.timeline ?? [])]
                .reverse()
                .find((t) => t.status === 'returned' && t.note?.startsWith(HANDED_BACK));
              return {
                applicationId: String(doc._id),
                code: doc.code,
                unitName: doc.unitName ?? '',
                matter: m.matter,
                label: spec?.label ?? m.matter,
                agencyLabel: spec?.agencyLabel ?? m.agency,
                returnedAt: returned ? returned.at.toISOString() : null,
                handedBackAt: handed ? handed.at.toISOString() : null,
                reasons: (m.reasons ?? []).map((r) => {
                  const known = returnReasonOf(r.code);
                  return {
                    code: known.code,
                    label: known.label,
                    message: r.message ?? '',
                    advice: known.advice,
                  };
                }),
              };
            }),
        );
        await audit.record({
          actor: staffActor(staff),
          action: 'staff.returns',
          detail: { found: items.length },
        });
        ctx.set('Cache-Control', 'no-store');
        const start = (query.page - 1) * query.pageSize;
        ctx.body = { items: items.slice(start, start + query.pageSize), total: items.length };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/staff/clerk/applications/:id/matters/:matter/handed-back',
      operationId: 'clerkHandBackReturn',
      summary: '记录窗口已将退回原因当面告知单位（不改变部门的决定）',
      tags: ['staff'],
      auth: clerk,
      params: yup.object({
        id: objectIdOf('办件编号'),
        matter: yup
          .string()
          .required()
          .oneOf([...MATTER_CODES], '未知的办理事项'),
      }),
      body: strictObject({ note: cleanString().max(200, '说明最多 200 个字符') }),
      bodyRequired: false,
      responses: {
        200: { description: '已记录', schema: yup.object({ handedBackAt: yup.string().required() }) },
        400: 'BadRequest',
        404: 'NotFound',
        409: errorResponse('该事项不处于退回状态（NOT_RETURNED）'),
      },
      handler: async (ctx, { params, body }) => {
        const staff = staffOf(ctx);
        const doc = await applicationInScope(applications, staff, params.id);
        const index = doc.matters.findIndex((m) => m.matter === params.matter);
        if (index < 0 || doc.matters[index].status !== 'returned')
          throw conflict('NOT_RETURNED', '该事项不处于退回状态，无需告知');
        const at = new Date();
        const note = `${HANDED_BACK}（${staff.name}）${body?.note ? `：${body.note}` : ''}`;
        // A note on the matter's timeline only: its status stays the agency's decision.
        const updated = await applications.updateOne(
          { _id: doc._id, [`matters.${index}.status`]: 'returned' },
          { $push: { [`matters.${index}.timeline`]: { at, status: 'returned', note } } },
        );
        if (!updated.modifiedCount) throw conflict('NOT_RETURNED', '该事项不处于退回状态，无需告知');
        await audit.record({
          actor: staffActor(staff),
          action: 'staff.handBack',
          subject: doc.code,
          detail: { matter: params.matter, today: todayInChina() },
        });
        ctx.body = { handedBackAt: at.toISOString() };
      },
    }),
  ];
}

const HANDED_BACK = '窗口已告知单位退回原因';

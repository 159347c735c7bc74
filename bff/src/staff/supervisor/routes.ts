// 政务服务管理局's supervision (issue 17): the dashboard over a period and county, its Excel export (rate
// limited, capped and audited), one application drilled down to (personal data masked, audited as a staff
// view) and the search of the audit trail. Supervisors are city-wide; one whose login names a county sees
// that county only. Nothing here changes an application.
import * as yup from 'yup';
import { trusted } from 'mongoose';
import {
  AUDIT_OUTCOMES,
  MATTERS,
  SHANGRAO_COUNTIES,
  STAFF_ROLES,
  auditActionLabel,
  labelOf,
} from '@hiring/shared';
import type { Services } from '../../context';
import { defineRoute, type Route, type RouteContext } from '../../http/route';
import { errorResponse } from '../../http/errorSchema';
import { AppError, notFound } from '../../http/errors';
import { objectIdOf } from '../../http/validate';
import { RateLimiter, tooManyRequests } from '../../http/rateLimit';
import { timeSlicer } from '../../http/eventLoop';
import { maskName } from '../../security/mask';
import type { AuditRecord } from '../../audit/auditLog';
import { staffLogin, type StaffMember } from '../requireStaff';
import { staffActor } from '../scope';
import { staffApplicationView } from '../applicationView';
import { FigureAccumulator, type FigureSource } from './figures';
import { auditQuery, auditRecordSchema, figuresSchema, periodQuery } from './schemas';
import { XLSX_TYPE, figuresWorkbook } from './workbook';

/** The most applications one dashboard reads; beyond it the supervisor is asked for a shorter period. */
export const MAX_DASHBOARD_APPLICATIONS = 50_000;
/** Overdue matters listed on the dashboard (the export lists up to SUPERVISOR_EXPORT_MAX_ROWS). */
const DASHBOARD_OVERDUE = 200;
/** Applications per cursor batch: the driver decodes a batch at once, so a smaller one is a shorter stretch. */
const BATCH = 200;

type Period = yup.InferType<typeof periodQuery>;

const startOfChinaDay = (day: string) => new Date(`${day}T00:00:00+08:00`);
const dayAfter = (day: string) => new Date(startOfChinaDay(day).getTime() + 86_400_000);

/** The part of an application the figures read: never the sealed form or the agencies' results. */
const FIGURE_FIELDS = {
  code: 1,
  unitName: 1,
  county: 1,
  submittedAt: 1,
  rating: 1,
  matters: 1,
} as const;

const DETAIL_LABELS: Record<string, string> = {
  found: '结果数',
  from: '起始日期',
  to: '截止日期',
  county: '区县',
  rows: '行数',
  overdue: '超期事项',
  applications: '申请件数',
  hires: '人数',
  employees: '员工数',
  pages: '页数',
  matter: '事项',
  code: '办件编码',
  unit: '单位',
  year: '年份',
  verified: '核验通过',
  page: '页码',
  actor: '工作人员账号',
  action: '操作类型',
};

/** A record's details in words: known keys only, values of known codes as their labels. */
function detailText(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '';
  return Object.entries(detail as Record<string, unknown>)
    .filter(([key, value]) => DETAIL_LABELS[key] && value !== undefined && value !== null && value !== '')
    .slice(0, 12)
    .map(([key, value]) => {
      let text = typeof value === 'boolean' ? (value ? '是' : '否') : String(value).slice(0, 60);
      if (key === 'county') text = SHANGRAO_COUNTIES[text] ?? text;
      if (key === 'matter') text = MATTERS.find((m) => m.code === text)?.label ?? text;
      if (key === 'action') text = auditActionLabel(text);
      return `${DETAIL_LABELS[key]}：${text}`;
    })
    .join('；');
}

const ACTOR_KINDS: Record<string, string> = { account: '单位经办人', staff: '工作人员', system: '系统' };

function auditRecordView(record: AuditRecord) {
  const actor = record.actor ?? { kind: 'system', id: '' };
  return {
    at: new Date(record.at).toISOString(),
    actorKind: (actor.kind ?? 'system') as 'account' | 'staff' | 'system',
    actorKindLabel: ACTOR_KINDS[actor.kind ?? 'system'] ?? '系统',
    actorId: actor.id ?? '',
    actorRoleLabel: (actor.role && labelOf(STAFF_ROLES, actor.role)) || '',
    actorCountyLabel: (actor.county && SHANGRAO_COUNTIES[actor.county]) || '',
    action: record.action,
    actionLabel: auditActionLabel(record.action),
    subject: record.subject ?? '',
    purpose: record.purpose ?? '',
    outcome: record.outcome ?? 'ok',
    outcomeLabel: labelOf(AUDIT_OUTCOMES, record.outcome ?? 'ok') ?? '成功',
    detail: detailText(record.detail),
  };
}

/** The dashboard and its export refuse a period with more applications than they may read. */
const tooManyInPeriod = errorResponse('期间内的申请过多（VALIDATION_FAILED）', 'TooManyInPeriod');

export function supervisorRoutes(services: Services): Route[] {
  const supervisor = staffLogin(services, 'supervisor');
  const { applications, audit, config } = services;
  const exports = new RateLimiter(
    services.rateCounters,
    'supervisor-export',
    config.limits.supervisorExportsPerHour,
    3_600_000,
  );
  const staffOf = (ctx: RouteContext) => ctx.state.staff as StaffMember;

  /** The county a supervisor may see: their own when their login names one, else the one asked for. */
  function countyFor(staff: StaffMember, asked: string | undefined): string | undefined {
    if (staff.county && asked && asked !== staff.county) throw notFound('所选区县不在您的监督范围内');
    return staff.county ?? asked;
  }

  /**
   * Reads the period's applications in batches (the cursor awaits the database between them, so other
   * requests run meanwhile) into a FigureAccumulator, after checking the period is within bounds.
   */
  async function figuresFor(staff: StaffMember, query: Period, keepOverdue: number) {
    const county = countyFor(staff, query.county);
    const filter: Record<string, unknown> = {
      submittedAt: trusted({ $gte: startOfChinaDay(query.from), $lt: dayAfter(query.to) }),
      ...(county ? { county } : {}),
    };
    const count = await applications.countDocuments(filter);
    if (count > MAX_DASHBOARD_APPLICATIONS) {
      throw new AppError(
        422,
        'VALIDATION_FAILED',
        `所选期间有 ${count} 件申请，超过单次统计上限 ${MAX_DASHBOARD_APPLICATIONS} 件，请缩短期间或选择区县`,
      );
    }
    const accumulator = new FigureAccumulator(
      await services.rules.calendar.calendar(),
      { from: query.from, to: query.to, county },
      keepOverdue,
    );
    const cursor = applications
      .find(filter, FIGURE_FIELDS)
      .sort({ submittedAt: 1 })
      .limit(MAX_DASHBOARD_APPLICATIONS)
      .batchSize(BATCH)
      .lean()
      .cursor();
    // Hand the event loop back now and then even when the driver has the next batch at hand.
    const checkpoint = timeSlicer();
    for await (const doc of cursor) {
      accumulator.add(doc as unknown as FigureSource);
      await checkpoint();
    }
    return { figures: accumulator.result(), county };
  }

  const exportName = (from: string, to: string, county: string | undefined) =>
    `员工招聘一件事督查统计-${county ? (SHANGRAO_COUNTIES[county] ?? county) : '全市'}-${from}至${to}.xlsx`;

  return [
    defineRoute({
      method: 'get',
      path: '/staff/supervisor/dashboard',
      operationId: 'supervisorDashboard',
      summary:
        '督查统计：所选期间（按提交日期，最长 366 天）与区县的申请、事项、办理用时、超期、退回原因和好差评',
      description:
        '办理用时与超期按工作日计（与办理期限同一工作日历）。计时自推送部门（提交或补正后重新提交）之日起；' +
        '部门尚未受理的事项，按其时限自计时起点推算期限，逾期同样计为超期。超期事项列出最多 200 项（按超期工作日从多到少），total 为全部件数。',
      tags: ['staff'],
      auth: supervisor,
      query: periodQuery,
      responses: {
        200: { description: '统计', schema: figuresSchema.required() },
        400: 'BadRequest',
        404: 'NotFound',
        422: tooManyInPeriod,
      },
      handler: async (ctx, { query }) => {
        const staff = staffOf(ctx);
        const { figures, county } = await figuresFor(staff, query, DASHBOARD_OVERDUE);
        await audit.record({
          actor: staffActor(staff),
          action: 'supervisor.dashboard',
          detail: { from: query.from, to: query.to, county, applications: figures.totals.applications },
        });
        ctx.set('Cache-Control', 'no-store');
        ctx.body = figures;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/staff/supervisor/dashboard.xlsx',
      operationId: 'supervisorExportDashboard',
      summary:
        '导出督查统计表（.xlsx：概况、分事项、超期事项、退回原因、好差评、每日）；限次数与行数，记入审计',
      tags: ['staff'],
      auth: supervisor,
      query: periodQuery,
      responses: {
        200: {
          description: 'Excel 文件（Content-Disposition 为中文文件名）',
          contentType: XLSX_TYPE,
          schema: yup.string().meta({ jsonSchema: { format: 'binary' } }),
        },
        400: 'BadRequest',
        404: 'NotFound',
        422: tooManyInPeriod,
        429: 'TooManyRequests',
      },
      handler: async (ctx, { query }) => {
        const staff = staffOf(ctx);
        const wait = await exports.hit(staff.id);
        if (wait > 0) {
          await audit.record({
            actor: staffActor(staff),
            action: 'supervisor.export',
            outcome: 'refused',
            detail: { from: query.from, to: query.to, county: query.county },
          });
          throw tooManyRequests(ctx, wait);
        }
        const { figures, county } = await figuresFor(staff, query, config.limits.supervisorExportMaxRows);
        const exportedAt = new Date();
        const { buffer, overdueRows } = await figuresWorkbook(figures, {
          exportedBy: `${staff.name}（${staff.id}）`,
          exportedAt,
        });
        await audit.record({
          actor: staffActor(staff),
          action: 'supervisor.export',
          detail: {
            from: query.from,
            to: query.to,
            county,
            applications: figures.totals.applications,
            overdue: figures.overdue.total,
            rows: overdueRows,
          },
        });
        const name = exportName(query.from, query.to, county);
        ctx.set('Cache-Control', 'no-store');
        ctx.set(
          'Content-Disposition',
          `attachment; filename="supervision.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        );
        ctx.type = XLSX_TYPE;
        ctx.body = buffer;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/staff/supervisor/applications/:id',
      operationId: 'supervisorGetApplication',
      summary:
        '督查查看一件办件：各事项进度、期限、退回原因；员工姓名与身份证号已脱敏，不含部门回传的个人编号；记入审计',
      tags: ['staff'],
      auth: supervisor,
      params: yup.object({ id: objectIdOf('办件编号') }),
      responses: {
        200: {
          description: '办件',
          schema: yup.object().meta({
            description:
              '与 GET /staff/clerk/applications/{id} 相同的结构；员工姓名脱敏，事项的 result 为 null',
          }),
        },
        400: 'BadRequest',
        404: 'NotFound',
      },
      handler: async (ctx, { params }) => {
        const detail = await staffApplicationView(services, staffOf(ctx), params.id);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = {
          ...detail,
          employees: detail.employees.map((e) => ({ ...e, name: maskName(e.name) ?? '' })),
          // The agencies' results hold each hire's numbers: supervision needs the progress, not those.
          matters: detail.matters.map((m) => ({ ...m, result: null })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/staff/supervisor/audit',
      operationId: 'supervisorSearchAudit',
      summary: '查询审计日志：按工作人员账号、操作类型、日期（新到旧，分页）；查询本身也记入审计',
      tags: ['staff'],
      auth: supervisor,
      query: auditQuery,
      responses: {
        200: {
          description: '审计记录',
          schema: yup.object({
            items: yup.array(auditRecordSchema).max(100).required(),
            total: yup.number().integer().min(0).required(),
            page: yup.number().integer().required(),
            pageSize: yup.number().integer().required(),
          }),
        },
        400: 'BadRequest',
      },
      handler: async (ctx, { query }) => {
        const staff = staffOf(ctx);
        const { items, total } = await audit.search({
          actorId: query.actor || undefined,
          action: query.action,
          from: query.from ? startOfChinaDay(query.from) : undefined,
          to: query.to ? dayAfter(query.to) : undefined,
          page: query.page,
          pageSize: query.pageSize,
        });
        await audit.record({
          actor: staffActor(staff),
          action: 'supervisor.auditSearch',
          detail: { actor: query.actor, action: query.action, from: query.from, to: query.to, found: total },
        });
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { items: items.map(auditRecordView), total, page: query.page, pageSize: query.pageSize };
      },
    }),
  ];
}

// What the supervisor's routes accept and answer. The period is bounded (≤ 366 days, inside the calendar's
// years) and the county is one of 上饶's, so no request can ask the server for an unbounded walk.
import * as yup from 'yup';
import {
  AUDIT_ACTIONS,
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  SHANGRAO_COUNTIES,
  codesOf,
  SUPERVISION_MAX_PERIOD_DAYS,
  isRealDate,
  supervisionPeriodProblem,
} from '@hiring/shared';
import { objectIdSchema, pageQuery } from '../../http/validate';

const COUNTY_CODES = Object.keys(SHANGRAO_COUNTIES);

const day = (label: string) =>
  yup
    .string()
    .matches(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 YYYY-MM-DD`)
    .test('real', `${label}不是有效日期`, (v) => v === undefined || isRealDate(v))
    .test(
      'calendar',
      `${label}须在 ${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR} 年之间`,
      (v) =>
        v === undefined ||
        (Number(v.slice(0, 4)) >= CALENDAR_FIRST_YEAR && Number(v.slice(0, 4)) <= CALENDAR_LAST_YEAR),
    )
    .meta({ jsonSchema: { format: 'date' } });

export const countyQuery = yup
  .string()
  .oneOf(COUNTY_CODES, '未知的区县代码（应为上饶市所辖区县）')
  .meta({
    description: `区县代码，不填为全市：${Object.entries(SHANGRAO_COUNTIES)
      .map(([code, label]) => `${code} ${label}`)
      .join('、')}`,
  });

export const periodQuery = yup
  .object({
    from: day('起始日期').required('请选择起始日期'),
    to: day('截止日期').required('请选择截止日期'),
    county: countyQuery,
  })
  .test('period', function checkPeriod(v) {
    // A missing or malformed date is already reported by its own field.
    if (!v?.from || !v?.to || !isRealDate(v.from) || !isRealDate(v.to)) return true;
    const problem = supervisionPeriodProblem(v.from, v.to);
    return problem ? this.createError({ message: problem }) : true;
  });

const count = () => yup.number().integer().min(0).required();
const date = () =>
  yup
    .string()
    .required()
    .meta({ jsonSchema: { format: 'date' } });

export const overdueMatterSchema = yup
  .object({
    applicationId: objectIdSchema,
    code: yup.string().required(),
    unitName: yup.string().defined(),
    county: yup.string().nullable().defined(),
    countyLabel: yup.string().required(),
    matter: yup.string().required(),
    label: yup.string().required(),
    agencyLabel: yup.string().required(),
    status: yup.string().required(),
    statusLabel: yup.string().required(),
    neverAccepted: yup.boolean().required().meta({ description: '部门尚未受理（仍在等待推送或受理）' }),
    open: yup.boolean().required().meta({ description: 'true 仍未办结；false 已超期办结' }),
    startedOn: date().meta({ description: '计时起点：提交（或补正后重新提交）之日' }),
    dueDate: date().meta({ description: '办理期限：受理时确定；部门未受理的，自计时起点按时限推算' }),
    overdueSince: date().meta({ description: '自该日起超期' }),
    statusSince: date().meta({ description: '处于当前状态的起始日' }),
    completedOn: yup.string().nullable().defined(),
    workingDaysOver: count().meta({ description: '超期工作日数（至今日或办结之日）' }),
  })
  .meta({ name: 'SupervisorOverdueMatter' });

export const figuresSchema = yup
  .object({
    period: yup
      .object({
        from: date(),
        to: date(),
        county: yup.string().nullable().defined(),
        countyLabel: yup.string().required(),
        today: date(),
      })
      .required(),
    totals: yup
      .object({
        applications: count(),
        matters: count(),
        completed: count(),
        open: count(),
        returned: count(),
        overdueOpen: count(),
        completedLate: count(),
        neverAcceptedOverdue: count(),
      })
      .required(),
    perDay: yup
      .array(yup.object({ date: date(), applications: count(), matters: count() }))
      .max(SUPERVISION_MAX_PERIOD_DAYS)
      .required(),
    timeLimits: yup
      .array(
        yup.object({
          workingDays: count(),
          label: yup.string().required(),
          matters: count(),
          share: yup.number().min(0).max(1).required(),
        }),
      )
      .max(10)
      .required(),
    matters: yup
      .array(
        yup.object({
          matter: yup.string().required(),
          label: yup.string().required(),
          agencyLabel: yup.string().required(),
          timeLimit: yup.string().required(),
          total: count(),
          completed: count(),
          open: count(),
          overdueOpen: count(),
          completedLate: count(),
          medianWorkingDays: yup.number().integer().nullable().defined(),
          p90WorkingDays: yup.number().integer().nullable().defined(),
        }),
      )
      .max(10)
      .required(),
    overdue: yup
      .object({
        total: count(),
        items: yup.array(overdueMatterSchema).max(50000).required(),
      })
      .required(),
    returns: yup
      .object({
        total: count(),
        reasons: yup
          .array(
            yup.object({ code: yup.string().required(), label: yup.string().required(), count: count() }),
          )
          .max(100)
          .required(),
      })
      .required(),
    ratings: yup
      .object({
        count: count(),
        average: yup.number().nullable().defined(),
        grades: yup
          .object({ good: count(), neutral: count(), bad: count() })
          .required()
          .meta({ description: '好评（4-5 分）、中评（3 分）、差评（1-2 分）' }),
        distribution: yup
          .array(
            yup.object({
              score: yup.number().integer().min(1).max(5).required(),
              label: yup.string().required(),
              count: count(),
            }),
          )
          .max(5)
          .required(),
        recent: yup
          .array(
            yup.object({
              code: yup.string().required(),
              unitName: yup.string().defined(),
              score: yup.number().integer().min(1).max(5).required(),
              comment: yup.string().defined(),
              ratedAt: yup
                .string()
                .required()
                .meta({ jsonSchema: { format: 'date-time' } }),
            }),
          )
          .max(10)
          .required(),
      })
      .required(),
  })
  .meta({ name: 'SupervisorFigures' });

export const auditQuery = pageQuery.shape({
  // Deep pages make the database skip that many records: a supervisor narrows the search instead.
  page: (pageQuery.fields.page as yup.NumberSchema<number>).max(1000, '最多翻到第 1000 页，请缩小查询范围'),
  actor: yup
    .string()
    .trim()
    .max(64, '工作人员账号最多 64 个字符')
    .matches(/^[A-Za-z0-9_-]+$/, '工作人员账号只能包含字母、数字、下划线和短横线'),
  action: yup.string().oneOf(codesOf(AUDIT_ACTIONS), '未知的操作类型'),
  from: day('起始日期'),
  to: day('截止日期'),
});

export const auditRecordSchema = yup
  .object({
    at: yup
      .string()
      .required()
      .meta({ jsonSchema: { format: 'date-time' } }),
    actorKind: yup.string().oneOf(['account', 'staff', 'system']).required(),
    actorKindLabel: yup.string().required(),
    actorId: yup.string().required(),
    actorRoleLabel: yup.string().defined(),
    actorCountyLabel: yup.string().defined(),
    action: yup.string().required(),
    actionLabel: yup.string().required(),
    subject: yup.string().defined(),
    purpose: yup.string().defined(),
    outcome: yup.string().required(),
    outcomeLabel: yup.string().required(),
    detail: yup.string().defined().meta({ description: '细节（计数、期间等，不含个人信息），已写成文字' }),
  })
  .meta({ name: 'AuditRecord' });

// Who is logged in on the staff side: lets the console show the name, role and county hall.
import * as yup from 'yup';
import { SHANGRAO_COUNTIES, STAFF_ROLES, codesOf } from '@hiring/shared';
import type { Services } from '../context';
import { defineRoute, type Route } from '../http/route';
import { staffLogin, type StaffMember } from './requireStaff';
import type { ResolvedStaffSession } from './staffSessions';

export const staffMemberSchema = yup
  .object({
    id: yup.string().required().meta({ description: '统一身份认证的用户标识' }),
    name: yup.string().required().meta({ description: '姓名' }),
    role: yup
      .string()
      .oneOf(codesOf(STAFF_ROLES))
      .required()
      .meta({ description: STAFF_ROLES.map((r) => `${r.code} ${r.label}`).join(' · ') }),
    county: yup
      .string()
      .matches(/^\d{6}$/)
      .meta({
        description: `所属区县代码（窗口人员）：${Object.entries(SHANGRAO_COUNTIES)
          .map(([code, label]) => `${code} ${label}`)
          .join('、')}；市级角色不限`,
      }),
    sessionExpiresAt: yup.string().meta({
      description: '无操作时会话失效的时间（ISO 8601）；每次请求后顺延',
      jsonSchema: { format: 'date-time' },
    }),
  })
  .meta({ name: 'StaffMember' });

export function staffRoutes(services: Services): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/staff/me',
      operationId: 'getStaffMe',
      summary: '当前工作人员的姓名、角色与所属区县',
      tags: ['staff'],
      auth: staffLogin(services),
      responses: { 200: { description: '工作人员', schema: staffMemberSchema.required() } },
      handler: (ctx) => {
        ctx.set('Cache-Control', 'no-store');
        const staff = ctx.state.staff as StaffMember;
        const session = ctx.state.staffSession as ResolvedStaffSession | undefined;
        ctx.body = {
          ...staff,
          ...(session ? { sessionExpiresAt: session.idleExpiresAt.toISOString() } : {}),
        };
      },
    }),
  ];
}

// Who the presented staff credential belongs to: lets a staff front end show the role and county.
import * as yup from 'yup';
import type { Services } from '../context';
import { defineRoute, type Route } from '../http/route';
import { staffLogin } from './requireStaff';

const staffMemberSchema = yup
  .object({
    id: yup.string().required(),
    role: yup
      .string()
      .oneOf(['clerk', 'supervisor', 'admin'])
      .required()
      .meta({ description: '窗口人员、监督人员、管理员' }),
    county: yup
      .string()
      .matches(/^\d{6}$/)
      .meta({ description: '所属区县代码；管理员不限' }),
  })
  .meta({ name: 'StaffMember' });

export function staffRoutes(services: Services): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/staff/me',
      operationId: 'getStaffMe',
      summary: '当前工作人员的编号、角色与所属区县',
      tags: ['staff'],
      auth: staffLogin(services),
      responses: {
        200: { description: '工作人员', schema: yup.object({ staff: staffMemberSchema.required() }) },
      },
      handler: (ctx) => {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { staff: ctx.state.staff };
      },
    }),
  ];
}

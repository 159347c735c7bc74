// What a 补正 starts from (the values a returned matter sent, pre-filled), and the codes agencies assigned
// to a unit (to pre-fill the unit step of its next application and turn 首次办理 off for those codes).
import * as yup from 'yup';
import { validateUscc } from '@hiring/shared';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { defineRoute, type Route } from '../http/route';
import { objectIdOf } from '../http/validate';
import { mattersSchema } from '../drafts/draftSchema';
import { correctionDraft } from './resubmission';
import { matterSchema } from './routes';

const usccParam = yup
  .string()
  .required()
  .transform((value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value))
  .test('uscc', '统一社会信用代码格式不正确', (value) => validateUscc(value ?? '').valid);

const correctionSchema = yup.object({
  matter: matterSchema,
  status: yup.string().required(),
  attempt: yup.number().integer().min(1).required(),
  matters: mattersSchema.required(),
  unit: yup.object().required().meta({ description: '上次报送的单位信息' }),
  employees: yup
    .array(yup.object().meta({ description: '上次报送的员工信息（本人可见，未脱敏）' }))
    .required(),
  excludedEmployeeKeys: yup.array(yup.string().required()).required(),
});

const unitCodesSchema = yup.object({
  uscc: yup.string().required(),
  socialInsuranceCode: yup.string().nullable().defined(),
  housingFundAccount: yup.string().nullable().defined(),
});

export function correctionRoutes(services: Services): Route[] {
  const auth = accountLogin(services);
  return [
    defineRoute({
      method: 'get',
      path: '/applications/:id/matters/:matter/correction',
      operationId: 'getCorrection',
      summary: '补正表单的初始内容：该事项上次报送的单位与员工信息（本人可见，未脱敏）',
      tags: ['applications'],
      auth,
      params: yup.object({ id: objectIdOf('办件编号'), matter: matterSchema }),
      responses: {
        200: { description: '补正初始内容', schema: correctionSchema },
        400: 'BadRequest',
        404: 'NotFound',
      },
      handler: async (ctx, { params: { id, matter } }) => {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await correctionDraft(services.submission, ctx.state.accountId, id, matter);
      },
    }),
    // Only for a unit this account has applied for: the codes are the unit's, not for anyone to read.
    defineRoute({
      method: 'get',
      path: '/unit-codes/:uscc',
      operationId: 'getUnitCodes',
      summary: '部门为本单位分配的单位编码（社保）和公积金单位账号（仅限本账号申报过的单位）',
      tags: ['applications'],
      auth,
      params: yup.object({ uscc: usccParam }),
      responses: {
        200: { description: '单位编码', schema: unitCodesSchema },
        400: 'BadRequest',
      },
      handler: async (ctx, { params: { uscc } }) => {
        const applied = await services.applications.exists({ accountId: ctx.state.accountId, uscc });
        const codes = applied ? await services.unitCodes.findOne({ uscc }).lean() : null;
        ctx.body = {
          uscc,
          socialInsuranceCode: codes?.socialInsuranceCode ?? null,
          housingFundAccount: codes?.housingFundAccount ?? null,
        };
      },
    }),
  ];
}

// In-app notices and the subscribe-message consents the user granted in the platform's dialog.
import * as yup from 'yup';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { notFound } from '../http/errors';
import { defineRoute, routeModule, type Route } from '../http/route';
import { objectIdOf, objectIdSchema, strictObject } from '../http/validate';

const subscriptionBody = (knownTemplates: string[]) =>
  strictObject({
    templateIds: yup
      .array(
        yup
          .string()
          .required()
          .oneOf(knownTemplates, '未知的订阅消息模板')
          .meta({ description: '已配置的模板编号', jsonSchema: { enum: undefined } }),
      )
      .min(1, '请至少选择一个模板')
      .max(3)
      .required('缺少 templateIds'),
  });

const noticeSchema = yup
  .object({
    id: objectIdSchema,
    kind: yup.string().oneOf(['matter', 'completed', 'returned', 'summary', 'reliefReminder']).required(),
    title: yup.string().required(),
    body: yup.string().required(),
    applicationId: yup.string().nullable().defined(),
    createdAt: yup.date().required(),
    read: yup.boolean().required(),
    pushed: yup.boolean().meta({ description: '是否已通过平台订阅消息推送' }),
  })
  .meta({ name: 'Notice' });

const consentsSchema = yup
  .object({
    consents: yup
      .object()
      .required()
      .meta({
        description: '模板编号 → 剩余可推送次数（一次性订阅）',
        jsonSchema: { additionalProperties: { type: 'integer', minimum: 0 } },
      }),
  })
  .meta({ name: 'Consents' });
const remainingConsents = {
  description: '各模板剩余次数',
  schema: consentsSchema,
  name: 'RemainingConsents',
};

export function noticeRoutes(services: Services): Route[] {
  const consentBody = subscriptionBody(Object.values(services.config.templates));

  return routeModule({ tags: ['notices'], auth: accountLogin(services) }, [
    defineRoute({
      method: 'get',
      path: '/notices',
      operationId: 'listNotices',
      summary: '站内消息（最近 100 条）',
      responses: {
        200: {
          description: '消息列表',
          schema: yup.object({
            items: yup.array(noticeSchema).required(),
            unread: yup.number().integer().min(0).required(),
          }),
        },
      },
      handler: async (ctx) => {
        ctx.body = await services.notices.list(ctx.state.accountId);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/notices/:id/read',
      operationId: 'markNoticeRead',
      summary: '标记消息已读',
      params: yup.object({ id: objectIdOf('消息编号') }),
      responses: { 204: { description: '已读' }, 400: 'BadRequest', 404: 'NotFound' },
      handler: async (ctx, { params }) => {
        if (!(await services.notices.markRead(ctx.state.accountId, params.id))) throw notFound('消息不存在');
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/notices/read-all',
      operationId: 'markAllNoticesRead',
      summary: '全部标记为已读',
      responses: {
        200: {
          description: '已读条数',
          schema: yup.object({ marked: yup.number().integer().min(0).required() }),
        },
      },
      handler: async (ctx) => {
        ctx.body = { marked: await services.notices.markAllRead(ctx.state.accountId) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/subscriptions',
      operationId: 'grantSubscriptions',
      summary: '记录用户在平台订阅对话框中同意的模板（每次同意可推送一条）',
      body: consentBody,
      example: { templateIds: ['mock_tpl_case_result'] },
      responses: {
        200: remainingConsents,
        400: 'BadRequest',
        415: 'UnsupportedMediaType',
      },
      handler: async (ctx, { body: { templateIds } }) => {
        ctx.body = { consents: await services.subscriptions.grant(ctx.state.accountId, templateIds) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/subscriptions',
      operationId: 'getSubscriptions',
      summary: '订阅消息剩余次数',
      responses: { 200: remainingConsents },
      handler: async (ctx) => {
        ctx.body = { consents: await services.subscriptions.counts(ctx.state.accountId) };
      },
    }),
  ]);
}

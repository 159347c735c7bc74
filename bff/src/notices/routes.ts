// In-app notices and the subscribe-message consents the user granted in the platform's dialog.
import Router from 'koa-router';
import * as yup from 'yup';
import type { Services } from '../context';
import { requireAccount } from '../accounts/requireAccount';
import { notFound } from '../http/errors';
import { objectIdParam, parseInput, strictObject } from '../http/validate';

const subscriptionBody = (knownTemplates: string[]) =>
  strictObject({
    templateIds: yup
      .array(yup.string().required().oneOf(knownTemplates, '未知的订阅消息模板'))
      .min(1, '请至少选择一个模板')
      .max(3)
      .required('缺少 templateIds'),
  });

export function noticeRoutes(services: Services): Router {
  const router = new Router();
  // Login is checked route by route: koa-router runs a nested router's use() middleware for every route
  // mounted after it, so a router-wide use() would also lock routes that must stay public.
  const auth = requireAccount(services);
  const consentBody = subscriptionBody(Object.values(services.config.templates));

  router.get('/notices', auth, async (ctx) => {
    ctx.body = await services.notices.list(ctx.state.accountId);
  });

  router.post('/notices/:id/read', auth, async (ctx) => {
    const id = parseInput(objectIdParam, ctx.params.id, '消息编号格式不正确');
    if (!(await services.notices.markRead(ctx.state.accountId, id))) throw notFound('消息不存在');
    ctx.status = 204;
  });

  router.post('/subscriptions', auth, async (ctx) => {
    const { templateIds } = parseInput(consentBody, ctx.request.body);
    ctx.body = { consents: await services.subscriptions.grant(ctx.state.accountId, templateIds) };
  });

  router.get('/subscriptions', auth, async (ctx) => {
    ctx.body = { consents: await services.subscriptions.counts(ctx.state.accountId) };
  });

  return router;
}

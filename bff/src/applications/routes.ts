// Submission, the employer's applications and their progress, and 补正 of a returned matter.
import Router from 'koa-router';
import * as yup from 'yup';
import type { Services } from '../context';
import { requireAccount } from '../accounts/requireAccount';
import { notFound } from '../http/errors';
import { objectIdParam, pageQuery, parseInput, strictNumber, strictObject } from '../http/validate';
import { draftEmployeeSchema } from '../drafts/draftSchema';
import { IdempotencyStore } from './idempotency';
import { submitDraft } from './submission';
import { resubmitMatter } from './resubmission';
import { applicationDetail, applicationSummary, isOverdue, overallOf } from './view';

const submitBody = strictObject({ version: strictNumber().integer().min(1) });
const matterParam = yup
  .string()
  .required()
  .oneOf(['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'], '未知的办理事项');
const resubmitBody = strictObject({
  employees: yup
    .array(
      draftEmployeeSchema.shape({
        key: yup
          .string()
          .required()
          .matches(/^[0-9a-f]{12}$/, '员工编号格式不正确'),
      }),
    )
    .max(500)
    .default([]),
});

export function applicationRoutes(services: Services): Router {
  const { applications, idempotency, cipher } = services;
  const router = new Router();
  // Login is checked route by route: koa-router runs a nested router's use() middleware for every route
  // mounted after it, so a router-wide use() would also lock routes that must stay public.
  const auth = requireAccount(services);
  const idOf = (value: unknown, what = '编号') => parseInput(objectIdParam, value, `${what}格式不正确`);

  router.post('/drafts/:id/submit', auth, async (ctx) => {
    const key = IdempotencyStore.parseKey(ctx.get('Idempotency-Key') || undefined);
    const draftId = idOf(ctx.params.id, '草稿编号');
    const body = parseInput(submitBody, ctx.request.body ?? {});
    const result = await idempotency.run(
      ctx.state.accountId,
      key,
      `submit:${draftId}`,
      body,
      async (recovering) => {
        const doc = await submitDraft(services.submission, ctx.state.accountId, draftId, key, recovering);
        return { status: 201, body: applicationDetail(doc, cipher) };
      },
    );
    if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.status = result.status;
    ctx.body = result.body;
  });

  router.get('/applications', auth, async (ctx) => {
    const { page, pageSize } = parseInput(pageQuery, { page: ctx.query.page, pageSize: ctx.query.pageSize });
    const filter = { accountId: ctx.state.accountId };
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
  });

  // Counts for the employer's home page and the supervising office's question: what is overdue?
  router.get('/stats', auth, async (ctx) => {
    const docs = await applications.find({ accountId: ctx.state.accountId }, { matters: 1 }).lean();
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
  });

  router.get('/applications/:id', auth, async (ctx) => {
    const doc = await applications
      .findOne({ _id: idOf(ctx.params.id, '办件编号'), accountId: ctx.state.accountId })
      .lean();
    if (!doc) throw notFound('办件不存在');
    ctx.body = applicationDetail(doc, cipher);
  });

  router.post('/applications/:id/matters/:matter/resubmit', auth, async (ctx) => {
    const key = IdempotencyStore.parseKey(ctx.get('Idempotency-Key') || undefined);
    const id = idOf(ctx.params.id, '办件编号');
    const matter = parseInput(matterParam, ctx.params.matter);
    const { employees } = parseInput(resubmitBody, ctx.request.body);
    const result = await idempotency.run(
      ctx.state.accountId,
      key,
      `resubmit:${id}:${matter}`,
      employees,
      async () => {
        const doc = await resubmitMatter(
          services.submission,
          ctx.state.accountId,
          id,
          matter,
          employees as never,
        );
        return { status: 200, body: applicationDetail(doc, cipher) };
      },
    );
    if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.status = result.status;
    ctx.body = result.body;
  });

  return router;
}

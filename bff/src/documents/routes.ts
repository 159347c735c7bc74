// Downloads of the printable documents, for the application's owner only: the 联办申请表 of a stored
// application or of a draft (watermarked 草稿) and the 受理回执 as PDF or PNG. Made on request, never
// stored, never cached (Cache-Control: no-store), and each download of personal data is audited.
import Router from 'koa-router';
import type { ParameterizedContext } from 'koa';
import type { IRouterParamContext } from 'koa-router';
import type { Services } from '../context';
import { requireAccount } from '../accounts/requireAccount';
import { notFound } from '../http/errors';
import { objectIdParam, parseInput } from '../http/validate';
import { formOf } from '../drafts/routes';
import { requireStaff } from '../staff/requireStaff';
import { draftFormPdf, receiptData, storedFormPdf } from './applicationDocuments';
import { receiptPng } from './receipt';
import { render } from './renderer';
import { documentQueue } from './renderQueue';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- koa-router's own context type
type Context = ParameterizedContext<any, IRouterParamContext<any, object>, any>;

function send(ctx: Context, body: Buffer, type: 'application/pdf' | 'image/png', filename: string): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Pragma', 'no-cache');
  // An ASCII fallback name for old clients, the Chinese name for the rest (RFC 6266 / 5987).
  const ascii = filename.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'document';
  ctx.set(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  );
  ctx.type = type;
  ctx.body = body;
}

export function documentRoutes(services: Services): Router {
  const { applications, cipher, config } = services;
  const router = new Router();
  const auth = requireAccount(services);
  const idOf = (value: unknown, what: string) => parseInput(objectIdParam, value, `${what}格式不正确`);

  async function ownApplication(ctx: Context) {
    const doc = await applications
      .findOne({ _id: idOf(ctx.params.id, '办件编号'), accountId: ctx.state.accountId })
      .lean();
    if (!doc) throw notFound('办件不存在');
    return doc;
  }

  const audit = (ctx: Context, action: string, subject: string, detail: Record<string, unknown>) =>
    services.audit.record({
      actor: { kind: 'account', id: String(ctx.state.accountId) },
      action,
      subject,
      detail,
    });

  router.get('/applications/:id/form.pdf', auth, async (ctx) => {
    const doc = await ownApplication(ctx);
    const out = await storedFormPdf(doc, cipher, config.lookupPageUrl);
    await audit(ctx, 'document.form', doc.code, { pages: out.pages, employees: doc.employeeCount });
    send(ctx, out.pdf, 'application/pdf', `联办申请表-${doc.code}.pdf`);
  });

  router.get('/drafts/:id/form.pdf', auth, async (ctx) => {
    const draft = await services.drafts.get(ctx.state.accountId, idOf(ctx.params.id, '草稿编号'));
    const out = await draftFormPdf(formOf(draft.application));
    await audit(ctx, 'document.draftForm', `draft:${draft.id}`, { pages: out.pages });
    send(ctx, out.pdf, 'application/pdf', '联办申请表-草稿.pdf');
  });

  router.get('/applications/:id/receipt.pdf', auth, async (ctx) => {
    const doc = await ownApplication(ctx);
    const { pdf } = await render({
      kind: 'receiptPdf',
      data: receiptData(doc, cipher, config.lookupPageUrl),
    });
    send(ctx, pdf, 'application/pdf', `受理回执-${doc.code}.pdf`);
  });

  router.get('/applications/:id/receipt.png', auth, async (ctx) => {
    const doc = await ownApplication(ctx);
    // sharp rasterises on its own thread pool; only the small SVG is built here.
    const png = await documentQueue.run(() => receiptPng(receiptData(doc, cipher, config.lookupPageUrl)));
    send(ctx, png, 'image/png', `受理回执-${doc.code}.png`);
  });

  // 一窗受理: the window clerk prints the form of an application the employer submitted online.
  router.get(
    '/staff/applications/:id/form.pdf',
    requireStaff(services, 'clerk', 'supervisor', 'admin'),
    async (ctx) => {
      const doc = await applications.findOne({ _id: idOf(ctx.params.id, '办件编号') }).lean();
      if (!doc) throw notFound('办件不存在');
      const out = await storedFormPdf(doc, cipher, config.lookupPageUrl);
      const { id, role, county } = ctx.state.staff;
      await services.audit.record({
        actor: { kind: 'staff', id, role, ...(county ? { county } : {}) },
        action: 'staff.document.form',
        subject: doc.code,
        detail: { pages: out.pages, employees: doc.employeeCount },
      });
      send(ctx, out.pdf, 'application/pdf', `联办申请表-${doc.code}.pdf`);
    },
  );

  return router;
}

// Downloads of the printable documents, for the application's owner only: the 联办申请表 of a stored
// application or of a draft (watermarked 草稿) and the 受理回执 as PDF or PNG, plus the form for a window
// clerk (一窗受理). Made on request, never stored, never cached (Cache-Control: no-store); each download of
// the form's personal data is audited.
import * as yup from 'yup';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { notFound } from '../http/errors';
import { defineRoute, type ResponseSpec, type Route, type RouteContext } from '../http/route';
import { objectIdOf } from '../http/validate';
import { formOf } from '../drafts/draftService';
import { staffLogin, type StaffMember } from '../staff/requireStaff';
import { applicationInScope, staffActor } from '../staff/scope';
import type { ApplicationDoc } from '../applications/models';
import { draftFormPdf, receiptData, storedFormPdf } from './applicationDocuments';
import { receiptPng } from './receipt';
import { render } from './renderer';
import { documentQueue } from './renderQueue';

const BUSY_NOTE = '503：生成文件的请求较多（DOCUMENTS_BUSY），请稍后再试。';

const file = (contentType: 'application/pdf' | 'image/png', description: string): ResponseSpec => ({
  description: `${description}（Content-Disposition: attachment；Cache-Control: no-store）`,
  contentType,
  schema: yup.string().meta({ jsonSchema: { format: 'binary' } }),
});

function send(
  ctx: RouteContext,
  body: Buffer,
  type: 'application/pdf' | 'image/png',
  filename: string,
): void {
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

export function documentRoutes(services: Services): Route[] {
  const { applications, cipher, config } = services;
  const auth = accountLogin(services);
  const applicationParams = yup.object({ id: objectIdOf('办件编号') });

  async function ownApplication(ctx: RouteContext, id: string) {
    const doc = await applications.findOne({ _id: id, accountId: ctx.state.accountId }).lean();
    if (!doc) throw notFound('办件不存在');
    return doc;
  }

  const audit = (ctx: RouteContext, action: string, subject: string, detail: Record<string, unknown>) =>
    services.audit.record({
      actor: { kind: 'account', id: String(ctx.state.accountId) },
      action,
      subject,
      detail,
    });

  const ownerResponses = (spec: ResponseSpec) => ({
    200: spec,
    400: 'BadRequest' as const,
    404: 'NotFound' as const,
    503: 'Unavailable' as const,
  });

  /** A PDF a clerk, supervisor or administrator prints of an application in their scope; audited. */
  const staffDocument = (spec: {
    path: string;
    operationId: string;
    summary: string;
    title: string;
    action: string;
    produce(
      doc: ApplicationDoc & { _id: unknown },
    ): Promise<{ pdf: Buffer; detail?: Record<string, unknown> }>;
  }) =>
    defineRoute({
      method: 'get',
      path: spec.path,
      operationId: spec.operationId,
      summary: spec.summary,
      description: BUSY_NOTE,
      tags: ['staff', 'documents'],
      auth: staffLogin(services, 'clerk', 'supervisor', 'admin'),
      params: applicationParams,
      responses: ownerResponses(file('application/pdf', spec.title)),
      handler: async (ctx, { params }) => {
        // A clerk prints only their county's applications (another county's: 404).
        const staff = ctx.state.staff as StaffMember;
        const doc = await applicationInScope(applications, staff, params.id);
        const { pdf, detail } = await spec.produce(doc);
        await services.audit.record({
          actor: staffActor(staff),
          action: spec.action,
          subject: doc.code,
          ...(detail && { detail }),
        });
        send(ctx, pdf, 'application/pdf', `${spec.title}-${doc.code}.pdf`);
      },
    });

  return [
    defineRoute({
      method: 'get',
      path: '/applications/:id/form.pdf',
      operationId: 'getApplicationForm',
      summary: '联办申请表 PDF（附件1 版式，一式两份，A4 横向；每页有办件编码和查询二维码）',
      description: `按需生成，不保存、不缓存，仅办件所属账号可下载；每次下载记入审计。${BUSY_NOTE}`,
      tags: ['documents'],
      auth,
      params: applicationParams,
      responses: ownerResponses(file('application/pdf', '联办申请表')),
      handler: async (ctx, { params }) => {
        const doc = await ownApplication(ctx, params.id);
        const out = await storedFormPdf(doc, cipher, config.lookupPageUrl);
        await audit(ctx, 'document.form', doc.code, { pages: out.pages, employees: doc.employeeCount });
        send(ctx, out.pdf, 'application/pdf', `联办申请表-${doc.code}.pdf`);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/drafts/:id/form.pdf',
      operationId: 'getDraftForm',
      summary: '草稿的联办申请表 PDF（一联，水印“草稿”，无办件编码，仅供核对）',
      description: BUSY_NOTE,
      tags: ['documents'],
      auth,
      params: yup.object({ id: objectIdOf('草稿编号') }),
      responses: ownerResponses(file('application/pdf', '联办申请表（草稿）')),
      handler: async (ctx, { params }) => {
        const draft = await services.drafts.get(ctx.state.accountId, params.id);
        const out = await draftFormPdf(formOf(draft.application));
        await audit(ctx, 'document.draftForm', `draft:${draft.id}`, { pages: out.pages });
        send(ctx, out.pdf, 'application/pdf', '联办申请表-草稿.pdf');
      },
    }),
    defineRoute({
      method: 'get',
      path: '/applications/:id/receipt.pdf',
      operationId: 'getReceiptPdf',
      summary: '受理回执 PDF（办件编码、查询密码、二维码、各事项部门时限与应办结日期、后续事项）',
      description: BUSY_NOTE,
      tags: ['documents'],
      auth,
      params: applicationParams,
      responses: ownerResponses(file('application/pdf', '受理回执')),
      handler: async (ctx, { params }) => {
        const doc = await ownApplication(ctx, params.id);
        const { pdf } = await render({
          kind: 'receiptPdf',
          data: receiptData(doc, cipher, config.lookupPageUrl),
        });
        send(ctx, pdf, 'application/pdf', `受理回执-${doc.code}.pdf`);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/applications/:id/receipt.png',
      operationId: 'getReceiptPng',
      summary: '受理回执图片（与 PDF 同版式，1191×1684 像素，便于在手机上保存）',
      description: BUSY_NOTE,
      tags: ['documents'],
      auth,
      params: applicationParams,
      responses: ownerResponses(file('image/png', '受理回执图片')),
      handler: async (ctx, { params }) => {
        const doc = await ownApplication(ctx, params.id);
        // sharp rasterises on its own thread pool; only the small SVG is built here.
        const png = await documentQueue.run(() => receiptPng(receiptData(doc, cipher, config.lookupPageUrl)));
        send(ctx, png, 'image/png', `受理回执-${doc.code}.png`);
      },
    }),
    // 一窗受理: the window clerk prints the form of an application the employer submitted online.
    staffDocument({
      path: '/staff/applications/:id/form.pdf',
      operationId: 'getStaffApplicationForm',
      summary: '工作人员打印办件的联办申请表（一窗受理；记入审计）',
      title: '联办申请表',
      action: 'staff.document.form',
      produce: async (doc) => {
        const out = await storedFormPdf(doc, cipher, config.lookupPageUrl);
        return { pdf: out.pdf, detail: { pages: out.pages, employees: doc.employeeCount } };
      },
    }),
    staffDocument({
      path: '/staff/applications/:id/receipt.pdf',
      operationId: 'getStaffReceiptPdf',
      summary: '工作人员打印办件的受理回执（窗口交给来办单位；含查询密码；记入审计）',
      title: '受理回执',
      action: 'staff.document.receipt',
      produce: async (doc) => ({
        pdf: (await render({ kind: 'receiptPdf', data: receiptData(doc, cipher, config.lookupPageUrl) })).pdf,
      }),
    }),
  ];
}

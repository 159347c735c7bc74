// 补正材料 of a returned matter: upload (multipart `file` and `label`), list, and delete before they are sent.
// The next 补正 of the matter carries every material not sent yet to the agency (resubmission.ts).
import { MulterError } from 'multer';
import * as yup from 'yup';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { AppError, notFound } from '../http/errors';
import { errorResponse } from '../http/errorSchema';
import { receiveSingleFile, uploadedFile } from '../http/fileUpload';
import { defineRoute, type Route } from '../http/route';
import { objectIdOf, parseInput, strictObject } from '../http/validate';
import { MAX_MATERIAL_BYTES, MAX_MATERIALS_PER_MATTER, MATERIAL_CONTENT_TYPES } from './materials';
import { matterSchema } from './routes';

const FILE_FIELD = 'file';
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

const uploadFields = strictObject({
  label: yup.string().trim().required('请填写材料名称，如“营业执照副本”').max(50, '材料名称最多 50 个字'),
});

const materialSchema = yup
  .object({
    id: yup.string().required(),
    label: yup.string().required().meta({ description: '材料名称' }),
    fileName: yup.string().required(),
    contentType: yup.string().oneOf(MATERIAL_CONTENT_TYPES).required(),
    size: yup.number().integer().min(1).required().meta({ description: '字节数' }),
    uploadedAt: yup.date().required(),
    sent: yup.boolean().required().meta({ description: '已随补正送达部门（不能再删除）' }),
  })
  .meta({ name: 'Material' });

const fileRequired = () =>
  new AppError(400, 'MATERIAL_FILE_REQUIRED', '请选择要上传的材料文件（PDF、JPG 或 PNG）');

export function materialRoutes(services: Services): Route[] {
  const { applications, materials } = services;
  const auth = accountLogin(services);
  const params = yup.object({ id: objectIdOf('办件编号'), matter: matterSchema });

  const receiveFile = receiveSingleFile({
    field: FILE_FIELD,
    limits: { fileSize: MAX_MATERIAL_BYTES, fields: 2, fieldSize: 256, parts: 4 },
    notMultipart: fileRequired,
    errorFor: (error) =>
      error instanceof MulterError && error.code === 'LIMIT_FILE_SIZE'
        ? new AppError(
            413,
            'MATERIAL_TOO_LARGE',
            `每份材料不能超过 ${mb(MAX_MATERIAL_BYTES)}，请压缩或分页上传`,
          )
        : new AppError(400, 'MATERIAL_BAD_UPLOAD', '上传的数据不完整，请重新选择文件上传'),
  });

  /** The owner's matter, and which of its materials a 补正 already sent. */
  async function matterOf(accountId: string, id: string, matter: string) {
    const doc = await applications.findOne({ _id: id, accountId }, { matters: 1 }).lean();
    const found = doc?.matters.find((m) => m.matter === matter);
    if (!found) throw notFound('办件或事项不存在');
    return { status: found.status, sent: found.materialIds ?? [] };
  }

  return [
    defineRoute({
      method: 'post',
      path: '/applications/:id/matters/:matter/materials',
      operationId: 'uploadMaterial',
      summary: '为被退回的事项上传补正材料（PDF/JPG/PNG，每份不超过 2 MB；随下次补正送达部门）',
      tags: ['applications'],
      auth,
      params,
      upload: {
        contentType: 'multipart/form-data',
        schema: yup.object({
          [FILE_FIELD]: uploadedFile(
            `PDF、JPG 或 PNG，不超过 ${mb(MAX_MATERIAL_BYTES)}；每个事项最多 ${MAX_MATERIALS_PER_MATTER} 份`,
          ),
          label: yup.string().required().meta({ description: '材料名称，如“营业执照副本”' }),
        }),
      },
      middleware: [receiveFile],
      responses: {
        201: { description: '已保存的材料', schema: materialSchema },
        400: errorResponse('未选择文件或缺少材料名称（MATERIAL_FILE_REQUIRED、VALIDATION_FAILED）'),
        404: 'NotFound',
        409: errorResponse('该事项未被退回（NOT_RETURNED）'),
        413: errorResponse('文件超过 2 MB（MATERIAL_TOO_LARGE）'),
        415: errorResponse('不是 PDF、JPG 或 PNG（MATERIAL_TYPE）'),
        422: errorResponse('该事项的材料已达上限（MATERIALS_LIMIT）'),
      },
      handler: async (ctx, { params: { id, matter } }) => {
        ctx.set('Cache-Control', 'no-store');
        const { label } = parseInput(uploadFields, ctx.request.body ?? {});
        const file = ctx.request.file;
        if (!file?.buffer?.length) throw fileRequired();
        const { status } = await matterOf(ctx.state.accountId, id, matter);
        if (status !== 'returned') throw new AppError(409, 'NOT_RETURNED', '只有被退回的事项才需要补充材料');
        ctx.status = 201;
        ctx.body = await materials.add(
          { accountId: ctx.state.accountId, applicationId: id, matter },
          { buffer: file.buffer, label, fileName: String(file.originalname ?? '').slice(0, 100) },
        );
      },
    }),
    defineRoute({
      method: 'get',
      path: '/applications/:id/matters/:matter/materials',
      operationId: 'listMaterials',
      summary: '该事项已上传的补正材料',
      tags: ['applications'],
      auth,
      params,
      responses: {
        200: {
          description: '材料（按上传顺序）',
          schema: yup.object({ items: yup.array(materialSchema).required() }),
        },
        400: 'BadRequest',
        404: 'NotFound',
      },
      handler: async (ctx, { params: { id, matter } }) => {
        ctx.set('Cache-Control', 'no-store');
        const { sent } = await matterOf(ctx.state.accountId, id, matter);
        ctx.body = { items: await materials.list(id, matter, sent) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/applications/:id/matters/:matter/materials/:materialId',
      operationId: 'deleteMaterial',
      summary: '删除尚未送达部门的补正材料',
      tags: ['applications'],
      auth,
      params: params.shape({ materialId: objectIdOf('材料编号') }),
      responses: {
        204: { description: '已删除' },
        400: 'BadRequest',
        404: 'NotFound',
        409: errorResponse('该材料已随补正送达部门（MATERIAL_SENT）'),
      },
      handler: async (ctx, { params: { id, matter, materialId } }) => {
        const { sent } = await matterOf(ctx.state.accountId, id, matter);
        await materials.remove(id, matter, materialId, sent);
        ctx.status = 204;
      },
    }),
  ];
}

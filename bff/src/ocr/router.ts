// POST /ocr/id-card: one photo in (multipart field `image`), the card's fields out. The photo lives only
// in this request's memory: multer keeps it in a Buffer, nothing is written or logged, and the buffer
// is wiped when the request ends.
import Router from 'koa-router';
import multer from '@koa/multer';
import * as yup from 'yup';
import { MulterError } from 'multer';
import type { Context } from 'koa';
import { AppError } from '../http/errors';
import { errorResponse } from '../http/errorSchema';
import { defineRoute, mountRoutes, PUBLIC, type Guard, type Middleware, type Route } from '../http/route';
import { createOcrProviderFromConfig } from './config';
import { checkIdCardImage, MAX_IMAGE_BYTES } from './imageCheck';
import { imageRequired, imageTooLarge, malformedUpload, tooManyFiles } from './ocrErrors';
import type { OcrProvider } from './types';
import { toOcrResult } from './verify';

export const IMAGE_FIELD = 'image';

export interface OcrRouterOptions {
  provider?: OcrProvider;
  /** Who may upload (the app requires a login: OCR is costly and handles sensitive photos). */
  auth?: Guard;
}

const nullableText = () => yup.string().nullable().defined();

const readingSchema = yup
  .object({
    idNumber: nullableText(),
    name: nullableText(),
    gender: yup.string().oneOf(['1', '2']).nullable().defined(),
    ethnicity: nullableText(),
    birthDate: nullableText().meta({ jsonSchema: { format: 'date' } }),
    address: nullableText(),
    confidence: yup
      .object()
      .required()
      .meta({
        description: '各字段置信度 0..1（未识别为 0）',
        jsonSchema: { additionalProperties: { type: 'number', minimum: 0, maximum: 1 } },
      }),
    verified: yup.boolean().required(),
  })
  .meta({ name: 'IdCardReading' });

/** Turns multer's and busboy's upload errors into messages for the user. */
function uploadErrors(error: unknown): unknown {
  if (error instanceof MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return imageTooLarge();
      case 'LIMIT_FILE_COUNT':
      case 'LIMIT_UNEXPECTED_FILE':
        // A second file, or a file under another field name.
        return error.field && error.field !== IMAGE_FIELD ? imageRequired() : tooManyFiles();
      default:
        return malformedUpload();
    }
  }
  if (error instanceof AppError) return error;
  // busboy: truncated body, bad boundary and the like.
  return malformedUpload();
}

export function createOcrRoutes(options: OcrRouterOptions = {}): Route[] {
  const provider = options.provider ?? createOcrProviderFromConfig(process.env);
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  }).single(IMAGE_FIELD);

  const receiveImage: Middleware = async (ctx, next) => {
    try {
      await upload(ctx as unknown as Context, async () => undefined);
    } catch (error) {
      throw uploadErrors(error);
    }
    return next();
  };

  return [
    defineRoute({
      method: 'post',
      path: '/ocr/id-card',
      operationId: 'readIdCard',
      summary: '识别身份证人像面照片（照片只在本次请求的内存中，不保存、不记录）',
      tags: ['auto-fill'],
      auth: options.auth ?? PUBLIC,
      upload: {
        contentType: 'multipart/form-data',
        schema: yup.object({
          [IMAGE_FIELD]: yup
            .mixed()
            .required()
            .meta({
              description: 'JPEG、PNG 或 WebP，不超过 4 MB',
              jsonSchema: { type: 'string', contentMediaType: 'image/jpeg' },
            }),
        }),
      },
      middleware: [receiveImage],
      responses: {
        200: {
          description: '识别结果（verified：号码校验位正确且与出生日期、性别一致）',
          schema: readingSchema,
        },
        400: errorResponse(
          '未上传照片、多于一张或上传数据不完整（IMAGE_REQUIRED、TOO_MANY_FILES、BAD_UPLOAD）',
        ),
        413: errorResponse('图片超过 4 MB（IMAGE_TOO_LARGE）'),
        415: errorResponse('不是 JPEG/PNG/WebP 照片（UNSUPPORTED_IMAGE_TYPE）'),
        422: errorResponse('照片无法识别：模糊、过暗、反光、国徽面、不是身份证等，message 说明如何重拍'),
        503: errorResponse('识别服务暂时不可用或繁忙（OCR_UNAVAILABLE、OCR_BUSY）'),
      },
      handler: async (ctx) => {
        const file = ctx.request.file;
        if (!file?.buffer?.length) throw imageRequired();
        try {
          const image = await checkIdCardImage(file.buffer);
          const reading = await provider.readIdCard(image);
          ctx.set('Cache-Control', 'no-store');
          ctx.body = toOcrResult(reading);
        } finally {
          file.buffer.fill(0);
        }
      },
    }),
  ];
}

/** The OCR route on a router of its own (for tests of the route alone). */
export function createOcrRouter(options: OcrRouterOptions = {}): Router {
  return mountRoutes(new Router(), createOcrRoutes(options));
}

// POST /ocr/id-card: one photo in (multipart field `image`), the card's fields out. The photo lives only
// in this request's memory: multer keeps it in a Buffer, nothing is written or logged, and the buffer
// is wiped when the request ends.
import Router from 'koa-router';
import * as yup from 'yup';
import { MulterError } from 'multer';
import { receiveSingleFile, uploadedFile } from '../http/fileUpload';
import { AppError } from '../http/errors';
import { errorResponse } from '../http/errorSchema';
import { defineRoute, mountRoutes, PUBLIC, type Guard, type Route, type RouteContext } from '../http/route';
import { checkIdCardImage, MAX_IMAGE_BYTES } from './imageCheck';
import { imageRequired, imageTooLarge, malformedUpload, RetryLaterError, tooManyFiles } from './ocrErrors';
import type { IdCardImage, OcrProvider } from './types';
import { toBackResult, toOcrResult } from './verify';

export const IMAGE_FIELD = 'image';

/** Paths (under the API prefix) that take a multipart photo instead of JSON. */
export const OCR_UPLOAD_PATHS = ['/ocr/id-card', '/ocr/id-card/back'];

export interface OcrRouterOptions {
  provider: OcrProvider;
  /** The clock for the back side's expiry check. */
  now?: () => Date;
  /** Who may upload (the app requires a login: OCR is costly and handles sensitive photos). */
  auth?: Guard;
}

const nullableText = () => yup.string().nullable().defined();

const needsCheckSchema = yup
  .array(
    yup.object({
      field: yup.string().required(),
      reason: yup.string().required(),
    }),
  )
  .required()
  .meta({ description: '需要用人单位对照证件核对的字段及原因（识别不确定的字段为空）' });

const confidenceSchema = yup
  .object()
  .required()
  .meta({
    description: '各字段置信度 0..1（未识别为 0）',
    jsonSchema: { additionalProperties: { type: 'number', minimum: 0, maximum: 1 } },
  });

const readingSchema = yup
  .object({
    idNumber: nullableText(),
    name: nullableText(),
    gender: yup.string().oneOf(['1', '2']).nullable().defined(),
    ethnicity: nullableText(),
    birthDate: nullableText().meta({ jsonSchema: { format: 'date' } }),
    address: nullableText(),
    confidence: confidenceSchema,
    verified: yup.boolean().required(),
    needsCheck: needsCheckSchema,
  })
  .meta({ name: 'IdCardReading' });

const backReadingSchema = yup
  .object({
    issuingAuthority: nullableText(),
    validFrom: nullableText().meta({ jsonSchema: { format: 'date' } }),
    validUntil: nullableText().meta({
      description: '长期有效或未识别时为 null',
      jsonSchema: { format: 'date' },
    }),
    longTerm: yup.boolean().required(),
    expired: yup.boolean().required().meta({ description: '有效期已过（按北京时间）：录用时提示用人单位' }),
    confidence: confidenceSchema,
    needsCheck: needsCheckSchema,
  })
  .meta({ name: 'IdCardBackReading' });

const photoUpload = {
  contentType: 'multipart/form-data' as const,
  schema: yup
    .object({
      [IMAGE_FIELD]: uploadedFile('JPEG、PNG 或 WebP，不超过 4 MB', 'image/jpeg'),
    })
    .meta({ name: 'IdCardPhoto' }),
};

// Named: every photo route (both sides, the employer's and the window's) answers them alike.
const uploadErrorResponses = {
  400: errorResponse(
    '未上传照片、多于一张或上传数据不完整（IMAGE_REQUIRED、TOO_MANY_FILES、BAD_UPLOAD）',
    'PhotoMissing',
  ),
  413: errorResponse('图片超过 4 MB（IMAGE_TOO_LARGE）', 'PhotoTooLarge'),
  415: errorResponse('不是 JPEG/PNG/WebP 照片（UNSUPPORTED_IMAGE_TYPE）', 'NotAPhoto'),
  503: errorResponse(
    '识别服务正在启动、暂时不可用或繁忙（OCR_STARTING、OCR_UNAVAILABLE、OCR_BUSY），带 Retry-After 时按其秒数后重试',
    'OcrUnavailable',
  ),
};

const backSideUnsupported = () =>
  new AppError(422, 'ID_CARD_BACK_UNSUPPORTED', '当前识别服务不支持国徽面，请手动填写签发机关和有效期限');

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

export function createOcrRoutes(options: OcrRouterOptions): Route[] {
  const { provider } = options;
  const now = options.now ?? (() => new Date());
  const receiveImage = receiveSingleFile({
    field: IMAGE_FIELD,
    limits: { fileSize: MAX_IMAGE_BYTES, fields: 10, fieldSize: 1024, parts: 12 },
    errorFor: uploadErrors,
  });

  /** Reads the one uploaded photo with `read`; the photo is wiped whatever happens. */
  const recognise =
    (read: (image: IdCardImage) => Promise<unknown>) =>
    async (ctx: RouteContext): Promise<void> => {
      const file = ctx.request.file;
      if (!file?.buffer?.length) throw imageRequired();
      try {
        const image = await checkIdCardImage(file.buffer);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await read(image);
      } catch (error) {
        if (error instanceof RetryLaterError) ctx.set('Retry-After', String(error.retryAfterSeconds));
        throw error;
      } finally {
        file.buffer.fill(0);
      }
    };

  return [
    defineRoute({
      method: 'post',
      path: '/ocr/id-card',
      operationId: 'readIdCard',
      summary: '识别身份证人像面照片（照片只在本次请求的内存中，不保存、不记录）',
      tags: ['auto-fill'],
      auth: options.auth ?? PUBLIC,
      upload: photoUpload,
      middleware: [receiveImage],
      responses: {
        200: {
          description:
            '识别结果（verified：号码校验位正确且与出生日期、性别一致；不确定的字段为空并列入 needsCheck）',
          schema: readingSchema,
        },
        ...uploadErrorResponses,
        422: errorResponse(
          '照片无法识别：过暗、国徽面（ID_CARD_BACK_SIDE）、不是身份证（NOT_ID_CARD）等，message 说明如何重拍',
        ),
      },
      handler: recognise(async (image) => toOcrResult(await provider.readIdCard(image))),
    }),
    defineRoute({
      method: 'post',
      path: '/ocr/id-card/back',
      operationId: 'readIdCardBack',
      summary: '识别身份证国徽面照片：签发机关与有效期限，已过期时 expired 为 true',
      tags: ['auto-fill'],
      auth: options.auth ?? PUBLIC,
      upload: photoUpload,
      middleware: [receiveImage],
      responses: {
        200: { description: '国徽面识别结果', schema: backReadingSchema },
        ...uploadErrorResponses,
        422: errorResponse(
          '照片无法识别：人像面（ID_CARD_FRONT_SIDE）、不是身份证（NOT_ID_CARD）、服务不支持国徽面（ID_CARD_BACK_UNSUPPORTED）等',
        ),
      },
      handler: recognise(async (image) => {
        if (!provider.readIdCardBack) throw backSideUnsupported();
        return toBackResult(await provider.readIdCardBack(image), now());
      }),
    }),
  ];
}

/** The OCR route on a router of its own (for tests of the route alone). */
export function createOcrRouter(options: OcrRouterOptions): Router {
  return mountRoutes(new Router(), createOcrRoutes(options));
}

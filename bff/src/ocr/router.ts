// POST /ocr/id-card: one photo in (multipart field `image`), the card's fields out. The photo lives only
// in this request's memory: multer keeps it in a Buffer, nothing is written or logged, and the buffer
// is wiped when the request ends.
import Router from 'koa-router';
import multer from '@koa/multer';
import { MulterError } from 'multer';
import type { Context, Next } from 'koa';
import { AppError } from '../http/errors';
import { createOcrProviderFromConfig } from './config';
import { checkIdCardImage, MAX_IMAGE_BYTES } from './imageCheck';
import { imageRequired, imageTooLarge, malformedUpload, tooManyFiles } from './ocrErrors';
import type { OcrProvider } from './types';
import { toOcrResult } from './verify';

export const IMAGE_FIELD = 'image';

export interface OcrRouterOptions {
  provider?: OcrProvider;
}

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

export function createOcrRouter(options: OcrRouterOptions = {}): Router {
  const provider = options.provider ?? createOcrProviderFromConfig(process.env);
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  }).single(IMAGE_FIELD);

  const receiveImage = async (ctx: Context, next: Next) => {
    try {
      await upload(ctx, async () => undefined);
    } catch (error) {
      throw uploadErrors(error);
    }
    return next();
  };

  const router = new Router();
  router.post('/ocr/id-card', receiveImage, async (ctx) => {
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
  });
  return router;
}

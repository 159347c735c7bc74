// One uploaded file per request, held in this request's memory only (nothing is written to disk): multer
// under the route's limits, with multer's and busboy's errors turned into the route's own answers.
import multer from '@koa/multer';
import type { Context } from 'koa';
import * as yup from 'yup';
import type { Middleware } from './route';

/** The file part of a multipart body as the contract declares it (`mediaType` of the bytes sent). */
export const uploadedFile = (description: string, mediaType = 'application/octet-stream') =>
  yup
    .mixed()
    .required()
    .meta({ description, jsonSchema: { type: 'string', contentMediaType: mediaType } });

export interface SingleFileUpload {
  /** The multipart field that carries the file. */
  field: string;
  limits: { fileSize: number; fields: number; fieldSize: number; parts: number };
  /** When given, a request that is not multipart/form-data is refused with it before anything is read. */
  notMultipart?: () => Error;
  /** The route's answer to an upload that failed: a MulterError (limits), or busboy's (a broken body). */
  errorFor(error: unknown): unknown;
}

/** Puts the one file on `ctx.request.file` (and the text fields on `ctx.request.body`) for the handler. */
export function receiveSingleFile({ field, limits, notMultipart, errorFor }: SingleFileUpload): Middleware {
  const upload = multer({ storage: multer.memoryStorage(), limits: { ...limits, files: 1 } }).single(field);
  return async (ctx, next) => {
    if (notMultipart && !ctx.is('multipart/form-data')) throw notMultipart();
    try {
      await upload(ctx as unknown as Context, async () => undefined);
    } catch (error) {
      throw errorFor(error);
    }
    return next();
  };
}

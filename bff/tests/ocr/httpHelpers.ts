// A real Koa app over HTTP around the OCR routes, with an error middleware that renders AppError the
// way the bff does, and a multipart form builder.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { AppError } from '../../src/http/errors';
import { createOcrRouter, type OcrRouterOptions } from '../../src/ocr/router';

export async function startOcrApp(options: OcrRouterOptions) {
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.status = error.status;
      ctx.body = { error: { code: error.code, message: error.message } };
    }
  });
  app.use(createOcrRouter(options).routes());
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ocr/id-card`;
  return {
    url: base,
    backUrl: `${base}/back`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function form(files: { data: Buffer; name: string; type?: string; field?: string }[]): FormData {
  const body = new FormData();
  for (const file of files) {
    body.append(
      file.field ?? 'image',
      new Blob([new Uint8Array(file.data)], { type: file.type ?? 'image/jpeg' }),
      file.name,
    );
  }
  return body;
}

export async function post(url: string, body: FormData | string) {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: typeof body === 'string' ? { 'Content-Type': 'application/json' } : undefined,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, any>,
  };
}

export const photo = (data: Buffer, name = 'card.jpg') => form([{ data, name }]);

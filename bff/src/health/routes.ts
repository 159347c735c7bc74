// Liveness and readiness for the process supervisor and the load balancer.
import * as yup from 'yup';
import type { Connection } from 'mongoose';
import { pingDatabase } from '../db';
import { errorResponse } from '../http/errorSchema';
import { defineRoute, PUBLIC, type Route } from '../http/route';
import type { OcrProvider } from '../ocr/types';

export function healthRoutes(db: Connection, ocr?: OcrProvider): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'healthz',
      summary: '进程存活检查',
      tags: ['health'],
      auth: PUBLIC,
      responses: {
        200: {
          description: '进程在运行',
          schema: yup.object({ status: yup.string().oneOf(['ok']).required() }),
        },
      },
      handler: (ctx) => {
        ctx.body = { status: 'ok' };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'readyz',
      summary: '就绪检查（数据库可用、证件识别引擎已加载）',
      tags: ['health'],
      auth: PUBLIC,
      responses: {
        200: {
          description: '可以接收请求',
          schema: yup.object({ status: yup.string().oneOf(['ready']).required() }),
        },
        503: errorResponse(
          '数据库不可用（DATABASE_UNAVAILABLE）、证件识别引擎仍在加载（OCR_STARTING）或未能加载（OCR_UNAVAILABLE）',
        ),
      },
      handler: async (ctx) => {
        const ok = await pingDatabase(db);
        // Not ready until the OCR engine has loaded, so no scan reaches a process still starting.
        const ocrReady = ocr?.isReady?.() ?? true;
        ctx.status = ok && ocrReady ? 200 : 503;
        ctx.body = !ok
          ? { error: { code: 'DATABASE_UNAVAILABLE', message: '数据库不可用' } }
          : ocrReady
            ? { status: 'ready' }
            : ocr?.hasFailed?.()
              ? { error: { code: 'OCR_UNAVAILABLE', message: '证件识别引擎未能加载，请查看服务日志' } }
              : { error: { code: 'OCR_STARTING', message: '证件识别服务正在启动' } };
      },
    }),
  ];
}

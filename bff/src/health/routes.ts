// Liveness and readiness for the process supervisor and the load balancer.
import * as yup from 'yup';
import type { Connection } from 'mongoose';
import { pingDatabase } from '../db';
import { errorResponse } from '../http/errorSchema';
import { defineRoute, PUBLIC, type Route } from '../http/route';

export function healthRoutes(db: Connection): Route[] {
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
      summary: '就绪检查（数据库可用）',
      tags: ['health'],
      auth: PUBLIC,
      responses: {
        200: {
          description: '可以接收请求',
          schema: yup.object({ status: yup.string().oneOf(['ready']).required() }),
        },
        503: errorResponse('数据库不可用（DATABASE_UNAVAILABLE）'),
      },
      handler: async (ctx) => {
        const ok = await pingDatabase(db);
        ctx.status = ok ? 200 : 503;
        ctx.body = ok
          ? { status: 'ready' }
          : { error: { code: 'DATABASE_UNAVAILABLE', message: '数据库不可用' } };
      },
    }),
  ];
}

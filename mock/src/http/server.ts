// Starting and stopping one stand-in on its own port, with the pieces every service shares.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(app: Koa, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const server = http.createServer(app.callback());
  // Agencies may hold a response open to simulate a timeout; keep-alive sockets must not keep stop() waiting.
  server.keepAliveTimeout = 2000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// Framework errors (body parser, router) carry English messages; callers get a fixed Chinese one instead.
const ERROR_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  500: 'INTERNAL_ERROR',
};
const ERROR_MESSAGES: Record<number, string> = {
  400: '请求体不是合法的 JSON 或表单',
  413: '请求体过大',
  415: '不支持的请求内容类型',
  500: '服务内部错误',
};

/** Koa error handler: JSON errors with Chinese messages, never a stack trace. */
export function jsonErrors(): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      ctx.status = status;
      ctx.body = {
        code: ERROR_CODES[status] ?? 'BAD_REQUEST',
        message: ERROR_MESSAGES[status] ?? '请求错误',
      };
      if (status === 500) console.error('mock: unhandled error', (error as Error).message);
    }
  };
}

/** Answers a refused request the way every stand-in does: the status and { code, message } in Chinese. */
export function refuse(ctx: Koa.Context, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.body = { code, message };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

export function maskName(name: string): string {
  return name.length <= 1 ? name : `${name[0]}${'*'.repeat(name.length - 1)}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

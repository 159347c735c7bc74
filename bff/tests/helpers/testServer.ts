// Starts the real bff app on a free port against a fresh database of its own and, when asked, the
// stand-in servers (mock/) over real HTTP, for tests that drive the product as a client would.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import type { Connection } from 'mongoose';
import { bffEnvFor, pointCallbacksAt, startMocks, type MockOptions, type RunningMocks } from '@hiring/mock';
import { createApp } from '../../src/app';
import { requestsDrained } from '../../src/http/inFlight';
import { loadConfig, type Config } from '../../src/config';
import { createServices, type Services } from '../../src/context';
import { connectDatabase } from '../../src/db';
import { createLogger } from '../../src/logger';
import { testDatabaseUri } from '../../../tools/jest/testDatabase';
import { ResponseCheck } from './responseCheck';

export const CALLBACK_SECRET = 'test-callback-secret-0123456789';

export interface TestServer {
  url: string;
  api: string;
  config: Config;
  db: Connection;
  services: Services;
  mocks?: RunningMocks;
  /** Every log line the app wrote, for assertions on redaction. */
  logLines: string[];
  /** Every response checked against its declared schema; close() fails the suite on a mismatch. */
  responses: ResponseCheck;
  close(): Promise<void>;
}

/** Dispatch settings for tests that follow applications through the stand-ins: poll and retry quickly. */
export const FAST_DISPATCH: Record<string, string> = {
  DISPATCH_POLL_MS: '50',
  DISPATCH_BACKOFF_MS: '50',
  DISPATCH_BACKOFF_CAP_MS: '400',
  RECONCILE_AFTER_MS: '1000',
};

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Start the stand-ins too (platform login, government data, agencies). */
  mocks?: boolean | MockOptions;
  /** Reuse a database (e.g. to run a second bff against the same data). */
  mongodbUri?: string;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  let mocks: RunningMocks | undefined;
  const mockEnv: Record<string, string> = {};
  if (options.mocks) {
    mocks = await startMocks({
      callbackSecret: CALLBACK_SECRET,
      workingDayMs: 400,
      callbackRetryDelaysMs: [50, 100, 200],
      ...(typeof options.mocks === 'object' ? options.mocks : {}),
    });
    Object.assign(mockEnv, bffEnvFor(mocks, CALLBACK_SECRET));
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: options.mongodbUri ?? testDatabaseUri('bff'),
    DEV_LOGIN: 'true',
    ...mockEnv,
    ...options.env,
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const db = await connectDatabase(config.mongodbUri);
  const services = createServices(config, logger, db);
  const responses = new ResponseCheck();
  const app = createApp({ config, logger, db }, services, { onResponse: responses.observe });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  if (mocks) pointCallbacksAt(mocks, url);
  return {
    url,
    api: `${url}/api/v1`,
    config,
    db,
    services,
    mocks,
    logLines,
    responses,
    close: async () => {
      // Quiet the sources of work first (the dispatcher, the stand-ins' pending callbacks), then let requests
      // already in the bff finish before the database goes: a callback cut off by a closed database
      // answers 500, which is the teardown's doing, not the product's.
      await services.dispatcher.stop();
      await mocks?.stop();
      await closeGracefully(server, 5_000);
      // A callback whose agency hung up still runs in the bff: the database stays until it has answered.
      await requestsDrained(app, 10_000);
      if (!options.mongodbUri) await db.dropDatabase().catch(() => undefined);
      await db.close();
      if (responses.problems.length)
        throw new Error(
          `${responses.problems.length} of ${responses.checked} responses do not match their declared schema:\n` +
            responses.problems.slice(0, 20).join('\n') +
            serverErrorsIn(logLines),
        );
    },
  };
}

/** Stops accepting connections, lets in-flight requests answer, and cuts whatever is left after `graceMs`. */
async function closeGracefully(server: Server, graceMs: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** The app's own error lines, so a 5xx in the schema report comes with its cause. */
function serverErrorsIn(logLines: string[]): string {
  const errors = logLines.filter((line) => /"level":(50|60)/.test(line)).slice(0, 5);
  return errors.length ? `\nerror log lines:\n${errors.map((l) => l.slice(0, 1500)).join('\n')}` : '';
}

export interface Client {
  token: string;
  accountId: string;
  call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
}

/** Logs in through the dev login (WeChat stand-in code exchange) and returns a small API client. */
export async function loginAs(server: TestServer, nickname: string): Promise<Client> {
  const res = await fetch(`${server.api}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname }),
  });
  if (res.status !== 200)
    throw new Error(`dev login failed: ${res.status} ${await res.text()}${serverErrorsIn(server.logLines)}`);
  const { token, account } = (await res.json()) as any;
  return {
    token,
    accountId: account.id,
    call: (method, path, body, headers = {}) => callApi(server, token, method, path, body, headers),
  };
}

export async function callApi(
  server: TestServer,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.api}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  // A file download (the import template) is not JSON: its body is left as text.
  const isJson = /json/.test(res.headers.get('content-type') ?? 'application/json');
  return { status: res.status, body: text ? (isJson ? JSON.parse(text) : text) : null };
}

/** A second bff app on the same database, as a second process behind the balancer would be. */
export interface SecondApp {
  api: string;
  db: Connection;
  close(): Promise<void>;
}

export async function startSecondApp(config: Config): Promise<SecondApp> {
  const db = await connectDatabase(config.mongodbUri);
  const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
  const app = createApp({ config, logger, db }, createServices(config, logger, db));
  const listening: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    api: `http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/v1`,
    db,
    close: async () => {
      await new Promise<void>((resolve) => {
        listening.close(() => resolve());
        listening.closeAllConnections();
      });
      await db.close();
    },
  };
}

// `npm run bench` (bff): throughput and p50/p99 latency of draft autosave and of submit, side by side with a
// bare Koa endpoint on the same machine, and the time from submit until all 即办 matters are 办结.
// Runs the real app against the embedded database and the stand-ins; prints numbers, asserts nothing.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import {
  bffEnvFor,
  makeLegalRepresentative,
  pointCallbacksAt,
  sampleApplication,
  startMocks,
  workingAgePeople,
} from '@hiring/mock';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createServices } from '../context';
import { connectDatabase } from '../db';
import { createLogger } from '../logger';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmbeddedMongo } = require('../../../tools/embedded-mongo');

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SUBMITS_PER_WORKER = Number(process.env.BENCH_SUBMITS_PER_WORKER ?? 30);

interface Result {
  name: string;
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** A step returns whether it succeeded, or null when its worker has no more work. */
type Step = () => Promise<boolean | null>;

/** Runs `CONCURRENCY` workers, each repeating `step` until the time is up or its work runs out. */
async function load(name: string, prepare: (worker: number) => Promise<Step>): Promise<Result> {
  const steps = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => prepare(i)));
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + DURATION_MS;
  await Promise.all(
    steps.map(async (step) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const ok = await step().catch(() => false);
        if (ok === null) return;
        latencies.push(performance.now() - t0);
        if (!ok) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}

async function main() {
  const db = await startEmbeddedMongo();
  const mocks = await startMocks({ workingDayMs: 60000 });
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: `${db.uri}/bench`,
    DEV_LOGIN: 'true',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '10000000',
    ...bffEnvFor(mocks, 'mock-callback-secret-change-me'),
  });
  const logger = createLogger('silent');
  const connection = await connectDatabase(config.mongodbUri);
  const services = createServices(config, logger, connection);
  const app = createApp({ config, logger, db: connection }, services);
  const listen = (koa: Koa) =>
    new Promise<{ server: Server; base: string }>((resolve) => {
      const server = koa.listen(0, '127.0.0.1', () =>
        resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
      );
    });
  const bff = await listen(app);
  pointCallbacksAt(mocks, bff.base);
  services.dispatcher.start(4);

  const bare = new Koa();
  bare.use(bodyParser());
  bare.use((ctx) => {
    ctx.body = { ok: true, echo: (ctx.request.body as { version?: number })?.version ?? null };
  });
  const bareServer = await listen(bare);

  const api = async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${bff.base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { id: string; version: number },
    };
  };
  const login = await fetch(`${bff.base}/api/v1/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'bench' }),
  });
  const { token } = (await login.json()) as { token: string };

  const population = mocks.world.population;
  // One account acts for one unit (issue 13): every benched application is filed for it.
  const unit = population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;
  await makeLegalRepresentative(`${bff.base}/api/v1`, token, unit);
  const people = workingAgePeople(population, 'normal', 2000);
  const operator = { name: '压测经办', idNumber: people[people.length - 1].idNumber, phone: '13800138000' };
  let next = 0;
  const application = () => {
    next += 1;
    return sampleApplication(
      unit,
      [people[next % (people.length - 1)]],
      ['employment', 'socialInsurance'],
      operator,
    );
  };

  const results: Result[] = [];
  results.push(
    await load('bare Koa endpoint (JSON echo)', async () => async () => {
      const res = await fetch(`${bareServer.base}/x`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{"version":1}',
      });
      await res.arrayBuffer();
      return res.status === 200;
    }),
  );
  results.push(
    await load('draft autosave (PATCH /drafts/:id)', async (worker) => {
      const draft = await api('POST', '/drafts', token, { application: application() });
      let version = draft.body.version;
      return async () => {
        const res = await api('PATCH', `/drafts/${draft.body.id}`, token, {
          version,
          unit: { name: `压测单位 ${worker} ${version}` },
        });
        if (res.status === 200) version = res.body.version;
        return res.status === 200;
      };
    }),
  );
  results.push(
    await load('submit (POST /drafts/:id/submit)', async () => {
      // Each submit consumes a draft: every worker gets its drafts before the clock starts.
      const pool: string[] = [];
      for (let i = 0; i < SUBMITS_PER_WORKER; i++) {
        pool.push((await api('POST', '/drafts', token, { application: application() })).body.id);
      }
      return async () => {
        const draftId = pool.pop();
        if (!draftId) return null;
        const res = await api(
          'POST',
          `/drafts/${draftId}/submit`,
          token,
          {},
          { 'Idempotency-Key': randomUUID() },
        );
        return res.status === 201;
      };
    }),
  );

  // Submit → all 即办 matters 办结, one application at a time once the backlog is gone.
  await waitForIdle(services);
  const journeys: number[] = [];
  for (let i = 0; i < 20; i++) {
    const draft = await api('POST', '/drafts', token, { application: application() });
    const t0 = performance.now();
    const submitted = await api(
      'POST',
      `/drafts/${draft.body.id}/submit`,
      token,
      {},
      { 'Idempotency-Key': randomUUID() },
    );
    for (;;) {
      const detail = await api('GET', `/applications/${submitted.body.id}`, token);
      const matters = detail.body.matters as { status: string }[];
      if (matters.every((m) => m.status === 'completed')) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    journeys.push(performance.now() - t0);
  }
  journeys.sort((a, b) => a - b);

  console.log(
    `\nbff benchmark — ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s each, embedded database, same machine`,
  );
  console.log(
    'scenario'.padEnd(40),
    'req/s'.padStart(9),
    'p50 ms'.padStart(9),
    'p99 ms'.padStart(9),
    'errors'.padStart(7),
  );
  for (const r of results) {
    console.log(
      r.name.padEnd(40),
      (r.requests / r.seconds).toFixed(0).padStart(9),
      r.p50.toFixed(1).padStart(9),
      r.p99.toFixed(1).padStart(9),
      String(r.errors).padStart(7),
    );
  }
  console.log(
    `submit → all 即办 matters 办结 (employment + socialInsurance), 20 applications: p50 ${percentile(journeys, 50).toFixed(0)} ms, max ${journeys.at(-1)!.toFixed(0)} ms`,
  );

  await services.dispatcher.stop();
  bff.server.close();
  bareServer.server.close();
  await connection.close();
  await mocks.stop();
  await db.stop();
}

async function waitForIdle(services: ReturnType<typeof createServices>) {
  for (let i = 0; i < 600; i++) {
    if ((await services.applications.countDocuments({ dispatchPending: true })) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

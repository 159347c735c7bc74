// `npm run bench` (bff): each scenario under load from this process (autocannon), against the real bff
// in a child process (bffProcess.ts) beside a bare Koa app in that same child — the baseline, measured in
// the same run. Per scenario: a warm-up, then fixed connection counts for a fixed time; it prints req/s,
// p50/p99 latency and the child's CPU time per request. Embedded database, same machine; asserts nothing.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {
  bffEnvFor,
  makeLegalRepresentative,
  sampleApplication,
  sampleEmployee,
  startMocks,
  workingAgePeople,
} from '@hiring/mock';
import type { CpuMessage, ReadyMessage } from './bffProcess';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmbeddedMongo } = require('../../tools/embedded-mongo');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: object) => Promise<AutocannonResult>;

const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '16,64').split(',').map(Number);

interface AutocannonResult {
  duration: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface Context {
  [key: string]: unknown;
}
interface Request {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (req: Request, context: Context) => Request;
  onResponse?: (status: number, body: string, context: Context) => void;
}
interface Scenario {
  name: string;
  /** The request sequence for one run; called afresh for the warm-up and each connection count. */
  requests?: (connections: number) => Promise<{ base: string; requests: Request[]; amount?: number }>;
  /** Why there is no figure: the route is not on main. */
  missing?: string;
}

class Child {
  private waiting: ((m: CpuMessage) => void)[] = [];
  constructor(readonly process: ChildProcess) {
    process.on('message', (m: CpuMessage) => {
      if (m.type === 'cpu') this.waiting.shift()?.(m);
    });
  }
  cpuMicros(): Promise<number> {
    return new Promise((resolve) => {
      this.waiting.push((m) => resolve(m.micros));
      this.process.send({ type: 'cpu' });
    });
  }
}

async function startChild(env: Record<string, string>): Promise<{ child: Child; ready: ReadyMessage }> {
  const child = fork(path.join(__dirname, 'bffProcess.ts'), [], {
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    child.once('message', (m: ReadyMessage) => resolve(m));
    child.once('exit', (code) => reject(new Error(`bff process exited (${code})`)));
  });
  return { child: new Child(child), ready };
}

async function main() {
  const db = await startEmbeddedMongo();
  const mocks = await startMocks({ workingDayMs: 60000 });
  const { child, ready } = await startChild({
    NODE_ENV: 'test',
    MONGODB_URI: `${db.uri}/bench`,
    DEV_LOGIN: 'true',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '10000000',
    ...bffEnvFor(mocks, 'mock-callback-secret-change-me'),
  });
  const api = async (method: string, route: string, token: string, body?: unknown, headers = {}) => {
    const res = await fetch(`${ready.bff}/api/v1${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown> & { id: string; version: number };
    if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const login = await fetch(`${ready.bff}/api/v1/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'bench' }),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const population = mocks.world.population;
  // One account acts for one unit (issue 13): every benched application is filed for it.
  const unit = population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;
  await makeLegalRepresentative(`${ready.bff}/api/v1`, token, unit);
  const people = workingAgePeople(population, 'normal', 2000);
  const operator = { name: '压测经办', idNumber: people[people.length - 1].idNumber, phone: '13800138000' };
  let next = 0;
  const application = (hires: number) => {
    next += 1;
    const start = (next * 7) % (people.length - 1 - hires);
    return sampleApplication(
      unit,
      people.slice(start, start + hires),
      ['employment', 'socialInsurance'],
      operator,
    );
  };
  /** Drafts made before the clock starts, `parallel` at a time. */
  const drafts = async (count: number, hires: number) => {
    const made: { id: string; version: number }[] = [];
    for (let i = 0; i < count; i += 16) {
      const batch = Array.from({ length: Math.min(16, count - i) }, () =>
        api('POST', '/drafts', token, { application: application(hires) }),
      );
      made.push(...(await Promise.all(batch)).map((d) => ({ id: d.id, version: d.version })));
    }
    return made;
  };
  /**
   * Drafts lent to one request at a time and given back with the version from its response (a 409 carries
   * the current one). autocannon resets its per-connection context after every request, so the draft
   * travels with the request instead. Twice as many drafts as connections: a timed-out request keeps its own.
   */
  const lentDrafts = async (
    connections: number,
    hires: number,
    request: (draft: { id: string; version: number }) => Omit<Request, 'setupRequest' | 'onResponse'>,
  ) => {
    const free = await drafts(connections * 2, hires);
    return {
      base: ready.bff,
      requests: [
        {
          method: 'GET',
          path: '/',
          setupRequest: (_req: Request, context: Context) => {
            const draft = free.pop()!;
            context.draft = draft;
            return request(draft) as Request;
          },
          onResponse: (_status: number, body: string, context: Context) => {
            const draft = context.draft as { id: string; version: number };
            try {
              const parsed = JSON.parse(body) as { version?: number; current?: { version?: number } };
              const version = parsed.version ?? parsed.current?.version;
              if (typeof version === 'number') draft.version = version;
            } catch {
              // a non-JSON error page: keep the version
            }
            free.unshift(draft);
          },
        },
      ],
    };
  };
  /** Each request consumes a draft (submit): a fixed amount, made before the clock starts. */
  const submits = async (connections: number, hires: number, perConnectionCount: number) => {
    const pool = await drafts(connections * perConnectionCount, hires);
    return {
      base: ready.bff,
      amount: pool.length,
      requests: [
        {
          method: 'POST',
          path: '/',
          setupRequest: (req: Request) => ({
            ...req,
            path: `/api/v1/drafts/${pool.pop()!.id}/submit`,
            headers: { ...auth, 'idempotency-key': randomUUID() },
            body: '{}',
          }),
        },
      ],
    };
  };
  const fixed =
    (request: Request, base = ready.bff) =>
    async () => ({ base, requests: [request] });

  // A submitted application to look up, and a 40-hire draft for the PDF form.
  const submittedDraft = (await drafts(1, 2))[0];
  const submitted = await api(
    'POST',
    `/drafts/${submittedDraft.id}/submit`,
    token,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  const detail = await api('GET', `/applications/${submitted.id}`, token);
  const readDraft = (await drafts(1, 2))[0];
  const formDraft = (await drafts(1, 40))[0];
  const photo = await idCardPhoto();

  const scenarios: Scenario[] = [
    {
      name: 'bare Koa (JSON echo, baseline)',
      requests: fixed(
        {
          method: 'PATCH',
          path: '/x',
          headers: { 'content-type': 'application/json' },
          body: '{"version":1}',
        },
        ready.bare,
      ),
    },
    {
      name: 'login check only (GET /me)',
      requests: fixed({ method: 'GET', path: '/api/v1/me', headers: auth }),
    },
    {
      name: 'draft read (GET /drafts/:id)',
      requests: fixed({ method: 'GET', path: `/api/v1/drafts/${readDraft.id}`, headers: auth }),
    },
    {
      name: 'autosave one field (PATCH /drafts/:id)',
      requests: (connections) =>
        lentDrafts(connections, 2, (draft) => ({
          method: 'PATCH',
          path: `/api/v1/drafts/${draft.id}`,
          headers: auth,
          body: JSON.stringify({ version: draft.version, unit: { name: `压测单位 ${draft.version}` } }),
        })),
    },
    {
      name: 'add a hire (POST /drafts/:id/employees)',
      requests: (connections) =>
        lentDrafts(connections, 1, (draft) => ({
          method: 'POST',
          path: `/api/v1/drafts/${draft.id}/employees`,
          headers: auth,
          body: JSON.stringify({
            version: draft.version,
            employee: sampleEmployee(people[draft.version % people.length]),
          }),
        })),
    },
    { name: 'submit, 2-hire draft', requests: (connections) => submits(connections, 2, 20) },
    { name: 'submit, 50-hire draft', requests: (connections) => submits(connections, 50, 2) },
    {
      name: 'status lookup (POST /status-lookup)',
      requests: fixed({
        method: 'POST',
        path: '/api/v1/status-lookup',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: detail.code, password: detail.queryPassword }),
      }),
    },
    {
      name: 'PDF form, 40 hires (GET /drafts/:id/form.pdf)',
      requests: fixed({ method: 'GET', path: `/api/v1/drafts/${formDraft.id}/form.pdf`, headers: auth }),
    },
    { name: 'Excel import, 200 rows', missing: '导入接口不在 main 上' },
    photo
      ? {
          name: 'OCR of one photo (POST /ocr/id-card)',
          requests: fixed({
            method: 'POST',
            path: '/api/v1/ocr/id-card',
            headers: { 'content-type': `multipart/form-data; boundary=${photo.boundary}` },
            body: photo.body,
          }),
        }
      : { name: 'OCR of one photo', missing: '无法生成测试照片' },
  ];

  console.log(
    `\nbff benchmark — autocannon in its own process, ${WARMUP_S} s warm-up then ${DURATION_S} s at each of ` +
      `${CONNECTIONS.join(' and ')} connections; bff + bare Koa in one child process; embedded database; ` +
      `dispatch to the agencies not running.\n${os.cpus().length} CPU(s), load average ${os.loadavg()[0].toFixed(1)} at start, node ${process.version}`,
  );
  console.log(
    'scenario'.padEnd(46),
    'conns'.padStart(5),
    'req/s'.padStart(8),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'CPU ms/req'.padStart(11),
    'non-2xx'.padStart(8),
    '% bare'.padStart(7),
  );
  const bare: Record<number, number> = {};
  for (const scenario of scenarios) {
    if (!scenario.requests) {
      console.log(scenario.name.padEnd(46), '未提供'.padStart(5), ` (${scenario.missing})`);
      continue;
    }
    const run = async (connections: number, duration: number) => {
      const { base, requests, amount } = await scenario.requests!(connections);
      let firstFailure: string | undefined;
      for (const request of requests) {
        const inner = request.onResponse;
        request.onResponse = (status, body, context) => {
          if (status >= 300) firstFailure ??= `${status} ${body.slice(0, 160)}`;
          inner?.(status, body, context);
        };
      }
      const before = await child.cpuMicros();
      const result = await autocannon({
        url: base,
        connections,
        duration,
        amount,
        timeout: 30,
        requests,
      });
      const micros = (await child.cpuMicros()) - before;
      return { result, micros, firstFailure };
    };
    await run(CONNECTIONS[0], WARMUP_S);
    for (const connections of CONNECTIONS) {
      const { result, micros, firstFailure } = await run(connections, DURATION_S);
      const total = result.requests.total;
      const rps = total / result.duration;
      if (scenario === scenarios[0]) bare[connections] = rps;
      console.log(
        scenario.name.padEnd(46),
        String(connections).padStart(5),
        rps.toFixed(0).padStart(8),
        String(result.latency.p50).padStart(8),
        String(result.latency.p99).padStart(8),
        (total ? micros / 1000 / total : NaN).toFixed(2).padStart(11),
        String(result.non2xx + result.errors + result.timeouts).padStart(8),
        `${((rps / bare[connections]) * 100).toFixed(1)} %`.padStart(7),
      );
      if (firstFailure) console.log(`${''.padEnd(46)} first failure: ${firstFailure}`);
    }
  }
  console.log(`load average ${os.loadavg()[0].toFixed(1)} at the end`);

  child.process.send({ type: 'stop' });
  await new Promise((resolve) => child.process.once('exit', resolve));
  await mocks.stop();
  await db.stop();
}

/** A generated ID-card photo as a multipart body, or null when the generator is not available. */
async function idCardPhoto(): Promise<{ boundary: string; body: Buffer } | null> {
  try {
    const { generateIdCardPhoto } = await import('../ocr-testset/generate');
    const { jpeg } = await generateIdCardPhoto({ seed: 1 });
    const boundary = `bench${randomUUID()}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="id.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { boundary, body };
  } catch (error) {
    console.error('OCR photo:', (error as Error).message);
    return null;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

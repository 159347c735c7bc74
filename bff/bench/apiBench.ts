// `npm run bench` (bff): each scenario under load from this process (autocannon), against the real bff
// in a child process (bffProcess.ts) beside a bare Koa app in that same child — the baseline, measured in
// the same run at every connection count a scenario uses. Per scenario: a warm-up, then fixed connection
// counts for a fixed time; it prints req/s, p50/p99 latency, the child's CPU time per request and the
// database process's. Embedded database, same machine. A scenario whose answers are mostly errors
// measured something else than it says: the run then ends non-zero.
//
//   BENCH_ONLY=regexp        only the scenarios whose names match (the two baselines always run)
//   BENCH_CPU_PROF=dir       one CPU profile (.cpuprofile) of the bff child per scenario, first count
//   BENCH_WARMUP_S, BENCH_DURATION_S, BENCH_CONNECTIONS (16,64)
//   BENCH_SUPERVISION_APPLICATIONS   applications seeded for the supervisor's scenarios (10000)
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  bffEnvFor,
  hireRow,
  makeLegalRepresentative,
  sampleApplication,
  sampleEmployee,
  SHEET_HEADERS,
  staffLogin,
  startMocks,
  workingAgePeople,
  xlsxOf,
} from '@hiring/mock';
import mongoose from 'mongoose';
import { insertSupervisionApplications } from './supervisionData';
import type { ChildCommand, CpuMessage, ReadyMessage } from './bffProcess';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmbeddedMongo } = require('../../tools/embedded-mongo');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: object) => Promise<AutocannonResult>;

const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '16,64').split(',').map(Number);
const SUPERVISION_APPLICATIONS = Number(process.env.BENCH_SUPERVISION_APPLICATIONS ?? 10000);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
/** More than this share of error answers: the scenario did not measure what it says. */
const MAX_ERROR_SHARE = 0.5;

interface AutocannonResult {
  duration: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
  '2xx': number;
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
  requests: (
    connections: number,
  ) => Promise<{ base: string; requests: Request[]; amount?: number; done?: () => Promise<void> }>;
  /**
   * Connection counts of its own, for work the bff admits only so many of at once (a queue that answers
   * 503 beyond it, a per-client limit): more connections would measure the refusal, not the work.
   */
  connections?: number[];
  /** Why it runs at those counts, printed under it. */
  note?: string;
}

class Child {
  private waiting: { type: string; resolve: (m: never) => void }[] = [];
  constructor(readonly process: ChildProcess) {
    process.on('message', (m: { type: string }) => {
      const at = this.waiting.findIndex((w) => w.type === m.type);
      if (at >= 0) this.waiting.splice(at, 1)[0].resolve(m as never);
    });
  }
  private ask<T>(command: ChildCommand): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push({ type: command.type, resolve: resolve as (m: never) => void });
      this.process.send(command);
    });
  }
  cpu(): Promise<CpuMessage> {
    return this.ask({ type: 'cpu' });
  }
  /** Starts a profile to be written to `file`, or stops (and writes) the running one. */
  profile(file: string | null): Promise<unknown> {
    return this.ask({ type: 'profile', file });
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

/** CPU time (user + system, microseconds) of another process so far, from /proc; null where there is none. */
function processCpuMicros(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (USER_HZ, 100 on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
  } catch {
    return null;
  }
}

const multipart = (boundary: string, parts: { name: string; file?: string; type?: string; data: Buffer }[]) =>
  Buffer.concat([
    ...parts.flatMap(({ name, file, type, data }) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"` : ''}\r\n` +
          (type ? `Content-Type: ${type}\r\n` : '') +
          '\r\n',
      ),
      data,
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);

async function main() {
  const db = await startEmbeddedMongo();
  const mocks = await startMocks({ workingDayMs: 60000 });
  const { child, ready } = await startChild({
    NODE_ENV: 'test',
    MONGODB_URI: `${db.uri}/bench`,
    DEV_LOGIN: 'true',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '10000000',
    // /healthz has a budget of its own, per IP and in memory (1200 a minute by default).
    HEALTH_CHECKS_PER_MINUTE: '100000000',
    // One account files every benched draft; each run removes its own afterwards.
    MAX_OPEN_DRAFTS: '1000',
    // The supervisor's export is limited per hour (20 by default); the bench makes dozens.
    SUPERVISOR_EXPORTS_PER_HOUR: '1000',
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
  /** Drafts made before the clock starts, 16 at a time. */
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
   * Things lent to one request at a time and given back when it is answered (a draft, with the version
   * from its response: a 409 carries the current one). autocannon resets its per-connection context after
   * every request, so the thing travels with the request instead. Twice as many as connections: a
   * timed-out request keeps its own.
   */
  const lent = <T>(
    free: T[],
    request: (item: T) => Omit<Request, 'setupRequest' | 'onResponse'>,
    answered?: (item: T, body: string) => void,
  ) => ({
    base: ready.bff,
    requests: [
      {
        method: 'GET',
        path: '/',
        setupRequest: (_req: Request, context: Context) => {
          const item = free.pop()!;
          context.item = item;
          return request(item) as Request;
        },
        onResponse: (_status: number, body: string, context: Context) => {
          answered?.(context.item as T, body);
          free.unshift(context.item as T);
        },
      },
    ],
  });
  /** Removes the drafts a run left (16 at a time): the account's open drafts are capped. */
  const removeDrafts = async (left: { id: string }[]) => {
    for (let i = 0; i < left.length; i += 16)
      await Promise.all(
        left
          .slice(i, i + 16)
          .map((d) => fetch(`${ready.bff}/api/v1/drafts/${d.id}`, { method: 'DELETE', headers: auth })),
      );
  };
  const lentDrafts = async (
    connections: number,
    hires: number,
    request: (draft: { id: string; version: number }) => Omit<Request, 'setupRequest' | 'onResponse'>,
  ) => {
    const made = await drafts(connections * 2, hires);
    return {
      ...lent([...made], request, (draft, body) => {
        try {
          const parsed = JSON.parse(body) as { version?: number; current?: { version?: number } };
          const version = parsed.version ?? parsed.current?.version;
          if (typeof version === 'number') draft.version = version;
        } catch {
          // a non-JSON error page: keep the version
        }
      }),
      done: () => removeDrafts(made),
    };
  };
  /** Each request consumes a draft (submit, import): a fixed amount, made before the clock starts. */
  const consumed = async (
    connections: number,
    hires: number,
    perConnection: number,
    request: (draft: { id: string; version: number }) => Omit<Request, 'setupRequest' | 'onResponse'>,
  ) => {
    const pool = await drafts(Math.min(connections * perConnection, 800), hires);
    return {
      base: ready.bff,
      amount: pool.length,
      done: () => removeDrafts(pool),
      requests: [
        { method: 'POST', path: '/', setupRequest: (req: Request) => ({ ...req, ...request(pool.pop()!) }) },
      ],
    };
  };
  const submit = (draft: { id: string }) => ({
    method: 'POST',
    path: `/api/v1/drafts/${draft.id}/submit`,
    headers: { ...auth, 'idempotency-key': randomUUID() },
    body: '{}',
  });
  const fixed =
    (request: Request, base = ready.bff) =>
    async () => ({ base, requests: [request] });

  const connectionCounts = (scenario: Scenario) => scenario.connections ?? CONNECTIONS;
  const LOOKUP_CONNECTIONS = [16];
  // Submitted applications to look up: one code per connection at a time, as real lookups are (5
  // lookups of one code at once would meet the per-code limit of failed attempts, which counts
  // attempts in flight).
  // Made when the scenario first runs (submissions are slow to make).
  let lookups: { code: string; password: string }[] | undefined;
  const submittedLookups = async () => {
    if (lookups) return lookups;
    lookups = [];
    for (const draft of await drafts(Math.max(...LOOKUP_CONNECTIONS) * 2, 2)) {
      const submitted = await api(
        'POST',
        `/drafts/${draft.id}/submit`,
        token,
        {},
        { 'Idempotency-Key': randomUUID() },
      );
      const detail = await api('GET', `/applications/${submitted.id}`, token);
      lookups.push({ code: detail.code as string, password: detail.queryPassword as string });
    }
    return lookups;
  };
  // A year of applications for the supervisor's dashboard and export, seeded when their scenario first runs.
  let supervision: { query: string; cookie: string } | undefined;
  const supervisionSet = async () => {
    if (supervision) return supervision;
    const connection = await mongoose.createConnection(`${db.uri}/bench`).asPromise();
    const period = await insertSupervisionApplications(connection, SUPERVISION_APPLICATIONS);
    await connection.close();
    const { header } = await staffLogin(ready.bff, mocks.urls.staffIdp, 'city-supervisor');
    supervision = { query: new URLSearchParams(period).toString(), cookie: header };
    return supervision;
  };
  const supervisor = (route: string) => async () => {
    const { query, cookie } = await supervisionSet();
    return {
      base: ready.bff,
      requests: [{ method: 'GET', path: `/api/v1/staff/supervisor/${route}?${query}`, headers: { cookie } }],
    };
  };
  const readDraft = (await drafts(1, 2))[0];
  const formDraft = (await drafts(1, 40))[0];
  const photo = await idCardPhoto();
  const sheetBoundary = `bench${randomUUID()}`;
  const sheet = await xlsxOf(
    SHEET_HEADERS.template,
    people.slice(0, 200).map((person, i) => hireRow(person, 'template', i)),
    { textColumns: ['身份证号码', '手机号码'] },
  );

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
      name: 'bare Koa + one database read (baseline)',
      requests: fixed(
        {
          method: 'PATCH',
          path: '/db',
          headers: { 'content-type': 'application/json' },
          body: '{"version":1}',
        },
        ready.bare,
      ),
    },
    {
      name: "the bff's middleware only (GET /healthz)",
      requests: fixed({ method: 'GET', path: '/healthz' }),
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
    { name: 'submit, 2-hire draft', requests: (connections) => consumed(connections, 2, 20, submit) },
    { name: 'submit, 50-hire draft', requests: (connections) => consumed(connections, 50, 2, submit) },
    {
      name: 'status lookup (POST /status-lookup)',
      connections: LOOKUP_CONNECTIONS,
      note: '一个客户端（IP）同时在途的查询超过 20 次即按失败次数上限锁定（设计如此），故只测 16 个连接',
      requests: async () =>
        lent([...(await submittedLookups())], (lookup) => ({
          method: 'POST',
          path: '/api/v1/status-lookup',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(lookup),
        })),
    },
    {
      name: 'PDF form, 40 hires (GET /drafts/:id/form.pdf)',
      connections: [1, 16],
      note: '每个进程一次画一份，最多 16 份排队，再多即 503 DOCUMENTS_BUSY：测 1 个与 16 个连接',
      requests: fixed({ method: 'GET', path: `/api/v1/drafts/${formDraft.id}/form.pdf`, headers: auth }),
    },
    {
      name: 'Excel import, 200 rows (POST /drafts/:id/import)',
      connections: [1, 2],
      note: '每个进程同时读 2 份表格，再多即 503 IMPORT_BUSY：测 1 个与 2 个连接；每次导入一份新草稿',
      requests: (connections) =>
        consumed(connections, 0, 40, (draft) => ({
          method: 'POST',
          path: `/api/v1/drafts/${draft.id}/import`,
          headers: {
            authorization: auth.authorization,
            'content-type': `multipart/form-data; boundary=${sheetBoundary}`,
          },
          body: multipart(sheetBoundary, [
            { name: 'version', data: Buffer.from(String(draft.version)) },
            { name: 'file', file: 'hires.xlsx', type: 'application/octet-stream', data: sheet },
          ]),
        })),
    },
    {
      name: 'OCR of one photo (POST /ocr/id-card)',
      connections: [1, 4],
      note: '识别每个进程同时 2 张、排队等候至多 10 秒：测 1 个与 4 个连接',
      requests: fixed({
        method: 'POST',
        path: '/api/v1/ocr/id-card',
        headers: {
          authorization: auth.authorization,
          'content-type': `multipart/form-data; boundary=${photo.boundary}`,
        },
        body: photo.body,
      }),
    },
    {
      name: `supervisor dashboard, ${SUPERVISION_APPLICATIONS} applications, 366 days`,
      connections: [1, 4],
      note: '一次统计读取期间内全部申请（每 100 件交还一次事件循环）：测 1 个与 4 个连接',
      requests: supervisor('dashboard'),
    },
    {
      name: `supervisor Excel export of the same`,
      connections: [1, 4],
      note: '导出每人每小时限次数（压测放宽到 1000 次）：测 1 个与 4 个连接',
      requests: supervisor('dashboard.xlsx'),
    },
  ];
  // The OCR engine loads in the background after start (seconds of CPU): not in any scenario's figures.
  await untilReady(ready.bff);
  const idleBefore = await child.cpu();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idleMsPerS = ((await child.cpu()).micros - idleBefore.micros) / 1000 / 2;
  const selected = scenarios.filter((s, i) => i <= 1 || !ONLY || ONLY.test(s.name));
  const bareCounts = [...new Set(selected.flatMap(connectionCounts))].sort((a, b) => a - b);
  selected[0].connections = bareCounts;
  selected[1].connections = bareCounts;
  if (CPU_PROF_DIR) mkdirSync(CPU_PROF_DIR, { recursive: true });

  console.log(
    `\nbff benchmark — autocannon in its own process, ${WARMUP_S} s warm-up then ${DURATION_S} s at each ` +
      `connection count; bff + bare Koa in one child process; embedded database (its own process); ` +
      `dispatch to the agencies not running.\n${os.cpus().length} CPU(s), load average ` +
      `${os.loadavg()[0].toFixed(1)} at start, node ${process.version}. CPU ms/req: the bff process ` +
      `(user + system, "sys" the system share) and the database process, per answered request. ` +
      `bff idle: ${idleMsPerS.toFixed(1)} ms CPU per second. loop ms: the longest the bff's event loop ` +
      `was held during the run (what any other request waited).`,
  );
  const header = [
    'scenario'.padEnd(50),
    'conns'.padStart(5),
    'req/s'.padStart(8),
    'p50 ms'.padStart(7),
    'p99 ms'.padStart(7),
    'bff CPU'.padStart(8),
    'sys'.padStart(4),
    'db CPU'.padStart(7),
    'errors'.padStart(7),
    '% bare'.padStart(7),
    'loop ms'.padStart(7),
  ];
  console.log(header.join(' '));
  const bare: Record<number, number> = {};
  const invalid: string[] = [];
  for (const scenario of selected) {
    const run = async (connections: number, duration: number, profile: string | null) => {
      const { base, requests, amount, done } = await scenario.requests(connections);
      let firstFailure: string | undefined;
      for (const request of requests) {
        const inner = request.onResponse;
        request.onResponse = (status, body, context) => {
          if (status >= 300) firstFailure ??= `${status} ${body.slice(0, 160)}`;
          inner?.(status, body, context);
        };
      }
      if (profile) await child.profile(profile);
      const before = await child.cpu();
      const dbBefore = processCpuMicros(db.pid);
      const result = await autocannon({ url: base, connections, duration, amount, timeout: 30, requests });
      const after = await child.cpu();
      const dbAfter = processCpuMicros(db.pid);
      if (profile) await child.profile(null);
      await done?.();
      return {
        result,
        micros: after.micros - before.micros,
        systemMicros: after.systemMicros - before.systemMicros,
        dbMicros: dbBefore === null || dbAfter === null ? null : dbAfter - dbBefore,
        loopMaxMs: after.loopMaxMs,
        firstFailure,
      };
    };
    const counts = connectionCounts(scenario);
    await run(counts[0], WARMUP_S, null);
    for (const [i, connections] of counts.entries()) {
      const profile =
        CPU_PROF_DIR && i === 0
          ? path.join(CPU_PROF_DIR, `${scenario.name.replace(/[^\w]+/g, '-').replace(/-+$/, '')}.cpuprofile`)
          : null;
      const { result, micros, systemMicros, dbMicros, loopMaxMs, firstFailure } = await run(
        connections,
        DURATION_S,
        profile,
      );
      const total = result.requests.total;
      const failed = result.non2xx + result.errors + result.timeouts;
      const rps = result['2xx'] / result.duration;
      if (scenario === selected[0]) bare[connections] = rps;
      const perRequest = (us: number | null) =>
        us === null || !total ? '—' : (us / 1000 / total).toFixed(2);
      console.log(
        [
          scenario.name.padEnd(50),
          String(connections).padStart(5),
          rps.toFixed(rps < 10 ? 1 : 0).padStart(8),
          String(result.latency.p50).padStart(7),
          String(result.latency.p99).padStart(7),
          perRequest(micros).padStart(8),
          `${micros ? Math.round((systemMicros / micros) * 100) : 0}%`.padStart(4),
          perRequest(dbMicros).padStart(7),
          String(failed).padStart(7),
          `${((rps / bare[connections]) * 100).toFixed(1)} %`.padStart(7),
          loopMaxMs.toFixed(0).padStart(7),
        ].join(' '),
      );
      if (firstFailure) console.log(`${''.padEnd(50)}  first failure: ${firstFailure}`);
      if (total === 0 || failed > total * MAX_ERROR_SHARE) {
        invalid.push(`${scenario.name} at ${connections}: ${failed} of ${total} answers were errors`);
        console.log(`${''.padEnd(50)}  ✗ mostly errors: this run does not measure the scenario`);
      }
      if (profile) console.log(`${''.padEnd(50)}  profile: ${profile}`);
    }
    if (scenario.note) console.log(`${''.padEnd(50)}  (${scenario.note})`);
  }
  console.log(`load average ${os.loadavg()[0].toFixed(1)} at the end`);

  child.process.send({ type: 'stop' } satisfies ChildCommand);
  await new Promise((resolve) => child.process.once('exit', resolve));
  await mocks.stop();
  await db.stop();
  if (invalid.length) {
    console.error(`\nbench FAILED: scenarios answered mostly with errors:\n  ${invalid.join('\n  ')}`);
    process.exit(1);
  }
}

/** Waits for /readyz (the OCR engine loads in the background after start). */
async function untilReady(base: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await fetch(`${base}/readyz`).catch(() => null);
    if (res?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('bff not ready (OCR engine) after 120 s');
}

/** A generated ID-card photo as a multipart body. */
async function idCardPhoto(): Promise<{ boundary: string; body: Buffer }> {
  const { generateIdCardPhoto } = await import('../ocr-testset/generate');
  const { jpeg } = await generateIdCardPhoto({ seed: 1 });
  const boundary = `bench${randomUUID()}`;
  return {
    boundary,
    body: multipart(boundary, [{ name: 'image', file: 'id.jpg', type: 'image/jpeg', data: jpeg }]),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

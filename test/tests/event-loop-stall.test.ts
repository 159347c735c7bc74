// No request under the body limit may keep the bff's event loop busy for everyone else. For every operation
// the running bff describes (its OpenAPI document, which lists exactly the routes it serves), this sends the
// worst bodies we know for it: each array filled to just under the body limit, tens of thousands of
// unknown keys at the top and in every nested object, each string field as one huge string. Meanwhile a
// probe asks /healthz every ~20 ms; the worst wait of any probe must stay under 100 ms. The bff runs as its
// own process, so the probe measures its event loop, not ours.
//
// Staff operations are called as a staff member entitled to them (clerk, supervisor, admin: logged in
// through the stand-in identity provider) and must answer beyond their guard — never 401 or 403 — so
// the sweep really runs them; their queries too get their worst (the widest period over a year of
// seeded applications, long strings, many unknown keys).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import mongoose from 'mongoose';
import {
  bffEnvFor,
  makeLegalRepresentative,
  type RunningMocks,
  sampleApplication,
  signCallback,
  staffLogin,
  startMocks,
  workingAgePeople,
} from '@hiring/mock';
import { todayInChina } from '@hiring/shared';
import { testDatabaseUri } from '../../tools/jest/testDatabase';
import { insertSupervisionApplications } from '../../bff/bench/supervisionData';
import { bodyLimitsFor } from '../../bff/src/http/bodyLimits';
import { callBff, freePort, startBff, type BffProcess } from '../src/bffProcess';

jest.setTimeout(300000);

const SECRET = 'stall-test-callback-secret-012345';
/** Each route's body limits, as the bff under test has them (its BODY_LIMIT below). */
const BODY_LIMIT = 1_000_000;
const routeBodyLimits = bodyLimitsFor(BODY_LIMIT);
const STALL_LIMIT_MS = 100;
/** A body that stalls is tried this often: a real stall repeats, a busy machine's hiccup does not. */
const TRIES = 5;
/** Applications seeded for the supervisor's dashboard and export to aggregate (over the widest period). */
const SEEDED_APPLICATIONS = 4000;
const STAFF_ROLES = { clerk: 'xz-clerk', supervisor: 'city-supervisor', admin: 'city-admin' } as const;
type StaffRole = keyof typeof STAFF_ROLES;

type JsonSchema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema; example?: unknown }> };
}

let mocks: RunningMocks;
let bff: BffProcess;
let doc: { paths: Record<string, Record<string, Operation>>; components?: unknown };
let token: string;
const ids: Record<string, string> = {};
const staffCookies = {} as Record<StaffRole, string>;
let period: { from: string; to: string };

interface Probe {
  start: number;
  end: number;
}
const probes: Probe[] = [];
let probing = true;
let probeLoop: Promise<void>;

beforeAll(async () => {
  const databaseUri = testDatabaseUri('stall');
  mocks = await startMocks({ callbackSecret: SECRET, reviewMode: 'manual', workingDayMs: 3_600_000 });
  bff = await startBff(await freePort(), {
    MONGODB_URI: databaseUri,
    DEV_LOGIN: 'true',
    ...bffEnvFor(mocks, SECRET),
    RATE_LIMIT_PER_MINUTE: '1000000',
    HEALTH_CHECKS_PER_MINUTE: '1000000',
    LOGINS_PER_MINUTE: '10000',
    SUPERVISOR_EXPORTS_PER_HOUR: '1000',
    BODY_LIMIT: `${BODY_LIMIT}b`,
  });
  const db = await mongoose.createConnection(databaseUri).asPromise();
  period = await insertSupervisionApplications(db, SEEDED_APPLICATIONS);
  await db.close();
  for (const role of Object.keys(STAFF_ROLES) as StaffRole[])
    staffCookies[role] = (await staffLogin(bff.url, mocks.urls.staffIdp, STAFF_ROLES[role])).header;
  doc = (await (await fetch(`${bff.url}/api/v1/openapi.json`)).json()) as typeof doc;
  const login = await call('POST', '/auth/dev-login', { nickname: 'stall' });
  token = login.body.token;
  const population = mocks.world.population;
  // The submitted application is in 信州区, so the clerk's and the staff's views of it do their real work.
  const unit = population.units.find((u) => u.uscc.slice(2, 8) === '361102') ?? population.units[3];
  await makeLegalRepresentative(`${bff.url}/api/v1`, token, unit);
  const people = workingAgePeople(population, 'normal', 2, 500);
  const draft = await call('POST', '/drafts', {
    application: sampleApplication(population.units[2], people, ['housingFund']),
  });
  ids.draft = draft.body.id;
  ids.key = draft.body.application.employees[0].key;
  const other = await call('POST', '/drafts', {
    application: sampleApplication(unit, people.slice(1), ['housingFund']),
  });
  const submitted = await call(
    'POST',
    `/drafts/${other.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  expect(submitted.status).toBe(201);
  ids.application = submitted.body.id;
  ids.code = submitted.body.code;
  ids.notice = '0123456789abcdef01234567';
  probeLoop = (async () => {
    while (probing) {
      const start = performance.now();
      await fetch(`${bff.url}/healthz`).then((r) => r.arrayBuffer());
      probes.push({ start, end: performance.now() });
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
});

afterAll(async () => {
  probing = false;
  await probeLoop;
  await bff?.kill('SIGKILL');
  await mocks?.stop();
});

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  callBff(bff.url, token, method, path, body, headers);

function deref(schema: JsonSchema | undefined): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) {
    let node: any = doc;
    for (const part of String(schema.$ref).slice(2).split('/')) node = node?.[part];
    return deref(node);
  }
  if (schema.allOf) {
    return (schema.allOf as JsonSchema[])
      .map(deref)
      .reduce(
        (merged, part) => ({ ...part, ...merged, properties: { ...part.properties, ...merged.properties } }),
        {},
      );
  }
  return schema;
}

type Path = (string | number)[];

function setAt(target: unknown, path: Path, value: unknown): any {
  if (!path.length) return value;
  const copy: any = structuredClone(target ?? {});
  let node = copy;
  for (const [i, part] of path.entries()) {
    if (i === path.length - 1) node[part] = value;
    else {
      if (node[part] === null || typeof node[part] !== 'object')
        node[part] = typeof path[i + 1] === 'number' ? [] : {};
      node = node[part];
    }
  }
  return copy;
}

function getAt(target: any, path: Path): any {
  return path.reduce((node, part) => node?.[part], target);
}

/** A plausible value for a schema: its example, else something of its type. */
function sampleOf(schema: JsonSchema): unknown {
  const s = deref(schema);
  if (s.example !== undefined) return s.example;
  if (s.examples?.length) return s.examples[0];
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties)
    return Object.fromEntries(
      Object.entries(s.properties ?? {}).map(([k, v]) => [k, sampleOf(v as JsonSchema)]),
    );
  if (type === 'array') return [sampleOf(s.items ?? {})];
  if (type === 'number' || type === 'integer') return 1;
  if (type === 'boolean') return true;
  return 'x';
}

/** Every array, object and string the schema describes, with its path (array elements at index 0). */
function partsOf(
  schema: JsonSchema,
  path: Path = [],
  depth = 0,
): { path: Path; kind: 'array' | 'object' | 'string'; item?: JsonSchema }[] {
  const s = deref(schema);
  if (depth > 5) return [];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'array' || s.items)
    return [{ path, kind: 'array', item: s.items ?? {} }, ...partsOf(s.items ?? {}, [...path, 0], depth + 1)];
  if (type === 'object' || s.properties)
    return [
      { path, kind: 'object' },
      ...Object.entries(s.properties ?? {}).flatMap(([k, v]) =>
        partsOf(v as JsonSchema, [...path, k], depth + 1),
      ),
    ];
  if (type === 'string' && !s.enum && path.length <= 2) return [{ path, kind: 'string' }];
  return [];
}

/** An object of `count` unknown keys beside `base`'s (each `"k000000":1,`: 12 bytes, one colon). */
function manyKeys(count: number, base: Record<string, unknown> = {}) {
  const out: Record<string, unknown> = { ...base };
  for (let i = 0; i < count; i++) out[`k${String(i).padStart(6, '0')}`] = 1;
  return out;
}

const colons = (text: string) => text.split(':').length - 1;

/**
 * The worst bodies for one operation, each just under its route's own limits (bytes, and keys: the bff
 * counts colons), so that every body is parsed and validated instead of refused at the door with 413.
 */
function worstBodies(op: Operation): { label: string; body: string }[] {
  const limits = routeBodyLimits(urlOf(op).split('?')[0]);
  const bytes = Math.floor(limits.bytes * 0.95);
  const keys = limits.keys - 2;
  const content = op.requestBody?.content?.['application/json'];
  const baseline: any =
    content?.example !== undefined
      ? structuredClone(content.example)
      : content
        ? sampleOf(content.schema)
        : {};
  if (baseline && typeof baseline === 'object' && 'version' in baseline) baseline.version = 1;
  const out: { label: string; body: string }[] = [
    { label: 'unknown keys', body: JSON.stringify(manyKeys(Math.min(keys, bytes / 12))) },
  ];
  if (!content) return out;
  const text = JSON.stringify(baseline);
  const byteBudget = bytes - Buffer.byteLength(text);
  const keyBudget = keys - colons(text);
  for (const part of partsOf(content.schema)) {
    const label = `${part.kind} ${part.path.join('.') || '(root)'}`;
    let value: unknown;
    if (part.kind === 'array') {
      const existing = getAt(baseline, part.path);
      const element = Array.isArray(existing) && existing.length ? existing[0] : sampleOf(part.item!);
      const json = JSON.stringify(element);
      const count = Math.min(
        byteBudget / (Buffer.byteLength(json) + 1),
        keyBudget / Math.max(1, colons(json)),
      );
      value = Array.from({ length: Math.floor(count) }, () => element);
    } else if (part.kind === 'object') {
      if (!part.path.length) continue; // the root: the "unknown keys" body
      value = manyKeys(Math.min(keyBudget, byteBudget / 12), getAt(baseline, part.path) ?? {});
    } else {
      value = 'x'.repeat(byteBudget - 10);
    }
    const body = JSON.stringify(setAt(baseline, part.path, value));
    if (Buffer.byteLength(body) <= limits.bytes && colons(body) <= limits.keys) out.push({ label, body });
  }
  return out;
}

function urlOf(op: Operation, query = ''): string {
  const values: Record<string, string> = {
    id: /\/applications\/|\/authorities\//.test(op.path)
      ? ids.application
      : op.path.includes('/notices/')
        ? ids.notice
        : ids.draft,
    key: ids.key,
    matter: 'housingFund',
    agency: 'housingFund',
    year: todayInChina().slice(0, 4),
    kind: 'minimumWage',
    effectiveFrom: '2027-01-01',
  };
  const filled = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
  const extra = op.operationId === 'deleteDraftEmployee' ? ['version=1'] : [];
  if (query) extra.push(query);
  return filled + (extra.length ? `?${extra.join('&')}` : '');
}

/** The staff role a staff operation is meant for (by its path), or null for the employer's operations. */
function staffRoleOf(op: Operation): StaffRole | null {
  const staff = op.security?.some((s) => 'staffSession' in s) || op.path.includes('/staff/auth/logout');
  if (!staff) return null;
  if (op.path.includes('/staff/supervisor/')) return 'supervisor';
  if (op.path.includes('/staff/admin/')) return 'admin';
  return 'clerk';
}

/**
 * The worst query strings for a read: the widest period (from/to over the seeded year), each string
 * parameter as one long string, the largest page, and a few hundred unknown keys (within Node's 16 KB
 * header limit).
 */
function worstQueries(op: Operation): { label: string; body: string }[] {
  const params = (op.parameters ?? []).filter((p) => p.in === 'query');
  const base = new URLSearchParams();
  for (const p of params) {
    if (p.name === 'from') base.set('from', period.from);
    if (p.name === 'to') base.set('to', period.to);
    const s = deref(p.schema);
    if (p.name === 'pageSize' && typeof s.maximum === 'number') base.set('pageSize', String(s.maximum));
  }
  const out = [{ label: 'widest query', body: base.toString() }];
  const unknown = new URLSearchParams(base);
  for (let i = 0; i < 600; i++) unknown.set(`k${String(i).padStart(4, '0')}`, '1');
  out.push({ label: 'query: unknown keys', body: unknown.toString() });
  for (const p of params) {
    const s = deref(p.schema);
    if (s.type !== 'string' || p.name === 'from' || p.name === 'to') continue;
    const long = new URLSearchParams(base);
    long.set(p.name, '上'.repeat(600));
    out.push({ label: `query: long ${p.name}`, body: long.toString() });
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one body and returns its answer and the worst probe wait while it was being handled. */
async function measure(op: Operation, body: string) {
  const role = staffRoleOf(op);
  // Logging out or rotating ends a session: those get a session of their own.
  const ends = /\/auth\/(logout|refresh)$/.test(op.path);
  const headers: Record<string, string> = { 'Idempotency-Key': randomUUID() };
  if (role) {
    const cookie = ends
      ? (await staffLogin(bff.url, mocks.urls.staffIdp, STAFF_ROLES[role])).header
      : staffCookies[role];
    // A staff page's request: its session cookie, and what the CSRF check asks of a state change.
    Object.assign(headers, { cookie, 'X-Requested-With': 'XMLHttpRequest', Origin: bff.url });
  } else {
    const session = ends
      ? (await call('POST', '/auth/dev-login', { nickname: 'stall-spare' })).body.token
      : token;
    headers.authorization = `Bearer ${session}`;
  }
  const read = op.method === 'get';
  if (!read) headers['content-type'] = 'application/json';
  if (op.path.includes('agency-callbacks')) Object.assign(headers, signCallback(SECRET, 'housingFund', body));
  await sleep(30); // let our own preparation of the body pass before the window opens
  const from = performance.now();
  const res = await fetch(`${bff.url}${urlOf(op, read ? body : '')}`, {
    method: op.method.toUpperCase(),
    headers,
    body: read ? undefined : body,
  });
  const text = await res.text();
  await sleep(60); // a stall right after the answer counts too
  const to = performance.now();
  const waits = probes.filter((p) => p.end >= from && p.start <= to).map((p) => p.end - p.start);
  return { status: res.status, bytes: Buffer.byteLength(text), worst: Math.max(0, ...waits), role };
}

it('keeps every /healthz probe under 100 ms while each operation receives its worst bodies', async () => {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      ...operation,
      method,
      path: path.replace(/^\/api\/v1/, '/api/v1'),
    })),
  );
  const withBodies = operations.filter((op) => ['post', 'put', 'patch'].includes(op.method));
  expect(withBodies.length).toBeGreaterThan(10);
  // Staff reads take queries: the dashboard and its export over a year of applications among them.
  const staffReads = operations.filter((op) => op.method === 'get' && staffRoleOf(op));
  expect(staffReads.map((op) => op.operationId)).toEqual(
    expect.arrayContaining(['supervisorDashboard', 'supervisorExportDashboard', 'clerkSearchApplications']),
  );
  const results: {
    op: string;
    label: string;
    status: number;
    bytes: number;
    worst: number;
    role: StaffRole | null;
  }[] = [];
  for (const op of [...withBodies, ...staffReads]) {
    const cases = op.method === 'get' ? worstQueries(op) : worstBodies(op);
    for (const { label, body } of cases) {
      let best = { status: 0, bytes: 0, worst: Infinity, role: null as StaffRole | null };
      for (let i = 0; i < TRIES && best.worst >= STALL_LIMIT_MS; i++) {
        if (i > 0) await sleep(300 * i); // let a neighbour's burst pass
        const m = await measure(op, body);
        if (m.worst < best.worst) best = m;
      }
      results.push({ op: `${op.method.toUpperCase()} ${op.path}`, label, ...best });
    }
  }
  const worst = results.reduce((a, b) => (b.worst > a.worst ? b : a));
  const byGroup = (role: StaffRole | null) => results.filter((r) => r.role === role);
  const worstOf = (rs: typeof results) => Math.max(0, ...rs.map((r) => r.worst)).toFixed(1);
  console.log(
    `event-loop stall: ${results.length} worst bodies and queries over ${withBodies.length + staffReads.length} operations; ` +
      `worst /healthz wait ${worst.worst.toFixed(1)} ms (${worst.op}, ${worst.label}); ${probes.length} probes; ` +
      `worst per group: employer/public ${worstOf(byGroup(null))} ms, ` +
      (Object.keys(STAFF_ROLES) as StaffRole[])
        .map((role) => `${role} ${worstOf(byGroup(role))} ms (${byGroup(role).length})`)
        .join(', ') +
      `; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  if (process.env.STALL_DEBUG)
    console.log(
      results.map((r) => `${r.worst.toFixed(0)} ${r.status} ${r.role ?? '-'} ${r.op} ${r.label}`).join('\n'),
    );
  const stalls = results.filter((r) => r.worst >= STALL_LIMIT_MS);
  expect(stalls).toEqual([]);
  expect(results.filter((r) => r.status >= 500)).toEqual([]);
  // Each body was within its route's limits, so none may be refused unread (that would test nothing).
  expect(results.filter((r) => r.status === 413).map((r) => `${r.op} ${r.label}`)).toEqual([]);
  expect(results.filter((r) => r.status >= 400 && r.bytes >= 4096)).toEqual([]);
  // Every staff operation ran past its guard as the role entitled to it: a real answer or a validation error.
  for (const role of Object.keys(STAFF_ROLES) as StaffRole[]) expect(byGroup(role).length).toBeGreaterThan(0);
  expect(results.filter((r) => r.role && (r.status === 401 || r.status === 403))).toEqual([]);
  // The widest period really aggregated the seeded year, and the export of it was made.
  const dashboard = results.find(
    (r) => r.op.endsWith('/staff/supervisor/dashboard') && r.label === 'widest query',
  );
  const exported = results.find((r) => r.op.endsWith('/dashboard.xlsx') && r.label === 'widest query');
  expect([dashboard?.status, exported?.status]).toEqual([200, 200]);
  const figures = await fetch(
    `${bff.url}${urlOf({ path: '/api/v1/staff/supervisor/dashboard' } as Operation, new URLSearchParams(period).toString())}`,
    {
      headers: { cookie: staffCookies.supervisor },
    },
  ).then((r) => r.json() as Promise<any>);
  expect(figures.totals.applications).toBeGreaterThanOrEqual(SEEDED_APPLICATIONS);
});

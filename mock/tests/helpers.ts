// Test fixtures: mocks on free ports with a fast clock, a callback receiver, and case bodies built from
// the synthetic population so the agencies' checks pass unless a test breaks something on purpose.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeMatters, todayInChina, validateApplication, type MatterCode } from '@hiring/shared';
import {
  population,
  sampleApplication,
  startMocks,
  type MockOptions,
  type Person,
  type RunningMocks,
  type Unit,
} from '../src/index';

export type Json = Record<string, any>;

export const SECRET = 'test-secret';
export const DAY_MS = 200;

export function startTestMocks(options: MockOptions = {}): Promise<RunningMocks> {
  return startMocks({
    workingDayMs: DAY_MS,
    callbackSecret: SECRET,
    callbackRetryDelaysMs: [50, 100],
    ...options,
  });
}

/**
 * Stand-ins whose three agencies call back one receiver, started fresh for each test (`each`) or once for
 * the suite (`all`) and stopped after; `started` receives both.
 */
export function mocksCallingBack(
  per: 'each' | 'all',
  started: (running: { mocks: RunningMocks; receiver: Receiver }) => void,
): void {
  let running: { mocks: RunningMocks; receiver: Receiver } | undefined;
  (per === 'each' ? beforeEach : beforeAll)(async () => {
    const receiver = await startReceiver();
    const mocks = await startTestMocks({
      callbackUrls: { hrss: receiver.url, medicalSecurity: receiver.url, housingFund: receiver.url },
    });
    running = { mocks, receiver };
    started(running);
  });
  (per === 'each' ? afterEach : afterAll)(async () => {
    await running?.mocks.stop();
    await running?.receiver.close();
  });
}

export interface ReceivedCallback {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  body: Record<string, unknown>;
  at: number;
}

export interface Receiver {
  url: string;
  received: ReceivedCallback[];
  /** Status codes to answer with, in order; 200 once exhausted. */
  script: number[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedCallback[] = [];
  const script: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody), at: Date.now() });
      res.statusCode = script.shift() ?? 200;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callbacks`,
    received,
    script,
    async waitFor(count, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} callbacks, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const pop = population();

export function normalPeople(count: number, offset = 0): Person[] {
  return pop.peopleWith('normal', count + offset).slice(offset);
}

/** A unit that has neither a 社保 code nor a 公积金 account yet (a first application). */
export function newUnit(offset = 0): Unit {
  return pop.units.filter((u) => !u.socialInsuranceCode && !u.housingFundAccount)[offset];
}

/** The case body the bff sends for `matter`: shared's routing of a valid sample application. */
export function caseBody(matter: MatterCode, people: Person[], unit: Unit = newUnit()): Record<string, any> {
  const form = sampleApplication(unit, people, [matter]);
  const checked = validateApplication(form, { today: todayInChina() });
  if (!checked.ok) throw new Error(`sample application invalid: ${JSON.stringify(checked.errors)}`);
  const routed = routeMatters(checked.value)[matter]!;
  return { matter, applicationCode: 'LB202611260001', ...routed.body };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Json,
  };
}

export async function get(url: string) {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Json };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// For suites that follow applications through the stand-in agencies: one bff with the stand-ins and its
// dispatch workers for the whole file, an employer's submission, and a wait for what the workers do.
import { randomUUID } from 'node:crypto';
import type { MockOptions } from '@hiring/mock';
import { makeLegalRepresentative } from './fixtures';
import { startTestServer, type Client, type TestServer } from './testServer';

export interface DispatchingServerOptions {
  mocks?: MockOptions;
  /** Added to (or overriding) the quick dispatch settings. */
  env?: Record<string, string>;
  /** Dispatch workers (default 2). */
  workers?: number;
}

/**
 * The suite's server (its beforeAll and afterAll): the bff with the stand-ins and dispatch workers that
 * poll and retry quickly, a working day of 300 ms unless asked otherwise, so a return and its 补正 take
 * seconds, not days. `started` receives it before the first test.
 */
export function dispatchingServerForSuite(
  started: (server: TestServer) => void,
  { mocks = {}, env = {}, workers = 2 }: DispatchingServerOptions = {},
) {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({
      mocks: { workingDayMs: 300, ...mocks },
      env: { DISPATCH_POLL_MS: '50', DISPATCH_BACKOFF_MS: '50', DISPATCH_BACKOFF_CAP_MS: '400', ...env },
    });
    server.services.dispatcher.start(workers);
    started(server);
  });
  afterAll(async () => {
    await server?.services.dispatcher.stop();
    await server?.close();
  });
}

/**
 * Files `application` as `client` (a draft, then its submission under a fresh Idempotency-Key) and returns
 * the application. With `asLegalRepresentative` the client first becomes the unit's legal representative
 * (when the unit is one of the stand-ins' population), so it may act for it.
 */
export async function submitApplication(
  server: TestServer,
  client: Client,
  application: unknown,
  { asLegalRepresentative = true } = {},
) {
  const uscc = (application as { unit?: { uscc?: string } }).unit?.uscc ?? '';
  const unit = asLegalRepresentative ? server.mocks?.world.population.unitByUscc(uscc) : undefined;
  if (unit) await makeLegalRepresentative(server.api, client.token, unit);
  const draft = await client.call('POST', '/drafts', { application });
  expect(draft.status).toBe(201);
  const res = await client.call(
    'POST',
    `/drafts/${draft.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  expect(res.body.error ?? null).toBeNull();
  expect(res.status).toBe(201);
  return res.body;
}

/** Probes until `done` holds; on time-out the error shows the last value. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 45000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out; last value: ${JSON.stringify(value).slice(0, 3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

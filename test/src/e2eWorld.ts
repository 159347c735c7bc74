// One set-up for the browser tests: the stand-ins, the built bff as a child process on its own database,
// the H5 build served beside it and headless Chromium at a phone viewport; screenshots numbered in
// test/artifacts/<name>/. Each test file starts one world in beforeAll and stops it in afterAll.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bffEnvFor, pointCallbacksAt, startMocks, type MockOptions, type RunningMocks } from '@hiring/mock';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { testDatabaseUri } from '../../tools/jest/testDatabase';
import { freePort, startBff, type BffProcess } from './bffProcess';
import { byTestId, CHROMIUM_ARGS, CHROMIUM_PATH, eventually, PHONE } from './browser';
import { ensureH5Build, startH5Server, type H5Server } from './h5';
import { wholePageShot } from './screenshot';

export interface E2eOptions {
  /** Names the database and the screenshot folder (test/artifacts/<name>/). */
  name: string;
  mocks?: Omit<MockOptions, 'callbackSecret'>;
  /** More bff settings; given the H5 app's URL, for links that point into it. */
  bffEnv?: (h5Url: string) => Record<string, string>;
}

export interface E2eWorld {
  mocks: RunningMocks;
  bff: BffProcess;
  h5: H5Server;
  browser: Browser;
  /** The first phone's page; `newPhone()` opens another person's phone. */
  page: Page;
  artifacts: string;
  /** A scratch folder, removed at the end. */
  tmpDir: string;
  /** Uncaught errors of every page opened: a test ends by expecting none. */
  pageErrors: string[];
  newPhone(): Promise<Page>;
  /** A numbered screenshot of the whole page (Taro H5 scrolls inside its page element, not the document). */
  shot(name: string, target?: Page): Promise<void>;
  /** The element with this data-testid that is on screen. */
  visible(testId: string, target?: Page): Locator;
  /** The bff session the H5 app stored after its login. */
  sessionToken(target?: Page): Promise<string>;
  /** The bff's API, as the account of `token` (the body as parsed: tests read the fields they check). */
  call(
    token: string,
    method: string,
    route: string,
    body?: unknown,
    headers?: Record<string, string>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startE2eWorld(options: E2eOptions): Promise<E2eWorld> {
  ensureH5Build();
  const artifacts = path.resolve(__dirname, '../artifacts', options.name);
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `${options.name}-`));
  // Undone in reverse at stop(), or at once when a later piece fails to start.
  const undo: (() => Promise<unknown>)[] = [async () => fs.rmSync(tmpDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const step of undo.splice(0).reverse()) await step().catch(() => undefined);
  };
  const secret = `${options.name}-callback-secret-0123456789`;
  const pageErrors: string[] = [];
  let mocks: RunningMocks, bff: BffProcess, h5: H5Server, browser: Browser, page: Page;
  const newPhone = async () => {
    const context = await browser.newContext({ ...PHONE, acceptDownloads: true });
    const opened = await context.newPage();
    opened.on('pageerror', (e) => pageErrors.push(e.message));
    return opened;
  };
  try {
    mocks = await startMocks({ ...options.mocks, callbackSecret: secret });
    undo.push(() => mocks.stop());
    const [bffPort, h5Port] = [await freePort(), await freePort()];
    bff = await startBff(bffPort, {
      MONGODB_URI: testDatabaseUri(options.name),
      DEV_LOGIN: 'true',
      ...bffEnvFor(mocks, secret),
      DISPATCH_POLL_MS: '100',
      ...options.bffEnv?.(`http://127.0.0.1:${h5Port}/`),
    });
    undo.push(() => bff.kill());
    pointCallbacksAt(mocks, bff.url);
    h5 = await startH5Server(h5Port, bff.url);
    undo.push(() => h5.stop());
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    undo.push(() => browser.close());
    page = await newPhone();
  } catch (error) {
    await stop();
    throw error;
  }

  let shots = 0;
  const shot = (name: string, target: Page = page) =>
    wholePageShot(target, path.join(artifacts, `${String(++shots).padStart(2, '0')}-${name}.png`));

  const sessionToken = (target: Page = page) =>
    eventually(
      'the H5 session token',
      // Taro keeps storage values as { data } JSON; a string expression, this package has no DOM typings.
      () =>
        target.evaluate<string>(`(() => {
          const raw = localStorage.getItem('hiring:session');
          const value = raw ? JSON.parse(raw) : null;
          return (value && value.data && value.data.token) || (value && value.token) || '';
        })()`),
      (token) => token.length > 0,
      15000,
    );

  const call: E2eWorld['call'] = async (token, method, route, body, headers = {}) => {
    const res = await fetch(`${bff.url}/api/v1${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  return {
    mocks,
    bff,
    h5,
    browser,
    page,
    artifacts,
    tmpDir,
    pageErrors,
    newPhone,
    shot,
    visible: (testId, target = page) => byTestId(target, testId),
    sessionToken,
    call,
    stop,
  };
}

// The staff console for browser tests: its build (console/dist, rebuilt when older than its sources; esbuild,
// about a second) and its server (console/scripts/serve.js, /api forwarded to the bff), on a free port.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  bffEnvFor,
  pointCallbacksAt,
  startMocks,
  STAFF_DEMO_PASSWORD,
  type MockOptions,
  type RunningMocks,
} from '@hiring/mock';
import { testDatabaseUri } from '../../tools/jest/testDatabase';
import { newestMtime } from './clientBuild';
import { freePort, startBff, type BffProcess } from './bffProcess';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startProcess, waitForHttp } = require('../../scripts/lib/processes');

const ROOT = path.resolve(__dirname, '../..');
export const CONSOLE_DIST = path.join(ROOT, 'console/dist');
const SOURCES = ['console/src', 'console/scripts/build.mjs', 'console/package.json', 'shared/src'];

/** A desktop browser window at 1440×900, Chinese locale and time zone. */
export const DESKTOP = {
  viewport: { width: 1440, height: 900 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

/** Headless Chromium with the project's flags. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export function ensureConsoleBuild(): void {
  const built = path.join(CONSOLE_DIST, 'index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  if (SOURCES.every((p) => newestMtime(path.join(ROOT, p)) < builtAt)) return;
  const result = spawnSync(process.execPath, [path.join(ROOT, 'console/scripts/build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`the console build failed (exit ${result.status}), see above`);
}

export interface ConsoleServer {
  url: string;
  stop(): Promise<void>;
}

export async function startConsoleServer(bffUrl: string): Promise<ConsoleServer> {
  const port = await freePort();
  const proc = startProcess('console', process.execPath, [path.join(ROOT, 'console/scripts/serve.js')], {
    env: { PORT: String(port), HOST: '127.0.0.1', BFF_URL: bffUrl, CONSOLE_DIST },
    quiet: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/`, { timeoutMs: 15000 });
  return { url, stop: proc.stop };
}

/**
 * Logs `account` in as a person does: the console's login button, the identity provider's Chinese login
 * form (password of the stand-in's demo accounts), back on the console page asked for.
 */
export async function loginThroughIdp(page: Page, account: string, password = STAFF_DEMO_PASSWORD) {
  await page.getByTestId('login').click();
  await page.locator('#username').waitFor({ timeout: 15000 });
  await page.locator('#username').fill(account);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('who').waitFor({ timeout: 15000 });
}

/** Saves a full-page screenshot of the console as `<dir>/<nn>-<name>.png`. */
export function screenshots(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, name: string): Promise<string> => {
    n += 1;
    await page.waitForTimeout(200);
    const file = path.join(dir, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}

export interface ConsoleWorld {
  mocks: RunningMocks;
  bff: BffProcess;
  /** The bff's database, for tests that must set up what only time would bring (an overdue matter). */
  databaseUri: string;
  site: ConsoleServer;
  browser: Browser;
  /** Errors thrown in any console page opened through signedIn. */
  pageErrors: string[];
  /** A new browser window in which `account` logged in through the identity provider, on `path`. */
  signedIn(account: string, path?: string, before?: (page: Page) => Promise<void>): Promise<Page>;
  stop(): Promise<void>;
}

/** The stand-ins (identity provider included), the built bff on its own database, the console and Chromium. */
export async function startConsoleWorld(name: string, mockOptions: MockOptions = {}): Promise<ConsoleWorld> {
  ensureConsoleBuild();
  const secret = `${name}-callback-secret-0123456789`;
  const mocks = await startMocks({ callbackSecret: secret, ...mockOptions });
  const databaseUri = testDatabaseUri(name);
  const bff = await startBff(await freePort(), {
    MONGODB_URI: databaseUri,
    ...bffEnvFor(mocks, secret),
    DISPATCH_POLL_MS: '100',
  });
  pointCallbacksAt(mocks, bff.url);
  const site = await startConsoleServer(bff.url);
  const browser = await launchBrowser();
  const pageErrors: string[] = [];
  return {
    mocks,
    bff,
    databaseUri,
    site,
    browser,
    pageErrors,
    async signedIn(account, path = '/', before) {
      const page = await (await browser.newContext(DESKTOP)).newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${site.url}${path}`);
      await before?.(page);
      await loginThroughIdp(page, account);
      return page;
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await site.stop();
      await bff.kill();
      await mocks.stop();
    },
  };
}

// The H5 build and its static server, for browser tests against the real bff.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const H5_DIST = path.join(ROOT, 'client/dist/h5');
// Everything the H5 bundle is compiled from: a change to any of these makes the build stale.
const H5_SOURCES = [
  'client/src',
  'client/config',
  'shared/src',
  'client/package.json',
  'client/babel.config.js',
];

function newestMtime(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** Why the H5 build must be (re)built, or null when client/dist/h5 is newer than everything it comes from. */
export function h5BuildStaleness(): string | null {
  const index = path.join(H5_DIST, 'index.html');
  if (!fs.existsSync(index)) return 'client/dist/h5 is missing';
  const built = fs.statSync(index).mtimeMs;
  const changed = H5_SOURCES.find((p) => newestMtime(path.join(ROOT, p)) > built);
  return changed ? `${changed} changed after the last H5 build` : null;
}

const LOCK = path.join(ROOT, 'client/.temp/h5-build.lock');

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds client/dist/h5 when it is missing or stale (~1-2 min on 2 cores), printing Taro's progress.
 * Jest runs test files of several runs at once in a shared checkout: a lock directory makes a second
 * builder wait and then find the build fresh, instead of two Taro builds overwriting each other.
 */
export function ensureH5Build(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): void {
  if (!h5BuildStaleness()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const waitUntil = Date.now() + 10 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than any build is left over from a killed run.
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60 * 1000 || Date.now() > waitUntil) fs.rmSync(LOCK, { recursive: true, force: true });
      else sleep(1000);
    }
  }
  try {
    const why = h5BuildStaleness();
    if (!why) return;
    log(`e2e: ${why}; running \`npm run build:h5 -w client\` (about 1-2 minutes)…`);
    const started = Date.now();
    // stdio inherit: Jest would otherwise hold back the build's progress until the test ends.
    // Without Jest's NODE_ENV=test: Taro then builds as for development, with React Refresh hooks that
    // break the page outside its dev server ("$RefreshReg$ is not defined").
    const env = { ...process.env };
    delete env.NODE_ENV;
    delete env.BABEL_ENV;
    const result = spawnSync('npm', ['run', 'build:h5', '-w', 'client'], {
      cwd: ROOT,
      stdio: 'inherit',
      env,
    });
    if (result.status !== 0)
      throw new Error(`the H5 build failed (exit ${result.status}), see its output above`);
    log(`e2e: H5 built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface H5Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `node client/scripts/serve-h5.js` on `port`, forwarding /api to `bffUrl`; resolves once it serves the page. */
export async function startH5Server(port: number, bffUrl: string): Promise<H5Server> {
  const child = spawn(process.execPath, [path.join(ROOT, 'client/scripts/serve-h5.js')], {
    // H5_DIST set explicitly so the server never starts a build of its own behind our back.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BFF_URL: bffUrl, H5_DIST },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve-h5 exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(url)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`serve-h5 not ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

// The client builds the browser and mini-program tests run: client/dist/<target>, (re)built when missing,
// older than its sources, or built with other build-time settings than the test needs (recorded in
// client/dist/<target>/.build-env.json). CI builds every target before the tests; a test rebuilds only
// what is stale or was built with other settings (e.g. the subscribe-message template ids).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type ClientTarget = 'h5' | 'weapp' | 'alipay';

const ROOT = path.resolve(__dirname, '../..');
// Everything a client bundle is compiled from: a change to any of these makes the build stale.
const SOURCES = [
  'client/src',
  'client/config',
  'shared/src',
  'client/package.json',
  'client/babel.config.js',
];
const LOCK = path.join(ROOT, 'client/.temp/build.lock');

export const clientDist = (target: ClientTarget): string => path.join(ROOT, 'client/dist', target);

/** The newest modification time under `file` (0 when it does not exist). */
export function newestMtime(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

const marker = (target: ClientTarget) =>
  path.join(clientDist(target), target === 'h5' ? 'index.html' : 'app.js');
const stampFile = (target: ClientTarget) => path.join(clientDist(target), '.build-env.json');

/** Why the build must be (re)built, or null when it is fresh and built with `env`. */
export function buildStaleness(target: ClientTarget, env: Record<string, string> = {}): string | null {
  const built = marker(target);
  if (!fs.existsSync(built)) return `client/dist/${target} is missing`;
  const stamp = fs.existsSync(stampFile(target)) ? fs.readFileSync(stampFile(target), 'utf8') : '{}';
  if (stamp !== JSON.stringify(env)) return `client/dist/${target} was built with other settings`;
  const builtAt = fs.statSync(built).mtimeMs;
  const changed = SOURCES.find((p) => newestMtime(path.join(ROOT, p)) > builtAt);
  return changed ? `${changed} changed after the last ${target} build` : null;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Jest runs test files in parallel in one checkout: a lock directory makes a second builder wait and
 * then find the build fresh, instead of two Taro builds overwriting each other.
 */
export function ensureClientBuild(
  target: ClientTarget,
  env: Record<string, string> = {},
  log: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): void {
  if (!buildStaleness(target, env)) return;
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
    const why = buildStaleness(target, env);
    if (!why) return;
    log(`client: ${why}; running \`npm run build:${target} -w client\`…`);
    const started = Date.now();
    // Without Jest's NODE_ENV=test: Taro then builds as for development, with React Refresh hooks that
    // break the page outside its dev server ("$RefreshReg$ is not defined").
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.NODE_ENV;
    delete childEnv.BABEL_ENV;
    // stdio inherit: Jest would otherwise hold back the build's progress until the test ends.
    const result = spawnSync('npm', ['run', `build:${target}`, '-w', 'client'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: childEnv,
    });
    if (result.status !== 0)
      throw new Error(`the ${target} build failed (exit ${result.status}), see its output above`);
    fs.writeFileSync(stampFile(target), JSON.stringify(env));
    log(`client: ${target} built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

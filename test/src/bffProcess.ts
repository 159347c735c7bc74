// Runs the built bff as a real child process (so a test can kill -9 it), waiting for /readyz.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { withBffProcessEnv } from '../../bff/src/processEnv';

export const BFF_ENTRY = path.resolve(__dirname, '../../bff/dist/index.js');

export interface BffProcess {
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The last 4 KB the process wrote to stderr (why it died, if it did). */
  stderr(): string;
}

export interface StartOptions {
  /**
   * How long the process may take to answer /readyz while it is alive (default 20 s). A start on a busy
   * 2-core machine can take far longer than on a quiet one; a process that exits fails at once.
   */
  readyWithinMs?: number;
}

export async function startBff(
  port: number,
  env: Record<string, string>,
  { readyWithinMs = 20000 }: StartOptions = {},
): Promise<BffProcess> {
  if (!fs.existsSync(BFF_ENTRY))
    throw new Error(`${BFF_ENTRY} is missing: run \`npm run build\` first (npm test does).`);
  const child = spawn(process.execPath, [BFF_ENTRY], {
    env: withBffProcessEnv({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      ...env,
    }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bff exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) })).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bff not ready within ${readyWithinMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    child,
    stderr: () => stderr,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A JSON request to a running bff's API; the answer's body parsed, or null where it is not JSON. */
export async function callBff(
  base: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // Tests read the loosely typed JSON answer directly, as the test files' own helpers did.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

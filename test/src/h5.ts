// The H5 build and its static server, for browser tests against the real bff.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureClientBuild } from './clientBuild';

const ROOT = path.resolve(__dirname, '../..');
export const H5_DIST = path.join(ROOT, 'client/dist/h5');

/** Builds client/dist/h5 when it is missing or stale (~1-2 min on 2 cores), printing Taro's progress. */
export function ensureH5Build(log?: (line: string) => void): void {
  ensureClientBuild('h5', {}, log);
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

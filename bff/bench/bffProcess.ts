// The process under load in `npm run bench`: the real bff and, beside it, a bare Koa app (the baseline),
// with no route of its own. The bench reads this process's CPU time over the IPC channel before and after
// each scenario, and can have it record a CPU profile of one run, so nothing bench-only is reachable over HTTP.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createServices } from '../src/context';
import { connectDatabase } from '../src/db';
import { createLogger } from '../src/logger';

export interface ReadyMessage {
  type: 'ready';
  bff: string;
  bare: string;
}
export interface CpuMessage {
  type: 'cpu';
  /** process.cpuUsage(): user + system microseconds, main thread and workers (PDF, OCR) together. */
  micros: number;
  /** The kernel's part of `micros` (socket reads and writes). */
  systemMicros: number;
  /** The longest the event loop was held (ms) since the previous `cpu` message: what any other request waited. */
  loopMaxMs: number;
}
export type ChildCommand = { type: 'cpu' } | { type: 'stop' } | { type: 'profile'; file: string | null };

const listen = (koa: Koa) =>
  new Promise<{ server: Server; base: string }>((resolve) => {
    const server = koa.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });

async function main() {
  const config = loadConfig(process.env);
  const logger = createLogger('silent');
  const connection = await connectDatabase(config.mongodbUri);
  const services = createServices(config, logger, connection);
  const bff = await listen(createApp({ config, logger, db: connection }, services));

  // The baselines: Koa alone, and Koa with one read of one small document by _id (the native driver,
  // no mongoose) — the least any request that touches the database can cost here.
  const baseline = connection.db!.collection<{ _id: string; version: number }>('bench_baseline');
  await baseline.updateOne({ _id: 'one' }, { $set: { version: 1 } }, { upsert: true });
  const bare = new Koa();
  bare.use(bodyParser());
  bare.use(async (ctx) => {
    const echo = (ctx.request.body as { version?: number })?.version ?? null;
    ctx.body =
      ctx.path === '/db'
        ? { ok: true, echo, stored: await baseline.findOne({ _id: 'one' }) }
        : { ok: true, echo };
  });
  const bareServer = await listen(bare);

  // `profile` with a file starts the V8 sampling profiler; the next `profile` writes it there (null: drop).
  const inspector = new Session();
  inspector.connect();
  let profiling: string | null = null;
  // Sampled every 10 ms: each sample is the time between two timer runs, so the worst one less the
  // resolution is the longest the loop was held.
  const LOOP_RESOLUTION_MS = 10;
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();

  process.on('message', async (message: ChildCommand) => {
    if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      const loopMaxMs = Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS);
      loopDelay.reset();
      process.send!({
        type: 'cpu',
        micros: user + system,
        systemMicros: system,
        loopMaxMs,
      } satisfies CpuMessage);
    } else if (message.type === 'profile') {
      if (profiling) {
        const { profile } = await inspector.post('Profiler.stop');
        await writeFile(profiling, JSON.stringify(profile));
        profiling = null;
      }
      if (message.file) {
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.setSamplingInterval', { interval: 250 });
        await inspector.post('Profiler.start');
        profiling = message.file;
      }
      process.send!({ type: 'profile' });
    } else if (message.type === 'stop') {
      bff.server.close();
      bareServer.server.close();
      void connection.close().finally(() => process.exit(0));
    }
  });
  process.send!({ type: 'ready', bff: bff.base, bare: bareServer.base } satisfies ReadyMessage);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

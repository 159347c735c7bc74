// Reads uploads in a worker thread (see sheetWorker.ts), one long-lived worker per process, started on the
// first import. A worker that runs out of its memory limit or time is ended and replaced; the upload that
// caused it is refused.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../http/errors';
import { notASheet, sheetTooBig } from './importErrors';
import type { ChosenSheet } from './headerRow';
import type { GridRow } from './sheetFile';
import type { SheetJob, SheetReply } from './sheetWorker';

/** Far above the 100-300 ms a real sheet takes; a file that needs this long is refused. */
const JOB_TIMEOUT_MS = 20_000;
const WORKER_HEAP_MB = 256;

const FROM_SOURCE = `const { workerData } = require('node:worker_threads');
require(workerData.tsx).register();
require(workerData.file);`;

interface Pending {
  rows: GridRow[];
  resolve: (sheet: ChosenSheet) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class SheetReader {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  private start(): Worker {
    // Built: dist/imports/sheetWorker.js. From source (tests, tsx): the .ts file through tsx's require hook.
    const fromSource = __filename.endsWith('.ts');
    const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
    const worker = fromSource
      ? new Worker(FROM_SOURCE, {
          ...options,
          eval: true,
          workerData: { tsx: require.resolve('tsx/cjs/api'), file: join(__dirname, 'sheetWorker.ts') },
        })
      : new Worker(join(__dirname, 'sheetWorker.js'), options);
    worker.unref();
    worker.on('message', (reply: SheetReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      if ('rows' in reply) {
        for (const row of reply.rows) job.rows.push(row);
        return;
      }
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      clearTimeout(job.timer);
      if ('done' in reply) job.resolve({ ...reply.done, rows: job.rows });
      else
        job.reject(
          reply.refusal.message
            ? new AppError(reply.refusal.status, reply.refusal.code, reply.refusal.message)
            : notASheet(),
        );
    });
    const fail = () =>
      this.abandon(this.worker === worker ? worker : undefined, sheetTooBig('读取时超出内存限制'));
    worker.on('error', fail);
    worker.on('exit', fail);
    return worker;
  }

  private abandon(worker: Worker | undefined, error: Error): void {
    if (!worker) return;
    this.worker = undefined;
    void worker.terminate();
    for (const job of this.pending.values()) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    this.pending.clear();
  }

  read(file: Buffer, fileName: string): Promise<ChosenSheet> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    // Referenced only while it has work, so an idle worker never keeps the process alive.
    worker.ref();
    return new Promise<ChosenSheet>((resolve, reject) => {
      const timer = setTimeout(() => this.abandon(worker, sheetTooBig('读取超时')), JOB_TIMEOUT_MS);
      this.pending.set(id, { rows: [], resolve, reject, timer });
      const job: SheetJob = { id, file, fileName };
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}

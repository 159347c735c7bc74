// Where documents are drawn: in a worker thread when the bff runs compiled (production, npm start, the
// end-to-end tests), in-process under ts test runners that cannot start a worker from TypeScript sources.
// One job at a time per process (RenderQueue); a crashed worker is replaced for the next job.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { applicationFormPdf, type FormPdf, type FormPdfInput } from './applicationForm';
import { receiptPdf, type ReceiptData } from './receipt';
import { documentQueue } from './renderQueue';

export type RenderJob = { kind: 'form'; input: FormPdfInput } | { kind: 'receiptPdf'; data: ReceiptData };
type Result = FormPdf | { pdf: Buffer };

export async function renderInline(job: RenderJob): Promise<Result> {
  if (job.kind === 'form') return applicationFormPdf(job.input);
  return { pdf: await receiptPdf(job.data) };
}

const WORKER_FILE = path.join(__dirname, 'renderWorker.js');

class RenderWorker {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();

  private start(): Worker {
    const worker = new Worker(WORKER_FILE);
    worker.on('message', (msg: { id: number; ok: boolean; result?: Result; message?: string }) => {
      const waiter = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiter) return;
      if (!msg.ok || !msg.result) return waiter.reject(new Error(msg.message ?? '文件生成失败'));
      const pdf = msg.result.pdf as unknown as Uint8Array;
      waiter.resolve({ ...msg.result, pdf: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength) });
    });
    const fail = (error: Error) => {
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
      this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`文件生成进程退出（${code}）`)));
    // An idle worker must not keep the process alive (listeners added after unref() would ref it again).
    worker.unref();
    return worker;
  }

  run(job: RenderJob): Promise<Result> {
    this.worker ??= this.start();
    // Referenced while a job is out, so a caller awaiting it is not left behind by an exiting process.
    this.worker.ref();
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, job });
    });
  }
}

const useWorker = existsSync(WORKER_FILE) && process.env.DOCUMENT_WORKER !== 'off';
const worker = useWorker ? new RenderWorker() : undefined;

/** Draws a document off the event loop where possible, one at a time per process. */
export function render(job: { kind: 'form'; input: FormPdfInput }): Promise<FormPdf>;
export function render(job: { kind: 'receiptPdf'; data: ReceiptData }): Promise<{ pdf: Buffer }>;
export function render(job: RenderJob): Promise<Result> {
  return documentQueue.run(() => (worker ? worker.run(job) : renderInline(job)));
}

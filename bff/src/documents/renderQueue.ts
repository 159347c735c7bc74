// Documents are drawn one at a time per process, and the drawing yields to the event loop between pages,
// so a 40-hire form (~0.5 s of drawing) never stalls other requests for long nor runs N-fold in
// parallel on two cores. A long queue answers 503 at once instead of piling up work.
import { AppError } from '../http/errors';

export class RenderQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency = 1,
    private readonly maxWaiting = 16,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new AppError(503, 'DOCUMENTS_BUSY', '生成文件的请求较多，请稍后再试');
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

export const documentQueue = new RenderQueue();

// At most N recognitions at once; the rest wait their turn for a bounded time, then are told to come
// back later. OCR is CPU-bound: more parallel work only slows every request, and an unbounded backlog
// would starve the rest of the API.
import { ocrBusy } from './ocrErrors';

export interface QueueLimits {
  /** Recognitions running at the same time. */
  concurrency: number;
  /** Requests allowed to wait for a turn; one more is refused at once. */
  maxWaiting: number;
  /** How long a request may wait for a turn before it is refused. */
  maxWaitMs: number;
}

export interface RecognitionQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function createRecognitionQueue(limits: QueueLimits): RecognitionQueue {
  let running = 0;
  const waiting: { start: () => void; timer: NodeJS.Timeout }[] = [];
  // A busy answer suggests retrying after about one queue's worth of work.
  const retryAfterSeconds = () => Math.max(1, Math.ceil(limits.maxWaitMs / 1000));

  function release() {
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start();
    } else {
      running--;
    }
  }

  async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limits.concurrency) {
      if (waiting.length >= limits.maxWaiting) throw ocrBusy(retryAfterSeconds());
      await new Promise<void>((resolve, reject) => {
        const entry = {
          start: resolve,
          timer: setTimeout(() => {
            waiting.splice(waiting.indexOf(entry), 1);
            reject(ocrBusy(retryAfterSeconds()));
          }, limits.maxWaitMs),
        };
        waiting.push(entry);
      });
    } else {
      running++;
    }
    try {
      return await task();
    } finally {
      release();
    }
  }

  return {
    run,
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}

// Counts the requests whose handlers are still running. The HTTP server only counts connections, and a
// client that hangs up (an agency retrying its callback, a phone losing signal) leaves a handler running
// that the server no longer knows about; a shutdown that closed the database then would fail it halfway.
import type Koa from 'koa';

const trackers = new WeakMap<Koa, InFlightRequests>();

export class InFlightRequests {
  private running = 0;
  private idle: (() => void)[] = [];

  readonly middleware: Koa.Middleware = async (_ctx, next) => {
    this.running += 1;
    try {
      await next();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const wake of this.idle.splice(0)) wake();
    }
  };

  get count(): number {
    return this.running;
  }

  /** Resolves true once no handler is running, or false when `timeoutMs` passed first. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/** Installs the counter as the app's outermost middleware. */
export function trackInFlight(app: Koa): void {
  const tracker = new InFlightRequests();
  trackers.set(app, tracker);
  app.use(tracker.middleware);
}

/** Waits until the app's handlers have all finished (true) or `timeoutMs` passed (false). */
export function requestsDrained(app: Koa, timeoutMs: number): Promise<boolean> {
  return trackers.get(app)?.drained(timeoutMs) ?? Promise.resolve(true);
}

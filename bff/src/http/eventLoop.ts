// Long work in a request hands the event loop back so that other requests (a /healthz probe, another
// employer's autosave) are not held up behind it.

/** Lets pending I/O and timers run before going on. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A checkpoint for a loop: yields once `budgetMs` of wall time has passed since the last yield. Counting
 * rows instead held the loop 110–130 ms on a machine at load 11, where 50 rows took that long; wall time
 * bounds the stretch whatever the load.
 */
export function timeSlicer(budgetMs = 8): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await yieldToEventLoop();
    since = performance.now();
  };
}

import { createRecognitionQueue } from './recognitionQueue';
import { RetryLaterError } from './ocrErrors';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

describe('the recognition queue', () => {
  it('runs at most N at once, lets the next wait its turn, and refuses one more at once', async () => {
    const queue = createRecognitionQueue({ concurrency: 2, maxWaiting: 1, maxWaitMs: 10_000 });
    const first = gate();
    const started: number[] = [];
    const task = (n: number) => () => {
      started.push(n);
      return first.opened.then(() => n);
    };
    const running = [queue.run(task(1)), queue.run(task(2)), queue.run(task(3))];
    await Promise.resolve();
    expect(started).toEqual([1, 2]);
    expect(queue.waiting).toBe(1);
    const refused = await queue.run(task(4)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RetryLaterError);
    expect(refused).toMatchObject({ status: 503, code: 'OCR_BUSY', retryAfterSeconds: 10 });
    first.open();
    expect(await Promise.all(running)).toEqual([1, 2, 3]);
    expect(started).toEqual([1, 2, 3]);
    expect(queue.running).toBe(0);
  });

  it('gives up on a request that waited too long', async () => {
    const queue = createRecognitionQueue({ concurrency: 1, maxWaiting: 5, maxWaitMs: 50 });
    const blocker = gate();
    const busy = queue.run(() => blocker.opened);
    const late = await queue.run(async () => 'never').catch((error: unknown) => error);
    expect(late).toMatchObject({ code: 'OCR_BUSY', retryAfterSeconds: 1 });
    expect(queue.waiting).toBe(0);
    blocker.open();
    await busy;
    expect(await queue.run(async () => 'next')).toBe('next');
  });
});

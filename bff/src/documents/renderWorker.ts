// The worker thread that draws PDFs, so that laying out and subsetting fonts for a 40-hire form never
// holds up the bff's event loop. It loads the fonts once and answers one job at a time.
import { parentPort } from 'node:worker_threads';
import { renderInline, type RenderJob } from './renderer';

parentPort?.on('message', async ({ id, job }: { id: number; job: RenderJob }) => {
  try {
    const result = await renderInline(job);
    parentPort!.postMessage({ id, ok: true, result });
  } catch (error) {
    parentPort!.postMessage({
      id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});

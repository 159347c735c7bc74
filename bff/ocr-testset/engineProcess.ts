// The bench's engine process: what a bff process holds for OCR (the whole app's modules and the
// PP-OCR engine), reading the photos the bench sends one at a time, so its peak memory is the bff's.
import '../src/app';
import { checkIdCardImage } from '../src/ocr/imageCheck';
import { createOcrProvider, ocrConfigFromEnv } from '../src/ocr/config';
import { toBackResult, toOcrResult } from '../src/ocr/verify';

export type EngineRequest = { id: number; side: 'front' | 'back'; jpeg: string } | { id: number; done: true };
export type EngineReply =
  | { id: number; ms: number; result?: unknown; error?: string }
  | { id: number; maxRssMb: number; startMs: number };

const started = performance.now();
const provider = createOcrProvider(ocrConfigFromEnv(process.env));
provider.start?.();
const ready = (async () => {
  while (!(provider.isReady?.() ?? true)) await new Promise((resolve) => setTimeout(resolve, 20));
  return performance.now() - started;
})();

process.on('message', async (message: EngineRequest) => {
  const startMs = await ready;
  const reply = (body: EngineReply) => process.send!(body);
  if ('done' in message) {
    reply({ id: message.id, maxRssMb: process.resourceUsage().maxRSS / 1024, startMs });
    return;
  }
  const t0 = performance.now();
  try {
    const image = await checkIdCardImage(Buffer.from(message.jpeg, 'base64'));
    const result =
      message.side === 'front'
        ? toOcrResult(await provider.readIdCard(image))
        : toBackResult(await provider.readIdCardBack!(image));
    reply({ id: message.id, ms: performance.now() - t0, result });
  } catch (error) {
    reply({ id: message.id, ms: performance.now() - t0, error: (error as Error).message });
  }
});

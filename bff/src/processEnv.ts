// The environment a bff process should be started with, for every launcher (`npm start`, the test harness,
// the OCR bench's engine process), so that what the bench measures is what runs.

/**
 * glibc gives each thread that allocates its own malloc arena (up to 8 per core); sharp/libvips, ONNX
 * Runtime and libuv's pool threads each fragment one, and what they free stays resident. With two arenas the
 * peak RSS over 200 v4 ID-card photos fell from 678 to 526 MB at the same latency (one arena: 485 MB, p95
 * no better). glibc reads it only at process start, so a running process cannot set it for itself.
 */
export const BFF_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** `env` with the bff's process defaults added where it leaves them unset. */
export function withBffProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const filled: NodeJS.ProcessEnv = { ...env };
  for (const [key, value] of Object.entries(BFF_PROCESS_ENV)) filled[key] ??= value;
  return filled;
}

/** The defaults this process was started without (empty where they do not apply: not glibc Linux). */
export function missingProcessEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  if (process.platform !== 'linux') return [];
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  if (!report?.header?.glibcVersionRuntime) return [];
  return Object.keys(BFF_PROCESS_ENV).filter((key) => env[key] === undefined);
}

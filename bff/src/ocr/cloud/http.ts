// What the cloud adapters need from HTTP: a fetch (injected in tests, replaying recorded answers) and
// a deadline, so a slow service turns into a clear message instead of a hanging scan.
import { ocrUnavailable } from '../ocrErrors';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface CloudHttpOptions {
  fetch?: Fetch;
  timeoutMs?: number;
}

export async function postForJson(
  url: string,
  init: { headers: Record<string, string>; body: string },
  options: CloudHttpOptions,
): Promise<unknown> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 8000),
    });
  } catch {
    throw ocrUnavailable();
  }
  // Both services answer errors with a JSON body, usually with status 200; anything else is an outage.
  try {
    return await response.json();
  } catch {
    throw ocrUnavailable();
  }
}

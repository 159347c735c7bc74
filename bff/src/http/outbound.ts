// JSON over HTTP to systems we do not own (platforms, agencies, government data), always with a timeout.
export type OutboundFailure = 'timeout' | 'network' | 'http';

export class OutboundError extends Error {
  constructor(
    readonly kind: OutboundFailure,
    message: string,
    readonly status?: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

export interface OutboundResponse<T> {
  status: number;
  body: T;
}

export async function requestJson<T = unknown>(
  url: string,
  {
    method = 'GET',
    body,
    headers = {},
    timeoutMs = 5000,
    form,
  }: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
    form?: Record<string, string>;
  } = {},
): Promise<OutboundResponse<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      body: form
        ? new URLSearchParams(form).toString()
        : body !== undefined
          ? JSON.stringify(body)
          : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new OutboundError('timeout', `timeout after ${timeoutMs} ms`);
    throw new OutboundError('network', (error as Error).message);
  }
  let parsed: unknown = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, body: parsed as T };
}

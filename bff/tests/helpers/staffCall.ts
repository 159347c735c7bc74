// A staff member's request to the bff as the console sends it (session cookie, the XHR marker that
// the CSRF check asks for), answering JSON parsed and anything else (PDF, Excel) as raw bytes.
import type { StaffCookie } from '@hiring/mock';
import type { TestServer } from './testServer';

export type StaffAnswer = { status: number; body: any; headers: Headers };

export async function staffCall(
  server: TestServer,
  cookie: StaffCookie,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<StaffAnswer> {
  const res = await fetch(`${server.api}${path}`, {
    method,
    headers: {
      cookie: cookie.header,
      'X-Requested-With': 'XMLHttpRequest',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  const raw = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    body: type.includes('json') ? JSON.parse(raw.toString('utf8')) : raw,
  };
}

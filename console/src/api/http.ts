// Typed calls to the bff's staff routes: paths, parameters, bodies and answers come from the generated
// contract (@hiring/shared's ApiPaths, generated from the bff's route declarations). Every call goes to the
// console's own origin (its server forwards /api to the bff), so the httpOnly staff session cookie travels
// with it; state-changing calls carry X-Requested-With, which a cross-site form cannot send. A 401 after login means the session expired: listeners hear it.
import type { ApiPaths as paths } from '@hiring/shared';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = M extends keyof paths[P] ? paths[P][M] : never;
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Responses<O> = O extends { responses: infer R } ? R : never;
/** The JSON a call answers with when it succeeds (200 or 201). */
export type Ok<O> =
  JsonOf<Responses<O>[200 & keyof Responses<O>]> | JsonOf<Responses<O>[201 & keyof Responses<O>]>;
type PathParams<O> = O extends { parameters: { path: infer T } } ? T : never;
type QueryParams<O> = O extends { parameters: { query?: infer T } } ? T : never;
type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export interface CallOptions<O> {
  path?: PathParams<O>;
  query?: QueryParams<O>;
  body?: BodyOf<O>;
  /** Extra request headers, e.g. the Idempotency-Key of a submission. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface IssueDetail {
  path?: string;
  message: string;
}

/** A failed call, with the bff's Chinese message (or ours when it gave none). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: IssueDetail[] = [],
  ) {
    super(message);
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called whenever a staff route answers 401 (not logged in, or the session expired). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const activityListeners = new Set<Listener>();
/** Called after every answered staff request: each one slides the session's inactivity limit. */
export function onActivity(listener: Listener): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

const STATUS_MESSAGES: Record<number, string> = {
  401: '登录已失效，请重新登录',
  403: '您的角色无权执行该操作',
  404: '未找到，或不在您的办理范围内',
  413: '提交的内容过大',
  429: '操作过于频繁，请稍后再试',
  502: '无法连接服务，请稍后再试',
  503: '服务繁忙，请稍后再试',
};

export function urlOf(template: string, params?: unknown, query?: unknown): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (params as Record<string, unknown> | undefined)?.[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((query as Record<string, unknown> | undefined) ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Sends one request; resolves with the parsed JSON (or the Response itself for files). */
async function send(
  method: Method,
  url: string,
  body: unknown,
  signal?: AbortSignal,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    ...extraHeaders,
    Accept: 'application/json',
    'X-Requested-With': 'XMLHttpRequest',
  };
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: method.toUpperCase(),
      headers,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (res.ok) {
    activityListeners.forEach((listener) => listener());
    return res;
  }
  let payload: { error?: { code?: string; message?: string; details?: IssueDetail[] } } = {};
  try {
    payload = await res.json();
  } catch {
    /* not JSON: the status says enough */
  }
  if (res.status === 401) unauthorizedListeners.forEach((listener) => listener());
  throw new ApiError(
    res.status,
    payload.error?.code ?? `HTTP_${res.status}`,
    payload.error?.message ?? STATUS_MESSAGES[res.status] ?? `请求失败（${res.status}），请稍后再试`,
    payload.error?.details ?? [],
  );
}

export async function call<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  options: CallOptions<Operation<P, M>> = {},
): Promise<Ok<Operation<P, M>>> {
  const res = await send(
    method,
    urlOf(path as string, options.path, options.query),
    options.body,
    options.signal,
    options.headers,
  );
  if (res.status === 204) return undefined as Ok<Operation<P, M>>;
  return (await res.json()) as Ok<Operation<P, M>>;
}

/** A multipart upload (a photo) to a staff route; resolves with the JSON answer. */
export async function postForm<T>(path: string, form: FormData, signal?: AbortSignal): Promise<T> {
  return (await (await send('post', path, form, signal)).json()) as T;
}

/** A file answer (PDF, Excel) as a Blob with the name the bff suggests. */
export function download<P extends keyof paths>(
  path: P,
  options: CallOptions<Operation<P, 'get'>> = {},
): Promise<{ blob: Blob; fileName: string | null }> {
  return downloadUrl(urlOf(path as string, options.path, options.query), options.signal);
}

async function downloadUrl(
  url: string,
  signal?: AbortSignal,
): Promise<{ blob: Blob; fileName: string | null }> {
  const res = await send('get', url, undefined, signal);
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const fileName = star ? decodeURIComponent(star[1]) : plain ? plain[1] : null;
  return { blob: await res.blob(), fileName };
}

/** Calls that are not typed by the contract (the identity provider's redirects are plain navigation). */
export const LOGIN_PATH = '/api/v1/staff/auth/login';
export const LOGOUT_PATH = '/api/v1/staff/auth/logout';

export async function logout(): Promise<void> {
  await send('post', LOGOUT_PATH, undefined).catch(() => undefined);
}

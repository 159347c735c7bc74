// HTTP to the bff: base URL, bearer token, the error envelope and the 409 body.
import type { ErrorCode } from '@hiring/shared';
import {
  NetworkError,
  type HttpRequest,
  type PickedFile,
  type PickedImage,
  type Platform,
} from '../platform/types';
import type { Issue } from './types';

/** shared's codes; HTTP_<status> when an answer carried none (a proxy's error page). */
export type ApiErrorCode = ErrorCode | `HTTP_${number}`;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: Issue[] = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorEnvelope {
  error?: { code?: ErrorCode; message?: string; details?: Issue[] };
}

export interface ApiClientOptions {
  baseUrl: string;
  platform: Platform;
  getToken: () => string | undefined;
  /** Called on 401 so the app can forget the session. */
  onUnauthorized?: () => void;
  /** Logs in again; a request that got 401 is retried once after it. */
  reauthenticate?: () => Promise<void>;
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  private headers(extra?: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extra };
    const token = this.options.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    return headers;
  }

  private toResult<T>(status: number, body: unknown): T {
    if (status >= 200 && status < 300) return (status === 204 ? undefined : body) as T;
    if (status === 401) this.options.onUnauthorized?.();
    const envelope = (body ?? {}) as ErrorEnvelope;
    throw new ApiError(
      status,
      envelope.error?.code ?? `HTTP_${status}`,
      envelope.error?.message ?? (status >= 500 ? '服务暂时不可用，请稍后再试' : '请求失败'),
      envelope.error?.details ?? [],
      body,
    );
  }

  async send<T>(
    method: HttpRequest['method'],
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const attempt = () =>
      this.options.platform.request({
        url: this.options.baseUrl + path,
        method,
        headers: this.headers(headers),
        body,
      });
    let res = await attempt();
    // An expired session should not cost the user their edit: log in again and repeat the request once.
    if (res.status === 401 && this.options.reauthenticate && !path.startsWith('/auth/')) {
      this.options.onUnauthorized?.();
      await this.options.reauthenticate();
      res = await attempt();
    }
    return this.toResult<T>(res.status, res.body);
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  /** Downloads a file the bff makes (申请表, 回执) and opens it on the device; throws ApiError on refusal. */
  async download(path: string, fileName: string, kind: 'pdf' | 'png'): Promise<void> {
    const headers = this.headers();
    delete headers['Content-Type'];
    const res = await this.options.platform.openDownload({
      url: this.options.baseUrl + path,
      headers,
      fileName,
      kind,
    });
    if (res.status !== 200) {
      // The body of a refused download is a file the platform saved, not JSON: the status tells enough.
      if (res.status === 401) this.options.onUnauthorized?.();
      throw new ApiError(
        res.status,
        `HTTP_${res.status}`,
        res.status === 404
          ? '文件不存在或无权查看'
          : res.status === 401
            ? '请先登录'
            : '文件生成失败，请稍后再试',
      );
    }
  }

  /** An address on the bff, for what the platform fetches itself (a file download). */
  url(path: string): string {
    return this.options.baseUrl + path;
  }

  async uploadFile<T>(
    path: string,
    file: PickedFile,
    field: string,
    fields: Record<string, string>,
  ): Promise<T> {
    const headers = this.headers();
    delete headers['Content-Type'];
    const res = await this.options.platform.uploadFile(
      this.options.baseUrl + path,
      file,
      field,
      fields,
      headers,
    );
    return this.toResult<T>(res.status, res.body);
  }

  async upload<T>(path: string, image: PickedImage, field: string): Promise<T> {
    const headers = this.headers();
    delete headers['Content-Type'];
    const res = await this.options.platform.uploadImage(this.options.baseUrl + path, image, field, headers);
    return this.toResult<T>(res.status, res.body);
  }
}

export function isNetworkError(err: unknown): err is NetworkError {
  return err instanceof NetworkError || (err instanceof Error && err.name === 'NetworkError');
}

/** A v4-style random id for Idempotency-Key; Math.random is enough to tell retries from new submissions. */
export function newIdempotencyKey(random: () => number = Math.random): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${((Math.floor(random() * 4) + 8) as number).toString(16)}${hex(3)}-${hex(12)}`;
}

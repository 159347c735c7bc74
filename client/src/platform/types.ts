// What the app needs from WeChat, Alipay or the browser. Everything else in the client talks to this
// interface, so the differences between the three targets live in one file and tests can pass a fake.

export type PlatformName = 'weapp' | 'alipay' | 'h5';

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  body: unknown;
}

/** A picture the user took or picked, in whatever form the platform can upload. */
export interface PickedImage {
  path: string;
  size?: number;
  /** MIME type where the platform reports it (H5). */
  type?: string;
}

/** A document the user picked (a sheet to import): from a chat on WeChat, the disk on Alipay, a file input on H5. */
export interface PickedFile {
  path: string;
  name: string;
  size?: number;
}

export interface KeyValueStorage {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

/** A file the bff makes on request (申请表 PDF, 回执 PNG), to show or save on the device. */
export interface DownloadRequest {
  url: string;
  headers: Record<string, string>;
  /** The name offered when saving (H5) or shown by the viewer. */
  fileName: string;
  kind: 'pdf' | 'png';
}

export interface Platform {
  name: PlatformName;
  /** A one-time login code from the platform, or null where there is none (H5 uses the dev login). */
  loginCode(): Promise<string | null>;
  /** Shows the platform's consent dialog and returns the templates the user accepted. */
  requestSubscribe(templateIds: string[]): Promise<string[]>;
  /** Opens the camera (or album); null when the user cancels. */
  pickImage(): Promise<PickedImage | null>;
  uploadImage(
    url: string,
    image: PickedImage,
    field: string,
    headers: Record<string, string>,
  ): Promise<HttpResponse>;
  /** Lets the user pick one document with one of `extensions` (no dot); null when cancelled. */
  pickFile(extensions: string[]): Promise<PickedFile | null>;
  /** Multipart upload of a picked file in `field`, with text fields beside it. */
  uploadFile(
    url: string,
    file: PickedFile,
    field: string,
    fields: Record<string, string>,
    headers: Record<string, string>,
  ): Promise<HttpResponse>;
  /**
   * Hands a file to the user: a download on H5, the document viewer (with its forward/save menu) in the
   * mini-programs. `source` is a URL to fetch or the file's bytes in base64.
   */
  saveFile(name: string, source: { url: string } | { base64: string; contentType: string }): Promise<void>;
  request(req: HttpRequest): Promise<HttpResponse>;
  /**
   * Downloads a file and opens it: WeChat/Alipay open a PDF in the system viewer (print/share from there)
   * and an image in the previewer (long-press to save); H5 saves it as a download. Resolves with the
   * HTTP status; rejects with NetworkError when nothing arrived.
   */
  openDownload(req: DownloadRequest): Promise<{ status: number }>;
  storage: KeyValueStorage;
  isOnline(): Promise<boolean>;
  onOnline(listener: () => void): () => void;
}

/** Thrown by `request` when no response arrived at all (offline, DNS, timeout). */
export class NetworkError extends Error {
  constructor(message = '网络连接失败') {
    super(message);
    this.name = 'NetworkError';
  }
}

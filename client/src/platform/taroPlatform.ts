import Taro from '@tarojs/taro';
import {
  NetworkError,
  type DownloadRequest,
  type HttpResponse,
  type PickedFile,
  type PickedImage,
  type Platform,
  type PlatformName,
} from './types';

function currentName(): PlatformName {
  const env = process.env.TARO_ENV;
  return env === 'weapp' || env === 'alipay' ? env : 'h5';
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string' || data === '') return data ?? null;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/** On H5 loaded with the first photo (chooseMediaH5.ts); decided where the build sees which it is. */
const chooseMedia =
  process.env.TARO_ENV === 'h5'
    ? async (options: Parameters<typeof Taro.chooseMedia>[0]) =>
        (await import('./chooseMediaH5')).chooseMedia(options)
    : (options: Parameters<typeof Taro.chooseMedia>[0]) => Taro.chooseMedia(options);

async function pickImageWeappOrH5(): Promise<PickedImage | null> {
  try {
    const res = await chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      sizeType: ['compressed'],
    });
    const file = res.tempFiles[0] as (typeof res.tempFiles)[number] & { fileType?: string };
    return file ? { path: file.tempFilePath, size: file.size, type: file.fileType } : null;
  } catch {
    return null;
  }
}

// Alipay has no chooseMedia; chooseImage is its camera/album entry point.
async function pickImageAlipay(): Promise<PickedImage | null> {
  try {
    const res = await miniApi!.chooseImage({
      count: 1,
      sourceType: ['camera', 'album'],
      sizeType: ['compressed'],
    });
    const path = res.tempFilePaths[0];
    return path ? { path } : null;
  } catch {
    return null;
  }
}

async function pickFileWeapp(extensions: string[]): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions });
    const file = res.tempFiles[0];
    return file ? { path: file.path, name: file.name, size: file.size } : null;
  } catch {
    return null;
  }
}

// Alipay: a file from a chat where the base library has it, otherwise from the device's storage.
function pickFileAlipay(extensions: string[]): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    if (typeof my === 'undefined') return resolve(null);
    if (my.chooseMessageFile) {
      my.chooseMessageFile({
        count: 1,
        extension: extensions,
        success: (res) => {
          const file = res.tempFiles?.[0];
          resolve(
            file ? { path: file.path, name: file.name ?? `sheet.${extensions[0]}`, size: file.size } : null,
          );
        },
        fail: () => resolve(null),
      });
      return;
    }
    if (!my.chooseFileFromDisk) return resolve(null);
    my.chooseFileFromDisk({
      success: (res) => {
        const path = res.apFilePath ?? res.tempFilePath;
        resolve(path ? { path, name: res.name ?? path.split('/').pop() ?? 'sheet', size: res.size } : null);
      },
      fail: () => resolve(null),
    });
  });
}

/** H5: a file input, attached while it is open so that the browser (and a test) sees a normal chooser. */
function pickFileH5(extensions: string[]): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((ext) => `.${ext}`).join(',');
    input.style.display = 'none';
    input.setAttribute('data-testid', 'file-input');
    const done = (file: PickedFile | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      done(file ? { path: URL.createObjectURL(file), name: file.name, size: file.size } : null);
    });
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

function base64ToBlob(base64: string, contentType: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: contentType });
}

function downloadH5(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The app's own user-data folder: Taro.env mirrors wx.env on WeChat; Alipay keeps it on my.env. */
function userDataPath(): string {
  const globals = globalThis as { wx?: { env?: { USER_DATA_PATH?: string } } };
  // Not on H5 (which has no such folder): reading any property of H5's Taro object there would keep all of
  // its API in the page code.
  return (
    miniApi?.env()?.USER_DATA_PATH ??
    globals.wx?.env?.USER_DATA_PATH ??
    (typeof my !== 'undefined' ? my.env?.USER_DATA_PATH : undefined) ??
    ''
  );
}

/** Mini-programs: the file into the app's own storage, then the document viewer (forward, save, print). */
async function openDocumentMini(
  name: string,
  source: { url: string } | { base64: string; contentType: string },
): Promise<void> {
  let filePath: string;
  if ('url' in source) {
    const res = await Taro.downloadFile({ url: source.url });
    if (res.statusCode !== 200) throw new NetworkError('下载失败');
    filePath = res.tempFilePath;
  } else {
    filePath = `${userDataPath()}/${name}`;
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({
        filePath,
        data: source.base64,
        encoding: 'base64',
        success: () => resolve(),
        fail: (err) => reject(new Error(err.errMsg)),
      }),
    );
  }
  try {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true } as never);
  } catch {
    // No viewer for sheets (some Alipay versions): the link is the way to a computer.
    if ('url' in source) {
      await Taro.setClipboardData({ data: source.url });
      await Taro.showToast({ title: '链接已复制，请在电脑浏览器中打开', icon: 'none', duration: 3000 });
    } else {
      throw new Error('无法打开文件');
    }
  }
}

async function requestSubscribeWeapp(templateIds: string[]): Promise<string[]> {
  try {
    const res = (await Taro.requestSubscribeMessage({
      tmplIds: templateIds,
    } as never)) as unknown as Record<string, string>;
    return templateIds.filter((id) => res[id] === 'accept');
  } catch {
    return [];
  }
}

function requestSubscribeAlipay(templateIds: string[]): Promise<string[]> {
  return new Promise((resolve) => {
    if (typeof my === 'undefined' || !my.requestSubscribeMessage) return resolve([]);
    my.requestSubscribeMessage({
      entityIds: templateIds,
      success: (res) => {
        const accepted = (res as { result?: { subscribeEntityIds?: string[] } }).result?.subscribeEntityIds;
        resolve(Array.isArray(accepted) ? accepted : templateIds.filter((id) => res[id] === 'accept'));
      },
      fail: () => resolve([]),
    });
  });
}

type Options<F extends (options: never) => unknown> = Parameters<F>[0];

/**
 * Taro's APIs that only the mini-programs call and whose H5 implementations are heavy; null on H5 (the
 * paths that use them are mini-program paths, hence the `!`). Chosen
 * here, outside any async function, where the H5 build can tell the branch is dead (inside one, Babel's
 * state machine hides the condition) and leaves them out of the page code every page loads: previewImage
 * brought swiper (323 KB), chooseImage H5's photo picker; reading Taro.env would keep all of Taro's H5 API.
 * (The lighter ones stay plain calls: each wrapper costs the WeChat main package bytes it has few of.)
 */
const miniApi =
  process.env.TARO_ENV === 'h5'
    ? null
    : {
        env: () => Taro.env as { USER_DATA_PATH?: string } | undefined,
        chooseImage: (options: Options<typeof Taro.chooseImage>) => Taro.chooseImage(options),
        previewImage: (options: Options<typeof Taro.previewImage>) => Taro.previewImage(options),
      };

async function openDownloadMini(req: DownloadRequest): Promise<{ status: number }> {
  let res: { statusCode: number; tempFilePath?: string; apFilePath?: string };
  try {
    res = (await Taro.downloadFile({ url: req.url, header: req.headers } as never)) as typeof res;
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : undefined);
  }
  // Alipay names the downloaded file apFilePath; WeChat (and Taro's mapping) tempFilePath.
  const filePath = res.tempFilePath ?? res.apFilePath;
  if (res.statusCode !== 200 || !filePath) return { status: res.statusCode };
  if (req.kind === 'pdf') {
    await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true } as never);
  } else {
    await miniApi!.previewImage({ urls: [filePath], current: filePath });
  }
  return { status: 200 };
}

async function openDownloadH5(req: DownloadRequest): Promise<{ status: number }> {
  let res: Response;
  try {
    res = await fetch(req.url, { headers: req.headers });
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : undefined);
  }
  if (!res.ok) return { status: res.status };
  const href = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = req.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return { status: 200 };
}

export function createTaroPlatform(): Platform {
  const name = currentName();

  /**
   * Taro.uploadFile with the fields each platform takes. fileName is Alipay's and Taro H5's, fileType
   * (required) Alipay's only, and Alipay knows only image/video/audio (the bff reads what the bytes are);
   * WeChat has neither and takes the name from the path, and a parameter it does not know is an error in
   * its API contract.
   */
  async function upload(
    request: {
      url: string;
      filePath: string;
      name: string;
      header: Record<string, string>;
      formData?: object;
    },
    fileName: string,
  ): Promise<HttpResponse> {
    const platformFields =
      name === 'alipay' ? { fileType: 'image', fileName } : name === 'h5' ? { fileName } : {};
    try {
      const res = await Taro.uploadFile({ ...request, ...platformFields } as never);
      return { status: res.statusCode, body: parseBody(res.data) };
    } catch (err) {
      throw new NetworkError(err instanceof Error ? err.message : undefined);
    }
  }
  return {
    name,
    async loginCode() {
      if (name === 'h5') return null;
      // On Alipay Taro.login maps to my.getAuthCode; both give a code the bff exchanges server-side.
      const res = (await Taro.login()) as { code?: string; authCode?: string };
      return res.code ?? res.authCode ?? null;
    },
    requestSubscribe(templateIds) {
      if (templateIds.length === 0 || name === 'h5') return Promise.resolve([]);
      return name === 'alipay' ? requestSubscribeAlipay(templateIds) : requestSubscribeWeapp(templateIds);
    },
    pickImage() {
      return name === 'alipay' ? pickImageAlipay() : pickImageWeappOrH5();
    },
    uploadImage(url, image, field, headers): Promise<HttpResponse> {
      // H5 uploads a blob: URL whose name would otherwise lack an extension.
      const ext = image.type?.split('/')[1]?.replace('jpeg', 'jpg') ?? 'jpg';
      return upload({ url, filePath: image.path, name: field, header: headers }, `id-card.${ext}`);
    },
    pickFile(extensions) {
      // The pickers filter by extension where they can; what the file really is, the bff decides.
      if (name === 'weapp') return pickFileWeapp(extensions);
      return name === 'alipay' ? pickFileAlipay(extensions) : pickFileH5(extensions);
    },
    async uploadFile(url, file, field, fields, headers): Promise<HttpResponse> {
      try {
        return await upload(
          { url, filePath: file.path, name: field, header: headers, formData: fields },
          file.name,
        );
      } finally {
        if (name === 'h5' && file.path.startsWith('blob:')) URL.revokeObjectURL(file.path);
      }
    },
    async saveFile(fileName, source) {
      if (name !== 'h5') return openDocumentMini(fileName, source);
      if ('url' in source) return downloadH5(fileName, source.url);
      const href = URL.createObjectURL(base64ToBlob(source.base64, source.contentType));
      downloadH5(fileName, href);
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
    },
    async request(req) {
      // wx.request and my.request have no PATCH; the bff honours X-HTTP-Method-Override on POST.
      const override = req.method === 'PATCH' && name !== 'h5';
      try {
        const res = await Taro.request({
          url: req.url,
          method: (override ? 'POST' : req.method) as 'GET',
          header: override ? { ...req.headers, 'X-HTTP-Method-Override': 'PATCH' } : req.headers,
          data: req.body as never,
          dataType: 'json',
          timeout: 15000,
        });
        return { status: res.statusCode, body: parseBody(res.data) };
      } catch (err) {
        throw new NetworkError(err instanceof Error ? err.message : undefined);
      }
    },
    openDownload(req) {
      return name === 'h5' ? openDownloadH5(req) : openDownloadMini(req);
    },
    storage: {
      get<T>(key: string) {
        try {
          const value = Taro.getStorageSync(key) as T | '';
          return value === '' ? undefined : value;
        } catch {
          return undefined;
        }
      },
      set(key, value) {
        Taro.setStorageSync(key, value);
      },
      remove(key) {
        Taro.removeStorageSync(key);
      },
    },
    async isOnline() {
      if (name === 'h5') return typeof navigator === 'undefined' || navigator.onLine;
      try {
        const res = await Taro.getNetworkType();
        return res.networkType !== 'none';
      } catch {
        return true;
      }
    },
    onOnline(listener) {
      if (name === 'h5') {
        window.addEventListener('online', listener);
        return () => window.removeEventListener('online', listener);
      }
      const handler = (res: { isConnected: boolean }) => {
        if (res.isConnected) listener();
      };
      Taro.onNetworkStatusChange(handler);
      return () => Taro.offNetworkStatusChange?.(handler);
    },
  };
}

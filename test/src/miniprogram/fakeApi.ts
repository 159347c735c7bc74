// The `wx` / `my` object the bundle sees. Every API the app calls is checked against the platform's
// published option shape (apiShapes.ts) — an unknown or a missing required parameter is a violation that
// fails the test — and answered the way the platform answers: request/uploadFile/downloadFile over real
// HTTP, login codes from the platform stand-ins, picked files from the test, storage in a map, consent
// dialogs answered as a user would (and recorded at the stand-in, as the platform's server would).
// An API the platform has but this host does not fake also fails, loudly, instead of passing unseen.
import { randomBytes } from 'node:crypto';
import type { ApiShapes, PlatformName } from './apiShapes';

export interface PickedFile {
  name: string;
  bytes: Buffer;
  /** image | file */
  kind?: 'image' | 'file';
}

export interface StoredFile {
  path: string;
  name: string;
  bytes: Buffer;
}

export interface HostServices {
  platform: PlatformName;
  shapes: ApiShapes;
  /** Contract breaches: each fails the test. */
  violation(message: string): void;
  warn(message: string): void;
  /** An error of the app's (an exception in its callback): fails the test. */
  error(message: string): void;
  /** The bundle realm's Promise (what the platform returns without callbacks). */
  Promise: PromiseConstructor;
  /** Moves a host value into the bundle's realm (its own Object/Array prototypes). */
  toRealm<T>(value: T): T;
  /** Where the bundle's built-in API base really lives (the bff under test). */
  rewriteUrl(url: string): string;
  /** The WeChat or Alipay stand-in's URL, for login codes and consents. */
  standInUrl: string;
  navigation: {
    navigateTo(url: string): Promise<void>;
    redirectTo(url: string): Promise<void>;
    reLaunch(url: string): Promise<void>;
    navigateBack(delta: number): Promise<void>;
  };
  /** What the simulated user does when asked. */
  user: {
    acceptSubscribe: boolean;
    /** Answers to showModal/confirm, in order; true = 确定. Empty → 确定. */
    modalAnswers: boolean[];
    /** Files for the next chooseMedia/chooseImage/chooseMessageFile. */
    picks: PickedFile[];
    online: boolean;
  };
  record: {
    toasts: string[];
    /** Each dialog as the user saw it: its text and the labels of its two buttons. */
    modals: { title?: string; content?: string; confirmText?: string; cancelText?: string }[];
    clipboard: string[];
    openedDocuments: StoredFile[];
    requests: { method: string; url: string }[];
  };
}

type Options = Record<string, unknown> & {
  success?: (res: unknown) => void;
  fail?: (err: unknown) => void;
  complete?: (res: unknown) => void;
};

const MAX_STORAGE_ITEM = 1024 * 1024;
const WECHAT_DOC_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'];

/**
 * Taro's showModal on Alipay calls my.confirm with confirmButtonText/cancelButtonText copied from
 * confirmText/cancelText and leaves the originals in the options, which my.confirm ignores. Those copies
 * are not the app's mistake; a confirmText without its confirmButtonText (the label lost) still is.
 */
function taroModalOnAlipay(confirm: (options?: unknown) => unknown) {
  return (options?: unknown) => {
    if (options && typeof options === 'object') {
      const o = { ...(options as Record<string, unknown>) };
      if (o.confirmText !== undefined && o.confirmText === o.confirmButtonText) delete o.confirmText;
      if (o.cancelText !== undefined && o.cancelText === o.cancelButtonText) delete o.cancelText;
      return confirm(o);
    }
    return confirm(options);
  };
}

export function createFakeApi(host: HostServices): Record<string, unknown> {
  const { platform, shapes } = host;
  const prefix = platform === 'weapp' ? 'wx' : 'my';
  const storage = new Map<string, string>();
  const files = new Map<string, StoredFile>();
  const networkListeners = new Set<(res: unknown) => void>();
  let identity: string | undefined;

  function check(name: string, options: unknown): Options {
    const shape = shapes.get(name);
    if (options === undefined) options = {};
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      host.violation(`${prefix}.${name}: the option must be an object, got ${JSON.stringify(options)}`);
      return {};
    }
    const opts = options as Options;
    if (shape) {
      for (const key of Object.keys(opts)) {
        if (!shape.keys.has(key) && opts[key] !== undefined)
          host.violation(
            `${prefix}.${name}: unknown parameter "${key}" (the platform knows ${[...shape.keys].join(', ')})`,
          );
      }
      for (const key of shape.required) {
        if (opts[key] === undefined) host.violation(`${prefix}.${name}: missing required parameter "${key}"`);
      }
    }
    return opts;
  }

  function failure(name: string, message: string): Record<string, unknown> {
    return platform === 'weapp'
      ? { errMsg: `${name}:fail ${message}` }
      : { error: 3, errorMessage: message, errMsg: `${name}:fail ${message}` };
  }

  /** An API whose only effect the test looks at: the text it was given (option `option`), kept in `list`. */
  function recordingApi(name: string, list: 'toasts' | 'clipboard', option: string) {
    return asyncApi(name, async (o) => {
      host.record[list].push(String(o[option]));
      return {};
    });
  }

  /** A callback-style API: success/fail/complete later, on the platform's own schedule. */
  function asyncApi(name: string, impl: (opts: Options) => Promise<Record<string, unknown>>, task?: object) {
    return (options?: unknown) => {
      const opts = check(name, options);
      if (process.env.MP_HOST_DEBUG) console.log(`${prefix}.${name}`, JSON.stringify(opts)?.slice(0, 300));
      // An exception in the app's callback is the app's error, reported like the platform's onError.
      const call = (fn: ((res: unknown) => void) | undefined, value: unknown) => {
        try {
          fn?.(value);
        } catch (error) {
          host.error(`${prefix}.${name} callback threw: ${(error as Error)?.stack ?? String(error)}`);
        }
      };
      // Without success/fail/complete the platforms return a Promise instead (WeChat base library ≥ 2.10.2).
      const promised = !task && !opts.success && !opts.fail && !opts.complete;
      let settle: { resolve(v: unknown): void; reject(e: unknown): void } | undefined;
      const promise = promised
        ? new host.Promise((resolve, reject) => (settle = { resolve, reject }))
        : undefined;
      void impl(opts).then(
        (res) => {
          if (settle)
            return settle.resolve(
              host.toRealm(platform === 'weapp' ? { errMsg: `${name}:ok`, ...res } : res),
            );
          const value = host.toRealm(platform === 'weapp' ? { errMsg: `${name}:ok`, ...res } : res);
          call(opts.success, value);
          call(opts.complete, value);
        },
        (error: Error) => {
          if (process.env.MP_HOST_DEBUG) console.log(`${prefix}.${name} failed: ${error.message}`);
          const value = host.toRealm(failure(name, error.message));
          if (settle) return settle.reject(value);
          call(opts.fail, value);
          call(opts.complete, value);
        },
      );
      return task ? host.toRealm(task) : promise;
    };
  }

  const requestTask = () => ({
    abort() {},
    onHeadersReceived() {},
    offHeadersReceived() {},
    onProgressUpdate() {},
    offProgressUpdate() {},
    onChunkReceived() {},
    offChunkReceived() {},
  });

  function headersOf(opts: Options): Record<string, string> {
    // WeChat says `header`; Alipay documents `headers` (and still accepts the older `header`).
    const raw = (opts.header ?? opts.headers ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
  }

  function storeFile(name: string, bytes: Buffer): StoredFile {
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
    const path =
      platform === 'weapp'
        ? `wxfile://tmp_${randomBytes(8).toString('hex')}${ext}`
        : `https://resource/apml${randomBytes(8).toString('hex')}${ext}`;
    const file = { path, name, bytes };
    files.set(path, file);
    return file;
  }

  function requireOnline(): void {
    if (!host.user.online) throw new Error(platform === 'weapp' ? 'network error' : '网络不可用');
  }

  async function http(
    opts: Options,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    requireOnline();
    const method = String(opts.method ?? 'GET').toUpperCase();
    if (!['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'CONNECT'].includes(method))
      host.violation(
        `${prefix}.request: method ${method} is not supported by the platform (use POST + X-HTTP-Method-Override)`,
      );
    const headers = headersOf(opts);
    let url = host.rewriteUrl(String(opts.url));
    let body: string | undefined;
    if (opts.data !== undefined && opts.data !== null) {
      if (method === 'GET') {
        // The platforms put GET data in the query string.
        const q = new URLSearchParams(
          Object.entries(opts.data as Record<string, unknown>).map(([k, v]): [string, string] => [
            k,
            String(v),
          ]),
        ).toString();
        if (q) url += (url.includes('?') ? '&' : '?') + q;
      } else {
        body = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
          headers['content-type'] = 'application/json';
      }
    }
    host.record.requests.push({ method, url });
    const res = await fetch(url, { method, headers, body });
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers.entries()),
      body: Buffer.from(await res.arrayBuffer()),
    };
  }

  function parseData(body: Buffer, dataType: unknown): unknown {
    const text = body.toString('utf8');
    if (dataType === undefined || dataType === 'json') {
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
    return text;
  }

  async function standIn(path: string, body: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${host.standInUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`stand-in ${path} answered ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }

  async function mintCode(): Promise<string> {
    const field = platform === 'weapp' ? 'openid' : 'userId';
    const minted = await standIn('/_dev/code', { [field]: identity, nickname: `host-${platform}` });
    identity = String(minted[field]);
    return String(minted.code);
  }

  async function consent(templateIds: string[]): Promise<string[]> {
    if (!host.user.acceptSubscribe) return [];
    const field = platform === 'weapp' ? 'openid' : 'userId';
    if (!identity) throw new Error('asked for consent before logging in');
    for (const templateId of templateIds)
      await standIn('/_admin/consents', { [field]: identity, templateId });
    return templateIds;
  }

  /** A two-button dialog: recorded as the user saw it, answered with the next prepared answer (确定 if none). */
  function ask(dialog: HostServices['record']['modals'][number]): boolean {
    host.record.modals.push(dialog);
    return host.user.modalAnswers.length ? host.user.modalAnswers.shift()! : true;
  }

  function takePick(): PickedFile {
    const pick = host.user.picks.shift();
    // The user closes the picker: the platforms answer with a cancel failure.
    if (!pick) throw new Error(`cancel`);
    return pick;
  }

  function sysInfo() {
    return {
      brand: 'host',
      model: 'headless',
      pixelRatio: 3,
      screenWidth: 390,
      screenHeight: 844,
      windowWidth: 390,
      windowHeight: 844,
      statusBarHeight: 47,
      language: 'zh_CN',
      version: platform === 'weapp' ? '8.0.50' : '10.6.0',
      system: 'iOS 17.5',
      platform: 'ios',
      SDKVersion: '3.5.0',
      fontSizeSetting: 16,
      safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
      app: platform === 'weapp' ? undefined : 'alipay',
    };
  }

  const navigate = (name: keyof HostServices['navigation']) =>
    asyncApi(name, async (o) => {
      if (name === 'navigateBack') await host.navigation.navigateBack(Number(o.delta ?? 1));
      else await host.navigation[name](String(o.url));
      return {};
    });

  const common: Record<string, unknown> = {
    request: asyncApi(
      'request',
      async (o) => {
        const res = await http(o);
        const data = parseData(res.body, o.dataType);
        return platform === 'weapp'
          ? { statusCode: res.status, data, header: res.headers }
          : { status: res.status, data, headers: res.headers };
      },
      requestTask(),
    ),
    uploadFile: asyncApi(
      'uploadFile',
      async (o) => {
        requireOnline();
        const file = files.get(String(o.filePath));
        if (!file) throw new Error(`file not found ${String(o.filePath)}`);
        if (platform === 'alipay' && !['image', 'video', 'audio'].includes(String(o.fileType)))
          host.violation(`my.uploadFile: fileType must be image, video or audio, got ${String(o.fileType)}`);
        const form = new FormData();
        for (const [k, v] of Object.entries((o.formData ?? {}) as Record<string, unknown>))
          form.append(k, String(v));
        form.append(String(o.name), new Blob([file.bytes]), file.name);
        const url = host.rewriteUrl(String(o.url));
        host.record.requests.push({ method: 'UPLOAD', url });
        const res = await fetch(url, { method: 'POST', headers: headersOf(o), body: form });
        const data = await res.text();
        return { statusCode: res.status, data, header: Object.fromEntries(res.headers.entries()) };
      },
      requestTask(),
    ),
    downloadFile: asyncApi(
      'downloadFile',
      async (o) => {
        const res = await http({ url: o.url, header: o.header, headers: o.headers, method: 'GET' });
        const disposition = res.headers['content-disposition'] ?? '';
        const name = /filename\*?=(?:UTF-8'')?"?([^";]+)/i.exec(disposition)?.[1] ?? 'download';
        const file = storeFile(decodeURIComponent(name), res.body);
        return platform === 'weapp'
          ? { tempFilePath: file.path, statusCode: res.status }
          : { tempFilePath: file.path, apFilePath: file.path, statusCode: res.status };
      },
      requestTask(),
    ),
    openDocument: asyncApi('openDocument', async (o) => {
      const file = files.get(String(o.filePath));
      if (!file) throw new Error(`file not found ${String(o.filePath)}`);
      if (o.fileType !== undefined && !WECHAT_DOC_TYPES.includes(String(o.fileType)))
        host.violation(`${prefix}.openDocument: unsupported fileType ${String(o.fileType)}`);
      host.record.openedDocuments.push(file);
      return {};
    }),
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    reLaunch: navigate('reLaunch'),
    navigateBack: navigate('navigateBack'),
    pageScrollTo: asyncApi('pageScrollTo', async () => ({})),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', async () => ({})),
    hideToast: asyncApi('hideToast', async () => ({})),
    showLoading: asyncApi('showLoading', async () => ({})),
    hideLoading: asyncApi('hideLoading', async () => ({})),
    getNetworkType: asyncApi('getNetworkType', async () =>
      platform === 'weapp'
        ? { networkType: host.user.online ? 'wifi' : 'none' }
        : { networkAvailable: host.user.online, networkType: host.user.online ? 'WIFI' : 'NOTREACHABLE' },
    ),
    onNetworkStatusChange: (listener: (res: unknown) => void) => {
      if (typeof listener !== 'function') host.violation(`${prefix}.onNetworkStatusChange: needs a function`);
      networkListeners.add(listener);
    },
    offNetworkStatusChange: (listener?: (res: unknown) => void) => {
      if (listener) networkListeners.delete(listener);
      else networkListeners.clear();
    },
    getSystemInfoSync: () => host.toRealm(sysInfo()),
    getSystemInfo: asyncApi('getSystemInfo', async () => sysInfo()),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    env: platform === 'weapp' ? { USER_DATA_PATH: 'wxfile://usr' } : undefined,
  };

  const weapp: Record<string, unknown> = {
    login: asyncApi('login', async () => ({ code: await mintCode() })),
    chooseMedia: asyncApi('chooseMedia', async (o) => {
      const pick = takePick();
      if (Array.isArray(o.mediaType) && !o.mediaType.includes('image'))
        host.violation('wx.chooseMedia: asked without mediaType image');
      const file = storeFile(pick.name, pick.bytes);
      return {
        type: 'image',
        tempFiles: [
          { tempFilePath: file.path, size: file.bytes.length, fileType: 'image', width: 1280, height: 800 },
        ],
      };
    }),
    chooseImage: asyncApi('chooseImage', async () => {
      const pick = takePick();
      const file = storeFile(pick.name, pick.bytes);
      return { tempFilePaths: [file.path], tempFiles: [{ path: file.path, size: file.bytes.length }] };
    }),
    chooseMessageFile: asyncApi('chooseMessageFile', async () => {
      const pick = takePick();
      const file = storeFile(pick.name, pick.bytes);
      return {
        tempFiles: [
          {
            path: file.path,
            size: file.bytes.length,
            name: pick.name,
            type: 'file',
            time: Date.now() / 1000,
          },
        ],
      };
    }),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', async (o) => {
      const ids = (o.tmplIds ?? []) as string[];
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 3)
        host.violation(
          `wx.requestSubscribeMessage: tmplIds must hold 1-3 template ids, got ${JSON.stringify(ids)}`,
        );
      const accepted = await consent(ids);
      return Object.fromEntries(ids.map((id) => [id, accepted.includes(id) ? 'accept' : 'reject']));
    }),
    showModal: asyncApi('showModal', async (o) => {
      const confirm = ask({
        title: o.title as string,
        content: o.content as string,
        confirmText: o.confirmText as string | undefined,
        cancelText: o.cancelText as string | undefined,
      });
      return { confirm, cancel: !confirm };
    }),
    showToast: recordingApi('showToast', 'toasts', 'title'),
    setClipboardData: recordingApi('setClipboardData', 'clipboard', 'data'),
    getStorageSync: (key: unknown) => {
      if (typeof key !== 'string') host.violation(`wx.getStorageSync: key must be a string`);
      const raw = storage.get(String(key));
      return raw === undefined ? '' : host.toRealm(JSON.parse(raw));
    },
    setStorageSync: (key: unknown, data: unknown) => {
      if (typeof key !== 'string') host.violation(`wx.setStorageSync: key must be a string`);
      const raw = JSON.stringify(data) ?? 'null';
      if (Buffer.byteLength(raw) > MAX_STORAGE_ITEM)
        host.violation(`wx.setStorageSync: "${String(key)}" is over 1 MB`);
      storage.set(String(key), raw);
    },
    removeStorageSync: (key: unknown) => void storage.delete(String(key)),
    getWindowInfo: () => host.toRealm(sysInfo()),
    getDeviceInfo: () => host.toRealm(sysInfo()),
    getAppBaseInfo: () => host.toRealm(sysInfo()),
    getLaunchOptionsSync: () => host.toRealm({ path: 'pages/index/index', query: {}, scene: 1001 }),
    getMenuButtonBoundingClientRect: () =>
      host.toRealm({ width: 87, height: 32, top: 51, right: 383, bottom: 83, left: 296 }),
  };

  const alipay: Record<string, unknown> = {
    getAuthCode: asyncApi('getAuthCode', async (o) => {
      const scopes = o.scopes === undefined ? ['auth_base'] : o.scopes;
      const list = Array.isArray(scopes) ? scopes : [scopes];
      if (!list.every((s) => typeof s === 'string' && /^auth_(base|user)$|^[a-z_]+$/.test(s)))
        host.violation(`my.getAuthCode: unknown scopes ${JSON.stringify(scopes)}`);
      return { authCode: await mintCode(), authSuccessScopes: list };
    }),
    chooseImage: asyncApi('chooseImage', async () => {
      const pick = takePick();
      const file = storeFile(pick.name, pick.bytes);
      return {
        tempFilePaths: [file.path],
        apFilePaths: [file.path],
        tempFiles: [{ path: file.path, size: file.bytes.length }],
      };
    }),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', async (o) => {
      const ids = (o.entityIds ?? []) as string[];
      if (!Array.isArray(ids) || ids.length === 0)
        host.violation(
          `my.requestSubscribeMessage: entityIds must hold template ids, got ${JSON.stringify(ids)}`,
        );
      const accepted = await consent(ids);
      return {
        result: {
          subscribeEntityIds: accepted,
          unsubscribedEntityIds: ids.filter((id) => !accepted.includes(id)),
        },
      };
    }),
    confirm: taroModalOnAlipay(
      asyncApi('confirm', async (o) => {
        const confirm = ask({
          title: o.title as string,
          content: o.content as string,
          confirmText: o.confirmButtonText as string | undefined,
          cancelText: o.cancelButtonText as string | undefined,
        });
        return { confirm };
      }),
    ),
    alert: asyncApi('alert', async (o) => {
      host.record.modals.push({ title: o.title as string, content: o.content as string });
      return {};
    }),
    showToast: recordingApi('showToast', 'toasts', 'content'),
    setClipboard: recordingApi('setClipboard', 'clipboard', 'text'),
    getStorageSync: (options: unknown) => {
      const o = check('getStorageSync', options);
      const raw = storage.get(String(o.key));
      return host.toRealm({ data: raw === undefined ? null : JSON.parse(raw) });
    },
    setStorageSync: (options: unknown) => {
      const o = check('setStorageSync', options);
      const raw = JSON.stringify(o.data) ?? 'null';
      if (Buffer.byteLength(raw) > MAX_STORAGE_ITEM)
        host.violation(`my.setStorageSync: "${String(o.key)}" is over 1 MB`);
      storage.set(String(o.key), raw);
      return host.toRealm({ success: true });
    },
    removeStorageSync: (options: unknown) => {
      const o = check('removeStorageSync', options);
      storage.delete(String(o.key));
      return host.toRealm({ success: true });
    },
  };

  const implemented = { ...common, ...(platform === 'weapp' ? weapp : alipay) };
  const own: Record<string, unknown> = {};
  const owns = (o: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(o, key);
  const known = (key: PropertyKey) => typeof key === 'string' && (owns(implemented, key) || shapes.has(key));
  const api: Record<string, unknown> = new Proxy(own, {
    has: (_t, key) => owns(own, key) || known(key) || key in own,
    // Taro enumerates the platform object to build Taro.* (Object.keys(wx)): list what the platform has.
    ownKeys: () => [...new Set([...Reflect.ownKeys(own), ...Object.keys(implemented), ...shapes.keys()])],
    getOwnPropertyDescriptor: (_t, key) =>
      owns(own, key)
        ? Reflect.getOwnPropertyDescriptor(own, key)
        : known(key)
          ? { configurable: true, enumerable: true, writable: true, value: api[key as string] }
          : undefined,
    get: (_t, key) => {
      if (owns(own, key)) return own[key as string];
      if (typeof key === 'string' && owns(implemented, key)) return implemented[key];
      if (typeof key === 'string' && shapes.has(key)) {
        return () =>
          host.violation(`${prefix}.${key} is called but the host does not fake it: add it to fakeApi.ts`);
      }
      return Reflect.get(own, key);
    },
    // The bundle keeps its chunk registry (webpackJsonp) on the platform object.
    set: (_t, key, value) => {
      own[key as string] = value;
      return true;
    },
  });
  Object.defineProperty(api, '__setOnline', {
    value: (online: boolean) => {
      host.user.online = online;
      const res =
        platform === 'weapp'
          ? { isConnected: online, networkType: online ? 'wifi' : 'none' }
          : { isConnected: online, networkType: online ? 'WIFI' : 'NOTREACHABLE' };
      for (const l of networkListeners) l(host.toRealm(res));
    },
  });
  return api;
}

// A headless mini-program host: loads a compiled WeChat or Alipay bundle the way the platform does —
// app.js, the shared chunks and each page's module through the bundle's own `require` — in a `vm` context
// that offers only what the platform's JS engine offers (no window, document, fetch, URL, TextEncoder or
// Intl), with App/Page/Component/getApp/getCurrentPages and the fake `wx`/`my` object (fakeApi.ts).
// Page instances keep `data` and apply setData path updates as the platform does; the rendered tree is
// read back through the bundle's own templates (tree.ts), and taps and input are delivered to the page's
// handlers with the platform's event shapes and bubbling. Platform limits are enforced: a setData over
// 1 MB fails, over 256 KB warns; pages over 1,000 nodes warn; navigation to a page not in app.json fails.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { apiShapes, type PlatformName } from './apiShapes';
import { createFakeApi, type HostServices, type PickedFile } from './fakeApi';
import { applyPath } from './setDataPath';
import { readTemplates, type TemplateCatalogue } from './templates';
import { countNodes, RenderedNode, wrap, type MpNode } from './tree';

export const SETDATA_FAIL_BYTES = 1024 * 1024;
export const SETDATA_WARN_BYTES = 256 * 1024;
export const NODE_WARN_COUNT = 1000;
const MAX_PAGE_STACK = 10;
/** APIs that WeChat only allows once the privacy guide lists what they collect. */
const PRIVACY_APIS: Record<string, string> = {
  chooseMedia: '选中的照片或视频信息',
  chooseImage: '选中的照片或视频信息',
  chooseMessageFile: '选中的文件',
  setClipboardData: '剪切板',
  saveImageToPhotosAlbum: '相册（仅写入）权限',
};
const LOCATION_APIS = [
  'getLocation',
  'chooseLocation',
  'choosePoi',
  'getFuzzyLocation',
  'onLocationChange',
  'startLocationUpdate',
];

export interface HostOptions {
  platform: PlatformName;
  /** client/dist/weapp or client/dist/alipay */
  dir: string;
  /** The API base compiled into the bundle, and where it really is. */
  apiBase: { compiled: string; actual: string };
  /** The WeChat or Alipay stand-in. */
  standInUrl: string;
  /** The privacy guide the mini-program declares in the platform console (client/privacy-guide.json). */
  privacyGuide?: string[];
}

interface PageInstance {
  route: string;
  options: Record<string, string>;
  data: Record<string, unknown>;
  /** What the view layer has: the serialised copy of every setData. */
  rendered: Record<string, unknown>;
  [key: string]: unknown;
}

export class MiniProgramHost {
  readonly violations: string[] = [];
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  readonly user: HostServices['user'] = { acceptSubscribe: true, modalAnswers: [], picks: [], online: true };
  readonly record: HostServices['record'] = {
    toasts: [],
    modals: [],
    clipboard: [],
    openedDocuments: [],
    requests: [],
  };
  readonly stack: PageInstance[] = [];
  readonly appJson: {
    pages: string[];
    subPackages?: { root: string; pages: string[] }[];
    [k: string]: unknown;
  };
  private readonly catalogue: TemplateCatalogue;
  private readonly context: vm.Context;
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, Record<string, unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly api: Record<string, unknown>;
  private loadingRoute: string | null = null;
  private appInstance: Record<string, unknown> | null = null;
  private pendingRender = 0;
  private closed = false;
  private readonly realmJson: JSON;

  constructor(private readonly options: HostOptions) {
    const { dir, platform } = options;
    this.appJson = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'));
    this.catalogue = readTemplates(dir);
    const shapes = apiShapes(platform);
    const realm: { Promise?: PromiseConstructor } = {};
    const services: HostServices = {
      get Promise() {
        return realm.Promise!;
      },
      platform,
      shapes,
      violation: (m) => this.violation(m),
      warn: (m) => this.warnings.push(m),
      error: (m) => this.errors.push(m),
      toRealm: (v) => this.toRealm(v),
      rewriteUrl: (url) =>
        url.startsWith(options.apiBase.compiled)
          ? options.apiBase.actual + url.slice(options.apiBase.compiled.length)
          : url,
      standInUrl: options.standInUrl,
      navigation: {
        navigateTo: (url) => this.navigateTo(url),
        redirectTo: (url) => this.redirectTo(url),
        reLaunch: (url) => this.reLaunch(url),
        navigateBack: (delta) => this.navigateBack(delta),
      },
      user: this.user,
      record: this.record,
    };
    const fake = createFakeApi(services);
    this.api = new Proxy(fake, {
      get: (target, key) => {
        const value = Reflect.get(target, key);
        if (typeof key !== 'string' || typeof value !== 'function' || !shapes.has(key)) return value;
        return (...args: unknown[]) => {
          if (process.env.MP_HOST_DEBUG) console.log(`call ${key}`);
          this.checkPrivacy(key);
          try {
            return (value as (...a: unknown[]) => unknown)(...args);
          } catch (error) {
            throw new Error(`${platform === 'weapp' ? 'wx' : 'my'}.${key}: ${(error as Error).message}`);
          }
        };
      },
    });
    this.context = vm.createContext(this.globals(platform));
    // A phone's JS engine has no ECMA-402 time zones to rely on: the app must not depend on Intl.
    vm.runInContext('delete globalThis.Intl;', this.context);
    this.realmJson = vm.runInContext('JSON', this.context) as JSON;
    realm.Promise = vm.runInContext('Promise', this.context) as PromiseConstructor;
  }

  // ---- the JS environment -------------------------------------------------------------------------

  private globals(platform: PlatformName): Record<string, unknown> {
    const track = (fn: (...a: unknown[]) => void, ms: number, repeat: boolean) => {
      const wrapped = (...args: unknown[]) => {
        if (!repeat) this.timers.delete(handle);
        try {
          fn(...args);
        } catch (error) {
          this.errors.push(`uncaught in a timer: ${(error as Error)?.stack ?? String(error)}`);
        }
      };
      const handle = repeat ? setInterval(wrapped, ms) : setTimeout(wrapped, ms);
      this.timers.add(handle);
      return handle;
    };
    const consoleProxy = {
      log: () => undefined,
      info: () => undefined,
      debug: () => undefined,
      warn: (...a: unknown[]) => this.warnings.push(`console.warn: ${a.map(String).join(' ')}`),
      error: (...a: unknown[]) => this.errors.push(`console.error: ${a.map(String).join(' ')}`),
    };
    return {
      console: consoleProxy,
      setTimeout: (fn: () => void, ms?: number) => track(fn, ms ?? 0, false),
      clearTimeout: (h: NodeJS.Timeout) => {
        this.timers.delete(h);
        clearTimeout(h);
      },
      setInterval: (fn: () => void, ms?: number) => track(fn, ms ?? 0, true),
      clearInterval: (h: NodeJS.Timeout) => {
        this.timers.delete(h);
        clearInterval(h);
      },
      [platform === 'weapp' ? 'wx' : 'my']: this.api,
      App: (config: Record<string, unknown>) => {
        if (this.appInstance) this.violation('App() called twice');
        // Errors the framework catches (a page that throws while rendering renders nothing) reach the app's
        // onError, as on the platform: they are the app's errors and fail the test.
        const onError = config.onError as ((message: unknown) => void) | undefined;
        config.onError = (message: unknown) => {
          this.errors.push(`App.onError: ${String(message)}`);
          onError?.call(config, message);
        };
        this.appInstance = config;
      },
      Page: (config: Record<string, unknown>) => {
        if (!this.loadingRoute) return this.violation('Page() called outside a page module');
        this.pageConfigs.set(this.loadingRoute, config);
      },
      Component: () => undefined,
      Behavior: (b: unknown) => b,
      getApp: () => this.appInstance,
      getCurrentPages: () => [...this.stack],
      requirePlugin: () => this.violation('requirePlugin is not used by this app'),
      // Alipay's engine has a minimal navigator (Taro's Alipay runtime reads its userAgent); WeChat's has none.
      ...(platform === 'alipay'
        ? {
            navigator: {
              userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AlipayClient/10.6.0',
            },
          }
        : {}),
    };
  }

  private toRealm<T>(value: T): T {
    if (value === undefined) return value;
    return this.realmJson.parse(JSON.stringify(value)) as T;
  }

  private violation(message: string): void {
    this.violations.push(message);
  }

  private checkPrivacy(api: string): void {
    if (this.options.platform !== 'weapp') return;
    if (LOCATION_APIS.includes(api)) {
      const declared = (this.appJson.requiredPrivateInfos as string[] | undefined) ?? [];
      if (!declared.includes(api))
        this.violation(`wx.${api} needs "${api}" in app.json requiredPrivateInfos`);
    }
    const item = Object.hasOwn(PRIVACY_APIS, api) ? PRIVACY_APIS[api] : undefined;
    if (!item) return;
    if (this.appJson.__usePrivacyCheck__ !== true)
      this.violation(`wx.${api} collects ${item}: app.json must set __usePrivacyCheck__: true`);
    if (!this.options.privacyGuide?.includes(item))
      this.violation(
        `wx.${api} collects ${item}, which the privacy guide (client/privacy-guide.json) does not list`,
      );
  }

  /** The bundle's own require: relative to the requiring file, never outside the bundle. */
  private require(file: string): unknown {
    let resolved = path.normalize(file);
    if (!resolved.endsWith('.js')) resolved += '.js';
    if (!resolved.startsWith(path.resolve(this.options.dir) + path.sep))
      throw new Error(`require outside the bundle: ${file}`);
    const cached = this.modules.get(resolved);
    if (cached) return cached.exports;
    if (!fs.existsSync(resolved))
      throw new Error(`module not found in the bundle: ${path.relative(this.options.dir, resolved)}`);
    const module = { exports: {} as unknown };
    this.modules.set(resolved, module);
    const source = fs.readFileSync(resolved, 'utf8');
    const fn = vm.runInContext(`(function (require, module, exports) {${source}\n})`, this.context, {
      filename: resolved,
    }) as (r: (p: string) => unknown, m: unknown, e: unknown) => void;
    fn((p) => this.require(path.resolve(path.dirname(resolved), p)), module, module.exports);
    return module.exports;
  }

  // ---- app and pages ----------------------------------------------------------------------------

  get platform(): PlatformName {
    return this.options.platform;
  }

  allPages(): string[] {
    return [
      ...this.appJson.pages,
      ...(this.appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
    ];
  }

  async launch(url = this.appJson.pages[0]): Promise<void> {
    this.require(path.join(this.options.dir, 'app.js'));
    if (!this.appInstance) throw new Error('app.js did not call App()');
    const { route, query } = this.resolve(url);
    const launch = this.toRealm({ path: route, query, scene: 1001 });
    this.callLifecycle(this.appInstance, 'onLaunch', launch);
    this.callLifecycle(this.appInstance, 'onShow', launch);
    await this.openPage(url, 'reLaunch');
  }

  private resolve(url: string): { route: string; query: Record<string, string> } {
    const [rawPath, rawQuery = ''] = url.split('?');
    const base = this.stack.length ? path.posix.dirname(this.stack[this.stack.length - 1].route) : '';
    const route = rawPath.startsWith('/')
      ? rawPath.slice(1)
      : path.posix.normalize(path.posix.join(base, rawPath));
    const query = Object.fromEntries(
      rawQuery
        .split('&')
        .filter(Boolean)
        .map((pair) => {
          const [k, v = ''] = pair.split('=');
          return [decodeURIComponent(k), decodeURIComponent(v)];
        }),
    );
    return { route, query };
  }

  private callLifecycle(target: Record<string, unknown>, name: string, ...args: unknown[]): void {
    const fn = target[name];
    if (typeof fn !== 'function') return;
    try {
      (fn as (...a: unknown[]) => void).apply(target, args);
    } catch (error) {
      this.errors.push(`${name} threw: ${(error as Error)?.stack ?? String(error)}`);
    }
  }

  private pageConfig(route: string): Record<string, unknown> {
    const known = this.pageConfigs.get(route);
    if (known) return known;
    const sub = (this.appJson.subPackages ?? []).find((s) => route.startsWith(`${s.root}/`));
    void sub; // subpackage chunks are required by the page module itself
    const pageJson = path.join(this.options.dir, `${route}.json`);
    if (fs.existsSync(pageJson)) {
      const usingComponents = (JSON.parse(fs.readFileSync(pageJson, 'utf8')).usingComponents ?? {}) as Record<
        string,
        string
      >;
      for (const component of Object.values(usingComponents)) {
        this.require(path.resolve(path.dirname(path.join(this.options.dir, route)), component));
      }
    }
    this.loadingRoute = route;
    try {
      this.require(path.join(this.options.dir, route));
    } finally {
      this.loadingRoute = null;
    }
    const config = this.pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    return config;
  }

  private async openPage(url: string, how: 'navigateTo' | 'redirectTo' | 'reLaunch'): Promise<void> {
    const { route, query } = this.resolve(url);
    if (!this.allPages().includes(route)) {
      this.violation(`${how} to "${url}": no such page in app.json`);
      throw new Error(`page "${route}" is not found`);
    }
    if (how === 'navigateTo' && this.stack.length >= MAX_PAGE_STACK) {
      this.violation(`navigateTo "${url}": the page stack is limited to ${MAX_PAGE_STACK}`);
      throw new Error('webview count limit exceed');
    }
    const config = this.pageConfig(route);
    const current = this.stack[this.stack.length - 1];
    if (how === 'navigateTo' && current) this.callLifecycle(current, 'onHide');
    if (how === 'redirectTo' && current) {
      this.callLifecycle(current, 'onUnload');
      this.stack.pop();
    }
    if (how === 'reLaunch') {
      while (this.stack.length) this.callLifecycle(this.stack.pop()!, 'onUnload');
    }
    const instance = this.createInstance(route, query, config);
    this.stack.push(instance);
    this.callLifecycle(instance, 'onLoad', this.toRealm(query));
    this.callLifecycle(instance, 'onShow');
    // The view layer reports ready after the first render has arrived.
    await new Promise((r) => setTimeout(r, 0));
    this.callLifecycle(instance, 'onReady');
    await this.settle();
  }

  private createInstance(
    route: string,
    query: Record<string, string>,
    config: Record<string, unknown>,
  ): PageInstance {
    const instance: PageInstance = {
      route,
      __route__: route,
      is: route,
      options: query,
      data: this.toRealm(JSON.parse(JSON.stringify(config.data ?? {}))),
      rendered: JSON.parse(JSON.stringify(config.data ?? {})),
    };
    for (const [key, value] of Object.entries(config)) {
      if (key !== 'data') instance[key] = value;
    }
    instance.setData = (data: Record<string, unknown>, callback?: () => void) =>
      this.setData(instance, data, callback);
    if (this.options.platform === 'alipay') {
      instance.$viewId = String(this.stack.length + 1);
      instance.$spliceData = (data: Record<string, unknown>, callback?: () => void) => {
        for (const [key, [start, deleteCount, ...items]] of Object.entries(
          data as Record<string, unknown[]>,
        )) {
          const list = key
            .split('.')
            .reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], instance.data);
          if (Array.isArray(list)) list.splice(start as number, deleteCount as number, ...items);
        }
        this.setData(instance, {}, callback);
      };
    }
    return instance;
  }

  private setData(instance: PageInstance, data: Record<string, unknown>, callback?: () => void): void {
    if (this.closed) return;
    const serialised = JSON.stringify(data);
    const bytes = Buffer.byteLength(serialised ?? '');
    if (bytes > SETDATA_FAIL_BYTES) {
      this.violation(
        `${instance.route}: one setData of ${(bytes / 1024).toFixed(0)} KB (the platform refuses over 1 MB)`,
      );
      return;
    }
    if (bytes > SETDATA_WARN_BYTES)
      this.warnings.push(
        `${instance.route}: setData of ${(bytes / 1024).toFixed(0)} KB (over 256 KB is slow on phones)`,
      );
    const copy = JSON.parse(serialised) as Record<string, unknown>;
    for (const [key, value] of Object.entries(data)) applyPath(instance.data, key, value);
    for (const [key, value] of Object.entries(copy)) applyPath(instance.rendered, key, value);
    const nodes = countNodes(instance.rendered.root);
    if (nodes > NODE_WARN_COUNT)
      this.warnings.push(
        `${instance.route}: ${nodes} nodes on the page (over ${NODE_WARN_COUNT} is slow on phones)`,
      );
    this.pendingRender += 1;
    setTimeout(() => {
      this.pendingRender -= 1;
      if (callback && !this.closed) {
        try {
          callback.call(instance);
        } catch (error) {
          this.errors.push(`setData callback threw: ${(error as Error)?.stack ?? String(error)}`);
        }
      }
    }, 0);
  }

  async navigateTo(url: string): Promise<void> {
    await this.openPage(url, 'navigateTo');
  }

  async redirectTo(url: string): Promise<void> {
    await this.openPage(url, 'redirectTo');
  }

  async reLaunch(url: string): Promise<void> {
    await this.openPage(url, 'reLaunch');
  }

  async navigateBack(delta = 1): Promise<void> {
    for (let i = 0; i < delta && this.stack.length > 1; i++)
      this.callLifecycle(this.stack.pop()!, 'onUnload');
    this.callLifecycle(this.stack[this.stack.length - 1], 'onShow');
    await this.settle();
  }

  /** Lets pending timers, promises and renders run. */
  async settle(ms = 20): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    while (this.pendingRender > 0) await new Promise((r) => setTimeout(r, 5));
  }

  // ---- what the user sees and does --------------------------------------------------------------

  get page(): PageInstance {
    const page = this.stack[this.stack.length - 1];
    if (!page) throw new Error('no page is open');
    return page;
  }

  get route(): string {
    return this.page.route;
  }

  /** The current page's rendered tree. */
  root(): RenderedNode {
    const raw = {
      nn: 'root',
      sid: 'root',
      cn: ((this.page.rendered.root as MpNode | undefined)?.cn ?? []) as MpNode[],
    };
    return wrap(raw, null, this.catalogue);
  }

  text(): string {
    return this.root().text;
  }

  private resolveNode(target: RenderedNode | string): RenderedNode {
    if (typeof target !== 'string') return target;
    const node = this.root().byId(target) ?? this.root().byText(target);
    if (!node)
      throw new Error(
        `${this.route}: nothing with id or text "${target}" on the page.\nPage text: ${this.text().slice(0, 1500)}`,
      );
    return node;
  }

  /** Delivers an event as the platform does: to the target, then up through every ancestor that binds it. */
  private dispatch(node: RenderedNode, type: string, detail: Record<string, unknown>): void {
    const handler = this.page.eh;
    if (typeof handler !== 'function') throw new Error(`${this.route} has no event handler (eh)`);
    const target = { id: node.id, dataset: { sid: node.raw.sid } };
    let delivered = false;
    for (const current of [node, ...node.ancestors()]) {
      if (current.raw.nn === 'root') break;
      const mode = current.template.events.get(type);
      if (!mode) continue;
      const event = this.toRealm({
        type,
        timeStamp: Date.now(),
        target,
        currentTarget: { id: current.id, dataset: { sid: current.raw.sid } },
        detail,
        touches: [],
        changedTouches: [],
        mark: {},
      });
      delivered = true;
      try {
        (handler as (e: unknown) => void).call(this.page, event);
      } catch (error) {
        this.errors.push(`${type} handler threw: ${(error as Error)?.stack ?? String(error)}`);
      }
      if (mode === 'catch') break;
    }
    if (!delivered)
      throw new Error(`${this.route}: "${node.text || node.id}" (${node.tag}) does not respond to ${type}`);
  }

  async tap(target: RenderedNode | string): Promise<void> {
    const node = this.resolveNode(target);
    if (node.attr('disabled') === true) throw new Error(`${this.route}: "${node.text}" is disabled`);
    this.dispatch(node, 'tap', { x: 10, y: 10 });
    await this.settle();
  }

  /** Types into an input: the platform delivers `input` with the whole new value, then `blur`. */
  async input(target: RenderedNode | string, value: string): Promise<void> {
    const node = this.resolveNode(target);
    if (node.tag !== 'input' && node.tag !== 'textarea')
      throw new Error(`${this.route}: "${node.id}" is a ${node.tag}, not an input`);
    const max = Number(node.attr('maxlength') ?? 140);
    const typed = max > 0 ? value.slice(0, max) : value;
    this.dispatch(node, 'focus', { value: String(node.attr('value') ?? ''), height: 0 });
    this.dispatch(node, 'input', { value: typed, cursor: typed.length, keyCode: 0 });
    this.dispatch(node, 'blur', { value: typed, cursor: typed.length });
    await this.settle();
  }

  /** Picks an option of a selector picker by its label (the platform reports the index). */
  async pick(target: RenderedNode | string, label: string): Promise<void> {
    const node = this.resolveNode(target);
    if (node.tag !== 'picker') throw new Error(`${this.route}: "${node.id}" is a ${node.tag}, not a picker`);
    const range = (node.attr('range') ?? []) as unknown[];
    const key = node.attr('range-key') as string | undefined;
    const labels = range.map((r) =>
      key && r && typeof r === 'object' ? String((r as Record<string, unknown>)[key]) : String(r),
    );
    const index = labels.indexOf(label);
    if (index < 0) throw new Error(`${this.route}: "${label}" is not among ${labels.join('、')}`);
    this.dispatch(node, 'change', { value: index });
    await this.settle();
  }

  /** A picker's `change` with the value the platform reports (a date or month picker's string). */
  async change(target: RenderedNode | string, value: unknown): Promise<void> {
    this.dispatch(this.resolveNode(target), 'change', { value });
    await this.settle();
  }

  pickFile(file: PickedFile): void {
    this.user.picks.push(file);
  }

  setOnline(online: boolean): void {
    (this.api.__setOnline as (o: boolean) => void)(online);
  }

  /** Waits until `check` holds for the rendered page (timers and HTTP keep running meanwhile). */
  async waitFor<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 15000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let value: T | undefined | null | false;
      try {
        value = check();
      } catch {
        value = undefined;
      }
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(
          `waited ${timeoutMs} ms for ${what} on ${this.stack.at(-1)?.route ?? '(no page)'}.\nPage text: ${this.stack.length ? this.text().slice(0, 2000) : ''}\nErrors: ${this.errors.join('\n')}\nViolations: ${this.violations.join('\n')}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  waitText(text: string | RegExp, timeoutMs?: number): Promise<true> {
    return this.waitFor(
      `"${String(text)}"`,
      () => (typeof text === 'string' ? this.text().includes(text) : text.test(this.text())),
      timeoutMs,
    ) as Promise<true>;
  }

  waitRoute(route: string, timeoutMs?: number): Promise<true> {
    return this.waitFor(
      `page ${route}`,
      () => this.stack.at(-1)?.route === route,
      timeoutMs,
    ) as Promise<true>;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) {
      clearTimeout(t);
      clearInterval(t);
    }
    this.timers.clear();
  }
}

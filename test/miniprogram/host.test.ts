// The headless mini-program host must be able to fail: a bundle that touches `document`, a request with a
// parameter the platform does not know, a setData over the platform's limit, a navigation to a page that is
// not in app.json — each breaks the app on a phone, so each must break the test.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { MiniProgramHost, SETDATA_FAIL_BYTES, SETDATA_WARN_BYTES } from '../src/miniprogram/host';
import { COMPILED_API_BASE, ensureMiniBuilds, miniDist, privacyGuide } from '../src/miniprogram/bundles';

jest.setTimeout(4 * 60 * 1000);

let server: http.Server;
let stubUrl: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-host-'));

beforeAll(async () => {
  ensureMiniBuilds();
  // Answers every platform and bff call with an empty success: these tests look at what the bundle sends.
  server = http.createServer((req, res) => {
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ code: 'c0de', openid: 'o-test', userId: 'u-test', items: [], total: 0 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stubUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(tmp, { recursive: true, force: true });
});

function hostFor(platform: 'weapp' | 'alipay', dir: string): MiniProgramHost {
  return new MiniProgramHost({
    platform,
    dir,
    apiBase: { compiled: COMPILED_API_BASE, actual: `${stubUrl}/api/v1` },
    standInUrl: stubUrl,
    privacyGuide: privacyGuide(),
  });
}

/** A copy of a real bundle with one file changed by `edit` (which must change something). */
function brokenCopy(platform: 'weapp' | 'alipay', file: string, edit: (source: string) => string): string {
  const dir = path.join(
    tmp,
    `${platform}-${path.basename(file, '.js')}-${Math.random().toString(36).slice(2)}`,
  );
  fs.cpSync(miniDist(platform), dir, { recursive: true });
  const target = path.join(dir, file);
  const before = fs.readFileSync(target, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(target, after);
  return dir;
}

describe('a deliberately broken build fails', () => {
  it.each(['weapp', 'alipay'] as const)(
    'the real %s bundle starts clean on its home page',
    async (platform) => {
      const host = hostFor(platform, miniDist(platform));
      try {
        await host.launch();
        await host.waitText('新建申请');
        expect(host.errors).toEqual([]);
        expect(host.violations).toEqual([]);
      } finally {
        host.close();
      }
    },
  );

  it.each(['weapp', 'alipay'] as const)(
    '%s: a page that reads `document` fails to open',
    async (platform) => {
      const dir = brokenCopy(platform, 'pages/index/index.js', (s) =>
        s.replace('"use strict";', '"use strict";document.title;'),
      );
      const host = hostFor(platform, dir);
      try {
        await expect(host.launch()).rejects.toThrow(/document is not defined/);
      } finally {
        host.close();
      }
    },
  );

  it("weapp: a request with Alipay's `headers` instead of `header` is a violation", async () => {
    // The app's request adapter passes `header:` to Taro.request; the broken build passes `headers:`.
    const dir = brokenCopy('weapp', 'common.js', (s) =>
      s.replace(/(\.request\(\{url:[^}]*?)header:/, '$1headers:'),
    );
    const host = hostFor('weapp', dir);
    try {
      await host.launch();
      await host.waitFor('the violation', () => host.violations.length > 0);
      expect(host.violations.join('\n')).toMatch(/wx\.request: unknown parameter "headers"/);
    } finally {
      host.close();
    }
  });
});

/** A minimal hand-written bundle exercising the host's platform rules directly. */
function syntheticBundle(pageSource: string, appJson: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'synthetic-'));
  fs.mkdirSync(path.join(dir, 'pages/a'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/a/index'], ...appJson }));
  fs.writeFileSync(path.join(dir, 'app.js'), 'App({});');
  fs.writeFileSync(
    path.join(dir, 'base.wxml'),
    '<template name="tmpl_0_0">\n  <view class="{{i.cl}}" bindtap="eh" id="{{i.uid||i.sid}}"></view>\n</template>\n' +
      '<template name="tmpl_0_9">\n  <block>{{i.v}}</block>\n</template>\n',
  );
  fs.writeFileSync(path.join(dir, 'pages/a/index.js'), pageSource);
  return dir;
}

describe('the platform rules', () => {
  it('a setData over 1 MB fails, over 256 KB warns, a page over 1,000 nodes warns', async () => {
    const dir = syntheticBundle(`Page({
      data: {},
      onLoad() {
        this.setData({ big: 'x'.repeat(${SETDATA_FAIL_BYTES + 10}) });
        this.setData({ medium: 'x'.repeat(${SETDATA_WARN_BYTES + 10}) });
        var cn = [];
        for (var i = 0; i < 1100; i++) cn.push({ nn: '9', sid: 's' + i, v: '.' });
        this.setData({ root: { cn: [{ nn: '0', sid: 'r', cn: cn }] } });
      },
    });`);
    const host = hostFor('weapp', dir);
    try {
      await host.launch();
      expect(host.violations).toEqual([expect.stringMatching(/one setData of 1024 KB/)]);
      expect(host.page.data.big).toBeUndefined();
      expect(host.warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/setData of 256 KB/),
          expect.stringMatching(/1102 nodes/),
        ]),
      );
    } finally {
      host.close();
    }
  });

  it('setData applies data paths the way the platform does', async () => {
    const dir = syntheticBundle(`Page({
      data: { list: [{ a: 1 }] },
      onLoad() {
        this.setData({ 'list[0].a': 2, 'list[1].b': 3, 'root.cn.[0]': { nn: '9', sid: 'x', v: '你好' } });
      },
    });`);
    const host = hostFor('weapp', dir);
    try {
      await host.launch();
      expect(host.page.data.list).toEqual([{ a: 2 }, { b: 3 }]);
      expect(host.text()).toBe('你好');
    } finally {
      host.close();
    }
  });

  it('only the platform globals exist: no window, document, fetch, URL, TextEncoder or Intl', async () => {
    const dir = syntheticBundle(`Page({ onLoad() {
      this.setData({ seen: [typeof window, typeof document, typeof fetch, typeof URL, typeof TextEncoder,
        typeof Intl, typeof process, typeof Buffer, typeof wx, typeof setTimeout, typeof console, typeof require] });
    } });`);
    const host = hostFor('weapp', dir);
    try {
      await host.launch();
      expect(host.page.data.seen).toEqual([
        'undefined',
        'undefined',
        'undefined',
        'undefined',
        'undefined',
        'undefined',
        'undefined',
        'undefined',
        'object',
        'function',
        'object',
        'function',
      ]);
    } finally {
      host.close();
    }
  });

  it('navigating to a page missing from app.json fails and is a violation', async () => {
    const dir = syntheticBundle(`Page({ onLoad() {
      var page = this;
      wx.navigateTo({ url: '/pages/missing/index', fail: function (e) { page.setData({ failed: e.errMsg }); } });
    } });`);
    const host = hostFor('weapp', dir);
    try {
      await host.launch();
      await host.waitFor('the fail callback', () => host.page.data.failed);
      expect(host.page.data.failed).toMatch(/navigateTo:fail/);
      expect(host.violations).toEqual([expect.stringMatching(/no such page in app.json/)]);
    } finally {
      host.close();
    }
  });

  it('API parameters are checked against the published typings; unfaked APIs and undeclared privacy use fail', async () => {
    const dir = syntheticBundle(`Page({ onLoad() {
      wx.request({ method: 'GET', heder: {} });
      wx.getLocation({ type: 'wgs84' });
      wx.chooseMedia({ count: 1, mediaType: ['image'], fail: function () {} });
    } });`);
    const host = hostFor('weapp', dir);
    try {
      await host.launch();
      const all = host.violations.join('\n');
      expect(all).toMatch(/wx\.request: unknown parameter "heder"/);
      expect(all).toMatch(/wx\.request: missing required parameter "url"/);
      expect(all).toMatch(/wx\.getLocation needs "getLocation" in app.json requiredPrivateInfos/);
      expect(all).toMatch(/wx\.getLocation is called but the host does not fake it/);
      expect(all).toMatch(
        /wx\.chooseMedia collects 选中的照片或视频信息: app.json must set __usePrivacyCheck__/,
      );
    } finally {
      host.close();
    }
  });
});

#!/usr/bin/env node
// Prints the weapp/alipay main package and subpackage sizes, the H5 first screen's JavaScript (gzipped) and
// its page chunks, and where the bytes go (per package, from the build's module sizes), and fails when a
// budget is exceeded: main package ≤ 300 KB, H5 first screen ≤ 140 KB gzipped, no H5 page chunk over 40 KB.
// The first screen and a wizard step are also timed (first-screen.js): wall time at 4× CPU slowdown against
// the targets (reported), and their main-thread CPU time, which fails the report when it alone would miss
// them at that slowdown.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const os = require('node:os');
const {
  firstScreenTiming,
  withH5Browser,
  HOME_BUDGET_MS,
  STEP_BUDGET_MS,
  SLOWDOWN,
} = require('./first-screen');

const DIST = path.join(__dirname, '..', 'dist');
const MAIN_LIMIT = 300 * 1024;
const SUBPACKAGE_LIMIT = 2 * 1024 * 1024; // WeChat's per-subpackage limit
// Issue 21's target. 132.2 KB measured once what the home page shares with other pages got a chunk of its
// own (147.8 KB when the first screen loaded every page's shared code).
const H5_INITIAL_LIMIT = 140 * 1024;
const H5_PAGE_CHUNK_LIMIT = 40 * 1024;
const TEMP = path.join(__dirname, '..', '.temp');

/** The biggest origins of a build's bytes (pre-minification module sizes webpack reports), summed over chunks. */
function whereTheBytesGo(target) {
  const file = path.join(TEMP, `module-sizes-${target}.json`);
  if (!fs.existsSync(file)) return;
  const chunks = JSON.parse(fs.readFileSync(file, 'utf8'));
  const total = {};
  for (const byOrigin of Object.values(chunks))
    for (const [origin, size] of Object.entries(byOrigin)) total[origin] = (total[origin] ?? 0) + size;
  const top = Object.entries(total)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([origin, size]) => `${origin} ${kb(size)}`);
  console.log(`  字节去向（压缩前，前 8 项）: ${top.join('，')}`);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let failed = false;

function filesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    // Licence notices and source maps are not uploaded with the package.
    else if (!/\.(LICENSE\.txt|map)$/.test(entry.name)) out.push(full);
  }
  return out;
}

function reportMini(target) {
  const dir = path.join(DIST, target);
  const appJson = path.join(dir, 'app.json');
  if (!fs.existsSync(appJson)) {
    console.log(`${target}: 未找到构建产物（先运行 npm run build:${target}）`);
    return false;
  }
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const sizes = { main: 0 };
  for (const root of roots) sizes[root] = 0;
  for (const file of filesUnder(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    if (rel === 'project.config.json' || rel === 'project.private.config.json' || rel === 'mini.project.json')
      continue;
    const root = roots.find((r) => rel.startsWith(`${r}/`));
    sizes[root ?? 'main'] += fs.statSync(file).size;
  }
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  console.log(`${target}:`);
  const mainOk = sizes.main <= MAIN_LIMIT;
  console.log(
    `  主包 main package        ${kb(sizes.main).padStart(10)}  (限额 ${kb(MAIN_LIMIT)}) ${mainOk ? 'OK' : '超出'}`,
  );
  for (const root of roots) {
    const ok = sizes[root] <= SUBPACKAGE_LIMIT;
    console.log(
      `  分包 ${root.padEnd(20)}${kb(sizes[root]).padStart(10)}  (限额 ${kb(SUBPACKAGE_LIMIT)}) ${ok ? 'OK' : '超出'}`,
    );
    if (!ok) failed = true;
  }
  console.log(`  合计 total               ${kb(total).padStart(10)}`);
  whereTheBytesGo(target);
  if (!mainOk) failed = true;
  return true;
}

/**
 * What the first screen really downloads: index.html's scripts plus the lazily loaded chunks of the home
 * page. Measured by opening the build in headless Chromium (when available) with the API stubbed out.
 */
function firstScreenJs(dir) {
  return withH5Browser(dir, async (browser, base) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.route('**/api/**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"items":[],"unread":0}' }),
    );
    const bodies = [];
    page.on('response', (res) => {
      if (res.url().endsWith('.js')) bodies.push(res.body().catch(() => Buffer.alloc(0)));
    });
    await page.goto(base, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    const all = await Promise.all(bodies);
    return {
      files: all.length,
      raw: all.reduce((a, b) => a + b.length, 0),
      gz: all.reduce((a, b) => a + zlib.gzipSync(b, { level: 9 }).length, 0),
    };
  });
}

async function reportH5() {
  const dir = path.join(DIST, 'h5');
  const html = path.join(dir, 'index.html');
  if (!fs.existsSync(html)) {
    console.log('h5: 未找到构建产物（先运行 npm run build:h5）');
    return false;
  }
  // The initial JS is what index.html loads before the first page renders; page chunks load later.
  const scripts = [...fs.readFileSync(html, 'utf8').matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map(
    (m) => m[1],
  );
  let raw = 0;
  let gz = 0;
  for (const src of scripts) {
    const file = path.join(dir, src.replace(/^\//, ''));
    const content = fs.readFileSync(file);
    raw += content.length;
    gz += zlib.gzipSync(content, { level: 9 }).length;
  }
  const lazy = fs
    .readdirSync(path.join(dir, 'js'))
    .filter((f) => f.endsWith('.js') && !scripts.some((s) => s.endsWith(`/${f}`)))
    .reduce(
      (sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, 'js', f)), { level: 9 }).length,
      0,
    );
  console.log('h5:');
  console.log(`  index.html 引入的 JS (${scripts.length} 个文件) ${kb(raw)}，gzip 后 ${kb(gz)}`);
  const measured = await firstScreenJs(dir);
  const initial = measured ? measured.gz : gz;
  const ok = initial <= H5_INITIAL_LIMIT;
  if (measured) {
    console.log(
      `  首屏实际加载 JS initial (${measured.files} 个文件，含首页分块) ${kb(measured.raw)}，gzip 后 ${kb(measured.gz)}  (限额 ${kb(H5_INITIAL_LIMIT)}) ${ok ? 'OK' : '超出'}`,
    );
  } else {
    console.log(
      `  （未找到 Chromium，按 index.html 引入的 JS 计）(限额 ${kb(H5_INITIAL_LIMIT)}) ${ok ? 'OK' : '超出'}`,
    );
  }
  console.log(`  其余按需加载的 JS（gzip）   ${kb(Math.max(0, lazy - (initial - gz)))}`);
  // Page chunks: every lazily loaded chunk but the named shared ones and Taro's own (its router and runtime,
  // recognised by the build's module sizes).
  const sizesFile = path.join(TEMP, 'module-sizes-h5.json');
  const modules = fs.existsSync(sizesFile) ? JSON.parse(fs.readFileSync(sizesFile, 'utf8')) : {};
  const isTaros = (f) => Object.keys(modules[`js/${f}`] ?? {}).some((o) => o.startsWith('@tarojs/router'));
  const pageChunks = fs
    .readdirSync(path.join(dir, 'js'))
    .filter((f) => /^\d+\.[0-9a-f]+\.js$/.test(f) && !isTaros(f))
    .map((f) => ({ f, size: fs.statSync(path.join(dir, 'js', f)).size }))
    .sort((a, b) => b.size - a.size);
  const biggest = pageChunks[0];
  if (!fs.existsSync(sizesFile)) {
    console.log('  （没有本次构建的模块统计，页面分块未检查：先运行 npm run build:h5）');
  } else if (biggest) {
    const chunkOk = biggest.size <= H5_PAGE_CHUNK_LIMIT;
    console.log(
      `  最大的页面分块 largest page chunk ${biggest.f} ${kb(biggest.size)}  (限额 ${kb(H5_PAGE_CHUNK_LIMIT)}) ${chunkOk ? 'OK' : '超出'}`,
    );
    if (!chunkOk) failed = true;
  }
  whereTheBytesGo('h5');
  const timing = await firstScreenTiming(dir);
  if (timing) {
    const load = os.loadavg()[0].toFixed(1);
    const verdict = (ms, budget) => (ms <= budget ? 'OK' : '超出目标');
    console.log(
      `  首屏可用（${SLOWDOWN}× CPU 降速，${timing.runs.length} 次中位数，负载 ${load}）${timing.home.toFixed(0)} ms  (目标 ${HOME_BUDGET_MS} ms) ${verdict(timing.home, HOME_BUDGET_MS)}`,
    );
    console.log(
      `  向导切换一步（${SLOWDOWN}× CPU 降速）           ${timing.step.toFixed(0)} ms  (目标 ${STEP_BUDGET_MS} ms) ${verdict(timing.step, STEP_BUDGET_MS)}`,
    );
    // Wall times on a shared 2-core machine vary with its load (the home 1.4-2.3 s at load 15-20): they are
    // reported. The main-thread CPU time does not, and at the slowdown it alone must fit in the target.
    for (const [what, ms, budget] of [
      ['首屏主线程 CPU', timing.homeCpu, HOME_BUDGET_MS / SLOWDOWN],
      ['切换一步主线程 CPU', timing.stepCpu, STEP_BUDGET_MS / SLOWDOWN],
    ]) {
      const cpuOk = ms <= budget;
      console.log(
        `  ${what}（未降速，${timing.cpuRuns.length} 次中位数）${ms.toFixed(1)} ms  (限额 ${budget.toFixed(1)} ms = 目标 ÷ ${SLOWDOWN}) ${cpuOk ? 'OK' : '超出'}`,
      );
      if (!cpuOk) failed = true;
    }
  } else if (process.env.CI) {
    console.log('  （没有 Chromium：首屏计时未运行）');
    failed = true;
  }
  if (!ok) failed = true;
  return true;
}

(async () => {
  const found = [reportMini('weapp'), reportMini('alipay'), await reportH5()];
  if (found.every((f) => !f)) failed = true;
  if (process.argv.includes('--require-all') && found.some((f) => !f)) failed = true;
  process.exit(failed ? 1 : 0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});

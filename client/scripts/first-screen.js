// The first screen and a wizard step switch of the H5 build, timed in headless Chromium with the API stubbed
// so only the client is measured. Two measures, each the median of several runs:
// - wall time at 4× CPU slowdown (a mid-range phone), against the targets: home usable ≤ 1.5 s, wizard step
//   switch ≤ 150 ms. On this shared 2-core machine it moves with the load (home 1.4-2.3 s over runs at load
//   15-20), so it is reported, never a reason to fail a build;
// - the page's main-thread CPU time (Chromium's ThreadTime, unthrottled, DevTools' own commands taken out),
//   which hardly moves with the load (113-117 ms for the home at load 18 while its wall time went 377-1067 ms).
//   At 4× slowdown that work alone takes four times as long, so it must stay within a quarter of each target:
//   `npm run size` fails when it does not — the part of each target a busy machine cannot blur.
/* global document, location, requestAnimationFrame -- the functions passed to page.evaluate run in the page */
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const HOME_BUDGET_MS = 1500;
const STEP_BUDGET_MS = 150;
const SLOWDOWN = 4;
const RUNS = 5;
const CPU_RUNS = 3;
const DRAFT = {
  id: 'd1',
  version: 1,
  status: 'open',
  application: { matters: [], employees: [], unit: {} },
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

function serve(dir) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\//, '') || 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const metricsOf = async (cdp) =>
  Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
/** Main-thread CPU milliseconds between two metric samples, DevTools' own commands left out. */
const cpuMs = (from, to) =>
  (to.ThreadTime - from.ThreadTime - (to.DevToolsCommandDuration - from.DevToolsCommandDuration)) * 1000;

/** One cold open of the home, then a step switch: wall times at `rate` and main-thread CPU times. */
async function timeOnce(browser, base, rate) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.route('**/api/**', (route) => {
    const url = route.request().url();
    const body = /\/drafts\/d1(\?|$)/.test(url) ? DRAFT : { items: [], total: 0, unread: 0 };
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  // Counted from here; the site's renderer reports what it ran since it started on this page.
  await cdp.send('Performance.enable');
  await page.goto(base);
  // Usable: the home's lists have loaded and 新建申请 is there to tap.
  await page.waitForFunction(
    () =>
      !!document.querySelector('[data-testid="new-application"]') &&
      !document.body.innerText.includes('正在加载'),
    null,
    { timeout: 30000 },
  );
  const home = await page.evaluate(() => performance.now());
  const opened = await metricsOf(cdp);
  await page.evaluate(() => (location.hash = '#/wizard/unit/index?id=d1'));
  await page.waitForSelector('[data-testid="unit-uscc"]', { timeout: 30000 });
  const before = await metricsOf(cdp);
  const step = await page.evaluate(async () => {
    const started = performance.now();
    location.hash = '#/wizard/matters/index?id=d1';
    await new Promise((resolve) => {
      const check = () =>
        document.querySelector('[data-testid="matter-1"]') ? resolve() : requestAnimationFrame(check);
      check();
    });
    return performance.now() - started;
  });
  const after = await metricsOf(cdp);
  await context.close();
  return {
    home,
    step,
    homeCpu: cpuMs({ ThreadTime: 0, DevToolsCommandDuration: 0 }, opened),
    stepCpu: cpuMs(before, after),
  };
}

/**
 * Serves the H5 build in `dir` and runs `use(browser, base)` in headless Chromium; null when playwright-core,
 * Chromium or the build is missing (the caller then reports the measure as not taken).
 */
async function withH5Browser(dir, use) {
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    return null;
  }
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath) || !fs.existsSync(path.join(dir, 'index.html'))) return null;
  const server = await serve(dir);
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    return await use(browser, `http://127.0.0.1:${server.address().port}/`);
  } finally {
    await browser.close();
    server.close();
  }
}

function firstScreenTiming(dir) {
  return withH5Browser(dir, async (browser, base) => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timeOnce(browser, base, SLOWDOWN));
    // CPU time unthrottled: Chromium's throttling itself shows up in the thread's time.
    const cpuRuns = [];
    for (let i = 0; i < CPU_RUNS; i++) cpuRuns.push(await timeOnce(browser, base, 1));
    return {
      home: median(runs.map((r) => r.home)),
      step: median(runs.map((r) => r.step)),
      homeCpu: median(cpuRuns.map((r) => r.homeCpu)),
      stepCpu: median(cpuRuns.map((r) => r.stepCpu)),
      runs,
      cpuRuns,
    };
  });
}

module.exports = { firstScreenTiming, withH5Browser, HOME_BUDGET_MS, STEP_BUDGET_MS, SLOWDOWN };

if (require.main === module) {
  firstScreenTiming(path.join(__dirname, '..', 'dist', 'h5')).then((t) => console.log(JSON.stringify(t)));
}

#!/usr/bin/env node
'use strict';
// `npm start`: the whole product on embedded defaults — database, stand-ins, bff, the H5 client and the
// staff console.
// Each part is health-checked before the next starts; Ctrl-C stops them all in reverse order.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { startEmbeddedMongo } = require('../tools/embedded-mongo');
const { startProcess, waitForHttp } = require('./lib/processes');

const root = path.resolve(__dirname, '..');
const stops = [];
const urls = {};

function build() {
  if (process.argv.includes('--no-build')) return;
  console.log('[start] building packages…');
  const result = spawnSync(
    'npm',
    ['run', 'build', '-w', 'shared', '-w', 'mock', '-w', 'bff', '-w', 'console', '--if-present'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('build failed');
}

async function startDatabase() {
  if (process.env.MONGODB_URI) {
    urls.database = process.env.MONGODB_URI.replace(/\/\/[^@/]*@/, '//***@');
    return process.env.MONGODB_URI;
  }
  const dataFile = path.join(root, '.data', 'mongo', 'hiring.mv');
  const db = await startEmbeddedMongo({ dataFile, port: Number(process.env.DB_PORT || 27018) });
  stops.push(db.stop);
  urls.database = `${db.uri} (embedded, data in ${path.relative(root, dataFile)})`;
  return `${db.uri}/hiring`;
}

async function startMocks() {
  const cli = path.join(root, 'mock', 'dist', 'cli.js');
  if (!fs.existsSync(cli)) return {};
  let ready;
  const readyLine = new Promise((resolve) => (ready = resolve));
  const bff = `http://127.0.0.1:${process.env.BFF_PORT || '3000'}/api/v1/agency-callbacks`;
  const proc = startProcess('mock', process.execPath, [cli], {
    env: {
      // Agencies report results to the bff (callbacks wait in a queue until it is up).
      MOCK_CALLBACK_URL_HRSS: `${bff}/hrss`,
      MOCK_CALLBACK_URL_MEDICAL_SECURITY: `${bff}/medicalSecurity`,
      MOCK_CALLBACK_URL_HOUSING_FUND: `${bff}/housingFund`,
      ...(process.env.AGENCY_CALLBACK_SECRET
        ? { MOCK_CALLBACK_SECRET: process.env.AGENCY_CALLBACK_SECRET }
        : {}),
    },
    onLine: (line) => {
      if (line.startsWith('{') && line.includes('"ready"')) ready(JSON.parse(line));
    },
  });
  stops.push(proc.stop);
  const info = await Promise.race([
    readyLine,
    proc.exited.then(({ code }) => Promise.reject(new Error(`mock servers exited (${code})`))),
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('mock servers not ready after 60 s')), 60000),
    ),
  ]);
  for (const [name, url] of Object.entries(info.urls)) {
    await waitForHttp(`${url}/healthz`);
    urls[`mock ${name}`] = url;
  }
  return info.urls;
}

async function startBff(mongodbUri, mockUrls) {
  const entry = path.join(root, 'bff', 'dist', 'index.js');
  if (!fs.existsSync(entry)) return;
  const port = process.env.BFF_PORT || '3000';
  const env = {
    MONGODB_URI: mongodbUri,
    PORT: port,
    DEV_LOGIN: process.env.DEV_LOGIN ?? (mockUrls.wechat ? 'true' : 'false'),
  };
  for (const [name, url] of Object.entries(mockUrls)) {
    const key = `${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_URL`;
    if (!process.env[key]) env[key] = url;
  }
  // The staff login's identity provider is found by its issuer URL (OIDC discovery); after the login the
  // bff sends the browser back to the console, whose server forwards /api here.
  if (mockUrls.staffIdp && !process.env.STAFF_OIDC_ISSUER) env.STAFF_OIDC_ISSUER = mockUrls.staffIdp;
  if (!process.env.STAFF_CONSOLE_URL)
    env.STAFF_CONSOLE_URL = `http://127.0.0.1:${process.env.CONSOLE_PORT || '10088'}`;
  const { BFF_PROCESS_ENV } = require('../bff/dist/processEnv.js');
  for (const [key, value] of Object.entries(BFF_PROCESS_ENV))
    if (process.env[key] === undefined) env[key] = value;
  const proc = startProcess('bff', process.execPath, [entry], { env });
  stops.push(proc.stop);
  const base = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitForHttp(`${base}/readyz`),
    proc.exited.then(({ code }) => Promise.reject(new Error(`bff exited (${code})`))),
  ]);
  urls.bff = `${base}/api/v1 (ready: ${base}/readyz)`;
}

async function startClient() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'client', 'package.json'), 'utf8'));
  const script =
    pkg.scripts && (pkg.scripts['serve:h5'] || pkg.scripts['dev:h5'])
      ? pkg.scripts['serve:h5']
        ? 'serve:h5'
        : 'dev:h5'
      : null;
  if (!script) return;
  const port = process.env.CLIENT_PORT || '10086';
  const proc = startProcess('client', 'npm', ['run', script, '-w', 'client'], {
    env: { PORT: port },
    cwd: root,
  });
  stops.push(proc.stop);
  const url = `http://127.0.0.1:${port}/`;
  await Promise.race([
    waitForHttp(url, { timeoutMs: 300000 }),
    proc.exited.then(({ code }) => Promise.reject(new Error(`client exited (${code})`))),
  ]);
  urls['H5 client'] = url;
}

async function startConsole() {
  const serve = path.join(root, 'console', 'scripts', 'serve.js');
  if (!fs.existsSync(serve)) return;
  if (!fs.existsSync(path.join(root, 'console', 'dist', 'index.html'))) {
    const built = spawnSync(process.execPath, [path.join(root, 'console', 'scripts', 'build.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('console build failed');
  }
  const port = process.env.CONSOLE_PORT || '10088';
  const proc = startProcess('console', process.execPath, [serve], {
    env: { PORT: port, BFF_URL: `http://127.0.0.1:${process.env.BFF_PORT || '3000'}` },
  });
  stops.push(proc.stop);
  const url = `http://127.0.0.1:${port}/`;
  await Promise.race([
    waitForHttp(url),
    proc.exited.then(({ code }) => Promise.reject(new Error(`console exited (${code})`))),
  ]);
  urls['staff console'] = url;
}

let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping…');
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  console.log('[start] all stopped.');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  build();
  const mongodbUri = await startDatabase();
  const mockUrls = await startMocks();
  await startBff(mongodbUri, mockUrls);
  await startClient();
  await startConsole();
  console.log('\n[start] everything is up:');
  for (const [name, url] of Object.entries(urls)) console.log(`  ${name.padEnd(22)} ${url}`);
  console.log('Press Ctrl-C to stop.\n');
}

main().catch(async (error) => {
  console.error(`[start] ${error.message}`);
  await stopAll(1);
});

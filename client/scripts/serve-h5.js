#!/usr/bin/env node
// Serves the H5 build (dist/h5) and forwards /api to the bff, so the browser sees one origin.
//   PORT (default 10086), BFF_URL (default http://127.0.0.1:3000), H5_DIST (default ../dist/h5)
const fs = require('node:fs');
const path = require('node:path');
const { createSiteServer } = require('../../scripts/lib/staticSite');

const PORT = Number(process.env.PORT ?? 10086);
const HOST = process.env.HOST ?? '127.0.0.1';
const BFF = new URL(process.env.BFF_URL ?? 'http://127.0.0.1:3000');
const ROOT = path.resolve(process.env.H5_DIST ?? path.join(__dirname, '..', 'dist', 'h5'));

// `npm start` runs this on a fresh checkout: build once if there is nothing to serve yet.
if (!fs.existsSync(path.join(ROOT, 'index.html')) && !process.env.H5_DIST) {
  console.log('H5: 未找到构建产物，正在构建（约 1 分钟）…');
  const { spawnSync } = require('node:child_process');
  const built = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: path.join(__dirname, '..'),
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = createSiteServer({
  root: ROOT,
  bffUrl: BFF.href,
  missing: '未找到 H5 构建产物，请先运行 npm run build:h5',
});

server.listen(PORT, HOST, () => {
  console.log(`H5: http://${HOST}:${PORT}/  (/api → ${BFF.origin})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));

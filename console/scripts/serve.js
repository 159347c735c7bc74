#!/usr/bin/env node
// Serves the console build (console/dist) and forwards /api to the bff: one origin, so the staff session
// cookie the bff sets after the identity provider's login reaches every API call.
//   PORT (default 10088), HOST (127.0.0.1), BFF_URL (default http://127.0.0.1:3000), CONSOLE_DIST (../dist)
const path = require('node:path');
const { createSiteServer } = require('../../scripts/lib/staticSite');

const PORT = Number(process.env.PORT ?? 10088);
const HOST = process.env.HOST ?? '127.0.0.1';
const BFF = new URL(process.env.BFF_URL ?? 'http://127.0.0.1:3000');
const ROOT = path.resolve(process.env.CONSOLE_DIST ?? path.join(__dirname, '..', 'dist'));

const server = createSiteServer({
  root: ROOT,
  bffUrl: BFF.href,
  missing: '未找到控制台构建产物，请先运行 npm run build -w console',
});
server.listen(PORT, HOST, () => console.log(`console: http://${HOST}:${PORT}/  (/api → ${BFF.origin})`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));

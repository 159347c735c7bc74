#!/usr/bin/env node
// Serves the H5 build (dist/h5) and forwards /api to the bff, so the browser sees one origin.
//   PORT (default 10086), BFF_URL (default http://127.0.0.1:3000), H5_DIST (default ../dist/h5)
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const PORT = Number(process.env.PORT ?? 10086);
const HOST = process.env.HOST ?? '127.0.0.1';
const BFF = new URL(process.env.BFF_URL ?? 'http://127.0.0.1:3000');
const ROOT = path.resolve(process.env.H5_DIST ?? path.join(__dirname, '..', 'dist', 'h5'));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function proxy(req, res) {
  const upstream = http.request(
    {
      hostname: BFF.hostname,
      port: BFF.port || 80,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, host: BFF.host },
    },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'BFF_UNREACHABLE', message: '无法连接服务，请稍后再试' } }));
  });
  req.pipe(upstream);
}

function serveStatic(req, res) {
  const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(ROOT, pathname);
  if (!file.startsWith(ROOT)) {
    res.writeHead(403).end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(ROOT, 'index.html');
  if (!fs.existsSync(file)) {
    res
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      .end('未找到 H5 构建产物，请先运行 npm run build:h5');
    return;
  }
  const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(file);
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const headers = {
    'content-type': type,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  const encoding = COMPRESSIBLE.test(type) ? preferredEncoding(req.headers['accept-encoding']) : null;
  if (!encoding) {
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
    return;
  }
  const body = compressed(file, encoding);
  res.writeHead(200, {
    ...headers,
    'content-encoding': encoding,
    vary: 'Accept-Encoding',
    'content-length': body.length,
  });
  res.end(body);
}

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

function preferredEncoding(accept = '') {
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

// Each file is compressed once per encoding (and again only when the build rewrites it).
const compressedCache = new Map();
function compressed(file, encoding) {
  const key = `${encoding}:${file}`;
  const mtime = fs.statSync(file).mtimeMs;
  const hit = compressedCache.get(key);
  if (hit && hit.mtime === mtime) return hit.body;
  const raw = fs.readFileSync(file);
  const body =
    encoding === 'br'
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })
      : zlib.gzipSync(raw, { level: 9 });
  compressedCache.set(key, { mtime, body });
  return body;
}

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

const server = http.createServer((req, res) => {
  if (req.url.startsWith('/api/')) proxy(req, res);
  else serveStatic(req, res);
});

server.listen(PORT, HOST, () => {
  console.log(`H5: http://${HOST}:${PORT}/  (/api → ${BFF.origin})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));

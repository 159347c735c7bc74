'use strict';
// A built single-page site (the H5 client, the staff console) served with /api forwarded to the bff, so the
// browser sees one origin (the bff's cookies and redirects pass through unchanged). Unknown paths get
// index.html (the page's router takes over); hashed assets are cached for a year, the rest revalidated.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

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
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;
// Taro's hex hashes and esbuild's base32 ones.
const HASHED = /[.-]([0-9a-f]{8}|[0-9A-Z]{8})\.(js|css)$/;

function preferredEncoding(accept = '') {
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

/**
 * An http.Server (not yet listening) for the site in `root`; /api goes to `bffUrl`. `missing` is the
 * Chinese text shown when there is no build.
 */
function createSiteServer({ root, bffUrl, missing }) {
  const ROOT = path.resolve(root);
  const BFF = new URL(bffUrl);
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

  function proxy(req, res) {
    const upstream = http.request(
      {
        hostname: BFF.hostname,
        port: BFF.port || 80,
        path: req.url,
        method: req.method,
        // The browser's Host stays: the bff builds the login's callback and return addresses on this site.
        headers: req.headers,
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
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(ROOT, pathname);
    if (file !== ROOT && !file.startsWith(ROOT + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(ROOT, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(missing);
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const headers = {
      'content-type': type,
      'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
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

  return http.createServer((req, res) => {
    if (req.url.startsWith('/api/')) proxy(req, res);
    else serveStatic(req, res);
  });
}

module.exports = { createSiteServer };

'use strict';
// Builds (once) and starts the embedded MongoDB-compatible server used when MONGODB_URI is not set.
// Plain CommonJS so that the setup script, `npm start` and Jest global setups can all load it without a TS loader.
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const projectDir = __dirname;
const jarPath = path.join(projectDir, 'target', 'embedded-mongo.jar');
const hashPath = path.join(projectDir, 'target', '.source-hash');

function sourceHash() {
  const hash = crypto.createHash('sha256');
  const files = ['pom.xml'];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(projectDir, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files.push(rel);
    }
  };
  walk('src');
  for (const file of files.sort()) {
    hash.update(file);
    hash.update(fs.readFileSync(path.join(projectDir, file)));
  }
  return hash.digest('hex');
}

function isBuilt() {
  return (
    fs.existsSync(jarPath) && fs.existsSync(hashPath) && fs.readFileSync(hashPath, 'utf8') === sourceHash()
  );
}

/** Builds the server jar with Maven unless an up-to-date one exists. Returns true when it built. */
function ensureBuilt({ log = console.log } = {}) {
  if (isBuilt()) return false;
  for (const tool of ['java', 'mvn']) {
    const probe = spawnSync(tool, ['-version'], { stdio: 'ignore' });
    if (probe.error) {
      throw new Error(
        `内置数据库需要 ${tool}（Java 17+ 与 Maven），但未找到；请安装后重试，或设置 MONGODB_URI 使用现有 MongoDB。`,
      );
    }
  }
  log('[embedded-mongo] building the embedded MongoDB-compatible server (first run only)…');
  const started = Date.now();
  const result = spawnSync('mvn', ['-q', '-B', 'package', '-DskipTests'], {
    cwd: projectDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('[embedded-mongo] Maven build failed; see the output above.');
  fs.writeFileSync(hashPath, sourceHash());
  log(`[embedded-mongo] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/**
 * Starts a server. `dataFile` set: persistent H2 file; unset: in memory (tests).
 * Resolves to { uri, port, pid, stop } once the server prints its READY line.
 */
function startEmbeddedMongo({ dataFile, port = 0, host = '127.0.0.1', timeoutMs = 60000 } = {}) {
  ensureBuilt();
  const args = ['-Xss4m', '-XX:+UseSerialGC', '-jar', jarPath, '--host', host, '--port', String(port)];
  if (dataFile) args.push('--data', dataFile);
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`[embedded-mongo] not ready after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`[embedded-mongo] exited with code ${code} before it was ready\n${stderr}`));
    });
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^READY (mongodb:\/\/\S+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const exited = new Promise((done) => child.once('exit', done));
      resolve({
        uri: match[1],
        port: Number(new URL(match[1]).port),
        pid: child.pid,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const forced = setTimeout(() => child.kill('SIGKILL'), 10000);
            await exited;
            clearTimeout(forced);
          }
        },
      });
    });
  });
}

module.exports = { ensureBuilt, startEmbeddedMongo, jarPath };

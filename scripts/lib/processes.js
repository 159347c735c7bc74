'use strict';
// Child processes for `npm start` and the test harness: prefixed output, readiness checks, clean stops.
const { spawn } = require('node:child_process');
const http = require('node:http');
const readline = require('node:readline');

/** GETs `url` until it answers 200 or `timeoutMs` passes. */
async function waitForHttp(url, { timeoutMs = 60000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    const status = await new Promise((resolve) => {
      const req = http.get(url, { timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => {
        lastError = error.message;
        resolve(0);
      });
    });
    if (status === 200) return;
    if (status) lastError = `HTTP ${status}`;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms (${lastError})`);
}

/**
 * Starts `command args` with output prefixed by `[name]`. `onLine` sees each stdout line (e.g. to read a
 * "ready" line). Returns { child, stop }.
 */
function startProcess(name, command, args, { env = {}, cwd, onLine, quiet = false } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so a stop also ends its children (e.g. a dev server's workers)
  });
  const prefix = `[${name}]`;
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      if (stream === child.stdout && onLine) onLine(line);
      if (!quiet) out.write(`${prefix} ${line}\n`);
    });
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 8000);
    await exited;
    clearTimeout(timer);
  };
  return { child, stop, exited };
}

module.exports = { waitForHttp, startProcess };

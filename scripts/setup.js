#!/usr/bin/env node
'use strict';
// Runs after `npm install`: prepares what the project needs beyond npm packages.
// Idempotent and quick on later runs (the embedded server is rebuilt only when its sources change).
const { ensureBuilt } = require('../tools/embedded-mongo');

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

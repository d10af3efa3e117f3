// Preloaded into the Prisma CLI when it migrates PostgreSQL (NODE_OPTIONS=--require): Prisma 6.19's
// wasm schema engine arms a 10 s setTimeout it never clears, so `migrate deploy` and `migrate diff`
// kept the process alive 10 s after their work. That one timer is unref'd: it no longer holds the
// process open, and fires as before if the process is still running for another reason.
"use strict";
const original = global.setTimeout;
global.setTimeout = function setTimeout(callback, ms, ...args) {
  const timer = original(callback, ms, ...args);
  if (ms === 10000 && typeof timer?.unref === "function" && /[\\/]prisma[\\/]build[\\/]/.test(new Error().stack ?? "")) timer.unref();
  return timer;
};

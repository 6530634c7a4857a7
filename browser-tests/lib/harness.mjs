// What every flow file shares: one server and one browser for the file,
// started before its tests and stopped after them, so files are independent.

import { after, before } from 'node:test';

import { launchBrowser, newPage } from './browser.mjs';
import { startServer } from './server.mjs';

/** Time for the server to seed its demo and for Chromium to start. */
const SETUP_TIMEOUT_MS = 180_000;
const TEARDOWN_TIMEOUT_MS = 60_000;

/**
 * Registers `before` and `after` hooks that start a server and a browser for
 * the calling file. Returns an object whose `server` and `browser` are set
 * once the hooks have run, and whose `page()` opens a new phone page (in a
 * new context, so with no cookies) on that server.
 */
export function useServerAndBrowser() {
  const env = {
    server: null,
    browser: null,
    async page(options = {}) {
      return newPage(env.browser, { baseURL: env.server.base, ...options });
    },
  };
  before(
    async () => {
      env.server = await startServer();
      env.browser = await launchBrowser();
    },
    { timeout: SETUP_TIMEOUT_MS },
  );
  after(
    async () => {
      await env.browser?.close();
      await env.server?.stop();
    },
    { timeout: TEARDOWN_TIMEOUT_MS },
  );
  return env;
}

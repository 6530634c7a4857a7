// Debian's Chromium, driven through playwright-core. Playwright's own browser
// downloads are never used: `CHROMIUM` names the executable, and
// /usr/bin/chromium (Debian's `chromium` package) is the default.

import { chromium } from 'playwright-core';

/** The phone the pages are designed for first. */
export const PHONE_VIEWPORT = { width: 360, height: 780 };

/** How long an action or an expectation waits by default. */
export const ACTION_TIMEOUT_MS = 15_000;
/** How long a navigation waits by default. */
export const NAVIGATION_TIMEOUT_MS = 30_000;

/** Launches a headless Chromium; close it with `browser.close()`. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 60_000,
  });
}

/**
 * A fresh context (its own cookies) as a Vietnamese user on a phone: a
 * 360 × 780 viewport and `Accept-Language: vi-VN`. `options` are passed to
 * `browser.newContext` and win over these defaults.
 */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({
    viewport: PHONE_VIEWPORT,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...options,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  return context;
}

/** A new page in a new phone context; closing the context closes the page. */
export async function newPage(browser, options = {}) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  return { context, page };
}

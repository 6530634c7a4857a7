// Small, bounded helpers for driving pages like a user.

import assert from 'node:assert/strict';

import { NAVIGATION_TIMEOUT_MS } from './browser.mjs';

/**
 * Runs `action` (a click that loads a new document: a link, or a form's
 * submit button) and waits until the new document has loaded. Works when the
 * new document has the same URL as the old one, and across redirects.
 */
export async function navigating(page, action) {
  const committed = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
    timeout: NAVIGATION_TIMEOUT_MS,
  });
  await action();
  await committed;
  await page.waitForLoadState('load', { timeout: NAVIGATION_TIMEOUT_MS });
}

/** Waits for the first of `locator`'s elements and returns how many there are. */
export async function countOf(locator) {
  await locator.first().waitFor();
  return locator.count();
}

/** The text of `locator` with runs of white space made one space, trimmed. */
export async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** The number in a status line such as "35 thủ tục phù hợp". */
export async function leadingNumber(locator) {
  const text = await textOf(locator);
  const match = text.match(/^\D*?(\d+)/);
  assert.ok(match, `no number in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/** The query parameters of the page's URL. */
export function queryOf(page) {
  return new URL(page.url()).searchParams;
}

/** The path of the page's URL. */
export function pathOf(page) {
  return new URL(page.url()).pathname;
}

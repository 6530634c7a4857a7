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

/** How far above its field a field's error may end, in CSS pixels. */
const ERROR_GAP_PX = 48;

/**
 * Checks that the form field `name` in the main content is marked invalid and
 * described by an error shown just above it, and returns the error's text.
 */
export async function fieldError(page, name) {
  const field = page.locator(`main form [name="${name}"]`);
  assert.equal(await field.getAttribute('aria-invalid'), 'true', `${name} is marked aria-invalid`);
  const describedBy = await field.getAttribute('aria-describedby');
  assert.ok(describedBy, `${name} has aria-describedby`);
  // A field may be described by a hint as well; the error is the last id.
  const ids = describedBy.split(/\s+/).filter(Boolean);
  const error = page.locator(`[id="${ids[ids.length - 1]}"]`);
  await error.waitFor();
  const message = await textOf(error);
  assert.ok(message.length > 0, `the error of ${name} says something`);
  const errorBox = await error.boundingBox();
  const fieldBox = await field.boundingBox();
  assert.ok(errorBox && fieldBox, `the error of ${name} and the field are on screen`);
  const gap = fieldBox.y - (errorBox.y + errorBox.height);
  assert.ok(gap >= 0 && gap < ERROR_GAP_PX, `the error of ${name} is just above the field (gap ${gap} px)`);
  return message;
}

/** Whether the element of `locator` has the keyboard focus. */
export async function isFocused(locator) {
  return locator.evaluate((element) => element === document.activeElement);
}

/**
 * A small, well-formed PDF named `name`, as `setInputFiles` takes it: what a
 * citizen scans on a phone, stood in for by one empty page.
 */
export function pdfFile(name = 'giay-to.pdf') {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  }
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body, 'latin1') };
}

/**
 * The terms and descriptions of a description list (`<dl>`) as an object:
 * each `<dt>`'s text to the text of the `<dd>` after it.
 */
export async function definitions(list) {
  return list.evaluate((dl) => {
    const flat = (element) => element.innerText.replace(/\s+/g, ' ').trim();
    const pairs = {};
    let term = null;
    for (const child of dl.children) {
      if (child.tagName === 'DT') {
        term = flat(child);
      } else if (child.tagName === 'DD' && term !== null) {
        pairs[term] = term in pairs ? `${pairs[term]} ${flat(child)}` : flat(child);
      }
    }
    return pairs;
  });
}

// Checks every page must pass, in each of the three languages: the document's
// language and direction, every text formatted (the server logs a message it
// could not format before falling back to Vietnamese), no sideways scrolling
// on a phone, and no accessibility violation. A full-page screenshot of each is
// kept for people to look at.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { formatViolations, runAxe } from './axe.mjs';
import { currentServer } from './server.mjs';

/** The languages of the pages, chosen with `?lang=`. */
export const LANGUAGES = ['vi', 'en', 'ar'];

/** What the server logs when a page's text could not be formatted in a language. */
export const UNFORMATTED_TEXT = 'could not be formatted';

/** Where screenshots go: `MOTCUA_SCREENSHOTS`, else browser-tests/screenshots/. */
export function screenshotDir() {
  const chosen = process.env.MOTCUA_SCREENSHOTS;
  const dir = chosen
    ? isAbsolute(chosen)
      ? chosen
      : resolve(process.cwd(), chosen)
    : fileURLToPath(new URL('../screenshots/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A file-name-safe form of a label: `Procedure (ar)` → `procedure-ar`. */
function slug(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * `path` with `lang=LANG` in its query instead of any `lang` it had (the
 * server reads the first one); any fragment is dropped.
 */
export function withLanguage(path, lang) {
  const url = new URL(path, 'http://127.0.0.1');
  url.searchParams.delete('lang');
  url.searchParams.append('lang', lang);
  return `${url.pathname}${url.search}`;
}

/** The direction a language is written in. */
function direction(lang) {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/**
 * Inspects the page as it is now, as a page in `lang`, and returns a list of
 * problems (empty when it is sound). Saves a full-page screenshot named after
 * `label` and `lang` first, so there is one to look at when it is not.
 */
export async function inspectPage(page, { label, lang }) {
  const problems = [];
  const file = join(screenshotDir(), `${slug(label)}-${lang}.png`);
  await page.screenshot({ path: file, fullPage: true });

  const facts = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const describe = (element) => {
      const id = element.id ? `#${element.id}` : '';
      const classes = [...element.classList].map((c) => `.${c}`).join('');
      const html = element.outerHTML.replace(/\s+/g, ' ');
      return `${element.tagName.toLowerCase()}${id}${classes}: ${html.slice(0, 160)}${html.length > 160 ? '…' : ''}`;
    };
    const overflowing = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
        overflowing.push(`${describe(element)} (from ${Math.round(box.left)} to ${Math.round(box.right)} px)`);
        if (overflowing.length >= 5) {
          break;
        }
      }
    }
    return {
      lang: root.getAttribute('lang'),
      dir: root.getAttribute('dir'),
      title: document.title,
      scrollWidth: root.scrollWidth,
      overflowing,
    };
  });

  if (facts.lang !== lang) {
    problems.push(`html[lang] is ${JSON.stringify(facts.lang)}, expected "${lang}"`);
  }
  if (facts.dir !== direction(lang)) {
    problems.push(`html[dir] is ${JSON.stringify(facts.dir)}, expected "${direction(lang)}"`);
  }
  const unformatted = (currentServer()?.output() ?? '').split('\n').filter((line) => line.includes(UNFORMATTED_TEXT));
  if (unformatted.length > 0) {
    problems.push(`the server could not format a text:\n    ${unformatted.slice(0, 5).join('\n    ')}`);
  }
  const width = page.viewportSize()?.width ?? 360;
  if (facts.scrollWidth > width + 1) {
    const where =
      facts.overflowing.length > 0 ? `; wider than the screen:\n    ${facts.overflowing.join('\n    ')}` : '';
    problems.push(`the page scrolls sideways: scrollWidth ${facts.scrollWidth} px on a ${width} px screen${where}`);
  }
  const violations = await runAxe(page);
  if (violations.length > 0) {
    problems.push(`${violations.length} accessibility rule(s) violated:\n${formatViolations(violations)}`);
  }
  return problems;
}

/** Fails, listing every problem [`inspectPage`] finds, for the page as it is now. */
export async function expectSoundPage(page, { label, lang }) {
  const problems = await inspectPage(page, { label, lang });
  if (problems.length > 0) {
    assert.fail(`${label} [${lang}], ${page.url()}:\n- ${problems.join('\n- ')}`);
  }
}

/**
 * Visits `path` in each language (by `?lang=`) and checks it with
 * [`expectSoundPage`], each language as a subtest of `t`: a failing language
 * is reported, and the flow goes on. The answer must have HTTP status
 * `status` (200 unless told). The language `end` (Vietnamese unless told) is
 * visited last, so the page is left on `path` in that language, which the
 * server remembers in its language cookie.
 */
export async function checkInLanguages(t, page, path, label, { end = 'vi', status = 200 } = {}) {
  const order = [...LANGUAGES.filter((lang) => lang !== end), end];
  for (const lang of order) {
    await t.test(`${label} [${lang}]`, async () => {
      const target = withLanguage(path, lang);
      const response = await page.goto(target);
      assert.ok(response, `no response for ${target}`);
      assert.equal(response.status(), status, `${label} [${lang}]: GET ${target}`);
      await expectSoundPage(page, { label, lang });
    });
  }
}

/** The path and query of the page's URL, e.g. `/thu-tuc?q=a&page=1`. */
export function currentPath(page) {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

// What the browser is told to refuse, seen from the browser: a sign-in link
// whose `next` tries to lead to another site leaves the person on this one,
// and the main pages, styled by the served stylesheet alone, break no rule of
// their Content-Security-Policy.

import assert from 'node:assert/strict';
import test from 'node:test';

import { navigating, pathOf } from '../lib/actions.mjs';
import { DEMO_CITIZEN } from '../lib/api.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { expectSoundPage } from '../lib/pages.mjs';
import { signInAsCitizen, signInAsOfficer } from '../lib/people.mjs';

const env = useServerAndBrowser();

/** Each flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };

/** `next` values that, followed as they are, would lead a browser off the site. */
const HOSTILE_NEXT = ['/\t/evil.example', '//evil.example', '/\\evil.example', '/%2F/evil.example', 'https://evil.example'];

/**
 * Collects what the browser reports about the page's security policy: the
 * console's "Refused to …" messages and any failed request for a resource.
 */
function watchPolicy(page) {
  const reports = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) {
      reports.push(`${page.url()}: ${text}`);
    }
  });
  page.on('requestfailed', (request) => reports.push(`${request.url()} failed: ${request.failure()?.errorText}`));
  return reports;
}

test('a sign-in link with a hostile next keeps the citizen on the site', FLOW, async () => {
  const { context, page } = await env.page();
  try {
    const site = new URL(env.server.base).origin;
    for (const next of HOSTILE_NEXT) {
      await context.clearCookies();
      await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
      await signInAsCitizen(page, DEMO_CITIZEN);
      assert.equal(new URL(page.url()).origin, site, `${JSON.stringify(next)} stays on the site`);
      assert.equal(pathOf(page), '/ho-so-cua-toi', `${JSON.stringify(next)} leads to the citizen's dossiers`);
    }
  } finally {
    await context.close();
  }
});

test('the main pages are styled by the stylesheet and break no policy rule', FLOW, async () => {
  const { context, page } = await env.page();
  const reports = watchPolicy(page);
  try {
    const publicPages = ['/', '/thu-tuc?q=ho%20tich', '/thu-tuc/1.004194?tinh=01&xa=00004', '/tra-cuu', '/chi-so'];
    for (const path of [...publicPages, '/dang-nhap']) {
      await page.goto(path);
    }
    const missing = await page.goto('/trang-khong-co');
    assert.equal(missing.status(), 404);
    const margin = await page.locator('body').evaluate((e) => getComputedStyle(e).marginTop);
    assert.notEqual(margin, '0px', 'the error page is laid out by the stylesheet too');
    await page.goto('/');
    const background = await page.locator('body > header').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(background, 'rgb(139, 26, 26)', 'the served stylesheet applies');
    await expectSoundPage(page, { label: 'home', lang: 'vi' });

    await page.goto('/dang-nhap');
    await signInAsCitizen(page, DEMO_CITIZEN);
    await expectSoundPage(page, { label: 'my dossiers', lang: 'vi' });
    await navigating(page, () => page.getByRole('button', { name: 'Đăng xuất' }).click());
    assert.equal(pathOf(page), '/', 'signed out with the form');

    await signInAsOfficer(page, 'hn.buudien');
    const menu = page.getByRole('navigation', { name: 'Dịch vụ công một cửa' });
    assert.equal(await menu.getByRole('link', { name: 'Bảng chỉ số điều hành' }).count(), 0, 'no figures for an agent clerk');
    await expectSoundPage(page, { label: 'agent clerk desk', lang: 'vi' });
    await navigating(page, () => menu.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click());
    assert.equal(pathOf(page), '/can-bo/tiep-nhan');
    await expectSoundPage(page, { label: 'agent clerk reception', lang: 'vi' });
    await navigating(page, () => menu.getByRole('button', { name: 'Đăng xuất' }).click());
    assert.equal(pathOf(page), '/');

    assert.deepEqual(reports, [], 'no policy violation and no failed resource');
  } finally {
    await context.close();
  }
});

// The public dossier lookup: anyone holding a receipt looks a dossier up by
// its code and the applicant's identification number, without signing in. A
// wrong pair says so without telling which half is wrong.

import assert from 'node:assert/strict';
import test from 'node:test';

import { countOf, navigating, pathOf, textOf } from '../lib/actions.mjs';
import { DEMO_CITIZEN, DEMO_PASSWORD, citizenDossiers, citizenToken } from '../lib/api.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages } from '../lib/pages.mjs';

const env = useServerAndBrowser();

/** Each flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };

test('a visitor looks a dossier up with a wrong pair, then with the right one', FLOW, async (t) => {
  // A dossier of the demo citizen that has a code, and its applicant's number.
  const token = await citizenToken(env.server, DEMO_CITIZEN, DEMO_PASSWORD);
  const dossier = (await citizenDossiers(env.server, token)).find((d) => typeof d.code === 'string' && d.code);
  assert.ok(dossier, 'the demo citizen has a dossier with a code');
  const code = dossier.code;
  const idNumber = dossier.applicant?.id_number ?? DEMO_CITIZEN;
  const wrongNumber = idNumber === '001190000009' ? '001190000008' : '001190000009';

  const { context, page } = await env.page();
  try {
    await page.goto('/');
    const siteNavigation = page.getByRole('navigation', { name: 'Dịch vụ công một cửa' });
    await navigating(page, () => siteNavigation.getByRole('link', { name: 'Tra cứu hồ sơ' }).click());
    assert.equal(pathOf(page), '/tra-cuu');
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await checkInLanguages(t, page, '/tra-cuu', 'lookup');

    // A wrong pair: the right code with another person's number.
    await page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill(code);
    await page.getByRole('textbox', { name: 'Số định danh cá nhân (12 số)' }).fill(wrongNumber);
    await navigating(page, () => page.getByRole('button', { name: 'Tra cứu', exact: true }).click());
    assert.equal(pathOf(page), '/tra-cuu');
    assert.equal(new URL(page.url()).search, '', 'the form is posted: the number stays out of the address');
    const alert = page.getByRole('alert');
    assert.match(await textOf(alert), /^Không tìm thấy hồ sơ với mã và số định danh này/);
    assert.equal(await page.getByRole('textbox', { name: 'Mã hồ sơ' }).inputValue(), code, 'the code is kept');
    assert.equal(await page.getByRole('main').getByRole('heading', { level: 2 }).count(), 0, 'no dossier is shown');
    // The same answer in every language (the lookup also answers a GET with the pair).
    const pair = (number) => `/tra-cuu?code=${encodeURIComponent(code)}&id_number=${number}`;
    await checkInLanguages(t, page, pair(wrongNumber), 'lookup, wrong pair');

    // The right pair, typed into the home page's lookup form.
    await navigating(page, () => siteNavigation.getByRole('link', { name: 'Trang chủ' }).click());
    await page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill(code);
    await page.getByRole('textbox', { name: 'Số định danh cá nhân (12 số)' }).fill(idNumber);
    await navigating(page, () => page.getByRole('button', { name: 'Tra cứu', exact: true }).click());
    assert.equal(pathOf(page), '/tra-cuu');
    assert.equal(await page.getByRole('alert').count(), 0, 'no error is shown');
    const heading = page.getByRole('heading', { level: 2, name: `Mã hồ sơ: ${code}` });
    await heading.waitFor();
    const status = page.getByRole('main').locator('p', { hasText: 'Tình trạng:' });
    assert.match(await textOf(status), /^Tình trạng: \S/, 'the status is shown');
    await page.getByRole('heading', { level: 3, name: 'Quá trình xử lý' }).waitFor();
    const history = page.getByRole('main').locator('ol > li');
    assert.ok((await countOf(history)) >= 1, 'the history lists at least one step');
    await checkInLanguages(t, page, pair(idNumber), 'lookup, found');
  } finally {
    await context.close();
  }
});

// The public pages, as a visitor uses them without an account: find a
// procedure from the home page by typing without accents, read it, find where
// to submit it; narrow the catalogue with its filters; choose a language.

import assert from 'node:assert/strict';
import test from 'node:test';

import { countOf, leadingNumber, navigating, pathOf, queryOf, textOf } from '../lib/actions.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages, currentPath } from '../lib/pages.mjs';

const env = useServerAndBrowser();

/** Each flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };

/** The items of the list that follows the level-2 heading with this text. */
function listAfterHeading(page, heading) {
  return page.locator(`main h2:text-is("${heading}") + ul > li`);
}

test('a visitor finds a procedure by unaccented words, then where to submit it', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    await page.goto('/');
    await checkInLanguages(t, page, '/', 'home');

    // The home page: a search box, the most used procedures, the fields, the lookup form.
    await page.getByRole('heading', { level: 1, name: 'Dịch vụ công một cửa' }).waitFor();
    const search = page.getByRole('searchbox', { name: 'Tìm thủ tục (gõ có dấu hoặc không dấu)' });
    await search.waitFor();
    const mostUsed = listAfterHeading(page, 'Thủ tục được dùng nhiều');
    assert.ok((await countOf(mostUsed.getByRole('link'))) >= 1, 'the most used procedures are listed');
    const fields = listAfterHeading(page, 'Lĩnh vực');
    assert.ok((await countOf(fields.getByRole('link'))) >= 1, 'the fields are listed');
    await page.getByRole('heading', { level: 2, name: 'Tra cứu hồ sơ' }).waitFor();
    await page.getByRole('textbox', { name: 'Mã hồ sơ' }).waitFor();
    await page.getByRole('textbox', { name: 'Số định danh cá nhân (12 số)' }).waitFor();
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).waitFor();

    // Search without accents.
    await search.fill('dang ky tam tru');
    await navigating(page, () => page.getByRole('button', { name: 'Tìm', exact: true }).click());
    assert.equal(pathOf(page), '/thu-tuc');
    assert.equal(queryOf(page).get('q'), 'dang ky tam tru');
    const found = await leadingNumber(page.getByRole('status'));
    assert.ok(found > 0, `the search finds procedures (status says ${found})`);
    assert.equal(
      await page.getByRole('searchbox', { name: 'Tìm thủ tục (gõ có dấu hoặc không dấu)' }).inputValue(),
      'dang ky tam tru',
      'the search box keeps the words',
    );
    const results = page.getByRole('main').getByRole('heading', { level: 2 });
    assert.ok((await countOf(results)) >= 1, 'results are listed');
    const best = await textOf(results.first());
    assert.match(best, /tạm trú/i, 'the best match is about temporary residence');
    await checkInLanguages(t, page, currentPath(page), 'search results');

    // Open the procedure.
    await navigating(page, () => page.getByRole('link', { name: 'Đăng ký tạm trú', exact: true }).click());
    assert.match(pathOf(page), /^\/thu-tuc\/[0-9A-Za-z.\-]+$/);
    await page.getByRole('heading', { level: 1, name: 'Đăng ký tạm trú', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Thời hạn và phí' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Giấy tờ cần nộp' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Nộp ở đâu' }).waitFor();
    const procedurePath = pathOf(page);
    await checkInLanguages(t, page, procedurePath, 'procedure');

    // Where to submit it: a province first, then a commune to sort by distance.
    await page.getByLabel('Chọn tỉnh, thành phố').selectOption('01');
    await navigating(page, () => page.getByRole('button', { name: 'Xem', exact: true }).click());
    assert.equal(pathOf(page), procedurePath);
    assert.equal(queryOf(page).get('tinh'), '01');
    assert.equal(await page.getByLabel('Chọn tỉnh, thành phố').inputValue(), '01', 'the province stays chosen');
    const commune = page.getByLabel(/^Chọn xã, phường nơi bạn ở/);
    await commune.selectOption({ label: 'Phường Ba Đình' });
    await navigating(page, () => page.getByRole('button', { name: 'Xem', exact: true }).click());
    assert.equal(queryOf(page).get('tinh'), '01');
    const communeCode = queryOf(page).get('xa');
    assert.match(communeCode ?? '', /^\d{5}$/, 'the commune code is in the address');
    assert.equal(await commune.inputValue(), communeCode, 'the commune stays chosen');

    const points = page.locator('main h2#noi-nop ~ div.card');
    const shown = await countOf(points);
    assert.ok(shown >= 1, 'service points of Hà Nội are listed');
    const distances = [];
    for (let i = 0; i < shown; i += 1) {
      const card = points.nth(i);
      await card.getByRole('heading', { level: 3 }).waitFor();
      const text = await textOf(card);
      assert.match(text, /Giờ làm việc/, `service point ${i + 1} shows its opening hours`);
      const km = text.match(/(\d+(?:\.\d+)?) km/);
      if (km) {
        distances.push(Number(km[1]));
      }
    }
    assert.ok(distances.length >= 1, 'with a commune chosen, distances are shown');
    const sorted = [...distances].sort((a, b) => a - b);
    assert.deepEqual(distances, sorted, 'the nearest service points come first');
    await checkInLanguages(t, page, currentPath(page), 'procedure with service points');
  } finally {
    await context.close();
  }
});

test('a visitor narrows the catalogue by level and by full-online service, and pages', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    await page.goto('/');
    const siteNavigation = page.getByRole('navigation', { name: 'Dịch vụ công một cửa' });
    await navigating(page, () => siteNavigation.getByRole('link', { name: 'Thủ tục hành chính' }).click());
    assert.equal(pathOf(page), '/thu-tuc');
    await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor();
    const everything = await leadingNumber(page.getByRole('status'));
    assert.ok(everything > 0, 'the whole catalogue is listed');
    await checkInLanguages(t, page, '/thu-tuc', 'catalogue');

    // The level filter.
    const level = page.getByLabel('Cấp thực hiện');
    await level.selectOption({ label: 'Cấp xã' });
    await navigating(page, () => page.getByRole('button', { name: 'Tìm', exact: true }).click());
    assert.equal(queryOf(page).get('level'), 'commune');
    assert.equal(await level.inputValue(), 'commune', 'the level stays chosen');
    const communeLevel = await leadingNumber(page.getByRole('status'));
    assert.ok(communeLevel > 0 && communeLevel < everything, `commune level narrows ${everything} to ${communeLevel}`);

    // Paging keeps the filter.
    const pageNavigation = page.getByRole('navigation', { name: 'Trang', exact: true });
    await pageNavigation.getByText(/^Trang 1\/\d+$/).waitFor();
    await navigating(page, () => pageNavigation.getByRole('link', { name: 'Trang sau' }).click());
    assert.equal(queryOf(page).get('page'), '2');
    assert.equal(queryOf(page).get('level'), 'commune', 'the level is kept on the next page');
    await pageNavigation.getByText(/^Trang 2\/\d+$/).waitFor();
    assert.equal(await level.inputValue(), 'commune');
    await pageNavigation.getByRole('link', { name: 'Trang trước' }).waitFor();

    // Fully online only.
    const fullOnline = page.getByRole('checkbox', { name: 'Chỉ thủ tục làm trọn trực tuyến' });
    await fullOnline.check();
    await navigating(page, () => page.getByRole('button', { name: 'Tìm', exact: true }).click());
    assert.equal(queryOf(page).get('full_online'), '1');
    assert.equal(queryOf(page).get('level'), 'commune');
    assert.ok(await fullOnline.isChecked(), 'the box stays ticked');
    const narrowed = await leadingNumber(page.getByRole('status'));
    assert.ok(narrowed > 0 && narrowed <= communeLevel, `full online narrows ${communeLevel} to ${narrowed}`);
    const cards = page.locator('main div.card');
    const listed = await countOf(cards);
    for (let i = 0; i < listed; i += 1) {
      assert.match(await textOf(cards.nth(i)), /Trực tuyến toàn trình/, `result ${i + 1} is fully online`);
    }
    await checkInLanguages(t, page, currentPath(page), 'catalogue filtered');

    // A field from the home page lists as many procedures as the home page says.
    await navigating(page, () => siteNavigation.getByRole('link', { name: 'Trang chủ' }).click());
    const field = listAfterHeading(page, 'Lĩnh vực').first();
    const announced = Number((await textOf(field)).match(/\((\d+) thủ tục\)/)?.[1]);
    assert.ok(announced > 0, 'the home page counts the procedures of a field');
    await navigating(page, () => field.getByRole('link').click());
    assert.equal(pathOf(page), '/thu-tuc');
    assert.ok(queryOf(page).get('field'), 'the field is in the address');
    const fieldTotal = await leadingNumber(page.getByRole('status'));
    assert.equal(fieldTotal, announced, 'the field lists as many procedures as the home page announced');
  } finally {
    await context.close();
  }
});

test('a visitor chooses a language, and the choice is remembered', FLOW, async () => {
  const { context, page } = await env.page();
  try {
    await page.goto('/');
    const languages = page.getByRole('navigation', { name: 'Ngôn ngữ' });
    assert.equal(await languages.getByRole('link', { name: 'Tiếng Việt' }).getAttribute('aria-current'), 'true');

    await navigating(page, () => languages.getByRole('link', { name: 'English' }).click());
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByRole('heading', { level: 1, name: 'One-stop public services' }).waitFor();
    const english = page.getByRole('navigation', { name: 'Language' });
    assert.equal(await english.getByRole('link', { name: 'English' }).getAttribute('aria-current'), 'true');

    // Another page, reached by a plain link, stays in English.
    const siteNavigation = page.getByRole('navigation', { name: 'One-stop public services' });
    await navigating(page, () => siteNavigation.getByRole('link', { name: 'Look up a dossier' }).click());
    assert.equal(pathOf(page), '/tra-cuu');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en', 'the language is remembered');

    // Arabic is laid out right to left, and remembered too.
    await navigating(page, () => english.getByRole('link', { name: 'العربية' }).click());
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await navigating(page, () =>
      page.getByRole('navigation', { name: 'الخدمات العامة الموحدة' }).getByRole('link', { name: 'الرئيسية' }).click(),
    );
    assert.equal(pathOf(page), '/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');

    await navigating(page, () =>
      page.getByRole('navigation', { name: 'اللغة' }).getByRole('link', { name: 'Tiếng Việt' }).click(),
    );
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  } finally {
    await context.close();
  }
});

test('a keyboard user skips the header; a wrong address answers in the visitor\'s language', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
    assert.ok(await skip.evaluate((link) => link === document.activeElement), 'the first Tab reaches the skip link');
    const box = await skip.boundingBox();
    assert.ok(box && box.width > 16 && box.height > 16, 'the focused skip link is visible');
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).hash, '#main');

    await checkInLanguages(t, page, '/thu-tuc/khong-co-thu-tuc-nay', 'unknown procedure', { status: 404 });
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy' }).waitFor();
    await navigating(page, () => page.getByRole('main').getByRole('link', { name: 'Về trang chủ' }).click());
    assert.equal(pathOf(page), '/');
  } finally {
    await context.close();
  }
});

// The figures: the public transparency page and a supervisor's dashboard,
// with their charts (SVG with a title and a description, the data also in
// a table), sorting by a column, the dossiers behind a figure, a mistyped
// date, and the exports. Each page is checked in the three languages.

import assert from 'node:assert/strict';
import test from 'node:test';

import { navigating, pathOf, textOf } from '../lib/actions.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages } from '../lib/pages.mjs';
import { signInAsOfficer } from '../lib/people.mjs';

const env = useServerAndBrowser();

/** The flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };

test('anyone reads each province\'s figures, sorts them and downloads them', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    await navigating(page, () => page.goto('/'));
    await navigating(page, () => page.getByRole('navigation', { name: 'Dịch vụ công một cửa' }).getByRole('link', { name: 'Chỉ số' }).click());
    assert.equal(pathOf(page), '/chi-so');
    await checkInLanguages(t, page, '/chi-so?from=2025-01-01', 'transparency');

    // The chart is an image with its own title and description.
    const chart = page.getByRole('img', { name: 'Điểm Bộ chỉ số 766 theo tỉnh' });
    assert.equal(await chart.count(), 1);
    assert.match(await chart.locator('desc').textContent(), /Số liệu có trong bảng/);

    // Sorting by a column says so to assistive technology.
    const table = page.getByRole('table', { name: /Chỉ số của các tỉnh/ });
    assert.equal(await table.getByRole('row').count(), 3, 'a header and the demo\'s two provinces');
    await navigating(page, () => table.getByRole('link', { name: 'Đúng hạn' }).click());
    assert.equal(await page.getByRole('columnheader', { name: /Đúng hạn/ }).getAttribute('aria-sort'), 'descending');
    await navigating(page, () => page.getByRole('link', { name: /Đúng hạn ▼/ }).click());
    assert.equal(await page.getByRole('columnheader', { name: /Đúng hạn/ }).getAttribute('aria-sort'), 'ascending');

    // A mistyped date is said beside its field, and nothing else breaks.
    await navigating(page, () => page.goto('/chi-so?from=31-12-2025'));
    assert.match(await textOf(page.getByRole('alert')), /ngày dạng 2026-01-31/);
    assert.equal(await page.getByLabel('Từ ngày').getAttribute('aria-invalid'), 'true');

    // The exports.
    const csv = await context.request.get('/chi-so.csv?from=2025-01-01');
    assert.equal(csv.status(), 200);
    const bytes = await csv.body();
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
    assert.match(bytes.toString('utf8'), /Thành phố Hà Nội/);
    const xlsx = await context.request.get('/chi-so.xlsx?from=2025-01-01');
    assert.equal(xlsx.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  } finally {
    await context.close();
  }
});

test('a supervisor follows a figure down to the dossiers behind it', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    await signInAsOfficer(page, 'hn.giamsat');
    await navigating(page, () => page.getByRole('link', { name: 'Bảng chỉ số điều hành' }).click());
    assert.equal(pathOf(page), '/can-bo/chi-so');
    await checkInLanguages(t, page, '/can-bo/chi-so?from=2025-01-01', 'dashboard');

    const measures = page.getByRole('table', { name: /Các chỉ số trong kỳ/ });
    const onTime = measures.getByRole('row', { name: /^Đúng hạn/ });
    const [count, of] = (await textOf(onTime.getByRole('cell').nth(1))).split('/').map((n) => Number(n.trim()));
    assert.ok(of > 0, 'the demo has dossiers this period');

    // The dossiers that count towards "on time" are as many as the figure says.
    await navigating(page, () => onTime.getByRole('link', { name: 'Hồ sơ đạt' }).click());
    assert.equal(pathOf(page), '/can-bo/chi-so/ho-so');
    assert.match(await textOf(page.getByRole('main').locator('p').first()), new RegExp(`^${count} hồ sơ`));
    await checkInLanguages(t, page, `/can-bo/chi-so/ho-so?measure=on_time&counting=true&from=2025-01-01`, 'dossiers behind a figure');
    const first = page.getByRole('table').getByRole('link').first();
    if (await first.count()) {
      await navigating(page, () => first.click());
      assert.match(pathOf(page), /^\/can-bo\/ho-so\//, 'each row opens its dossier');
    }

    // Grouped by channel, with its own chart-free table and export.
    await navigating(page, () => page.goto('/can-bo/chi-so?from=2025-01-01&by=channel'));
    const breakdown = page.getByRole('table', { name: 'Chỉ số theo từng nhóm' });
    assert.match(await textOf(breakdown), /Trực tuyến/);
    const csv = await context.request.get('/can-bo/chi-so.csv?from=2025-01-01&by=channel');
    assert.equal(csv.status(), 200);
    assert.match((await csv.body()).toString('utf8'), /Trực tuyến/);
  } finally {
    await context.close();
  }
});

test('an administrator changes an indicator\'s target and the dashboard scores by it', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    await signInAsOfficer(page, 'quantri');
    await navigating(page, () => page.goto('/quan-tri/chi-so'));
    await checkInLanguages(t, page, '/quan-tri/chi-so', 'administration, the 766 index');
    const row = page.getByRole('row', { name: /Tỷ lệ hồ sơ thanh toán trực tuyến/ });
    assert.match(await textOf(row), /50 %/);
    await page.getByLabel('Chỉ số', { exact: true }).selectOption('24');
    await page.getByLabel('Điểm 766', { exact: true }).fill('10');
    await page.getByLabel('Chỉ tiêu (%)').fill('abc');
    await navigating(page, () => page.getByRole('main').getByRole('button', { name: 'Lưu' }).click());
    assert.match(await textOf(page.getByRole('main').getByRole('alert')), /số/);
    await page.getByLabel('Chỉ tiêu (%)').fill('80');
    await navigating(page, () => page.getByRole('main').getByRole('button', { name: 'Lưu' }).click());
    assert.equal(pathOf(page), '/quan-tri/chi-so');
    assert.match(await textOf(page.getByRole('row', { name: /Tỷ lệ hồ sơ thanh toán trực tuyến/ })), /80 %/);
  } finally {
    await context.close();
  }
});

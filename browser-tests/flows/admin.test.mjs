// Administration of a province: officers and their assignments, an outreach
// session with its date and staff, the calendar, and how the province's
// units offer a procedure. Each page is checked in the three languages.

import assert from 'node:assert/strict';
import test from 'node:test';

import { navigating, pathOf, textOf } from '../lib/actions.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages } from '../lib/pages.mjs';
import { signInAsOfficer } from '../lib/people.mjs';

const env = useServerAndBrowser();

/** The flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };

const SESSION = {
  code: 'HN-SS-LD-1206',
  name: 'Buổi lưu động thôn Đoài, Sóc Sơn',
  commune: '00376',
  address: 'Nhà văn hóa thôn Đoài, Xã Sóc Sơn',
  hours: '07:30-11:30',
  date: '2026-12-12',
};

test('an administrator sets up an outreach session, its staff, a day off and a procedure', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    await signInAsOfficer(page, 'quantri');
    await navigating(page, () => page.getByRole('main').getByRole('link', { name: 'Quản trị' }).click());
    assert.equal(pathOf(page), '/quan-tri');
    await page.getByRole('heading', { level: 1, name: 'Cán bộ' }).waitFor();
    await checkInLanguages(t, page, '/quan-tri', 'administration, officers');
    const admin = page.getByRole('navigation', { name: 'Dịch vụ công một cửa' });

    // The province's agencies.
    await navigating(page, () => admin.getByRole('link', { name: 'Cơ quan' }).click());
    assert.equal(pathOf(page), '/quan-tri/co-quan');
    await checkInLanguages(t, page, '/quan-tri/co-quan', 'administration, agencies');
    const agency = page.getByRole('main').locator('form[action="/quan-tri/co-quan"]');
    await agency.getByLabel(/^Mã cơ quan/).fill('000.376.02.H29');
    await agency.getByLabel('Tên', { exact: true }).fill('Công an Xã Sóc Sơn');
    await agency.getByLabel('Loại').selectOption('commune_police');
    await agency.getByLabel('Mã xã, phường (hoặc mã tỉnh)').fill('00376');
    await navigating(page, () => agency.getByRole('button', { name: 'Lưu' }).click());
    assert.match(await textOf(page.getByRole('row', { name: /000\.376\.02\.H29/ })), /Công an Xã Sóc Sơn/);

    // An outreach session is a service point with a date.
    await navigating(page, () => admin.getByRole('link', { name: 'Nơi tiếp nhận' }).click());
    assert.equal(pathOf(page), '/quan-tri/diem-tiep-nhan');
    await checkInLanguages(t, page, '/quan-tri/diem-tiep-nhan', 'administration, service points');
    const form = page.getByRole('main').locator('form[action="/quan-tri/diem-tiep-nhan"]');
    await form.getByLabel('Mã', { exact: true }).fill(SESSION.code);
    await form.getByLabel('Tên', { exact: true }).fill(SESSION.name);
    await form.getByLabel('Loại').selectOption('outreach_session');
    await form.getByLabel('Mã xã, phường (hoặc mã tỉnh)').fill(SESSION.commune);
    await form.getByLabel('Địa chỉ').fill(SESSION.address);
    await form.getByLabel(/^Giờ làm việc, ví dụ/).fill(SESSION.hours);
    // Without its date first: the page says so and keeps what was typed.
    await navigating(page, () => form.getByRole('button', { name: 'Lưu' }).click());
    assert.match(await textOf(page.getByRole('main').getByRole('alert')), /ngày/);
    assert.equal(await form.getByLabel('Mã', { exact: true }).inputValue(), SESSION.code, 'the code is kept');
    await form.getByLabel('Ngày (chỉ cho buổi lưu động)').fill(SESSION.date);
    await navigating(page, () => form.getByRole('button', { name: 'Lưu' }).click());
    assert.equal(pathOf(page), '/quan-tri/diem-tiep-nhan');
    const row = page.getByRole('row', { name: new RegExp(SESSION.code) });
    assert.match(await textOf(row), /12\/12\/2026/, 'the session shows its date');

    // Its staff: a new outreach helper assigned to it.
    await navigating(page, () => admin.getByRole('link', { name: 'Cán bộ' }).click());
    const officer = page.getByRole('main').locator('form[action="/quan-tri/can-bo"]');
    await officer.getByLabel('Tên đăng nhập').fill('hn.ld.doai');
    await officer.getByLabel('Họ và tên').fill('Tình nguyện viên thôn Đoài');
    await officer.getByLabel('Vai trò').selectOption('outreach_helper');
    await officer.getByLabel('Phạm vi').selectOption('service_point');
    await officer.getByLabel('Mã nơi làm việc').fill(SESSION.code);
    await officer.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mat-khau-dai-2026');
    await navigating(page, () => officer.getByRole('button', { name: 'Tạo' }).click());
    assert.equal(pathOf(page), '/quan-tri');
    assert.match(await textOf(page.getByRole('row', { name: /hn\.ld\.doai/ })), new RegExp(SESSION.code));
    await navigating(page, () => admin.getByRole('link', { name: 'Nơi tiếp nhận' }).click());
    assert.match(await textOf(page.getByRole('row', { name: new RegExp(SESSION.code) })), /Tình nguyện viên thôn Đoài/);

    // A day off in the calendar, then taken back.
    await page.goto('/quan-tri/lich?nam=2027');
    await checkInLanguages(t, page, '/quan-tri/lich?nam=2027', 'administration, calendar');
    const day = page.getByRole('main').locator('form[action="/quan-tri/lich"]');
    await day.getByLabel('Ngày', { exact: true }).fill('2027-03-03');
    await day.getByLabel('Tên', { exact: true }).fill('Ngày nghỉ thử');
    await day.getByLabel('Loại ngày').selectOption('statutory');
    await navigating(page, () => day.getByRole('button', { name: 'Lưu' }).click());
    assert.equal(pathOf(page), '/quan-tri/lich');
    const added = page.getByRole('row', { name: /03\/03\/2027/ });
    assert.match(await textOf(added), /Ngày nghỉ thử/);
    assert.match(await textOf(page.getByRole('main')), /Lịch chính thức của năm này\./);
    await navigating(page, () => added.getByRole('button', { name: 'Bỏ 03/03/2027' }).click());
    assert.equal(await page.getByRole('row', { name: /03\/03\/2027/ }).count(), 0, 'the day is gone');

    // How a commune offers a procedure: its own time and fee.
    await navigating(page, () => admin.getByRole('link', { name: 'Thủ tục tại địa phương' }).click());
    await checkInLanguages(t, page, '/quan-tri/thu-tuc', 'administration, procedures');
    const setting = page.getByRole('main').locator('form[action="/quan-tri/thu-tuc"]');
    await setting.getByLabel('Mã thủ tục').fill('1.115504');
    await setting.getByLabel('Mã xã, phường (hoặc mã tỉnh)').fill('00004');
    await setting.getByLabel(/^Thời hạn riêng/).fill('2');
    await setting.getByLabel(/^Lệ phí riêng/).fill('12000');
    await navigating(page, () => setting.getByRole('button', { name: 'Lưu' }).click());
    assert.equal(pathOf(page), '/quan-tri/thu-tuc');
    assert.match(await textOf(page.getByRole('row', { name: /1\.115504/ })), /12000 đ/);
  } finally {
    await context.close();
  }
});

// Verifying an account at the counter: an online account only claims an
// identification number. Someone who claims another's number sees nothing
// received at a counter for it; the real holder can still register, and once
// an officer has checked the card and verified the account, the holder sees
// the dossiers received with the card checked. A verified number cannot be
// registered again.

import assert from 'node:assert/strict';
import test from 'node:test';

import { fieldError, navigating, pathOf, textOf } from '../lib/actions.mjs';
import { apiRequest } from '../lib/api.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages, expectSoundPage, withLanguage, LANGUAGES } from '../lib/pages.mjs';
import { ID_LABEL, signInAsCitizen, signInAsOfficer } from '../lib/people.mjs';

const env = useServerAndBrowser();

/** Each flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };

/** A new, well-formed number: 001 (Hà Nội), 0 (a man born in the 1900s), 96, six digits. */
const NUMBER = '001096005678';
const CLAIMANT = { fullName: 'Lê Văn Mạo Danh', phone: '0911111111', password: 'ke-mao-danh-1' };
const HOLDER = { fullName: 'Trần Thị Chủ Thật', phone: '0922222222', password: 'chu-that-22' };
const LATECOMER = { fullName: 'Phạm Văn Đến Sau', phone: '0933333333', password: 'den-sau-333' };
const INTAKE = 'hn.hoankiem.tiepnhan';
const VERIFY_PATH = '/can-bo/xac-thuc-tai-khoan';
const UNVERIFIED = 'Chưa xác thực';
const VERIFIED = 'Đã xác thực tại quầy';

/** Registers NUMBER at /dang-ky with the person's details; returns on the next page. */
async function register(page, person) {
  await page.goto('/dang-ky?lang=vi');
  await page.getByLabel(ID_LABEL).fill(NUMBER);
  await page.getByLabel('Họ và tên').fill(person.fullName);
  await page.getByLabel('Số điện thoại').fill(person.phone);
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill(person.password);
  await navigating(page, () => page.getByRole('button', { name: 'Đăng ký tài khoản' }).click());
}

/** The account status section of "my dossiers", as text. */
async function accountStatus(page) {
  return textOf(page.locator('#account-status'));
}

/** Whether "my dossiers" lists the dossier with `code`. */
async function listsDossier(page, code) {
  return (await page.locator('main').getByRole('link', { name: code, exact: true }).count()) > 0;
}

test('an account sees the counter dossiers of its number only once verified at a counter', FLOW, async (t) => {
  const claimant = await env.page();
  const holder = await env.page();
  const latecomer = await env.page();
  const officer = await env.page();
  try {
    // (1) Someone registers the number and is told the account is not verified.
    await register(claimant.page, CLAIMANT);
    assert.equal(pathOf(claimant.page), '/ho-so-cua-toi');
    assert.ok((await accountStatus(claimant.page)).includes(UNVERIFIED), 'the account is not verified yet');
    await checkInLanguages(t, claimant.page, '/ho-so-cua-toi', 'account status, unverified');

    // (2) The real holder hands in a dossier at a counter, with the card checked.
    const login = await apiRequest(env.server, 'POST', '/api/v1/sessions', {
      body: { username: INTAKE, password: 'motcua-demo' },
    });
    assert.equal(login.status, 201, JSON.stringify(login.body));
    const received = await apiRequest(env.server, 'POST', '/api/v1/dossiers', {
      token: login.body.token,
      body: {
        procedure_code: '1.115504',
        channel: 'counter',
        service_point: 'HN-HOANKIEM',
        competent_agency: '000.04.01.H29',
        applicant_consents: true,
        applicant_identity_checked: true,
        applicant: { id_number: NUMBER, full_name: HOLDER.fullName, phone: HOLDER.phone, address: 'Số 5 phố Hàng Bài' },
        delivery: { method: 'counter', service_point: 'HN-HOANKIEM' },
      },
    });
    assert.equal(received.status, 201, JSON.stringify(received.body));
    const code = received.body.code;
    assert.ok(code, 'the dossier has a code');
    await claimant.page.goto('/ho-so-cua-toi?lang=vi');
    assert.ok(!(await listsDossier(claimant.page, code)), 'a claim sees nothing received for the number');

    // (3) The holder registers the same number with another phone: allowed.
    await register(holder.page, HOLDER);
    assert.equal(pathOf(holder.page), '/ho-so-cua-toi', 'a claim does not block the holder');
    assert.ok((await accountStatus(holder.page)).includes(UNVERIFIED));
    assert.ok(!(await listsDossier(holder.page, code)), 'unverified, the holder sees nothing either');

    // (4) At the counter: the officer finds the page in the menu.
    await signInAsOfficer(officer.page, INTAKE);
    await navigating(officer.page, () =>
      officer.page.getByRole('link', { name: 'Xác thực tài khoản tại quầy' }).first().click(),
    );
    assert.equal(pathOf(officer.page), VERIFY_PATH);
    await checkInLanguages(t, officer.page, VERIFY_PATH, 'verify an account');
    const form = officer.page.locator('main form');
    await form.locator('[name="id_number"]').fill(NUMBER);
    await form.locator('[name="phone"]').fill(HOLDER.phone);
    // Without the card box ticked: refused, said beside the box, the details kept.
    await navigating(officer.page, () => form.getByRole('button', { name: 'Xác thực tài khoản tại quầy' }).click());
    assert.equal(pathOf(officer.page), VERIFY_PATH);
    const mistake = await fieldError(officer.page, 'card_checked');
    t.diagnostic(`without the card checked: ${mistake}`);
    assert.equal(await form.locator('[name="id_number"]').inputValue(), NUMBER, 'the number typed is kept');
    assert.equal(await form.locator('[name="phone"]').inputValue(), HOLDER.phone, 'the phone typed is kept');
    await t.test('verify without the card checked [vi]', () =>
      expectSoundPage(officer.page, { label: 'verify without the card checked', lang: 'vi' }),
    );
    // With the card box ticked, found by its label.
    await form.getByLabel('Tôi đã đối chiếu thẻ căn cước bản gốc', { exact: false }).check();
    await navigating(officer.page, () => form.getByRole('button', { name: 'Xác thực tài khoản tại quầy' }).click());
    const done = officer.page.getByRole('status');
    await done.getByText('Đã xác thực tài khoản').waitFor();
    assert.ok((await textOf(done)).includes(NUMBER), 'the verified number is shown');
    await t.test('account verified [vi]', () =>
      expectSoundPage(officer.page, { label: 'account verified', lang: 'vi' }),
    );

    // (5) Verifying ended the holder's sessions: signed in again, the holder sees the dossier.
    await holder.page.goto('/ho-so-cua-toi?lang=vi');
    assert.equal(pathOf(holder.page), '/dang-nhap', 'verification ends the account sessions');
    await signInAsCitizen(holder.page, NUMBER, HOLDER.password);
    assert.equal(pathOf(holder.page), '/ho-so-cua-toi');
    assert.ok((await accountStatus(holder.page)).includes(VERIFIED), 'the account is verified');
    assert.ok(await listsDossier(holder.page, code), 'the dossier received with the card checked is there');
    await checkInLanguages(t, holder.page, '/ho-so-cua-toi', 'account status, verified');
    // The claimant still sees nothing and is still unverified.
    await claimant.page.goto('/ho-so-cua-toi?lang=vi');
    if (pathOf(claimant.page) === '/dang-nhap') {
      await signInAsCitizen(claimant.page, NUMBER, CLAIMANT.password);
    }
    assert.ok(!(await listsDossier(claimant.page, code)), 'the claimant still sees nothing');
    assert.ok((await accountStatus(claimant.page)).includes(UNVERIFIED), 'the claim stays unverified');

    // (6) A verified number cannot be registered again: said beside the number.
    await register(latecomer.page, LATECOMER);
    assert.equal(pathOf(latecomer.page), '/dang-ky');
    const taken = await fieldError(latecomer.page, 'id_number');
    assert.ok(taken.includes('đã được xác thực'), `the number is taken: ${taken}`);
    await t.test('register a verified number [vi]', () =>
      expectSoundPage(latecomer.page, { label: 'register a verified number', lang: 'vi' }),
    );
    for (const lang of LANGUAGES.filter((l) => l !== 'vi')) {
      await latecomer.page.goto(withLanguage('/dang-ky', lang));
      const again = latecomer.page.locator('main form');
      await again.locator('[name="id_number"]').fill(NUMBER);
      await again.locator('[name="full_name"]').fill(LATECOMER.fullName);
      await again.locator('[name="phone"]').fill(LATECOMER.phone);
      await again.locator('[name="password"]').fill(LATECOMER.password);
      await navigating(latecomer.page, () => again.locator('button[type="submit"]').click());
      await fieldError(latecomer.page, 'id_number');
      await t.test(`register a verified number [${lang}]`, () =>
        expectSoundPage(latecomer.page, { label: 'register a verified number', lang }),
      );
    }
  } finally {
    for (const opened of [claimant, holder, latecomer, officer]) {
      await opened.context.close();
    }
  }
});

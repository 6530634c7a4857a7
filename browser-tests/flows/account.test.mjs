// Citizens' accounts: registering (a mistake is shown beside its field),
// signing out and in again, and following one's dossiers up to withdrawing
// one.

import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import test from 'node:test';

import { countOf, fieldError, navigating, pathOf, textOf } from '../lib/actions.mjs';
import { DEMO_CITIZEN, DEMO_PASSWORD, apiRequest, citizenToken } from '../lib/api.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages, currentPath, expectSoundPage } from '../lib/pages.mjs';

const env = useServerAndBrowser();

/** Each flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };
/** How long a form that the browser refuses to send is watched for a request. */
const NO_REQUEST_WATCH_MS = 500;

const ID_LABEL = 'Số định danh cá nhân (12 số)';

/**
 * A new, well-formed identification number: 001 (Hà Nội), 1 (a woman born in
 * the 1900s), 95 (1995), then six random digits.
 */
function newIdNumber() {
  return `001195${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/** Fills the registration form, found by its labels in Vietnamese. */
async function fillRegistration(page, { idNumber, fullName, phone, password }) {
  await page.getByLabel(ID_LABEL).fill(idNumber);
  await page.getByLabel('Họ và tên').fill(fullName);
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill(password);
}

test('a newcomer registers, signs out, and signs in again', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    // "My dossiers" asks a stranger to sign in; the sign-in page leads to registration.
    await page.goto('/');
    const siteNavigation = page.getByRole('navigation', { name: 'Dịch vụ công một cửa' });
    await navigating(page, () => siteNavigation.getByRole('link', { name: 'Hồ sơ của tôi' }).click());
    assert.equal(pathOf(page), '/dang-nhap');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await checkInLanguages(t, page, '/dang-nhap', 'sign in');
    await navigating(page, () => page.getByRole('link', { name: 'Chưa có tài khoản? Đăng ký' }).click());
    assert.equal(pathOf(page), '/dang-ky');
    await page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' }).waitFor();
    await checkInLanguages(t, page, '/dang-ky', 'register');

    // A number that is too short: the mistake is shown beside the field.
    const person = { fullName: 'Nguyễn Thị Thử', phone: '0912345678', password: 'mat-khau-rat-dai' };
    await fillRegistration(page, { ...person, idNumber: '00119512' });
    await navigating(page, () => page.getByRole('button', { name: 'Đăng ký tài khoản' }).click());
    assert.equal(pathOf(page), '/dang-ky');
    const vietnamese = await fieldError(page, 'id_number');
    assert.equal(await page.getByLabel(ID_LABEL).inputValue(), '00119512', 'the number typed is kept');
    assert.equal(await page.getByLabel('Họ và tên').inputValue(), person.fullName, 'the name typed is kept');
    assert.equal(await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').inputValue(), '', 'the password is not sent back');
    await t.test('register with a wrong number [vi]', () =>
      expectSoundPage(page, { label: 'register with a wrong number', lang: 'vi' }),
    );

    // The same mistake in English and Arabic is explained in that language.
    const messages = new Set([vietnamese]);
    for (const lang of ['en', 'ar']) {
      await page.goto(`/dang-ky?lang=${lang}`);
      await page.locator('main form [name="id_number"]').fill('00119512');
      await page.locator('main form [name="full_name"]').fill(person.fullName);
      await page.locator('main form [name="phone"]').fill(person.phone);
      await page.locator('main form [name="password"]').fill(person.password);
      await navigating(page, () => page.locator('main form button[type="submit"]').click());
      messages.add(await fieldError(page, 'id_number'));
      await t.test(`register with a wrong number [${lang}]`, () =>
        expectSoundPage(page, { label: 'register with a wrong number', lang }),
      );
    }
    assert.equal(messages.size, 3, `the mistake is told in three languages: ${[...messages].join(' | ')}`);

    // A good new number: the account is made and the citizen lands on "my dossiers".
    await page.goto('/dang-ky?lang=vi');
    const idNumber = newIdNumber();
    await fillRegistration(page, { ...person, idNumber });
    await navigating(page, () => page.getByRole('button', { name: 'Đăng ký tài khoản' }).click());
    assert.equal(pathOf(page), '/ho-so-cua-toi');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    await page.getByText('Bạn chưa có hồ sơ nào.').waitFor();
    await checkInLanguages(t, page, '/ho-so-cua-toi', 'my dossiers, none yet');

    // Signing out ends the session.
    await navigating(page, () => page.getByRole('button', { name: 'Đăng xuất' }).click());
    assert.equal(pathOf(page), '/');
    await navigating(page, () => siteNavigation.getByRole('link', { name: 'Hồ sơ của tôi' }).click());
    assert.equal(pathOf(page), '/dang-nhap', 'signed out, "my dossiers" asks to sign in');

    // A wrong password: said beside the password, and the number is kept.
    await page.getByLabel(ID_LABEL).fill(idNumber);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('khong-phai-mat-khau');
    await navigating(page, () => page.getByRole('button', { name: 'Đăng nhập' }).click());
    assert.equal(pathOf(page), '/dang-nhap');
    assert.equal(await fieldError(page, 'password'), 'Số định danh hoặc mật khẩu chưa đúng.');
    assert.equal(await page.getByLabel(ID_LABEL).inputValue(), idNumber, 'the number typed is kept');
    assert.equal(await page.getByLabel('Mật khẩu', { exact: true }).inputValue(), '', 'the password is not sent back');
    await t.test('sign in with a wrong password [vi]', () =>
      expectSoundPage(page, { label: 'sign in with a wrong password', lang: 'vi' }),
    );

    // The right password.
    await page.getByLabel('Mật khẩu', { exact: true }).fill(person.password);
    await navigating(page, () => page.getByRole('button', { name: 'Đăng nhập' }).click());
    assert.equal(pathOf(page), '/ho-so-cua-toi');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();

    // Personal identification numbers are personal data: the log must not carry them.
    assert.ok(!env.server.output().includes(idNumber), "the server's log does not carry the new citizen's number");
  } finally {
    await context.close();
  }
});

test('the demo citizen follows a dossier and withdraws one', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    await page.goto('/');
    const siteNavigation = page.getByRole('navigation', { name: 'Dịch vụ công một cửa' });
    await navigating(page, () => siteNavigation.getByRole('link', { name: 'Hồ sơ của tôi' }).click());
    assert.equal(pathOf(page), '/dang-nhap');
    await page.getByLabel(ID_LABEL).fill(DEMO_CITIZEN);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await navigating(page, () => page.getByRole('button', { name: 'Đăng nhập' }).click());
    assert.equal(pathOf(page), '/ho-so-cua-toi');

    // The list of dossiers.
    const cards = page.locator('main div.card');
    assert.ok((await countOf(cards)) >= 1, 'the demo citizen has dossiers');
    await checkInLanguages(t, page, '/ho-so-cua-toi', 'my dossiers');

    // One dossier: its status and history.
    const first = cards.first().getByRole('heading', { level: 2 }).getByRole('link');
    const firstReference = await textOf(first);
    await navigating(page, () => first.click());
    assert.equal(pathOf(page), `/ho-so-cua-toi/${firstReference}`);
    await page.getByRole('heading', { level: 1, name: `Mã hồ sơ ${firstReference}` }).waitFor();
    assert.match(await textOf(page.getByRole('main').locator('p', { hasText: 'Tình trạng:' })), /^Tình trạng: \S/);
    await page.getByRole('heading', { level: 2, name: 'Quá trình xử lý' }).waitFor();
    assert.ok((await countOf(page.getByRole('main').locator('ol > li'))) >= 1, 'the history lists at least one step');
    await checkInLanguages(t, page, currentPath(page), 'my dossier');

    // A dossier that has been received can still be withdrawn.
    await navigating(page, () => page.getByRole('main').getByRole('link', { name: 'Hồ sơ của tôi' }).click());
    const received = cards.filter({ hasText: 'Tình trạng: Được tiếp nhận' }).first();
    const link = received.getByRole('heading', { level: 2 }).getByRole('link');
    const reference = await textOf(link);
    await navigating(page, () => link.click());
    const path = `/ho-so-cua-toi/${reference}`;
    assert.equal(pathOf(page), path);
    await page.getByRole('heading', { level: 2, name: 'Rút hồ sơ' }).waitFor();
    await checkInLanguages(t, page, path, 'my dossier, withdrawal form');

    const confirm = page.getByRole('checkbox', {
      name: 'Tôi muốn rút hồ sơ này và hiểu rằng hồ sơ sẽ không được giải quyết tiếp.',
    });
    const withdraw = page.getByRole('button', { name: 'Rút hồ sơ', exact: true });

    // Without the confirmation ticked, nothing is sent.
    const posts = [];
    const watch = (request) => {
      if (request.method() === 'POST') {
        posts.push(request.url());
      }
    };
    page.on('request', watch);
    await withdraw.click();
    await page.waitForTimeout(NO_REQUEST_WATCH_MS);
    page.off('request', watch);
    assert.deepEqual(posts, [], 'an unconfirmed withdrawal is not sent');
    assert.equal(await confirm.evaluate((box) => box.validity.valueMissing), true, 'the confirmation is required');
    const status = page.getByRole('main').locator('p', { hasText: 'Tình trạng:' });
    assert.equal(await textOf(status), 'Tình trạng: Được tiếp nhận');

    // Confirmed: the dossier is withdrawn, the form is gone, the history says so.
    await confirm.check();
    await navigating(page, () => withdraw.click());
    assert.equal(pathOf(page), path);
    assert.equal(await textOf(status), 'Tình trạng: Công dân yêu cầu rút hồ sơ');
    assert.equal(await withdraw.count(), 0, 'a withdrawn dossier offers no withdrawal');
    const steps = page.getByRole('main').locator('ol > li');
    assert.match(await textOf(steps.last()), /Rút hồ sơ/, 'the history ends with the withdrawal');
    await checkInLanguages(t, page, path, 'my dossier, withdrawn');

    // The API agrees.
    const token = await citizenToken(env.server, DEMO_CITIZEN, DEMO_PASSWORD);
    const api = `/api/v1/dossiers/${encodeURIComponent(reference)}`;
    const { status: code, body } = await apiRequest(env.server, 'GET', api, { token });
    assert.equal(code, 200, JSON.stringify(body));
    assert.equal(body?.status ?? body?.dossier?.status, 'withdrawn');
  } finally {
    await context.close();
  }
});

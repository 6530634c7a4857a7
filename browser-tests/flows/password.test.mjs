// A forgotten password: asking for a one-time link from the sign-in page,
// following it (the demo's notifier writes it to the file outbox, never to the
// server's log), setting a
// new password after a too-short one, signing in with it, and finding the
// link spent.

import assert from 'node:assert/strict';
import test from 'node:test';

import { fieldError, navigating, pathOf, textOf } from '../lib/actions.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages, expectSoundPage } from '../lib/pages.mjs';
import { ID_LABEL, signInAsCitizen } from '../lib/people.mjs';

const env = useServerAndBrowser();

/** Each flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };
/** How long the server may take to write the link to its file outbox. */
const LINK_TIMEOUT_MS = 10_000;

/** A demo citizen who registered a phone number and no email. */
const CITIZEN = '046085000002';
const NEW_PASSWORD = 'mat-khau-moi-cua-toi-2026';
const NEW_PASSWORD_LABEL = 'Mật khẩu (ít nhất 8 ký tự)';

test('a citizen who forgot the password sets a new one with a one-time link', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    await page.goto('/dang-nhap');
    await navigating(page, () => page.getByRole('main').getByRole('link', { name: 'Quên mật khẩu' }).click());
    assert.equal(pathOf(page), '/quen-mat-khau');
    await page.getByRole('heading', { level: 1, name: 'Quên mật khẩu' }).waitFor();
    await checkInLanguages(t, page, '/quen-mat-khau', 'forgotten password');

    // A number that is not one: told beside the field.
    await page.getByLabel(ID_LABEL).fill('12345');
    await navigating(page, () => page.getByRole('button', { name: 'Gửi đường dẫn', exact: true }).click());
    assert.equal(pathOf(page), '/quen-mat-khau');
    await fieldError(page, 'id_number');
    assert.equal(await page.getByLabel(ID_LABEL).inputValue(), '12345', 'the number typed is kept');
    await t.test('forgotten password with a wrong number [vi]', () =>
      expectSoundPage(page, { label: 'forgotten password with a wrong number', lang: 'vi' }),
    );

    // The right number: the page says a link was sent; the file outbox carries it.
    const mark = env.server.mark();
    await page.getByLabel(ID_LABEL).fill(CITIZEN);
    await navigating(page, () => page.getByRole('button', { name: 'Gửi đường dẫn', exact: true }).click());
    assert.equal(pathOf(page), '/quen-mat-khau');
    assert.match(await textOf(page.getByRole('main').getByRole('status')), /^Nếu số định danh này có tài khoản, /);
    assert.equal(await page.getByLabel(ID_LABEL).count(), 0, 'the form is gone');
    await t.test('forgotten password, link sent [vi]', () =>
      expectSoundPage(page, { label: 'forgotten password, link sent', lang: 'vi' }),
    );
    const [whole, link] = await env.server.waitForOutbox(
      /http:\/\/[^ ]+(\/dat-lai-mat-khau\/[0-9A-Za-z_-]+)/,
      LINK_TIMEOUT_MS,
    );
    assert.equal(whole, env.server.url(link), 'a whole link to this server');
    // The log says only that a message went to the outbox: personal
    // identification numbers are personal data (the start-up banner lists
    // the demo's; what follows the request must not), and the link or its
    // token would let anyone who reads the log take the account.
    await env.server.waitForOutput(/delivered to the file outbox/, LINK_TIMEOUT_MS, { from: mark });
    const logged = env.server.output().slice(mark);
    assert.ok(!logged.includes(CITIZEN), "the server's log of the request does not carry the citizen's number");
    assert.ok(!logged.includes('/dat-lai-mat-khau/'), "the server's log does not carry the link");
    assert.ok(!logged.includes(link.split('/').pop()), "the server's log does not carry the token");

    // The link: a password too short is told beside the field.
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Đặt mật khẩu mới' }).waitFor();
    await checkInLanguages(t, page, link, 'reset password');
    const password = page.getByLabel(NEW_PASSWORD_LABEL);
    assert.equal(await password.getAttribute('autocomplete'), 'new-password', 'password managers offer a new one');
    await password.fill('ngan');
    const save = page.getByRole('button', { name: 'Lưu mật khẩu mới', exact: true });
    await navigating(page, () => save.click());
    assert.equal(pathOf(page), link);
    await fieldError(page, 'password');
    assert.equal(await password.inputValue(), '', 'the password is not sent back');
    await t.test('reset password too short [vi]', () =>
      expectSoundPage(page, { label: 'reset password too short', lang: 'vi' }),
    );

    // A good one: changed; the old password no longer works, the new one does.
    await password.fill(NEW_PASSWORD);
    await navigating(page, () => save.click());
    assert.equal(
      await textOf(page.getByRole('main').getByRole('status')),
      'Đã đổi mật khẩu. Xin đăng nhập bằng mật khẩu mới.',
    );
    await t.test('reset password, changed [vi]', () =>
      expectSoundPage(page, { label: 'reset password, changed', lang: 'vi' }),
    );
    await navigating(page, () => page.getByRole('main').getByRole('link', { name: 'Đăng nhập', exact: true }).click());
    assert.equal(pathOf(page), '/dang-nhap');
    await page.getByLabel(ID_LABEL).fill(CITIZEN);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('motcua-demo');
    const signIn = page.getByRole('main').getByRole('button', { name: 'Đăng nhập', exact: true });
    await navigating(page, () => signIn.click());
    assert.equal(pathOf(page), '/dang-nhap', 'the old password no longer works');
    assert.equal(await fieldError(page, 'password'), 'Số định danh hoặc mật khẩu chưa đúng.');
    await signInAsCitizen(page, CITIZEN, NEW_PASSWORD);
    assert.equal(pathOf(page), '/ho-so-cua-toi', 'the new password works');

    // The link again: spent, said so, with the way to ask for another.
    const again = await page.goto(link);
    assert.equal(again?.status(), 410, 'a spent link answers 410 Gone');
    assert.equal(
      await textOf(page.getByRole('main').getByRole('alert')),
      'Đường dẫn này đã được dùng hoặc đã hết hạn. Xin yêu cầu một đường dẫn mới.',
    );
    assert.equal(await page.getByLabel(NEW_PASSWORD_LABEL).count(), 0, 'a spent link offers no form');
    await page.getByRole('main').getByRole('link', { name: 'Quên mật khẩu' }).waitFor();
    await checkInLanguages(t, page, link, 'reset password, link spent', { status: 410 });
  } finally {
    await context.close();
  }
});

// Submitting online, step by step: a visitor is asked to sign in and brought
// back to the procedure; a citizen goes through the wizard, is told of a
// mistake beside its field, saves a draft and resumes it, submits, and gets a
// receipt with a QR code. Submitting the same draft again makes no second
// dossier.

import assert from 'node:assert/strict';
import test from 'node:test';

import {
  countOf,
  definitions,
  fieldError,
  navigating,
  pathOf,
  pdfFile,
  queryOf,
  textOf,
} from '../lib/actions.mjs';
import { DEMO_PASSWORD, allCitizenDossiers, citizenDossier, citizenToken } from '../lib/api.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages, currentPath, expectSoundPage, withLanguage } from '../lib/pages.mjs';
import { signInAsCitizen } from '../lib/people.mjs';

const env = useServerAndBrowser();

/** Each flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };

/** A demo citizen of Huế, who submits in Hà Nội where they live now. */
const CITIZEN = '031075000004';
const CITIZEN_NAME = 'Người dùng thử Huế 2';
const PROCEDURE = { code: '1.004194', name: 'Đăng ký tạm trú' };
const AGENCY = 'Công an Phường Ba Đình';

/** The wizard's steps, in order, as its step list names them. */
const STEPS = [
  'Trường hợp và cơ quan giải quyết',
  'Tờ khai',
  'Giấy tờ kèm theo',
  'Cách nhận kết quả',
  'Kiểm tra và nộp',
];

/** What the citizen writes. */
const ANSWERS = {
  address: 'Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội',
  request: 'Đăng ký tạm trú tại nhà thuê từ tháng 12',
  postAddress: 'Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội (nhờ chủ nhà nhận)',
  file: 'hop-dong-thue-nha.pdf',
};

/** A button of the main content, by its exact name. */
function button(page, name) {
  return page.getByRole('main').getByRole('button', { name, exact: true });
}

/**
 * Checks that the page is step `n` (1 to 5) of the draft: its heading, and
 * the step list with this step current and the others as links.
 */
async function expectStep(page, draft, n) {
  assert.equal(pathOf(page), `/nop-ho-so/${draft}`, `step ${n} is a page of the draft`);
  await page.getByRole('heading', { level: 1, name: STEPS[n - 1], exact: true }).waitFor();
  const list = page.getByRole('navigation', { name: 'Các bước nộp hồ sơ' });
  assert.equal(await countOf(list.getByRole('listitem')), STEPS.length, 'the step list names every step');
  assert.equal(await textOf(list.locator('li[aria-current="step"]')), STEPS[n - 1], `step ${n} is the current one`);
  const links = await list.getByRole('link').allInnerTexts();
  assert.deepEqual(
    links.map((text) => text.trim()),
    STEPS.filter((_, index) => index !== n - 1),
    'the other steps are links',
  );
  assert.equal(await textOf(page.getByRole('main').locator('p.muted').first()), PROCEDURE.name);
  const form = page.locator(`main form[action="/nop-ho-so/${draft}"]`);
  assert.equal(await form.getAttribute('enctype'), 'multipart/form-data', 'a step is a form that can carry files');
  const buttons = (await form.locator('button').allInnerTexts()).map((text) => text.trim());
  const expected = [
    ...(n > 1 ? ['Quay lại'] : []),
    n < STEPS.length ? 'Tiếp tục' : 'Nộp hồ sơ',
    'Lưu, làm tiếp sau',
  ];
  assert.deepEqual(buttons, expected, `the buttons of step ${n}`);
}

/**
 * The steps of the step list whose number (the list marker, drawn before the
 * item) would be drawn over the step before it on the same line.
 */
async function overlappedSteps(page) {
  return page
    .getByRole('navigation', { name: 'Các bước nộp hồ sơ' })
    .locator('li')
    .evaluateAll((items) => {
      const overlapped = [];
      items.forEach((item, index) => {
        if (index === 0 || getComputedStyle(item).listStylePosition !== 'outside') {
          return;
        }
        // How wide the marker "N. " is in the item's font.
        const probe = document.createElement('span');
        probe.textContent = `${index + 1}. `;
        probe.style.whiteSpace = 'pre';
        item.append(probe);
        const marker = probe.getBoundingClientRect().width;
        probe.remove();
        const box = item.getBoundingClientRect();
        const before = items[index - 1].getBoundingClientRect();
        const rtl = getComputedStyle(item).direction === 'rtl';
        const sameLine = Math.abs(box.top - before.top) < 1;
        const room = rtl ? before.left - box.right : box.left - before.right;
        if (sameLine && room < marker) {
          const pair = `"${items[index - 1].innerText.trim()}" and "${index + 1}. ${item.innerText.trim()}"`;
          overlapped.push(`${pair}: ${Math.round(room)} px between them for a ${Math.round(marker)} px number`);
        }
      });
      return overlapped;
    });
}

test('a visitor is asked to sign in to submit, and comes back to the procedure', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    const procedurePath = `/thu-tuc/${PROCEDURE.code}`;
    await page.goto(procedurePath);
    const online = page.getByRole('region', { name: 'Nộp hồ sơ trực tuyến' });
    await online.waitFor();
    assert.equal(await online.getByRole('button').count(), 0, 'a visitor cannot start a submission');
    const signIn = online.getByRole('link', { name: 'Đăng nhập để nộp hồ sơ trực tuyến' });
    await navigating(page, () => signIn.click());
    assert.equal(pathOf(page), '/dang-nhap');
    assert.equal(queryOf(page).get('next'), procedurePath, 'the sign-in knows where to come back to');
    await checkInLanguages(t, page, currentPath(page), 'sign in to submit');

    await signInAsCitizen(page, CITIZEN);
    assert.equal(pathOf(page), procedurePath, 'signed in, the citizen is back on the procedure');
    await online.getByRole('button', { name: 'Bắt đầu nộp hồ sơ' }).waitFor();
    await checkInLanguages(t, page, procedurePath, 'procedure, signed in');
  } finally {
    await context.close();
  }
});

test('a citizen submits online step by step, saving a draft and resuming it', FLOW, async (t) => {
  const token = await citizenToken(env.server, CITIZEN, DEMO_PASSWORD);
  const before = (await allCitizenDossiers(env.server, token)).length;
  const { context, page } = await env.page();
  try {
    await page.goto('/dang-nhap');
    await signInAsCitizen(page, CITIZEN);
    assert.equal(pathOf(page), '/ho-so-cua-toi');

    // The catalogue, then the procedure.
    const site = page.getByRole('navigation', { name: 'Dịch vụ công một cửa' });
    await navigating(page, () => site.getByRole('link', { name: 'Thủ tục hành chính' }).click());
    assert.equal(pathOf(page), '/thu-tuc');
    await page.getByRole('searchbox', { name: 'Tìm thủ tục (gõ có dấu hoặc không dấu)' }).fill(PROCEDURE.name);
    await navigating(page, () => page.getByRole('button', { name: 'Tìm', exact: true }).click());
    await navigating(page, () =>
      page.getByRole('main').getByRole('link', { name: PROCEDURE.name, exact: true }).click(),
    );
    assert.equal(pathOf(page), `/thu-tuc/${PROCEDURE.code}`);

    // Starting makes a draft and opens its first step.
    const start = page.getByRole('region', { name: 'Nộp hồ sơ trực tuyến' }).getByRole('button', {
      name: 'Bắt đầu nộp hồ sơ',
    });
    await navigating(page, () => start.click());
    const started = pathOf(page).match(/^\/nop-ho-so\/([0-9A-Za-z-]+)$/);
    assert.ok(started, `the draft has a page of its own, not ${pathOf(page)}`);
    const draft = started[1];
    const stepPath = (n) => `/nop-ho-so/${draft}?buoc=${n}`;

    // Step 1: the province first; the same step then offers its agencies.
    await expectStep(page, draft, 1);
    await checkInLanguages(t, page, stepPath(1), 'submission step 1');
    await t.test("the step list's numbers are not drawn over the steps", async () => {
      const overlapped = await overlappedSteps(page);
      assert.deepEqual(overlapped, [], `on ${stepPath(1)}:\n${overlapped.join('\n')}`);
    });
    const agency = page.getByLabel('Cơ quan giải quyết', { exact: true });
    assert.equal(await agency.count(), 0, 'no agency is offered before the province');
    const province = page.getByLabel('Tỉnh, thành phố của cơ quan giải quyết');
    await province.selectOption({ label: 'Thành phố Hà Nội' });
    await navigating(page, () => button(page, 'Tiếp tục').click());
    await expectStep(page, draft, 1);
    assert.equal(queryOf(page).get('buoc'), '1', 'a new province keeps the citizen on step 1');
    assert.equal(await province.inputValue(), '01', 'the province stays chosen');
    await checkInLanguages(t, page, stepPath(1), 'submission step 1 with agencies');
    await navigating(page, () => button(page, 'Tiếp tục').click());
    await expectStep(page, draft, 1);
    t.diagnostic(`no agency chosen: ${await fieldError(page, 'competent_agency')}`);
    await t.test('submission step 1 without an agency [vi]', () =>
      expectSoundPage(page, { label: 'submission step 1 without an agency', lang: 'vi' }),
    );
    await agency.selectOption({ label: AGENCY });
    await navigating(page, () => button(page, 'Tiếp tục').click());

    // Step 2: the form. Going on without an address is told beside the field.
    await expectStep(page, draft, 2);
    assert.equal(queryOf(page).get('buoc'), '2');
    await page.getByRole('main').getByText(CITIZEN_NAME, { exact: true }).waitFor();
    await checkInLanguages(t, page, stepPath(2), 'submission step 2');
    const messages = new Set();
    for (const lang of ['en', 'ar', 'vi']) {
      await page.goto(withLanguage(stepPath(2), lang));
      await navigating(page, () => page.locator('main form button[name="go"][value="next"]').click());
      assert.equal(pathOf(page), `/nop-ho-so/${draft}`);
      messages.add(await fieldError(page, 'address'));
      await t.test(`submission step 2 without an address [${lang}]`, () =>
        expectSoundPage(page, { label: 'submission step 2 without an address', lang }),
      );
    }
    assert.equal(messages.size, 3, `the mistake is told in three languages: ${[...messages].join(' | ')}`);
    await expectStep(page, draft, 2);
    await page.getByLabel('Nơi cư trú').fill(ANSWERS.address);
    await page.getByLabel('Nội dung đề nghị').fill(ANSWERS.request);
    await navigating(page, () => button(page, 'Tiếp tục').click());

    // Step 3: a document uploaded, then "save and finish later".
    await expectStep(page, draft, 3);
    assert.equal(queryOf(page).get('buoc'), '3');
    await checkInLanguages(t, page, stepPath(3), 'submission step 3');
    const uploads = page.getByRole('main').getByLabel('Tải tệp lên', { exact: true });
    assert.ok((await countOf(uploads)) >= 1, 'the procedure asks for at least one document');
    await uploads.first().setInputFiles(pdfFile(ANSWERS.file));
    await navigating(page, () => button(page, 'Lưu, làm tiếp sau').click());
    assert.equal(pathOf(page), '/ho-so-cua-toi', 'saving for later leads to my dossiers');
    await page.getByRole('heading', { level: 2, name: 'Hồ sơ đang soạn' }).waitFor();
    const drafts = page.locator('main h2:text-is("Hồ sơ đang soạn") + ul > li');
    const draftLink = drafts.getByRole('link', { name: PROCEDURE.name, exact: true });
    assert.equal(await countOf(draftLink), 1, 'the draft is listed once');
    assert.equal(await draftLink.getAttribute('href'), `/nop-ho-so/${draft}`);
    await checkInLanguages(t, page, '/ho-so-cua-toi', 'my dossiers with a draft');

    // Opened again, the draft resumes at the first step not done yet.
    await navigating(page, () => draftLink.click());
    await expectStep(page, draft, 4);

    // Step 4: by post, to an address of one's choosing.
    await checkInLanguages(t, page, stepPath(4), 'submission step 4');
    await page.getByRole('radio', { name: 'Gửi qua bưu chính', exact: true }).check();
    await page.getByLabel('Địa chỉ nhận (nếu gửi qua bưu chính)').fill(ANSWERS.postAddress);
    await navigating(page, () => button(page, 'Tiếp tục').click());

    // Step 5: the review shows every answer.
    await expectStep(page, draft, 5);
    assert.equal(queryOf(page).get('buoc'), '5');
    const review = await definitions(page.getByRole('main').locator('dl'));
    assert.equal(review['Cơ quan giải quyết'], AGENCY, JSON.stringify(review));
    assert.equal(review['Nơi cư trú'], ANSWERS.address, JSON.stringify(review));
    assert.equal(review['Nội dung đề nghị'], ANSWERS.request, JSON.stringify(review));
    assert.equal(review['Giấy tờ kèm theo'], ANSWERS.file, JSON.stringify(review));
    assert.equal(
      review['Bạn muốn nhận kết quả thế nào?'],
      `Gửi qua bưu chính: ${ANSWERS.postAddress}`,
      JSON.stringify(review),
    );
    await checkInLanguages(t, page, stepPath(5), 'submission step 5');

    // Back to step 4 and on again: the answers are kept.
    await navigating(page, () => button(page, 'Quay lại').click());
    await expectStep(page, draft, 4);
    assert.equal(await page.getByRole('radio', { name: 'Gửi qua bưu chính', exact: true }).isChecked(), true);
    assert.equal(await page.getByLabel('Địa chỉ nhận (nếu gửi qua bưu chính)').inputValue(), ANSWERS.postAddress);
    await navigating(page, () => button(page, 'Tiếp tục').click());
    await expectStep(page, draft, 5);

    // The same review, left open in another tab, as a page kept from before.
    const stale = await context.newPage();
    await stale.goto(stepPath(5));
    await expectStep(stale, draft, 5);

    // Submitting leads to the receipt.
    await navigating(page, () => button(page, 'Nộp hồ sơ').click());
    const submitted = pathOf(page).match(/^\/ho-so-cua-toi\/([^/]+)\/bien-nhan$/);
    assert.ok(submitted, `submitting leads to a receipt, not ${pathOf(page)}`);
    const receiptPath = pathOf(page);
    const reference = decodeURIComponent(submitted[1]);
    await page.getByRole('heading', { level: 1, name: 'Biên nhận hồ sơ' }).waitFor();
    assert.match(await textOf(page.getByRole('main').getByRole('status')), /^Đã nộp hồ sơ\./);
    const receipt = await definitions(page.getByRole('main').locator('dl'));
    assert.match(receipt['Số tham chiếu'], /^([0-9a-f]{4} )*[0-9a-f]{4}$/, 'read out in groups of four');
    assert.equal(receipt['Số tham chiếu'].replace(/ /g, ''), reference, JSON.stringify(receipt));
    assert.equal(receipt['Thủ tục hành chính'], PROCEDURE.name, JSON.stringify(receipt));
    const expected = Object.entries(receipt).find(([term]) => term.startsWith('Hẹn trả dự kiến'));
    assert.ok(expected, `the receipt gives the expected date: ${JSON.stringify(receipt)}`);
    assert.match(expected[1], /\d{1,2}\/\d{1,2}\/\d{4}/, 'the expected date is a date');
    const qr = page.getByRole('main').locator('svg[role="img"]');
    assert.equal(await countOf(qr), 1, 'the receipt has one QR code');
    assert.equal(await qr.getAttribute('aria-label'), `Mã QR của hồ sơ: ${reference}`);
    const box = await qr.boundingBox();
    assert.ok(box && box.width >= 120 && box.height >= 120, `the QR code can be scanned: ${JSON.stringify(box)}`);
    assert.equal((await allCitizenDossiers(env.server, token)).length, before + 1, 'one dossier was made');

    // Back in history, and "submit" again: still one dossier.
    await page.goBack();
    await page.waitForLoadState('load');
    if (pathOf(page) === `/nop-ho-so/${draft}` && (await button(page, 'Nộp hồ sơ').count()) === 1) {
      t.diagnostic('back in history shows the review again');
      await navigating(page, () => button(page, 'Nộp hồ sơ').click());
    } else {
      t.diagnostic(`back in history shows ${pathOf(page)}`);
    }
    assert.equal(pathOf(page), receiptPath, 'the submitted draft leads to its receipt');
    await navigating(stale, () => button(stale, 'Nộp hồ sơ').click());
    assert.equal(pathOf(stale), receiptPath, 'the review kept in another tab leads to the same receipt');
    await stale.close();
    assert.equal((await allCitizenDossiers(env.server, token)).length, before + 1, 'no second dossier was made');

    await checkInLanguages(t, page, receiptPath, 'receipt');

    // The API has the answers; my dossiers lists the dossier, and no draft.
    const dossier = await citizenDossier(env.server, token, reference);
    assert.equal(dossier.status, 'submitted');
    assert.equal(dossier.procedure_code, PROCEDURE.code);
    assert.equal(dossier.delivery?.method, 'post');
    assert.equal(dossier.delivery?.address, ANSWERS.postAddress);
    assert.equal(dossier.form_data?.request, ANSWERS.request);
    await navigating(page, () => page.getByRole('main').getByRole('link', { name: 'Hồ sơ của tôi' }).click());
    assert.equal(pathOf(page), '/ho-so-cua-toi');
    await page.getByRole('main').getByRole('link', { name: reference, exact: true }).waitFor();
    assert.equal(
      await page.getByRole('heading', { level: 2, name: 'Hồ sơ đang soạn' }).count(),
      0,
      'the submitted draft is no longer a draft',
    );
  } finally {
    await context.close();
  }
});

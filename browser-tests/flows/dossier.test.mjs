// A citizen's own dossier page, for what it asks of them: sending the
// documents an agency asked for, and rating a dossier once its result is
// returned. A mistake is shown on the page and changes nothing.

import assert from 'node:assert/strict';
import test from 'node:test';

import { navigating, pathOf, pdfFile, textOf } from '../lib/actions.mjs';
import { DEMO_PASSWORD, allCitizenDossiers, citizenDossier, citizenToken } from '../lib/api.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages, expectSoundPage } from '../lib/pages.mjs';
import { signInAsCitizen } from '../lib/people.mjs';

const env = useServerAndBrowser();

/** Each flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };

/** A demo citizen with one dossier in every status. */
const CITIZEN = '031075000004';

/** The first of the citizen's dossiers with `status`, by the API. */
async function dossierWithStatus(token, status) {
  const found = await allCitizenDossiers(env.server, token, { status });
  assert.ok(found.length >= 1, `the demo citizen has a dossier with status ${status}`);
  const dossier = found[0];
  assert.equal(dossier.status, status);
  return dossier.code ?? dossier.id;
}

/**
 * Signs the citizen in from "Hồ sơ của tôi" in the site's navigation and
 * opens the dossier `reference` from the list, as a citizen would.
 */
async function openFromMyDossiers(page, reference) {
  await page.goto('/');
  const site = page.getByRole('navigation', { name: 'Dịch vụ công một cửa' });
  await navigating(page, () => site.getByRole('link', { name: 'Hồ sơ của tôi' }).click());
  if (pathOf(page) === '/dang-nhap') {
    await signInAsCitizen(page, CITIZEN);
  }
  assert.equal(pathOf(page), '/ho-so-cua-toi');
  const link = page.getByRole('main').getByRole('heading', { level: 2 }).getByRole('link', {
    name: reference,
    exact: true,
  });
  await navigating(page, () => link.click());
  const path = `/ho-so-cua-toi/${reference}`;
  assert.equal(pathOf(page), path);
  await page.getByRole('heading', { level: 1, name: `Mã hồ sơ ${reference}` }).waitFor();
  return path;
}

/** The "Tình trạng: …" line of the dossier page. */
function statusLine(page) {
  return page.getByRole('main').locator('p', { hasText: 'Tình trạng:' });
}

/** The history's steps, in order. */
async function historyOf(page) {
  const steps = await page.locator('main h2:text-is("Quá trình xử lý") + ol > li').allInnerTexts();
  return steps.map((text) => text.replace(/\s+/g, ' ').trim());
}

test('a citizen sends the documents an agency asked for', FLOW, async (t) => {
  const token = await citizenToken(env.server, CITIZEN, DEMO_PASSWORD);
  const reference = await dossierWithStatus(token, 'supplement_requested');
  const asked = (await citizenDossier(env.server, token, reference)).history
    .filter((event) => event.action === 'request_supplement')
    .at(-1)?.data?.reason;
  assert.ok(asked, 'the API tells what the agency asked for');
  const { context, page } = await env.page();
  try {
    const path = await openFromMyDossiers(page, reference);
    assert.equal(await textOf(statusLine(page)), 'Tình trạng: Yêu cầu bổ sung giấy tờ');

    // What the agency asks, and a form to answer it.
    const supplement = page.getByRole('region', { name: 'Cần bổ sung giấy tờ' });
    await supplement.waitFor();
    assert.equal(await textOf(supplement.locator('p', { hasText: 'Cơ quan yêu cầu:' })), `Cơ quan yêu cầu: ${asked}`);
    await checkInLanguages(t, page, path, 'my dossier, supplement asked');
    const historyBefore = await historyOf(page);

    // Nothing attached: the page says so, and nothing changes.
    const send = supplement.getByRole('button', { name: 'Gửi giấy tờ bổ sung', exact: true });
    await navigating(page, () => send.click());
    const alert = supplement.getByRole('alert');
    await alert.waitFor();
    assert.ok((await textOf(alert)).length > 0, 'the error says something');
    t.diagnostic(`nothing attached: ${await textOf(alert)}`);
    await t.test('my dossier, supplement with nothing attached [vi]', () =>
      expectSoundPage(page, { label: 'my dossier, supplement with nothing attached', lang: 'vi' }),
    );
    assert.equal(await textOf(statusLine(page)), 'Tình trạng: Yêu cầu bổ sung giấy tờ');
    assert.deepEqual(await historyOf(page), historyBefore, 'the history is unchanged');
    assert.equal((await citizenDossier(env.server, token, reference)).status, 'supplement_requested');

    // A scan attached, on the page that told the mistake: sent, the history
    // says so, the request is answered.
    await supplement.getByLabel('Tải tệp lên', { exact: true }).first().setInputFiles(pdfFile('ban-ve-so-do.pdf'));
    await supplement.getByLabel('Ghi chú (không bắt buộc)').fill('Gửi bản vẽ sơ đồ thửa đất');
    await navigating(page, () => send.click());
    assert.equal(pathOf(page), path);
    const history = await historyOf(page);
    assert.equal(history.length, historyBefore.length + 1, 'the history has one more step');
    assert.match(history.at(-1), /Đã bổ sung giấy tờ/, 'the history ends with the supplement');
    assert.equal(await supplement.count(), 0, 'the request is answered');
    assert.notEqual(await textOf(statusLine(page)), 'Tình trạng: Yêu cầu bổ sung giấy tờ');
    await page.getByRole('main').getByRole('link', { name: 'ban-ve-so-do.pdf' }).waitFor();
    assert.notEqual((await citizenDossier(env.server, token, reference)).status, 'supplement_requested');
    await checkInLanguages(t, page, path, 'my dossier, supplement sent');
  } finally {
    await context.close();
  }
});

test('a citizen rates a returned dossier once', FLOW, async (t) => {
  const token = await citizenToken(env.server, CITIZEN, DEMO_PASSWORD);
  const reference = await dossierWithStatus(token, 'returned');
  const { context, page } = await env.page();
  try {
    const path = await openFromMyDossiers(page, reference);
    assert.equal(await textOf(statusLine(page)), 'Tình trạng: Đã trả kết quả');
    const rating = page.getByRole('region', { name: 'Đánh giá sự hài lòng' });
    await rating.waitFor();
    await rating.getByRole('group', { name: 'Bạn có hài lòng với việc giải quyết hồ sơ này?' }).waitFor();
    await checkInLanguages(t, page, path, 'my dossier, rating');

    // Not satisfied, without saying why: the page asks why.
    await rating.getByRole('radio', { name: 'Không hài lòng', exact: true }).check();
    const send = rating.getByRole('button', { name: 'Gửi đánh giá', exact: true });
    await navigating(page, () => send.click());
    const alert = rating.getByRole('alert');
    await alert.waitFor();
    assert.ok((await textOf(alert)).length > 0, 'the error says something');
    t.diagnostic(`not satisfied without a comment: ${await textOf(alert)}`);
    await t.test('my dossier, rating without a comment [vi]', () =>
      expectSoundPage(page, { label: 'my dossier, rating without a comment', lang: 'vi' }),
    );
    assert.equal(await rating.getByRole('status').count(), 0, 'nothing was recorded');

    // Satisfied, with a comment: recorded, and the form is gone.
    await rating.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
    await rating.getByLabel('Góp ý (bắt buộc nếu không hài lòng)').fill('Cán bộ hướng dẫn rõ ràng, trả đúng hẹn.');
    await navigating(page, () => send.click());
    assert.equal(pathOf(page), path);
    assert.equal(await textOf(rating.getByRole('status')), 'Bạn đã đánh giá: Hài lòng');
    assert.equal(await rating.getByRole('radio').count(), 0, 'the rating form is gone');
    assert.equal(await send.count(), 0, 'there is nothing more to send');
    await checkInLanguages(t, page, path, 'my dossier, rated');
  } finally {
    await context.close();
  }
});

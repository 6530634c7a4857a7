// Serving the applicant around the counter: a citizen asked to pay sees how
// much and where and when to pay, and the counter records the payment with
// its amount, method and receipt; or the citizen pays online through the
// sandbox gateway, gets an electronic receipt anyone can check, the
// administrator reconciles it against the gateway's statement, and a
// withdrawal refunds it; a result sent by post shows its tracking
// number; a post office hands back a result collected there, signed for; an
// outreach session shows its day publicly and its helper cannot receive once
// it is over. Each page is checked in the three languages.

import assert from 'node:assert/strict';
import test from 'node:test';

import { countOf, definitions, navigating, pathOf, textOf } from '../lib/actions.mjs';
import { apiRequest, citizenToken, DEMO_CITIZEN, DEMO_PASSWORD } from '../lib/api.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages, expectSoundPage } from '../lib/pages.mjs';
import { signInAsCitizen, signInAsOfficer } from '../lib/people.mjs';

const env = useServerAndBrowser();

/** Each flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };

const PROCEDURE = '1.115504';
const AGENCY = '000.04.01.H29';

async function officerToken(username, password = DEMO_PASSWORD) {
  const { status, body } = await apiRequest(env.server, 'POST', '/api/v1/sessions', {
    body: { username, password },
  });
  assert.equal(status, 201, `sign-in of ${username}: ${JSON.stringify(body)}`);
  return body.token;
}

async function act(token, reference, body) {
  const path = `/api/v1/dossiers/${encodeURIComponent(reference)}/actions`;
  const { status, body: dossier } = await apiRequest(env.server, 'POST', path, { token, body });
  assert.equal(status, 200, `${JSON.stringify(body)} → ${JSON.stringify(dossier)}`);
  return dossier;
}

/** The demo citizen's dossier, submitted online and received at Ba Đình: its code. */
async function receivedDossier(delivery) {
  const citizen = await citizenToken(env.server, DEMO_CITIZEN, DEMO_PASSWORD);
  const { status, body } = await apiRequest(env.server, 'POST', '/api/v1/dossiers', {
    token: citizen,
    body: {
      procedure_code: PROCEDURE,
      channel: 'online',
      competent_agency: AGENCY,
      form_data: { land_parcel: 'Tờ 3, thửa 9' },
      delivery,
    },
  });
  assert.equal(status, 201, JSON.stringify(body));
  const received = await act(await officerToken('hn.badinh.tiepnhan'), body.id, { action: 'receive' });
  return received.code;
}

/** Takes a received dossier to its decision. */
async function resolve(code) {
  await act(await officerToken('hn.badinh.tiepnhan'), code, { action: 'hand_over', to: 'review' });
  await act(await officerToken('hn.badinh.chuyenvien'), code, { action: 'hand_over', to: 'approval' });
  await act(await officerToken('hn.badinh.lanhdao'), code, { action: 'approve' });
}

/** The `<details>` of the action titled `title` on a desk dossier page. */
function action(page, title) {
  return page.getByRole('main').locator('details', { has: page.locator('summary', { hasText: title }) });
}

/** Today in Việt Nam as a Date at UTC midnight, and its neighbours. */
function vietnamDay(offsetDays) {
  const now = new Date(Date.now() + 7 * 3600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays));
}

const iso = (day) => day.toISOString().slice(0, 10);
const shown = (day) => `${iso(day).slice(8, 10)}/${iso(day).slice(5, 7)}/${iso(day).slice(0, 4)}`;

test('a citizen asked to pay sees how much, where and when; the counter records the payment', FLOW, async (t) => {
  const code = await receivedDossier({ method: 'online' });
  await act(await officerToken('hn.badinh.chuyenvien'), code, { action: 'request_payment', amount_dong: 75000 });
  const { context, page } = await env.page();
  try {
    await page.goto('/dang-nhap');
    await signInAsCitizen(page, DEMO_CITIZEN);
    await page.goto(`/ho-so-cua-toi/${code}`);
    const payment = page.getByRole('region', { name: 'Nộp phí, lệ phí' });
    assert.match(await textOf(payment), /75\.000 đ/, 'the amount to pay');
    const where = await definitions(payment.locator('dl'));
    t.diagnostic(`where to pay: ${JSON.stringify(where)}`);
    assert.match(where['Nơi nộp'], /Phường Ba Đình/);
    assert.match(where['Địa chỉ'], /25 Liễu Giai/);
    assert.match(where['Giờ làm việc'], /07:30-11:30, 13:00-17:00/);
    await checkInLanguages(t, page, `/ho-so-cua-toi/${code}`, 'dossier waiting for payment');
  } finally {
    await context.close();
  }

  const desk = await env.page();
  try {
    await signInAsOfficer(desk.page, 'hn.badinh.tiepnhan');
    await desk.page.goto(`/can-bo/ho-so/${code}`);
    const pay = action(desk.page, 'Ghi nhận đã nộp phí');
    assert.equal(await countOf(pay), 1, 'the counter records payments');
    await pay.locator('summary').click();
    assert.match(await textOf(pay), /75\.000 đ/, 'the amount requested is shown');
    await pay.getByLabel('Số tiền đã thu (đồng)').fill('70000');
    await pay.getByLabel('Hình thức nộp').selectOption('transfer');
    await pay.getByLabel('Số biên lai').fill('BL-2026-0099');
    await navigating(desk.page, () => pay.getByRole('button', { name: 'Ghi nhận đã nộp phí' }).click());
    const alert = desk.page.getByRole('main').getByRole('alert');
    assert.match(await textOf(alert), /phải bằng số tiền đã yêu cầu/i, 'a wrong amount is refused in words');
    await t.test('the refused payment [vi]', () => expectSoundPage(desk.page, { label: 'refused payment', lang: 'vi' }));
    const again = action(desk.page, 'Ghi nhận đã nộp phí');
    await again.getByLabel('Số tiền đã thu (đồng)').fill('75000');
    await again.getByLabel('Hình thức nộp').selectOption('transfer');
    await again.getByLabel('Số biên lai').fill('BL-2026-0099');
    await navigating(desk.page, () => again.getByRole('button', { name: 'Ghi nhận đã nộp phí' }).click());
    assert.equal(pathOf(desk.page), `/can-bo/ho-so/${code}`);
    assert.match(await textOf(desk.page.getByRole('main')), /Đã nộp phí/, 'the control slip records it');
  } finally {
    await desk.context.close();
  }
});

test('an officer exempts the charges requested, with the legal reason the history keeps', FLOW, async (t) => {
  const code = await receivedDossier({ method: 'online' });
  await act(await officerToken('hn.badinh.chuyenvien'), code, { action: 'request_payment', amount_dong: 20000 });
  const desk = await env.page();
  try {
    await signInAsOfficer(desk.page, 'hn.badinh.tiepnhan');
    await desk.page.goto(`/can-bo/ho-so/${code}`);
    const pay = action(desk.page, 'Ghi nhận đã nộp phí');
    await pay.locator('summary').click();
    const exemption = pay.locator('form.exemption');
    await t.test('the exemption form [vi]', () => expectSoundPage(desk.page, { label: 'exemption form', lang: 'vi' }));
    const why = 'Hộ nghèo theo Nghị định 07/2021/NĐ-CP';
    await exemption.getByLabel('Lý do miễn và căn cứ pháp lý').fill(why);
    await navigating(desk.page, () => exemption.getByRole('button', { name: 'Ghi nhận miễn phí, lệ phí' }).click());
    assert.equal(pathOf(desk.page), `/can-bo/ho-so/${code}`);
    assert.equal(await desk.page.locator('form.exemption').count(), 0, 'nothing left to pay');
  } finally {
    await desk.context.close();
  }
  const citizen = await citizenToken(env.server, DEMO_CITIZEN, DEMO_PASSWORD);
  const { body } = await apiRequest(env.server, 'GET', `/api/v1/dossiers/${encodeURIComponent(code)}`, {
    token: citizen,
  });
  const exempted = body.history.filter((event) => event.action === 'pay');
  assert.equal(exempted.length, 1);
  assert.equal(exempted[0].data.method, 'exempt');
  assert.equal(exempted[0].data.exemption_reason, 'Hộ nghèo theo Nghị định 07/2021/NĐ-CP');
  assert.equal(body.status, 'received', 'the dossier goes on');
});

test('a citizen pays online through the sandbox gateway, and the dossier goes on', FLOW, async (t) => {
  const code = await receivedDossier({ method: 'online' });
  let receiptNumber = '';
  await act(await officerToken('hn.badinh.chuyenvien'), code, { action: 'request_payment', amount_dong: 45000 });
  const { context, page } = await env.page();
  try {
    await page.goto('/dang-nhap');
    await signInAsCitizen(page, DEMO_CITIZEN);
    await page.goto(`/ho-so-cua-toi/${code}`);
    const payment = page.getByRole('region', { name: 'Nộp phí, lệ phí' });
    assert.match(await textOf(payment), /thử nghiệm \(sandbox\)/, 'the sandbox says it is one');
    await navigating(page, () => payment.getByRole('button', { name: 'Thanh toán trực tuyến' }).click());
    assert.match(await textOf(page.locator('body')), /SANDBOX/, 'at the sandbox gateway');
    assert.match(await textOf(page.locator('#amount')), /45\.000 VND/, 'the amount the dossier owes');
    assert.match(await textOf(page.locator('#order-info')), new RegExp(code.replace(/\./g, '\\.')), 'what it is for');
    await navigating(page, () => page.getByRole('button', { name: 'Thanh toán thành công (pay)' }).click());
    assert.match(pathOf(page), /^\/ho-so-cua-toi\//, 'back on the dossier');
    assert.match(await textOf(page.locator('#payment-outcome')), /Đã nhận thanh toán/);
    assert.equal(await page.getByRole('region', { name: 'Nộp phí, lệ phí' }).count(), 0, 'nothing left to pay');
    await t.test('the paid dossier [vi]', () => expectSoundPage(page, { label: 'paid online', lang: 'vi' }));
    const receipt = page.locator('#online-payments a.receipt', { hasText: 'Biên lai điện tử (PDF)' });
    const href = await receipt.getAttribute('href');
    for (const lang of ['vi', 'en', 'ar']) {
      const pdf = await page.request.get(`${href}?lang=${lang}`);
      assert.equal(pdf.status(), 200, `the receipt in ${lang}`);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    }
    receiptNumber = href.match(/\/bien-lai\/([0-9a-f]+)\.pdf$/)[1];
    await page.goto(`/bien-lai/${receiptNumber}`);
    assert.equal(await page.locator('#receipt-state').getAttribute('data-state'), 'valid', 'anyone can check it');
    assert.match(await textOf(page.getByRole('main')), /45\.000 đ/);
    await checkInLanguages(t, page, `/bien-lai/${receiptNumber}`, 'receipt check');
  } finally {
    await context.close();
  }
  const citizen = await citizenToken(env.server, DEMO_CITIZEN, DEMO_PASSWORD);
  const { body } = await apiRequest(env.server, 'GET', `/api/v1/dossiers/${encodeURIComponent(code)}`, {
    token: citizen,
  });
  const payments = body.history.filter((event) => event.action === 'pay');
  assert.equal(payments.length, 1, 'one payment in the history, whatever the gateway sent twice');
  assert.equal(payments[0].data.method, 'online');
  assert.equal(body.status, 'received', 'back where it was before the request');
  const typed = await apiRequest(env.server, 'POST', `/api/v1/dossiers/${encodeURIComponent(code)}/actions`, {
    token: citizen,
    body: { action: 'pay', transaction_reference: 'VNP-TYPED' },
  });
  assert.equal(typed.status, 409, 'nothing left to pay');

  // The province's administrator reconciles the day against the gateway's statement.
  const admin = await env.page();
  try {
    await signInAsOfficer(admin.page, 'quantri');
    await admin.page.goto('/quan-tri/doi-soat');
    const ours = admin.page.locator('#reconciliation tbody tr', { hasText: code });
    assert.equal(await ours.getAttribute('data-finding'), 'missing_from_statement', 'no statement imported yet');
    const cells = await ours.locator('td').allInnerTexts();
    const [orderId, , , , transactionNo] = cells.map((cell) => cell.trim());
    const paidAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const statement = [
      'order_id,transaction_no,amount_dong,paid_at,status',
      `${orderId},${transactionNo},45000,${paidAt},00`,
      `ZZ-NOT-OURS,99000001,30000,${paidAt},00`,
      `ZZ-CANCELLED,99000002,30000,${paidAt},24`,
    ].join('\n');
    const upload = admin.page.getByRole('region', { name: 'Nhập sao kê của cổng thanh toán' });
    await upload.getByLabel('Tệp sao kê (CSV)').setInputFiles({
      name: 'sao-ke.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(statement),
    });
    await navigating(admin.page, () => upload.getByRole('button', { name: 'Nhập' }).click());
    assert.match(await textOf(admin.page.locator('#statement-imported')), /Đã đọc 3 dòng sao kê, 3 dòng mới/);
    assert.equal(await ours.getAttribute('data-finding'), 'matched', 'the statement has our payment');
    const foreign = admin.page.locator('#reconciliation tbody tr', { hasText: 'ZZ-NOT-OURS' });
    assert.equal(await foreign.getAttribute('data-finding'), 'missing_here', 'money taken for no order of ours');
    assert.equal(await admin.page.locator('#reconciliation tbody tr', { hasText: 'ZZ-CANCELLED' }).count(), 0);
    await t.test('reconciliation [vi]', () => expectSoundPage(admin.page, { label: 'reconciliation', lang: 'vi' }));
    await checkInLanguages(t, admin.page, pathOf(admin.page), 'reconciliation');
    const bad = 'order_id,transaction_no,amount_dong,paid_at,status\nA1,1,45.000,20261207090000,00\n';
    await upload.getByLabel('Tệp sao kê (CSV)').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await navigating(admin.page, () => upload.getByRole('button', { name: 'Nhập' }).click());
    assert.match(await textOf(admin.page.getByRole('alert')), /Dòng 2.*amount_dong/, 'a bad line is named');
  } finally {
    await admin.context.close();
  }

  // Withdrawn after paying, the dossier's payment goes back through the gateway.
  await act(citizen, code, { action: 'withdraw' });
  const back = await env.page();
  try {
    await back.page.goto('/dang-nhap');
    await signInAsCitizen(back.page, DEMO_CITIZEN);
    const refund = back.page.locator('#online-payments .refund');
    let state = '';
    for (let attempt = 0; attempt < 30 && state !== 'refunded'; attempt += 1) {
      await back.page.goto(`/ho-so-cua-toi/${code}`);
      state = (await refund.count()) ? await refund.getAttribute('data-refund') : '';
      if (state !== 'refunded') await back.page.waitForTimeout(1_000);
    }
    assert.equal(state, 'refunded', 'the refund worker reached the sandbox');
    assert.match(await textOf(refund), /Đã hoàn tiền/);
    await checkInLanguages(t, back.page, `/ho-so-cua-toi/${code}`, 'refunded dossier');
    await back.page.goto(`/bien-lai/${receiptNumber}`);
    assert.equal(await back.page.locator('#receipt-state').getAttribute('data-state'), 'refunded');
  } finally {
    await back.context.close();
  }
});

test('a citizen sees the tracking number of a result sent by post', FLOW, async (t) => {
  const code = await receivedDossier({ method: 'post', address: '25 Liễu Giai, Ba Đình, Hà Nội' });
  await resolve(code);
  await act(await officerToken('hn.badinh.tiepnhan'), code, { action: 'return', tracking_number: 'EL555666777VN' });
  const { context, page } = await env.page();
  try {
    await page.goto('/dang-nhap');
    await signInAsCitizen(page, DEMO_CITIZEN);
    await page.goto(`/ho-so-cua-toi/${code}`);
    assert.match(await textOf(page.getByRole('main')), /Mã vận đơn bưu chính: EL555666777VN/);
    await checkInLanguages(t, page, `/ho-so-cua-toi/${code}`, 'dossier sent by post');
  } finally {
    await context.close();
  }
});

test('a post office hands back a result collected there, signed for by the recipient', FLOW, async (t) => {
  const code = await receivedDossier({ method: 'counter', service_point: 'HN-BD-POST' });
  await resolve(code);
  const { context, page } = await env.page();
  try {
    await signInAsOfficer(page, 'hn.buudien');
    await page.goto(`/can-bo/ho-so/${code}`);
    await checkInLanguages(t, page, `/can-bo/ho-so/${code}`, 'agent point, result to hand back');
    const handBack = action(page, 'Trả kết quả');
    assert.equal(await countOf(handBack), 1, 'the post office may hand it back');
    await handBack.locator('summary').click();
    await handBack.getByLabel('Họ và tên người nhận').fill('Người dùng thử Hà Nội 1');
    await handBack.getByLabel('Số định danh cá nhân của người nhận').fill(DEMO_CITIZEN);
    await navigating(page, () => handBack.getByRole('button', { name: 'Trả kết quả' }).click());
    assert.match(await textOf(page.getByRole('main').getByRole('alert')), /ký nhận/, 'not without the signature');
    const again = action(page, 'Trả kết quả');
    await again.getByLabel('Người nhận đã ký nhận kết quả').check();
    await again.getByLabel('Họ và tên người nhận').fill('Người dùng thử Hà Nội 1');
    await again.getByLabel('Số định danh cá nhân của người nhận').fill(DEMO_CITIZEN);
    await navigating(page, () => again.getByRole('button', { name: 'Trả kết quả' }).click());
    assert.equal(pathOf(page), `/can-bo/ho-so/${code}`);
    const facts = await definitions(page.getByRole('main').locator('dl').first());
    assert.match(facts['Tình trạng'], /Đã trả kết quả/);
  } finally {
    await context.close();
  }
});

test('an outreach session shows its day publicly, and its helper cannot receive once it is over', FLOW, async (t) => {
  const yesterday = vietnamDay(-1);
  const tomorrow = vietnamDay(1);
  const { context, page } = await env.page();
  try {
    await signInAsOfficer(page, 'quantri');
    const sessions = [
      { code: 'HN-LD-QUA', day: yesterday, helper: 'hn.ld.qua' },
      { code: 'HN-LD-MAI', day: tomorrow, helper: 'hn.ld.mai' },
    ];
    for (const session of sessions) {
      await page.goto('/quan-tri/diem-tiep-nhan');
      const form = page.getByRole('main').locator('form[action="/quan-tri/diem-tiep-nhan"]');
      await form.getByLabel('Mã', { exact: true }).fill(session.code);
      await form.getByLabel('Tên', { exact: true }).fill(`Buổi lưu động ${session.code}`);
      await form.getByLabel('Loại').selectOption('outreach_session');
      await form.getByLabel('Mã xã, phường (hoặc mã tỉnh)').fill('00376');
      await form.getByLabel('Địa chỉ').fill('Nhà văn hóa thôn Xuân Dục, Xã Sóc Sơn');
      await form.getByLabel(/^Giờ làm việc, ví dụ/).fill('07:30-11:30');
      await form.getByLabel('Ngày (chỉ cho buổi lưu động)').fill(iso(session.day));
      await navigating(page, () => form.getByRole('button', { name: 'Lưu' }).click());
      assert.equal(pathOf(page), '/quan-tri/diem-tiep-nhan', `${session.code} saved`);
      await page.goto('/quan-tri');
      const officer = page.getByRole('main').locator('form[action="/quan-tri/can-bo"]');
      await officer.getByLabel('Tên đăng nhập').fill(session.helper);
      await officer.getByLabel('Họ và tên').fill('Tình nguyện viên thôn Xuân Dục');
      await officer.getByLabel('Vai trò').selectOption('outreach_helper');
      await officer.getByLabel('Phạm vi').selectOption('service_point');
      await officer.getByLabel('Mã nơi làm việc').fill(session.code);
      await officer.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mat-khau-dai-2026');
      await navigating(page, () => officer.getByRole('button', { name: 'Tạo' }).click());
      assert.equal(pathOf(page), '/quan-tri', `${session.helper} created`);
    }
  } finally {
    await context.close();
  }

  // Where to submit, on the procedure's page: each session's day and hours.
  const visitor = await env.page();
  try {
    const path = `/thu-tuc/${PROCEDURE}?tinh=01`;
    await visitor.page.goto(path);
    const card = (code) => visitor.page.getByRole('main').locator('div.card', { hasText: `Buổi lưu động ${code}` });
    const over = await textOf(card('HN-LD-QUA'));
    assert.match(over, new RegExp(`Ngày tổ chức: ${shown(yesterday)}`));
    assert.match(over, /Đã kết thúc/);
    assert.match(over, /07:30-11:30/);
    const coming = await textOf(card('HN-LD-MAI'));
    assert.match(coming, new RegExp(`Ngày tổ chức: ${shown(tomorrow)}`));
    assert.doesNotMatch(coming, /Đã kết thúc/);
    await checkInLanguages(t, visitor.page, path, 'procedure, where to submit with outreach sessions');
  } finally {
    await visitor.context.close();
  }

  // Yesterday's helper tries to receive today: refused, in words.
  const helper = await env.page();
  try {
    await signInAsOfficer(helper.page, 'hn.ld.qua', 'mat-khau-dai-2026');
    await helper.page.goto(`/can-bo/tiep-nhan?procedure=${PROCEDURE}`);
    await helper.page.getByLabel('Họ và tên', { exact: true }).fill('Cụ Nguyễn Văn Lão');
    await helper.page.getByRole('checkbox', { name: /^Người nộp có mặt và đồng ý/ }).check();
    const receive = helper.page.getByRole('main').getByRole('button', { name: 'Xác nhận', exact: true });
    await navigating(helper.page, () => receive.click());
    assert.equal(pathOf(helper.page), '/can-bo/tiep-nhan', 'nothing is received');
    assert.match(await textOf(helper.page.getByRole('main').getByRole('alert')), /buổi lưu động đã kết thúc/i);
    await t.test('the refused reception [vi]', () =>
      expectSoundPage(helper.page, { label: 'reception after the session', lang: 'vi' }),
    );
  } finally {
    await helper.context.close();
  }
});

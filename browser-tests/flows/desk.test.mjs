// The one-stop desk and the back office: an intake officer's worklist by
// tabs, by mouse and by keyboard; a dossier received at the counter, handed
// over for review, then for approval, approved with a result file, and
// returned, each step by the officer whose turn it is, with the control slip
// recording every hand-over.

import assert from 'node:assert/strict';
import test from 'node:test';

import { countOf, definitions, isFocused, navigating, pathOf, pdfFile, queryOf, textOf } from '../lib/actions.mjs';
import { useServerAndBrowser } from '../lib/harness.mjs';
import { checkInLanguages, currentPath, expectSoundPage } from '../lib/pages.mjs';
import { ID_LABEL, signInAsOfficer } from '../lib/people.mjs';

const env = useServerAndBrowser();

/** Each flow's bound, server and browser start-up excluded. */
const FLOW = { timeout: 300_000 };
/** At most this many presses of Tab to walk the worklist. */
const MAX_TABS = 60;

/** The officers of Phường Ba Đình in the demo. */
const INTAKE = 'hn.badinh.tiepnhan';
const INTAKE_NAME = 'Cán bộ tiếp nhận, Phường Ba Đình';
const SPECIALIST = { username: 'hn.badinh.chuyenvien', name: 'Chuyên viên UBND Phường Ba Đình' };
const LEADER = { username: 'hn.badinh.lanhdao', name: 'Lãnh đạo UBND Phường Ba Đình' };

/** The intake officer's tabs, in order. */
const INTAKE_TABS = ['Chờ tiếp nhận', 'Chờ xử lý', 'Chờ trả kết quả', 'Chờ người dân'];

/** Who hands in the dossier at the counter, and for what. */
const APPLICANT = { idNumber: '001190000001', name: 'Người dùng thử Hà Nội 1' };
const PROCEDURE = '1.115504';
const AGENCY = { code: '000.04.01.H29', name: 'Ủy ban nhân dân Phường Ba Đình' };
const REQUEST = 'Điều chỉnh quyết định cho thuê đất, thửa số 12';

/** The navigation of the worklist's tabs. */
function tabsOf(page) {
  return page.getByRole('navigation', { name: 'Việc cần làm' });
}

/** The tab link whose name starts with `name`, e.g. "Chờ xử lý (3)". */
function tab(page, name) {
  return tabsOf(page).getByRole('link', { name: new RegExp(`^${name} \\(\\d+\\)$`) });
}

/** The number of dossiers a tab announces. */
async function tabCount(page, name) {
  const text = await textOf(tab(page, name));
  return Number(text.match(/\((\d+)\)$/)[1]);
}

/** The `<details>` of the action titled `title` on a desk dossier page. */
function action(page, title) {
  return page.getByRole('main').locator('details', {
    has: page.locator('summary', { hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }),
  });
}

/** Opens the action `title`, lets `fill` fill it, and submits it with its button. */
async function takeAction(page, title, fill = async () => {}) {
  const details = action(page, title);
  assert.equal(await countOf(details), 1, `the action "${title}" is offered once`);
  await details.locator('summary').click();
  assert.equal(await details.evaluate((element) => element.open), true, `"${title}" opens`);
  await fill(details);
  await navigating(page, () => details.getByRole('button', { name: title, exact: true }).click());
}

/** Chooses, in the select labelled `label` within `scope`, the option whose text contains `text`. */
async function chooseContaining(scope, label, text) {
  const select = scope.getByLabel(label, { exact: true });
  const option = select.locator('option', { hasText: text });
  assert.equal(await option.count(), 1, `one option of "${label}" names ${text}`);
  await select.selectOption(await option.getAttribute('value'));
}

/** The dossier page's facts, e.g. `Tình trạng`. */
async function factsOf(page) {
  return definitions(page.getByRole('main').locator('dl').first());
}

/** From the worklist, opens the dossier `code` in the tab `name`. */
async function openFromTab(page, name, code) {
  await navigating(page, () => tab(page, name).click());
  assert.equal(pathOf(page), '/can-bo');
  assert.equal(await tab(page, name).getAttribute('aria-current'), 'page', `"${name}" is the current tab`);
  const row = page.getByRole('main').getByRole('table').getByRole('link', { name: code, exact: true });
  assert.equal(await countOf(row), 1, `the dossier ${code} is listed in "${name}"`);
  await navigating(page, () => row.click());
  assert.equal(pathOf(page), `/can-bo/ho-so/${code}`);
  await page.getByRole('heading', { level: 1, name: `Mã hồ sơ ${code}` }).waitFor();
}

/** Today in Việt Nam as YYMMDD, as dossier codes carry it. */
function vietnamToday() {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: '2-digit',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}${part('month')}${part('day')}`;
}

test('an intake officer signs in and finds the worklist by tabs, with the keyboard too', FLOW, async (t) => {
  const { context, page } = await env.page();
  try {
    await page.goto('/can-bo');
    assert.equal(pathOf(page), '/can-bo/dang-nhap', 'the desk asks a stranger to sign in');
    await checkInLanguages(t, page, '/can-bo/dang-nhap', 'desk sign in');
    await signInAsOfficer(page, INTAKE);

    // The tabs, each with how many dossiers wait there; the first is current.
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    const links = await tabsOf(page).getByRole('link').allInnerTexts();
    const names = links.map((text) => text.replace(/\s+/g, ' ').trim());
    t.diagnostic(`the intake officer's tabs: ${names.join(' | ')}`);
    for (const name of names) {
      assert.match(name, /^\S.* \(\d+\)$/, 'each tab says how many dossiers it lists');
    }
    const positions = INTAKE_TABS.map((name) => names.findIndex((each) => each.startsWith(`${name} (`)));
    assert.ok(!positions.includes(-1), `the intake officer has the tabs ${INTAKE_TABS.join(', ')}`);
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'in their order');
    assert.equal(await tab(page, INTAKE_TABS[0]).getAttribute('aria-current'), 'page');
    assert.equal(
      await textOf(page.getByRole('main').getByRole('table').locator('caption')),
      INTAKE_TABS[0],
      'the table says which tab it lists',
    );
    const waiting = await tabCount(page, INTAKE_TABS[0]);
    assert.equal(await page.getByRole('main').getByRole('table').locator('tbody tr').count(), waiting);
    await checkInLanguages(t, page, '/can-bo', 'worklist');

    // Another tab by mouse.
    await navigating(page, () => tab(page, 'Chờ trả kết quả').click());
    assert.equal(queryOf(page).get('tab'), 'to_return');
    await checkInLanguages(t, page, currentPath(page), 'worklist, to return');

    // By keyboard: from the top, Tab reaches every tab and the dossiers, each
    // with a visible focus; Enter on a tab opens it.
    await page.goto('/can-bo');
    const reached = [];
    for (let presses = 0; presses < MAX_TABS; presses += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) {
          return null;
        }
        const style = getComputedStyle(element);
        return {
          text: element.innerText?.replace(/\s+/g, ' ').trim() ?? '',
          href: element.getAttribute('href') ?? '',
          outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        };
      });
      if (!focused) {
        break;
      }
      reached.push(focused);
      if (focused.href.startsWith('/can-bo/ho-so/')) {
        break;
      }
    }
    for (const name of INTAKE_TABS) {
      const stop = reached.find((each) => each.href.startsWith('/can-bo?tab=') && each.text.startsWith(name));
      assert.ok(stop, `Tab reaches the tab "${name}"; reached: ${reached.map((each) => each.text).join(' | ')}`);
      assert.ok(stop.outlined, `the tab "${name}" shows that it has the focus`);
    }
    const dossier = reached.find((each) => each.href.startsWith('/can-bo/ho-so/'));
    assert.ok(dossier, `Tab reaches a dossier; reached: ${reached.map((each) => each.text).join(' | ')}`);
    assert.ok(dossier.outlined, 'the dossier link shows that it has the focus');
    const order = INTAKE_TABS.map((name) => reached.findIndex((each) => each.text.startsWith(name)));
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'the tabs come in their order');
    assert.ok(reached.indexOf(dossier) > order.at(-1), 'the dossiers come after the tabs');

    await page.goto('/can-bo');
    const toProcess = tab(page, 'Chờ xử lý');
    for (let presses = 0; presses < MAX_TABS && !(await isFocused(toProcess)); presses += 1) {
      await page.keyboard.press('Tab');
    }
    assert.ok(await isFocused(toProcess), 'Tab reaches "Chờ xử lý"');
    await navigating(page, () => page.keyboard.press('Enter'));
    assert.equal(queryOf(page).get('tab'), 'to_process', 'Enter opens the tab');
  } finally {
    await context.close();
  }
});

test('a dossier received at the counter is reviewed, approved and returned', FLOW, async (t) => {
  const intake = await env.page();
  const page = intake.page;
  const others = [];
  try {
    await signInAsOfficer(page, INTAKE);
    const toReturnBefore = await tabCount(page, 'Chờ trả kết quả');

    // Reception: find the procedure and the applicant on file.
    const site = page.getByRole('navigation', { name: 'Dịch vụ công một cửa' });
    await navigating(page, () => site.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click());
    assert.equal(pathOf(page), '/can-bo/tiep-nhan');
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
    await checkInLanguages(t, page, '/can-bo/tiep-nhan', 'reception');
    await page.getByLabel('Mã thủ tục', { exact: true }).fill(PROCEDURE);
    await page.getByLabel(ID_LABEL).fill(APPLICANT.idNumber);
    await navigating(page, () => page.getByRole('button', { name: 'Tìm', exact: true }).click());
    assert.equal(pathOf(page), '/can-bo/tiep-nhan');
    assert.equal(queryOf(page).get('procedure'), PROCEDURE);
    assert.equal(queryOf(page).get('id_number'), APPLICANT.idNumber);
    const fullName = page.getByLabel('Họ và tên', { exact: true });
    assert.equal(await fullName.inputValue(), APPLICANT.name, "the applicant's name is filled in from the file");
    await t.test("the applicant's number has a label of its own", async () => {
      const labelled = await page.getByLabel(ID_LABEL).count();
      assert.equal(labelled, 1, `${labelled} fields of /can-bo/tiep-nhan are labelled "${ID_LABEL}"`);
    });
    const receptionPath = currentPath(page);
    await checkInLanguages(t, page, receptionPath, 'reception, applicant found');

    // Documents handed in, the agency; no consent yet: the page says so.
    const agency = page.getByLabel('Cơ quan giải quyết', { exact: true });
    const handedIn = page.getByRole('checkbox', { name: 'Đã nhận', exact: true }).first();
    const consent = page.getByRole('checkbox', { name: /^Người nộp có mặt và đồng ý/ });
    const receive = page.getByRole('main').getByRole('button', { name: 'Xác nhận', exact: true });
    await agency.selectOption({ label: AGENCY.name });
    await handedIn.check();
    await page.getByLabel('Nội dung đề nghị', { exact: true }).fill(REQUEST);
    await navigating(page, () => receive.click());
    assert.equal(pathOf(page), '/can-bo/tiep-nhan', 'without consent nothing is received');
    const alert = page.getByRole('main').getByRole('alert');
    await alert.waitFor();
    const mistake = await textOf(alert);
    assert.ok(mistake.length > 0, 'the error says something');
    t.diagnostic(`reception without consent: ${mistake}`);
    const nearConsent = page.locator('main p.error', { hasText: mistake }).last();
    const errorBox = await nearConsent.boundingBox();
    const consentBox = await consent.boundingBox();
    assert.ok(errorBox && consentBox, 'the error and the consent are on screen');
    const gap = consentBox.y - (errorBox.y + errorBox.height);
    assert.ok(gap >= 0 && gap < 48, `the error is shown just above the consent (gap ${gap} px)`);
    await t.test('reception without consent [vi]', () =>
      expectSoundPage(page, { label: 'reception without consent', lang: 'vi' }),
    );
    await t.test('the reception form keeps what was entered', async () => {
      assert.equal(await fullName.inputValue(), APPLICANT.name, 'the name');
      assert.equal(await page.getByLabel('Nội dung đề nghị', { exact: true }).inputValue(), REQUEST, 'the request');
      assert.equal(await agency.inputValue(), AGENCY.code, 'the agency');
      assert.equal(await handedIn.isChecked(), true, 'the document ticked as handed in');
    });

    // With consent: received, with a code of the agency and today's date.
    await agency.selectOption({ label: AGENCY.name });
    await handedIn.check();
    await consent.check();
    await navigating(page, () => receive.click());
    const received = pathOf(page).match(/^\/can-bo\/ho-so\/([^/]+)$/);
    assert.ok(received, `receiving opens the dossier, not ${pathOf(page)}`);
    const code = decodeURIComponent(received[1]);
    const codePattern = new RegExp(`^${AGENCY.code.replace(/\./g, '\\.')}-(\\d{6})-(\\d{4})$`);
    const parts = code.match(codePattern);
    assert.ok(parts, `the dossier code ${code} is of the form ${AGENCY.code}-YYMMDD-NNNN`);
    assert.equal(parts[1], vietnamToday(), 'the code carries the date of reception');
    const dossierPath = `/can-bo/ho-so/${code}`;
    await page.getByRole('heading', { level: 1, name: `Mã hồ sơ ${code}` }).waitFor();
    let facts = await factsOf(page);
    const applicant = new RegExp(`^${APPLICANT.name} · ${APPLICANT.idNumber} · `);
    assert.match(facts['Người nộp'], applicant, JSON.stringify(facts));
    assert.equal(facts['Nội dung đề nghị'], REQUEST, JSON.stringify(facts));
    assert.match(facts['Tình trạng'], /^Được tiếp nhận · /, JSON.stringify(facts));
    await checkInLanguages(t, page, dossierPath, 'desk dossier, received');

    // To review, by the specialist of Ba Đình.
    await takeAction(page, 'Chuyển bước: Thẩm định', (form) =>
      chooseContaining(form, 'Chuyển cho cán bộ', SPECIALIST.name),
    );
    assert.equal(pathOf(page), dossierPath);
    facts = await factsOf(page);
    assert.match(facts['Tình trạng'], / · Thẩm định$/, JSON.stringify(facts));

    // The specialist finds it waiting and hands it over for approval.
    const specialist = await env.page();
    others.push(specialist.context);
    await signInAsOfficer(specialist.page, SPECIALIST.username);
    await openFromTab(specialist.page, 'Chờ xử lý', code);
    await takeAction(specialist.page, 'Chuyển bước: Phê duyệt', (form) =>
      chooseContaining(form, 'Chuyển cho cán bộ', LEADER.name),
    );
    facts = await factsOf(specialist.page);
    assert.match(facts['Tình trạng'], / · Phê duyệt$/, JSON.stringify(facts));

    // The leader approves it with the result as a file.
    const leader = await env.page();
    others.push(leader.context);
    await signInAsOfficer(leader.page, LEADER.username);
    await openFromTab(leader.page, 'Chờ phê duyệt', code);
    await takeAction(leader.page, 'Phê duyệt, ban hành kết quả', (form) =>
      form.getByLabel('Tệp kết quả điện tử').setInputFiles(pdfFile('quyet-dinh-dieu-chinh.pdf')),
    );
    facts = await factsOf(leader.page);
    assert.match(facts['Tình trạng'], /^Đã xử lý xong · /, JSON.stringify(facts));
    await leader.page.getByRole('main').getByRole('link', { name: 'quyet-dinh-dieu-chinh.pdf' }).waitFor();

    // The intake officer returns the result.
    await navigating(page, () => site.getByRole('link', { name: 'Việc cần làm' }).click());
    assert.equal(await tabCount(page, 'Chờ trả kết quả'), toReturnBefore + 1, 'one more result to return');
    await openFromTab(page, 'Chờ trả kết quả', code);
    await takeAction(page, 'Trả kết quả');
    facts = await factsOf(page);
    assert.match(facts['Tình trạng'], /^Đã trả kết quả( · |$)/, JSON.stringify(facts));
    assert.equal(await page.getByRole('main').locator('details').count(), 0, 'nothing is left to do');

    // The control slip: a row per step, who gave it and who received it.
    await page.getByRole('heading', { level: 2, name: 'Phiếu kiểm soát quá trình (mẫu 06)' }).waitFor();
    const slip = page.getByRole('region', { name: 'Phiếu kiểm soát quá trình (mẫu 06)' }).locator('table');
    const rows = await slip.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.cells].map((cell) => cell.innerText.replace(/\s+/g, ' ').trim())),
    );
    t.diagnostic(`control slip: ${JSON.stringify(rows)}`);
    const what = rows.map((row) => row[1]);
    assert.deepEqual(
      what,
      ['Đã tiếp nhận hồ sơ', 'Chuyển bước xử lý', 'Chuyển bước xử lý', 'Đã có kết quả', 'Đã trả kết quả'],
      'a row per step',
    );
    assert.deepEqual(rows[1].slice(2, 4), [INTAKE_NAME, SPECIALIST.name], 'from the intake officer to the specialist');
    assert.deepEqual(rows[2].slice(2, 4), [SPECIALIST.name, LEADER.name], 'from the specialist to the leader');
    assert.equal(rows[2][5], AGENCY.name, 'processed at the agency, named');
    await checkInLanguages(t, page, dossierPath, 'desk dossier, returned');
  } finally {
    for (const context of others) {
      await context.close();
    }
    await intake.context.close();
  }
});

test('a catalogue entry without details is received with the generic form', FLOW, async (t) => {
  const intake = await env.page();
  const page = intake.page;
  try {
    await signInAsOfficer(page, INTAKE);
    const path = '/can-bo/tiep-nhan?procedure=3.000616&id_number=001190000001';
    await checkInLanguages(t, page, path, 'reception of a catalogue entry');
    await page.getByLabel('Thời hạn giải quyết (ngày làm việc)').fill('10');
    await page.getByLabel('Tên giấy tờ').first().fill('Đơn đề nghị hỗ trợ');
    await page.getByLabel('Cơ quan giải quyết', { exact: true }).selectOption(AGENCY.code);
    await page.locator('input[name="consent"]').check();
    await navigating(page, () => page.getByRole('button', { name: 'Xác nhận', exact: true }).click());
    assert.match(pathOf(page), /^\/can-bo\/ho-so\/000\.04\.01\.H29-\d{6}-\d{4}$/, 'received with a code');
    const facts = await factsOf(page);
    assert.ok(facts['Hẹn trả kết quả'], `a due date: ${JSON.stringify(facts)}`);
  } finally {
    await intake.context.close();
  }
});

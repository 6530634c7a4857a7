// Signing in the way people do: a citizen with the identification number on
// the portal's sign-in page, an officer with a username on the desk's.

import assert from 'node:assert/strict';

import { navigating, pathOf } from './actions.mjs';
import { DEMO_PASSWORD } from './api.mjs';

/** The label of the identification number on the citizens' forms. */
export const ID_LABEL = 'Số định danh cá nhân (12 số)';

/**
 * Fills the citizens' sign-in form the page shows now (/dang-nhap, in
 * Vietnamese) and presses "Đăng nhập"; returns once the next page has loaded.
 */
export async function signInAsCitizen(page, idNumber, password = DEMO_PASSWORD) {
  assert.equal(pathOf(page), '/dang-nhap', 'the citizen is on the sign-in page');
  await page.getByLabel(ID_LABEL).fill(idNumber);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await navigating(page, () => page.getByRole('main').getByRole('button', { name: 'Đăng nhập', exact: true }).click());
  assert.notEqual(pathOf(page), '/dang-nhap', `citizen ${idNumber} is signed in`);
}

/**
 * Opens the desk's sign-in page, signs `username` in and returns on the
 * worklist, /can-bo.
 */
export async function signInAsOfficer(page, username, password = DEMO_PASSWORD) {
  await page.goto('/can-bo/dang-nhap');
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await navigating(page, () => page.getByRole('main').getByRole('button', { name: 'Đăng nhập', exact: true }).click());
  assert.equal(pathOf(page), '/can-bo', `officer ${username} lands on the worklist`);
}

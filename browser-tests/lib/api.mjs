// The few JSON API calls the flows need to find their data, the way a test
// would ask a colleague: "which dossier can I look up?".

import assert from 'node:assert/strict';

/** A citizen of the demo the server seeds, with dossiers in every status. */
export const DEMO_CITIZEN = '001190000001';
/** The password of every demo account. */
export const DEMO_PASSWORD = 'motcua-demo';

const REQUEST_TIMEOUT_MS = 15_000;

/** Sends a JSON request and returns `{ status, body }` (body `null` when not JSON). */
export async function apiRequest(server, method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(server.url(path), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed };
}

/** Signs a citizen in through the API and returns the bearer token. */
export async function citizenToken(server, idNumber, password) {
  const { status, body } = await apiRequest(server, 'POST', '/api/v1/sessions', {
    body: { id_number: idNumber, password },
  });
  assert.equal(status, 201, `sign-in of citizen ${idNumber}: ${JSON.stringify(body)}`);
  assert.equal(typeof body?.token, 'string', 'the session has a token');
  return body.token;
}

/** The first page of the signed-in citizen's dossiers, as the API lists them. */
export async function citizenDossiers(server, token) {
  const { status, body } = await apiRequest(server, 'GET', '/api/v1/dossiers', { token });
  assert.equal(status, 200, `GET /api/v1/dossiers: ${JSON.stringify(body)}`);
  assert.ok(Array.isArray(body?.items), 'the dossier list has items');
  return body.items;
}

/** How many dossiers a page of GET /api/v1/dossiers lists at most. */
const DOSSIERS_PER_PAGE = 50;
/** Enough pages for any citizen of the demo, and a bound on the loop. */
const MAX_DOSSIER_PAGES = 20;

/**
 * Every dossier of the signed-in citizen, page after page, or only those
 * with `status` (e.g. `supplement_requested`).
 */
export async function allCitizenDossiers(server, token, { status } = {}) {
  const all = [];
  for (let page = 1; page <= MAX_DOSSIER_PAGES; page += 1) {
    const query = new URLSearchParams({ page: String(page) });
    if (status) {
      query.set('status', status);
    }
    const path = `/api/v1/dossiers?${query}`;
    const { status: code, body } = await apiRequest(server, 'GET', path, { token });
    assert.equal(code, 200, `GET ${path}: ${JSON.stringify(body)}`);
    assert.ok(Array.isArray(body?.items), 'the dossier list has items');
    all.push(...body.items);
    if (body.items.length < DOSSIERS_PER_PAGE) {
      return all;
    }
  }
  assert.fail(`the citizen has more than ${MAX_DOSSIER_PAGES} pages of dossiers`);
}

/** One dossier of the citizen, as GET /api/v1/dossiers/{reference} answers it. */
export async function citizenDossier(server, token, reference) {
  const path = `/api/v1/dossiers/${encodeURIComponent(reference)}`;
  const { status, body } = await apiRequest(server, 'GET', path, { token });
  assert.equal(status, 200, `GET ${path}: ${JSON.stringify(body)}`);
  return body?.dossier ?? body;
}

// The administration's part of the public Klantspiegel API. The browser signs in with a session cookie the
// scripts cannot read; every request that changes something carries the CSRF token: the value of the
// XSRF-TOKEN cookie in the X-XSRF-TOKEN header. Every refusal becomes an ApiError with the problem details the
// server sent (the same class the respondent's client uses).

import {
  ApiError, bodyOf, refusal, retryAfterSeconds, retryDelay, send, wait, withJsonBody,
} from '../../js/http.js';

export { ApiError };

const CHANGING = new Set(['POST', 'PUT', 'DELETE']);

/** Called with the error when a request finds the session gone (401), except for signing in itself. */
let onSignedOut = () => {};

export function whenSignedOut(listener) {
  onSignedOut = listener;
}

function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      return decodeURIComponent(value.join('='));
    }
  }
  return null;
}

/**
 * One call.
 * @param accept 'json' (default) or 'csv' (answers the body as text)
 * @param anonymous true for the calls made without a session (sign-in, activation, setup): a 401 there is an
 *                  answer, not a lost session
 */
async function request(method, path, { body, accept = 'json', anonymous = false, retried = false } = {}) {
  const headers = {
    Accept: accept === 'csv' ? 'text/csv, application/problem+json' : 'application/json, application/problem+json',
  };
  if (CHANGING.has(method)) {
    let token = cookie('XSRF-TOKEN');
    if (!token) {
      await getSession();
      token = cookie('XSRF-TOKEN');
    }
    if (token) {
      headers['X-XSRF-TOKEN'] = token;
    }
  }
  const init = withJsonBody({ method, headers, cache: 'no-store', credentials: 'same-origin' }, body);
  const response = await send(path, init);
  if (!response.ok) {
    const error = await refusal(response);
    error.retryAfter = retryAfterSeconds(response);
    if (!retried && response.status === 403 && error.type === 'csrf') {
      await getSession(); // a fresh token, then once more
      return request(method, path, { body, accept, anonymous, retried: true });
    }
    if (!retried && method === 'GET' && response.status === 503) {
      await wait(retryDelay(error.retryAfter));
      return request(method, path, { body, accept, anonymous, retried: true });
    }
    if (response.status === 401 && !anonymous) {
      onSignedOut(error);
    }
    throw error;
  }
  if (response.status === 204) {
    return null;
  }
  return bodyOf(response, (answer) => (accept === 'csv' ? answer.text() : answer.json()));
}

const enc = encodeURIComponent;

function organisationPath(organisationId, rest = '') {
  return `/api/organisations/${enc(organisationId)}${rest}`;
}

// ----------------------------------------------------------------- session and accounts

/** { signedIn, account }; also hands the browser a current XSRF-TOKEN cookie. */
export function getSession() {
  return request('GET', '/api/session', { anonymous: true });
}

export async function signIn(email, password) {
  const session = await request('POST', '/api/session', { body: { email, password }, anonymous: true });
  await getSession(); // the session changed: a token for it before the next change
  return session;
}

export async function signOut() {
  await request('POST', '/api/session/sign-out', { anonymous: true });
  await getSession();
}

export function activate(activationToken, password) {
  return request('POST', '/api/accounts/activation', { body: { activationToken, password }, anonymous: true });
}

export function setUpOperator(setupToken, email, password) {
  return request('POST', '/api/setup/operator', { body: { setupToken, email, password }, anonymous: true });
}

// ----------------------------------------------------------------- organisations

export function projections() {
  return request('GET', '/api/projections');
}

export function rebuildProjection(name) {
  return request('POST', `/api/projections/${encodeURIComponent(name)}/rebuild`);
}

export function organisations() {
  return request('GET', '/api/organisations');
}

export function createOrganisation(name) {
  return request('POST', '/api/organisations', { body: { name } });
}

export function organisation(organisationId) {
  return request('GET', organisationPath(organisationId));
}

export function setMinimumGroupSize(organisationId, minimumGroupSize) {
  return request('PUT', organisationPath(organisationId, '/minimum-group-size'), { body: { minimumGroupSize } });
}

// ----------------------------------------------------------------- teams

export function teams(organisationId) {
  return request('GET', organisationPath(organisationId, '/teams'));
}

export function addTeam(organisationId, name) {
  return request('POST', organisationPath(organisationId, '/teams'), { body: { name } });
}

export function renameTeam(organisationId, teamId, name) {
  return request('PUT', organisationPath(organisationId, `/teams/${enc(teamId)}`), { body: { name } });
}

export function retireTeam(organisationId, teamId) {
  return request('POST', organisationPath(organisationId, `/teams/${enc(teamId)}/retirement`));
}

// ----------------------------------------------------------------- members

export function members(organisationId) {
  return request('GET', organisationPath(organisationId, '/members'));
}

/** teams only for a TEAM_LEAD. */
export function addMember(organisationId, email, role, memberTeams = []) {
  return request('POST', organisationPath(organisationId, '/members'), {
    body: { email, role, teams: role === 'TEAM_LEAD' ? memberTeams : [] },
  });
}

export function changeMember(organisationId, memberId, role, memberTeams = []) {
  return request('PUT', organisationPath(organisationId, `/members/${enc(memberId)}`), {
    body: { role, teams: role === 'TEAM_LEAD' ? memberTeams : [] },
  });
}

export function removeMember(organisationId, memberId) {
  return request('DELETE', organisationPath(organisationId, `/members/${enc(memberId)}`));
}

export function renewActivation(organisationId, memberId) {
  return request('POST', organisationPath(organisationId, `/members/${enc(memberId)}/activation`));
}

// ----------------------------------------------------------------- rounds

export function rounds(organisationId) {
  return request('GET', organisationPath(organisationId, '/rounds'));
}

/** roundTeams empty: the whole organisation; closesAt: an ISO instant or null. */
export function openRound(organisationId, name, roundTeams, closesAt, opensAt = null) {
  const body = { name, teams: roundTeams };
  if (closesAt) {
    body.closesAt = closesAt;
  }
  if (opensAt) {
    body.opensAt = opensAt;
  }
  return request('POST', organisationPath(organisationId, '/rounds'), { body });
}

export function closeRound(organisationId, roundId) {
  return request('POST', organisationPath(organisationId, `/rounds/${enc(roundId)}/closure`));
}

/** The QR code of a round's invitation, for an <img>: the session cookie goes along. */
export function invitationQrCodeUrl(organisationId, roundId, teamId = null) {
  return organisationPath(organisationId, `/rounds/${enc(roundId)}/invitation.svg`)
    + (teamId ? `?team=${enc(teamId)}` : '');
}

// ----------------------------------------------------------------- audit trail

function auditQuery({ from, to, type, page, size }) {
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  if (type) query.set('type', type);
  if (page !== undefined) query.set('page', String(page));
  if (size !== undefined) query.set('size', String(size));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** filters: { from, to (ISO instants), type, page, size } */
export function audit(organisationId, filters = {}) {
  return request('GET', organisationPath(organisationId, `/audit${auditQuery(filters)}`));
}

/** The same selection as CSV text (the server answers CSV only to Accept: text/csv). */
export function auditCsv(organisationId, filters = {}) {
  return request('GET', organisationPath(organisationId, `/audit${auditQuery(filters)}`), { accept: 'csv' });
}

// ----------------------------------------------------------------- reports

function reportQuery(parameters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(name, String(value));
    }
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The trend's address; filters: { granularity, from, to (yyyy-mm-dd), team }. */
export function trendUrl(organisationId, filters = {}, format = null) {
  const { granularity, from, to, team } = filters;
  return organisationPath(organisationId, `/reports/trend${reportQuery({ granularity, from, to, team, format })}`);
}

export function roundReportUrl(organisationId, roundId, format = null) {
  return organisationPath(organisationId, `/reports/rounds/${enc(roundId)}${reportQuery({ format })}`);
}

export function comparisonUrl(organisationId, roundId, withRoundId, format = null) {
  return organisationPath(organisationId,
    `/reports/rounds/${enc(roundId)}/comparison${reportQuery({ with: withRoundId, format })}`);
}

/** roundId null: the most recently opened round. */
export function heatmapUrl(organisationId, roundId = null, format = null) {
  return organisationPath(organisationId, `/reports/heatmap${reportQuery({ round: roundId, format })}`);
}

/** The mean score per period, per group, with its bands; a team lead gets only their own teams. */
/** The instrument in a language: its questions with their topics and texts (the same for everyone, cached a while). */
export function instrument(language) {
  return request('GET', `/api/instrument?lang=${enc(language)}`, { anonymous: true });
}

export function trend(organisationId, filters = {}) {
  return request('GET', trendUrl(organisationId, filters));
}

/** One round: the organisation and its teams. */
export function roundReport(organisationId, roundId) {
  return request('GET', roundReportUrl(organisationId, roundId));
}

/** One round against another, per group: the difference of the means and its 95 % interval. */
export function comparison(organisationId, roundId, withRoundId) {
  return request('GET', comparisonUrl(organisationId, roundId, withRoundId));
}

/** What each group can work on in a round: its questions, the least customer-oriented first, with the advice. */
/** A round's response rates: released completed tests per team against its headcount. */
export function participation(organisationId, roundId) {
  return request('GET', organisationPath(organisationId, `/reports/rounds/${enc(roundId)}/participation`));
}

export function setHeadcount(organisationId, teamId, headcount) {
  return request('PUT', organisationPath(organisationId, `/teams/${enc(teamId)}/headcount`), { body: { headcount } });
}

export function focus(organisationId, roundId, language) {
  return request('GET', organisationPath(organisationId,
    `/reports/rounds/${enc(roundId)}/focus?lang=${enc(language)}`));
}

/** Teams × questions for one round, the organisation as reference, the change since the previous round. */
export function heatmap(organisationId, roundId = null) {
  return request('GET', heatmapUrl(organisationId, roundId));
}

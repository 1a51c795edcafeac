// The public Klantspiegel API, and nothing else. Every refusal becomes an ApiError carrying the
// problem details (RFC 9457) the server sent; a failed connection becomes an ApiError with network=true.

import {
  ApiError, bodyOf, refusal, retryAfterSeconds, retryDelay, send, wait, withJsonBody,
} from './http.js';

export { ApiError };

/**
 * One call. A 503 ("saved, not yet visible") is asked once more after the Retry-After delay when
 * `retryOnce` is set: only for requests that are safe to repeat.
 */
async function request(method, path, { body, retryOnce = true, cache = 'no-store' } = {}) {
  const init = withJsonBody({
    method,
    headers: { Accept: 'application/json, application/problem+json' },
    cache,
  }, body);
  const response = await send(path, init);
  if (response.status === 503 && retryOnce) {
    // Retry-After within reason; 1 second when it is absent or 0
    await wait(retryDelay(retryAfterSeconds(response), 1));
    return request(method, path, { body, retryOnce: false, cache });
  }
  if (!response.ok) {
    throw await refusal(response);
  }
  return bodyOf(response);
}

function withLanguage(path, language) {
  return language ? `${path}?lang=${encodeURIComponent(language)}` : path;
}

function assessmentPath(id) {
  return `/api/assessments/${encodeURIComponent(id)}`;
}

/**
 * The test: title, situation, instruction and questions with their options (no points). The server lets
 * it be cached; assessments never are.
 */
export function getInstrument(language) {
  return request('GET', withLanguage('/api/instrument', language), { cache: 'default' });
}

/**
 * Starts an assessment. Not repeated on a 503: the server has then already started one (its id is in the
 * problem), so the view is fetched instead of starting a second.
 */
export function startAssessment(language) {
  return startedOnce(() => request('POST', '/api/assessments', { body: { language }, retryOnce: false }), language);
}

/**
 * A start, made once: on a 503 that names the assessment the server has already started, that assessment is
 * fetched a second later instead.
 */
async function startedOnce(start, language) {
  try {
    return await start();
  } catch (error) {
    const id = error.problem?.assessmentId;
    if (error.status === 503 && id) {
      await wait(1000);
      return getAssessment(id, language);
    }
    throw error;
  }
}

export function getAssessment(id, language) {
  return request('GET', withLanguage(assessmentPath(id), language));
}

/** Gives or changes an answer; giving the same option again changes nothing, so it is safe to repeat. */
export function answer(id, question, option, language) {
  return request('PUT', withLanguage(`${assessmentPath(id)}/answers/${question}`, language), { body: { option } });
}

/** Completes the assessment; completing again gives the same result, so it is safe to repeat. */
export function complete(id, language) {
  return request('POST', withLanguage(`${assessmentPath(id)}/completion`, language));
}

function invitationPath(token) {
  return `/api/invitations/${encodeURIComponent(token)}`;
}

/** An invitation to a round: { organisationName, roundName, open, teams: [{ id, name }], minimumGroupSize }. */
export function getInvitation(token) {
  return request('GET', invitationPath(token));
}

/**
 * Starts an assessment in the invitation's round, for a team (null when the round has at most one). Answers like
 * startAssessment, and like it is not repeated on a 503 but fetched.
 */
export function startThroughInvitation(token, language, team) {
  const body = team ? { language, team } : { language };
  return startedOnce(() => request('POST', `${invitationPath(token)}/assessments`, { body, retryOnce: false }),
    language);
}

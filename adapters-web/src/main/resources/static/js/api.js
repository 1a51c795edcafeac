// The public Klantspiegel API, and nothing else. Every refusal becomes an ApiError carrying the
// problem details (RFC 9457) the server sent; a failed connection becomes an ApiError with network=true.

/** A request that did not succeed. */
export class ApiError extends Error {
  constructor({ status = 0, problem = null, network = false, cause = undefined }) {
    super(problem?.detail || problem?.title || (network ? 'network error' : `HTTP ${status}`), { cause });
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.network = network;
  }

  /** The last segment of the problem type, e.g. "assessment-incomplete". */
  get type() {
    const type = this.problem?.type;
    return typeof type === 'string' ? type.slice(type.lastIndexOf('/') + 1) : null;
  }

  /** The sentence to show a person: the server's detail, else its title. */
  get detail() {
    return this.problem?.detail || this.problem?.title || null;
  }
}

const MAX_RETRY_DELAY_SECONDS = 5;

function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Seconds to wait before asking again after a 503: Retry-After, within reason; 1 when absent. */
function retryDelay(response) {
  const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  if (Number.isNaN(seconds) || seconds < 1) {
    return 1;
  }
  return Math.min(seconds, MAX_RETRY_DELAY_SECONDS);
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      // fall through: a body that is not JSON tells nothing more than the status
    }
  }
  return { status: response.status, title: response.statusText || null, detail: null };
}

/**
 * One call. A 503 ("saved, not yet visible") is asked once more after the Retry-After delay when
 * `retryOnce` is set: only for requests that are safe to repeat.
 */
async function request(method, path, { body, retryOnce = true, cache = 'no-store' } = {}) {
  const init = {
    method,
    headers: { Accept: 'application/json, application/problem+json' },
    cache,
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError({ network: true, cause });
  }
  if (response.status === 503 && retryOnce) {
    await wait(retryDelay(response) * 1000);
    return request(method, path, { body, retryOnce: false, cache });
  }
  if (!response.ok) {
    throw new ApiError({ status: response.status, problem: await problemOf(response) });
  }
  try {
    return await response.json();
  } catch (cause) {
    throw new ApiError({ status: response.status, problem: null, cause });
  }
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
export async function startAssessment(language) {
  try {
    return await request('POST', '/api/assessments', { body: { language }, retryOnce: false });
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
export async function startThroughInvitation(token, language, team) {
  const body = team ? { language, team } : { language };
  try {
    return await request('POST', `${invitationPath(token)}/assessments`, { body, retryOnce: false });
  } catch (error) {
    const id = error.problem?.assessmentId;
    if (error.status === 503 && id) {
      await wait(1000);
      return getAssessment(id, language);
    }
    throw error;
  }
}

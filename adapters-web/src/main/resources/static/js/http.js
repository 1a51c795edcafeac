// What both clients (the respondent's and the administration's) do alike with an HTTP exchange: a failed
// connection, a refusal with its problem details (RFC 9457), an answer whose body cannot be read, and the
// Retry-After header. Each client keeps its own request: its headers and when it asks again.

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

/** The longest a client waits, whatever Retry-After says, before asking again. */
const MAX_RETRY_DELAY_SECONDS = 5;

export function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The whole seconds of the Retry-After header; null when it is absent, not a number or negative. */
export function retryAfterSeconds(response) {
  const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return Number.isNaN(seconds) || seconds < 0 ? null : seconds;
}

/**
 * How long to wait before asking again, in milliseconds: `seconds` (1 when null), at least `minimumSeconds` and at
 * most five seconds.
 */
export function retryDelay(seconds, minimumSeconds = 0) {
  return Math.min(Math.max(seconds ?? 1, minimumSeconds), MAX_RETRY_DELAY_SECONDS) * 1000;
}

/** The request's init with `body` as JSON (and its Content-Type), when there is a body. */
export function withJsonBody(init, body) {
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return init;
}

/** fetch, with a failed connection as an ApiError with network=true. */
export async function send(path, init) {
  try {
    return await fetch(path, init);
  } catch (cause) {
    throw new ApiError({ network: true, cause });
  }
}

/** The problem details of a refusal; made up from the status when the body is not JSON. */
export async function problemOf(response) {
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

/** A refusal as an ApiError with the problem details the server sent. */
export async function refusal(response) {
  return new ApiError({ status: response.status, problem: await problemOf(response) });
}

/** The body of a successful answer, read by `read` (as JSON unless told); one that cannot be read, an ApiError. */
export async function bodyOf(response, read = (answer) => answer.json()) {
  try {
    return await read(response);
  } catch (cause) {
    throw new ApiError({ status: response.status, problem: null, cause });
  }
}

// What the browser remembers: the assessment id (in the URL as ?id=… and in localStorage) and the chosen
// language (localStorage). localStorage can be unavailable (private mode, blocked storage); then the URL
// alone carries the id.

import { isLanguage } from './i18n.js';

const ID_KEY = 'klantspiegel.assessmentId';
const LANGUAGE_KEY = 'klantspiegel.language';
const ID_PARAMETER = 'id';
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function readStorage(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key, value) {
  try {
    if (value === null) {
      window.localStorage.removeItem(key);
    } else {
      window.localStorage.setItem(key, value);
    }
  } catch {
    // storage refused: the URL still carries the id
  }
}

/** The id in the address bar, if any (even a malformed one: the server says whether it exists). */
export function idFromUrl() {
  const id = new URL(window.location.href).searchParams.get(ID_PARAMETER);
  return id && id.trim() ? id.trim() : null;
}

export function storedId() {
  const id = readStorage(ID_KEY);
  return id && ID_PATTERN.test(id) ? id : null;
}

/** Remembers the id in localStorage and in the URL (without adding a history entry). */
export function rememberId(id) {
  writeStorage(ID_KEY, id);
  const url = new URL(window.location.href);
  url.searchParams.set(ID_PARAMETER, id);
  window.history.replaceState(null, '', url);
}

/** Forgets the id everywhere; `onlyIf` limits that to a particular id. */
export function forgetId(onlyIf = null) {
  if (onlyIf === null || readStorage(ID_KEY) === onlyIf) {
    writeStorage(ID_KEY, null);
  }
  const url = new URL(window.location.href);
  if (url.searchParams.has(ID_PARAMETER)) {
    url.searchParams.delete(ID_PARAMETER);
    window.history.replaceState(null, '', url);
  }
}

/** The link that resumes this assessment. */
export function resumeLink(id) {
  const url = new URL(window.location.pathname, window.location.origin);
  url.searchParams.set(ID_PARAMETER, id);
  return url.toString();
}

export function storedLanguage() {
  const language = readStorage(LANGUAGE_KEY);
  return isLanguage(language) ? language : null;
}

export function rememberLanguage(language) {
  writeStorage(LANGUAGE_KEY, language);
}

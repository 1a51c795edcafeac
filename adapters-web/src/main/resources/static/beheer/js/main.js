// The administration: who is signed in, the page chrome (account, language), and the pages by the address's
// fragment, which is also where the server's links put their tokens (#/activeren/<token>,
// #/installatie/<token>): a fragment never reaches a server or a referrer.

import * as api from './api.js';
import { el, byId, reloadButton, replaceChildren, translatePage } from '../../js/dom.js';
import { DEFAULT_LANGUAGE } from '../../js/i18n.js';
import { rememberLanguage, storedLanguage } from '../../js/session.js';
import { adminTexts } from './texts.js';
import { alertBox, problemMessage } from './ui.js';
import * as signInPage from './pages/sign-in.js';
import * as activationPage from './pages/activation.js';
import * as setupPage from './pages/setup.js';
import * as operatorPage from './pages/operator.js';
import * as organisationPage from './pages/organisation.js';

const state = {
  language: storedLanguage() ?? DEFAULT_LANGUAGE,
  /** the signed-in account, or null */
  account: null,
  /** bumped on every render: an earlier render that is still loading drops out */
  renderNumber: 0,
  /** where to go after signing in */
  intended: null,
  /** a message for the next page: { kind: 'notice'|'alert', text } */
  pendingMessage: null,
  firstRender: true,
  /** what a page asked to have the focus once it is shown */
  focusTarget: null,
};

const elements = {};

function texts() {
  return adminTexts(state.language);
}

// ----------------------------------------------------------------- routes

/**
 * #/aanmelden, #/activeren/<token>, #/installatie/<token>, #/organisaties, #/organisatie/<id>[/<tab>];
 * anything else without a page: not found. The empty fragment is the start, which depends on who is signed in.
 */
function parseRoute(hash) {
  const segments = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  const [first, second, third] = segments;
  switch (first) {
    case undefined:
      return { name: 'home', public: true };
    case 'aanmelden':
      return { name: 'sign-in', public: true };
    case 'activeren':
      return second ? { name: 'activation', public: true, token: second } : { name: 'not-found', public: true };
    case 'installatie':
      return second ? { name: 'setup', public: true, token: second } : { name: 'not-found', public: true };
    case 'organisaties':
      return { name: 'operator', public: false };
    case 'organisatie':
      return second ? { name: 'organisation', public: false, organisationId: second, tab: third ?? null }
        : { name: 'home', public: true };
    default:
      return { name: 'not-found', public: true };
  }
}

const PAGES = {
  'sign-in': signInPage,
  activation: activationPage,
  setup: setupPage,
  operator: operatorPage,
  organisation: organisationPage,
};

/** The start for whoever is signed in. */
function homeHash() {
  const account = state.account;
  if (!account) {
    return '#/aanmelden';
  }
  if (account.operator) {
    return '#/organisaties';
  }
  if (account.organisations.length > 0) {
    return `#/organisatie/${encodeURIComponent(account.organisations[0].id)}`;
  }
  return null;
}

function navigate(hash, { notice = null, alert = null, replace = false } = {}) {
  if (notice) {
    state.pendingMessage = { kind: 'notice', text: notice };
  } else if (alert) {
    state.pendingMessage = { kind: 'alert', text: alert };
  }
  if (window.location.hash === hash) {
    render();
  } else if (replace) {
    window.location.replace(hash);
  } else {
    window.location.hash = hash;
  }
}

// ----------------------------------------------------------------- messages

function showPageAlert(message, options = {}) {
  replaceChildren(elements.pageAlert, message ? alertBox(message, { kind: 'error', ...options }) : null);
}

function showPageNotice(message) {
  replaceChildren(elements.pageNotice, message ? alertBox(message, { kind: 'info' }) : null);
}

function clearPageMessages() {
  replaceChildren(elements.pageAlert);
  replaceChildren(elements.pageNotice);
}

// ----------------------------------------------------------------- chrome

function applyChrome() {
  const t = texts();
  translatePage(t, state.language);
  renderAccount();
}

function renderAccount() {
  const account = state.account;
  elements.account.hidden = !account;
  elements.accountEmail.textContent = account?.email ?? '';
  elements.accountOperator.hidden = !account?.operator;
}

function setTitle(page) {
  document.title = texts().documentTitle(page);
}

async function refreshAccount() {
  const session = await api.getSession();
  state.account = session.signedIn ? session.account : null;
  renderAccount();
  return state.account;
}

// ----------------------------------------------------------------- rendering

function context(number) {
  return {
    t: texts(),
    language: state.language,
    view: elements.view,
    account: state.account,
    isCurrent: () => number === state.renderNumber,
    navigate,
    setTitle,
    /** A message for the page, shown now and kept when the page is shown again (rerender, navigate). */
    showAlert(text, { lead = null } = {}) {
      state.pendingMessage = { kind: 'alert', text, lead };
      showPageAlert(text, { lead });
    },
    showNotice(text) {
      state.pendingMessage = { kind: 'notice', text };
      showPageNotice(text);
    },
    clearMessages: clearPageMessages,
    refreshAccount,
    /** Shows the page again with fresh data; the focus goes to `focusSelector` (within the page) if given. */
    rerender: ({ focusSelector = null } = {}) => render({ focus: false, focusSelector }),
    focusOn(element) {
      state.focusTarget = element;
    },
    signedIn(account) {
      state.account = account;
      renderAccount();
      const target = state.intended && parseRoute(state.intended).name !== 'sign-in' ? state.intended : homeHash();
      state.intended = null;
      navigate(target ?? '#/', { replace: true });
    },
  };
}

/** Puts the focus on the page's main heading, so a screen reader starts there and the keyboard too. */
function focusHeading() {
  const heading = elements.view.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  } else {
    elements.main.focus();
  }
}

async function render({ focus = true, focusSelector = null } = {}) {
  const number = ++state.renderNumber;
  state.focusTarget = null;
  const route = parseRoute(window.location.hash);
  const message = state.pendingMessage;
  state.pendingMessage = null;
  clearPageMessages();
  if (message?.kind === 'notice') {
    showPageNotice(message.text);
  } else if (message?.kind === 'alert') {
    showPageAlert(message.text, { lead: message.lead ?? null });
  }

  if (route.name === 'home') {
    const target = homeHash();
    if (target) {
      state.pendingMessage = message;
      navigate(target, { replace: true });
      return;
    }
    renderMessagePage(texts().noOrganisation);
  } else if (route.name === 'not-found') {
    renderMessagePage(texts().notFoundPage, true);
  } else if (!route.public && !state.account) {
    state.intended = window.location.hash;
    state.pendingMessage = message;
    navigate('#/aanmelden', { replace: true });
    return;
  } else if (route.name === 'sign-in' && state.account) {
    navigate(homeHash() ?? '#/', { replace: true });
    return;
  } else {
    // the page on view stays until the next is ready; "loading" only when that takes a while
    const loadingTimer = setTimeout(() => {
      if (number === state.renderNumber) {
        elements.loading.hidden = false;
      }
    }, elements.view.childElementCount === 0 ? 0 : 400);
    elements.view.setAttribute('aria-busy', 'true');
    try {
      await PAGES[route.name].render(context(number), route);
    } catch (error) {
      if (number !== state.renderNumber) {
        return;
      }
      if (error instanceof api.ApiError && error.status === 401) {
        return; // whenSignedOut takes over
      }
      replaceChildren(elements.view);
      setTitle(null);
      showPageAlert(problemMessage(error, texts()), { lead: texts().loadFailed, action: reloadButton(texts().reload) });
    } finally {
      clearTimeout(loadingTimer);
      if (number === state.renderNumber) {
        elements.loading.hidden = true;
        elements.view.setAttribute('aria-busy', 'false');
      }
    }
  }
  if (number !== state.renderNumber) {
    return;
  }
  const requested = state.focusTarget
    ?? (focusSelector ? elements.view.querySelector(focusSelector) : null);
  state.focusTarget = null;
  if (requested instanceof HTMLElement && requested.isConnected) {
    if (!requested.matches('a[href], button, input, select, textarea, [tabindex]')) {
      requested.setAttribute('tabindex', '-1');
    }
    requested.focus();
  } else if (focus && !state.firstRender) {
    focusHeading();
  }
  state.firstRender = false;
}

function renderMessagePage(message, notFound = false) {
  const t = texts();
  elements.loading.hidden = true;
  setTitle(null);
  const home = el('a', { href: '#/', class: 'button' }, t.toHome);
  replaceChildren(elements.view, el('div', { class: 'card auth-card' },
    el('h1', { class: 'page-title', tabindex: '-1' }, notFound ? t.notFoundPage : t.documentTitle(null)),
    notFound ? null : el('p', {}, message),
    state.account ? null : home));
}

// ----------------------------------------------------------------- events

async function onSignOut() {
  const t = texts();
  try {
    await api.signOut();
  } catch (error) {
    if (!(error instanceof api.ApiError) || error.status !== 401) {
      showPageAlert(problemMessage(error, t));
      return;
    }
  }
  state.account = null;
  state.intended = null;
  renderAccount();
  navigate('#/aanmelden', { notice: t.signedOut });
}

function onSessionLost() {
  if (!state.account) {
    return;
  }
  state.account = null;
  renderAccount();
  const route = parseRoute(window.location.hash);
  if (!route.public) {
    state.intended = window.location.hash;
  }
  navigate('#/aanmelden', { alert: texts().sessionExpired });
}

function switchLanguage(language) {
  if (language === state.language) {
    return;
  }
  state.language = language;
  rememberLanguage(language);
  applyChrome();
  render({ focus: false });
}

function bind() {
  for (const [name, id] of Object.entries({
    main: 'main',
    view: 'view',
    loading: 'loading',
    pageAlert: 'page-alert',
    pageNotice: 'page-notice',
    account: 'account',
    accountEmail: 'account-email',
    accountOperator: 'account-operator',
    signOut: 'sign-out',
    skipLink: 'skip-link',
  })) {
    elements[name] = byId(id);
  }
  elements.signOut.addEventListener('click', onSignOut);
  // the fragment holds the page: the skip link moves the focus instead of changing it
  elements.skipLink.addEventListener('click', (event) => {
    event.preventDefault();
    elements.main.focus();
  });
  for (const button of document.querySelectorAll('[data-language]')) {
    button.addEventListener('click', () => switchLanguage(button.dataset.language));
  }
  window.addEventListener('hashchange', () => render());
  api.whenSignedOut(onSessionLost);
}

async function start() {
  applyChrome();
  try {
    await refreshAccount();
  } catch (error) {
    elements.loading.hidden = true;
    showPageAlert(problemMessage(error, texts()), { lead: texts().loadFailed, action: reloadButton(texts().reload) });
    return;
  }
  await render();
}

bind();
start();

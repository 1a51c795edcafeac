// Signing in: e-mail address and password. One message for every wrong combination; after too many failed
// tries the server answers 429 with the seconds to wait, and the button waits that long.

import * as api from '../api.js';
import { el, replaceChildren } from '../../../js/dom.js';
import {
  field, firstInvalid, messageRegion, onSubmit, problemMessage, showIn, showPasswordToggle,
} from '../ui.js';

/** Survives a re-render (a language switch) and a trip to another page: the wait is the server's. */
let throttledUntil = 0;
let waitTimer = null;
/** Filled in after the operator's setup, so the new operator only types the password. */
let suggestedEmail = '';

export function suggestEmail(email) {
  suggestedEmail = email ?? '';
}

function secondsLeft() {
  return Math.max(0, Math.ceil((throttledUntil - Date.now()) / 1000));
}

export async function render(ctx) {
  const { t } = ctx;
  ctx.setTitle(t.signInTitle);
  const email = field({
    label: t.email, type: 'email', name: 'email', autocomplete: 'username', required: true,
    testid: 'signin-email', spellcheck: 'false', value: suggestedEmail,
  });
  const password = field({
    label: t.password, type: 'password', name: 'password', autocomplete: 'current-password', required: true,
    testid: 'signin-password',
  });
  const error = messageRegion('alert', 'signin-error');
  const submit = el('button', { type: 'submit', class: 'button button--primary', dataset: { testid: 'signin-submit' } },
    t.signIn);
  const form = el('form', { class: 'form', novalidate: true, 'aria-labelledby': 'signin-title' },
    email.root, password.root, showPasswordToggle(t, [password.input]),
    el('div', { class: 'form-actions' }, submit),
    error);

  const showWait = () => {
    clearInterval(waitTimer);
    const tick = () => {
      const seconds = secondsLeft();
      if (seconds <= 0 || !submit.isConnected) {
        clearInterval(waitTimer);
        if (submit.isConnected) {
          submit.removeAttribute('data-idle-text');
          submit.textContent = t.signIn;
          submit.setAttribute('aria-disabled', 'false');
        }
        return;
      }
      submit.setAttribute('aria-disabled', 'true');
      submit.textContent = t.signInWaitButton(seconds);
    };
    tick();
    waitTimer = setInterval(tick, 1000);
  };

  onSubmit(form, submit, {
    t,
    error,
    // while the server makes us wait (the button counts down), sending only says how long still
    blocked: () => {
      const throttled = secondsLeft() > 0;
      if (throttled) {
        showIn(error, t.signInThrottled(secondsLeft()));
      }
      return throttled;
    },
    validate: () => {
      email.setError(email.input.value.trim() ? null : t.fieldErrors.emailMissing);
      password.setError(password.input.value ? null : t.fieldErrors.passwordMissing);
      return !email.input.value.trim() || !password.input.value ? firstInvalid(form) : null;
    },
    busyText: t.signingIn,
    send: () => api.signIn(email.input.value.trim(), password.input.value),
    done: (session) => {
      suggestedEmail = '';
      ctx.signedIn(session.account);
    },
    failed: (failure) => {
      if (failure instanceof api.ApiError && failure.status === 429) {
        throttledUntil = Date.now() + (failure.retryAfter ?? 60) * 1000;
        showIn(error, t.signInThrottled(secondsLeft()));
        showWait();
      } else if (failure instanceof api.ApiError && failure.status === 401) {
        showIn(error, t.signInFailed);
        password.input.value = '';
        password.input.focus();
      } else {
        showIn(error, problemMessage(failure, t));
      }
    },
  });

  replaceChildren(ctx.view,
    el('div', { class: 'card auth-card', dataset: { testid: 'signin-page' } },
      el('h1', { class: 'page-title', id: 'signin-title' }, t.signInTitle),
      el('p', { class: 'muted' }, t.signInIntro),
      form),
    el('div', { class: 'auth-aside' },
      el('p', { class: 'muted' }, t.forgotHint),
      el('p', { class: 'muted' }, t.respondentHint, ' ', el('a', { href: '../' }, t.toTest))));
  if (secondsLeft() > 0) {
    showIn(error, t.signInThrottled(secondsLeft()));
    showWait();
  }
  if (suggestedEmail) {
    ctx.focusOn?.(password.input);
  }
}

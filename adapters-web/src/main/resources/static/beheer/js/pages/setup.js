// The installation's one-time setup (#/installatie/<token>, printed in the server's log when there is no
// operator): the operator's e-mail address and password.

import * as api from '../api.js';
import { el, replaceChildren } from '../../../js/dom.js';
import {
  emailError, field, messageRegion, onSubmit, passwordError, problemMessage, reportInvalid, showAtField, showIn,
  showPasswordToggle,
} from '../ui.js';
import { suggestEmail } from './sign-in.js';

export async function render(ctx, route) {
  const { t } = ctx;
  ctx.setTitle(t.setupTitle);
  const email = field({
    label: t.email, type: 'email', name: 'email', autocomplete: 'username', required: true, testid: 'setup-email',
    spellcheck: 'false',
  });
  const password = field({
    label: t.newPassword, type: 'password', name: 'new-password', autocomplete: 'new-password', required: true,
    hint: t.newPasswordHint, testid: 'setup-password',
  });
  const repeat = field({
    label: t.repeatPassword, type: 'password', name: 'repeat-password', autocomplete: 'new-password',
    required: true, testid: 'setup-repeat',
  });
  const error = messageRegion('alert', 'setup-error');
  const submit = el('button', { type: 'submit', class: 'button button--primary', dataset: { testid: 'setup-submit' } },
    t.setupSubmit);
  const form = el('form', { class: 'form', novalidate: true, 'aria-labelledby': 'setup-title' },
    email.root, password.root, repeat.root, showPasswordToggle(t, [password.input, repeat.input]),
    el('div', { class: 'form-actions' }, submit),
    error);

  onSubmit(form, submit, {
    t,
    error,
    validate: () => {
      email.setError(emailError(email.input.value, t));
      const weak = passwordError(password.input.value, t);
      password.setError(weak);
      repeat.setError(!weak && repeat.input.value !== password.input.value ? t.fieldErrors.passwordMismatch : null);
      return reportInvalid(form, error, t);
    },
    busyText: t.settingUp,
    send: () => api.setUpOperator(route.token, email.input.value.trim(), password.input.value),
    done: (account) => {
      suggestEmail(account?.email ?? email.input.value.trim());
      ctx.navigate('#/aanmelden', { notice: t.setupDone, replace: true });
    },
    failed: (failure) => {
      if (failure instanceof api.ApiError && failure.status === 404) {
        showIn(error, t.setupUnknown);
      } else if (failure instanceof api.ApiError && failure.type === 'weak-password') {
        showAtField(password, t.problems['weak-password']);
      } else if (failure instanceof api.ApiError && failure.type === 'invalid-input') {
        showAtField(email, t.fieldErrors.emailInvalid);
      } else {
        showIn(error, problemMessage(failure, t));
      }
    },
  });

  replaceChildren(ctx.view,
    el('div', { class: 'card auth-card', dataset: { testid: 'setup-page' } },
      el('h1', { class: 'page-title', id: 'setup-title' }, t.setupTitle),
      el('p', { class: 'muted' }, t.setupIntro),
      form));
}

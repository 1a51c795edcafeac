// Activating an account from the activation link (#/activeren/<token>): the new member chooses a password,
// twice, and then signs in.

import * as api from '../api.js';
import { el, replaceChildren } from '../../../js/dom.js';
import {
  field, messageRegion, onSubmit, passwordError, problemMessage, reportInvalid, showAtField, showIn,
  showPasswordToggle,
} from '../ui.js';

export async function render(ctx, route) {
  const { t } = ctx;
  ctx.setTitle(t.activationTitle);
  const password = field({
    label: t.newPassword, type: 'password', name: 'new-password', autocomplete: 'new-password', required: true,
    hint: t.newPasswordHint, testid: 'activation-password',
  });
  const repeat = field({
    label: t.repeatPassword, type: 'password', name: 'repeat-password', autocomplete: 'new-password',
    required: true, testid: 'activation-repeat',
  });
  const error = messageRegion('alert', 'activation-error');
  const submit = el('button', { type: 'submit', class: 'button button--primary', dataset: { testid: 'activation-submit' } },
    t.activate);
  const form = el('form', { class: 'form', novalidate: true, 'aria-labelledby': 'activation-title' },
    password.root, repeat.root, showPasswordToggle(t, [password.input, repeat.input]),
    el('div', { class: 'form-actions' }, submit),
    error);

  const checkPasswords = () => {
    const problem = passwordError(password.input.value, t);
    password.setError(problem);
    const mismatch = !problem && repeat.input.value !== password.input.value;
    repeat.setError(mismatch ? t.fieldErrors.passwordMismatch : null);
    return !problem && !mismatch;
  };
  // once a field has been left with an error, it is checked again as it changes
  for (const input of [password.input, repeat.input]) {
    input.addEventListener('input', () => {
      if (form.querySelector('[aria-invalid="true"]')) {
        checkPasswords();
      }
    });
  }

  onSubmit(form, submit, {
    t,
    error,
    validate: () => (checkPasswords() ? null : reportInvalid(form, error, t)),
    busyText: t.activating,
    send: () => api.activate(route.token, password.input.value),
    // the token leaves the address (and this history entry) once it has done its work
    done: () => ctx.navigate('#/aanmelden', { notice: t.activated, replace: true }),
    failed: (failure) => {
      if (failure instanceof api.ApiError && failure.status === 404) {
        showIn(error, t.activationUnknown);
      } else if (failure instanceof api.ApiError && failure.type === 'weak-password') {
        showAtField(password, t.problems['weak-password']);
      } else {
        showIn(error, problemMessage(failure, t));
      }
    },
  });

  replaceChildren(ctx.view,
    el('div', { class: 'card auth-card', dataset: { testid: 'activation-page' } },
      el('h1', { class: 'page-title', id: 'activation-title' }, t.activationTitle),
      el('p', { class: 'muted' }, t.activationIntro),
      form));
}

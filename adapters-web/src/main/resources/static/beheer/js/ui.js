// Building blocks of the administration's pages: form fields with their hints and errors, the copy field for
// links, a confirmation dialog, badges, empty states and busy buttons. Everything through dom.js: no innerHTML.

import { ApiError } from './api.js';
import { el, replaceChildren } from '../../js/dom.js';
import { formatDateTime } from './texts.js';

let sequence = 0;

/** A unique id for elements that refer to each other (label/for, aria-describedby). */
export function uid(prefix) {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/** The sentence to show for a failed request: our own words for a known problem type. */
export function problemMessage(error, t, fallback = null) {
  if (error instanceof ApiError && error.network) {
    return t.networkError;
  }
  if (!(error instanceof ApiError)) {
    return fallback ?? t.serverError;
  }
  return t.problems[error.type] ?? fallback ?? error.detail ?? t.serverError;
}

export function alertBox(message, { kind = 'error', lead = null, action = null } = {}) {
  return el('div', { class: `alert alert--${kind}` },
    lead ? el('p', { class: 'alert__lead' }, lead) : null,
    el('p', {}, message),
    action);
}

/** A region that announces what is put in it: role=alert for errors, role=status for notices. */
export function messageRegion(role = 'alert', testid = null) {
  return el('div', { class: 'message-region', role, dataset: testid ? { testid } : {} });
}

export function showIn(region, message, options = {}) {
  if (message) {
    replaceChildren(region, alertBox(message, options));
  } else {
    replaceChildren(region);
  }
}

/**
 * A labelled form field with an optional hint and an error line, tied together for assistive technology.
 * @returns {{ root: HTMLElement, input: HTMLElement, setError: (message: string|null) => void }}
 */
export function field({
  label, type = 'text', name, value = '', hint = null, autocomplete = null, required = false, testid = null,
  inputmode = null, min = null, max = null, maxlength = null, optionalText = null, control = null, spellcheck = null,
}) {
  const id = uid(name ?? 'field');
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const input = control ?? el('input', {
    id,
    name,
    type,
    class: 'input',
    autocomplete,
    required,
    inputmode,
    min,
    max,
    maxlength,
    spellcheck,
    'aria-required': required ? 'true' : null,
    dataset: testid ? { testid } : {},
  });
  if (control) {
    control.id = id;
  } else if (value !== null && value !== undefined) {
    input.value = value;
  }
  const describedBy = () => [hintId, input.getAttribute('aria-invalid') === 'true' ? errorId : null]
    .filter(Boolean).join(' ');
  const error = el('p', { class: 'field__error', id: errorId, hidden: true,
    dataset: testid ? { testid: `${testid}-error` } : {} });
  const root = el('div', { class: 'field' },
    el('label', { class: 'field__label', for: id }, label,
      optionalText ? el('span', { class: 'field__optional' }, ` (${optionalText})`) : null),
    hint ? el('p', { class: 'field__hint', id: hintId }, hint) : null,
    input,
    error);
  const update = () => {
    const ids = describedBy();
    if (ids) {
      input.setAttribute('aria-describedby', ids);
    } else {
      input.removeAttribute('aria-describedby');
    }
  };
  update();
  return {
    root,
    input,
    setError(message) {
      if (message) {
        input.setAttribute('aria-invalid', 'true');
        error.textContent = message;
        error.hidden = false;
      } else {
        input.removeAttribute('aria-invalid');
        error.textContent = '';
        error.hidden = true;
      }
      root.classList.toggle('field--invalid', Boolean(message));
      update();
    },
  };
}

/**
 * A group of checkboxes or radio buttons in a fieldset with a legend, an optional hint and an error line.
 * @param options [{ value, label, description?, checked? }]
 */
export function choiceGroup({ legend, type = 'checkbox', name, options, hint = null, testid = null }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const error = el('p', { class: 'field__error', id: errorId, hidden: true });
  const inputs = [];
  const items = options.map((option, index) => {
    const inputId = `${id}-${index}`;
    const descriptionId = option.description ? `${inputId}-description` : null;
    const input = el('input', {
      type, id: inputId, name: `${name}-${id}`, value: option.value, checked: Boolean(option.checked),
      'aria-describedby': descriptionId,
      dataset: testid ? { testid: `${testid}-${option.testid ?? option.value}` } : {},
    });
    inputs.push(input);
    return el('label', { class: 'choice', for: inputId },
      input,
      el('span', { class: 'choice__text' },
        el('span', { class: 'choice__label' }, option.label),
        option.description ? el('span', { class: 'choice__description', id: descriptionId }, option.description) : null));
  });
  const root = el('fieldset', { class: 'choice-group', 'aria-describedby': hintId, dataset: testid ? { testid } : {} },
    el('legend', { class: 'field__label' }, legend),
    hint ? el('p', { class: 'field__hint', id: hintId }, hint) : null,
    el('div', { class: 'choice-group__options' }, items),
    error);
  return {
    root,
    inputs,
    values: () => inputs.filter((input) => input.checked).map((input) => input.value),
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      root.classList.toggle('field--invalid', Boolean(message));
      root.setAttribute('aria-describedby', [hintId, message ? errorId : null].filter(Boolean).join(' '));
      if (!root.getAttribute('aria-describedby')) {
        root.removeAttribute('aria-describedby');
      }
    },
  };
}

/** A checkbox that shows the passwords of a form as text while it is ticked. */
export function showPasswordToggle(t, inputs) {
  const id = uid('show-password');
  const box = el('input', { type: 'checkbox', id, class: 'toggle__input' });
  box.addEventListener('change', () => {
    for (const input of inputs) {
      input.type = box.checked ? 'text' : 'password';
    }
  });
  return el('div', { class: 'toggle' }, box, el('label', { for: id }, t.showPassword));
}

/** A submit or action button that says it is busy (aria-disabled keeps the focus on it) and ignores clicks. */
export function setBusy(button, busy, busyText = null) {
  if (busy) {
    button.dataset.idleText = button.textContent;
    if (busyText) {
      button.textContent = busyText;
    }
    button.setAttribute('aria-disabled', 'true');
    button.closest('form')?.setAttribute('aria-busy', 'true');
  } else {
    if (button.dataset.idleText) {
      button.textContent = button.dataset.idleText;
    }
    button.setAttribute('aria-disabled', 'false');
    button.closest('form')?.setAttribute('aria-busy', 'false');
  }
}

export function isBusy(button) {
  return button.getAttribute('aria-disabled') === 'true';
}

/**
 * What every form of the administration does when it is sent (see busyAction), on the form's submit.
 * @param form   the form; its submit is always handled here (the page does not reload)
 * @param button its submit button: busy while the request runs
 */
export function onSubmit(form, button, options) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busyAction(button, options);
  });
}

/** The same as onSubmit for a button that acts on its own, outside a form: on its click. */
export function onAction(button, options) {
  button.addEventListener('click', () => busyAction(button, options));
}

/**
 * One request made from a button, the same way everywhere:
 * - `blocked()`, when given, comes first: true stops here (it has said why itself);
 * - while the button is busy nothing more happens;
 * - the `error` region (if any) is emptied;
 * - `validate()` marks the fields and answers the control to focus when something is wrong (the focus goes there and
 *   nothing is sent), or null;
 * - `skip()`, when given, may answer true when there is nothing to send (it does itself what is left to do);
 * - the button says it is busy (`busyText`, if given) while `send()` runs;
 * - `done(answer)` follows, with the button idle again, unless `keepBusy`: for what is redrawn at once and must not
 *   be sent twice in the meantime;
 * - a failure of `send` or `done` goes to `failed(failure)` with the button idle; without `failed`, its sentence
 *   (problemMessage with the texts `t`) shows in `error`.
 * @param options {{ t: object, send: () => Promise<any>, error?: HTMLElement, validate?: () => HTMLElement|null,
 *                   skip?: () => boolean, blocked?: () => boolean, busyText?: string, keepBusy?: boolean,
 *                   done?: (answer: any) => any, failed?: (failure: Error) => void }}
 */
async function busyAction(button, {
  t, send, error = null, validate = null, skip = null, blocked = null, busyText = null, keepBusy = false,
  done = null, failed = null,
}) {
  if (blocked?.() || isBusy(button)) {
    return;
  }
  if (error) {
    showIn(error, null);
  }
  const invalid = validate?.() ?? null;
  if (invalid) {
    invalid.focus();
    return;
  }
  if (skip?.()) {
    return;
  }
  setBusy(button, true, busyText);
  try {
    const answer = await send();
    if (!keepBusy) {
      setBusy(button, false);
    }
    await done?.(answer);
  } catch (failure) {
    setBusy(button, false);
    if (failed) {
      failed(failure);
    } else {
      showIn(error, problemMessage(failure, t));
    }
  }
}

/** Shows a message at a field (its error line) and puts the focus in it. */
export function showAtField(target, message) {
  target.setError(message);
  target.input.focus();
}

/**
 * What a form that edits an item in place has: a save (submit) and a cancel button; cancel, and Escape in the form,
 * call `close` (which shows the item again).
 * @returns {{ save: HTMLElement, buttons: HTMLElement, form: (...content) => HTMLElement }} the buttons to place
 *          (`buttons`) and the maker of the form
 */
export function inPlaceEdit(t, { saveTestid, close }) {
  const save = el('button', { type: 'submit', class: 'button button--small', dataset: { testid: saveTestid } }, t.save);
  const cancel = el('button', { type: 'button', class: 'button button--small button--quiet' }, t.cancel);
  cancel.addEventListener('click', close);
  return {
    save,
    buttons: el('div', { class: 'inline-form__buttons' }, save, cancel),
    form(...content) {
      const form = el('form', { class: 'form item__form', novalidate: true }, ...content);
      form.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close();
        }
      });
      return form;
    },
  };
}

/** Copies text; the clipboard API first, the selection of `input` as a fallback. */
export async function copyText(text, input = null) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!input) {
      return false;
    }
    input.focus();
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/**
 * A link to hand over: a read-only field that selects itself, a copy button and a status line.
 * testid names the field; the button is `${testid}-copy`, the status `${testid}-status`.
 */
export function copyField(t, { label, value, help = null, testid, extra = null }) {
  const id = uid(testid ?? 'link');
  const helpId = help ? `${id}-help` : null;
  const input = el('input', {
    id, type: 'text', class: 'resume__link', readonly: true, spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': helpId, dataset: { testid },
  });
  input.value = value;
  input.addEventListener('focus', () => input.select());
  const status = el('p', { class: 'muted copy-status', role: 'status', dataset: { testid: `${testid}-status` } });
  const button = el('button', { type: 'button', class: 'button', dataset: { testid: `${testid}-copy` } }, t.copyLink);
  button.addEventListener('click', async () => {
    status.textContent = '';
    const copied = await copyText(input.value, input);
    status.textContent = copied ? t.copied : t.copyFailed;
    button.focus();
  });
  return el('div', { class: 'copy-field' },
    el('label', { class: 'field__label', for: id }, label),
    help ? el('p', { class: 'field__hint', id: helpId }, help) : null,
    extra,
    el('div', { class: 'resume__row' }, input, button),
    status);
}

/** The activation link a member (or administrator) was just given, to hand over; null when they have none. */
export function activationLink(member) {
  return member.activationUrl
    ? { email: member.email, url: member.activationUrl, expiresAt: member.activationExpiresAt, focus: true }
    : null;
}

/**
 * The panel that hands over an activation link until `close` (its button) is pressed: the link to copy with its
 * expiry, and an optional note. testid names the panel `${testid}-panel`, the link `${testid}-link` and the button
 * `${testid}-done`.
 */
export function activationPanel(t, language, link, { testid, note = null, close }) {
  const done = el('button', { type: 'button', class: 'button button--quiet button--small', dataset: { testid: `${testid}-done` } },
    t.close);
  done.addEventListener('click', close);
  return section({ heading: t.handOverHeading, className: 'card panel--highlight', testid: `${testid}-panel` },
    copyField(t, {
      label: t.activationLinkFor(link.email),
      value: link.url,
      help: t.activationLinkHelp(formatDateTime(link.expiresAt, language)),
      testid: `${testid}-link`,
    }),
    note,
    el('div', { class: 'actions actions--end' }, done));
}

/**
 * Asks before something that cannot be undone, in a modal dialog (focus stays inside; Escape cancels).
 * Resolves to true when confirmed. The cancel button has the focus first: Enter never destroys by accident.
 */
export function confirmDialog(t, { title, message, confirmLabel, testid = 'confirm-dialog' }) {
  return new Promise((resolve) => {
    const titleId = uid('dialog-title');
    const messageId = uid('dialog-message');
    const cancel = el('button', { type: 'button', class: 'button button--quiet', dataset: { testid: `${testid}-cancel` } },
      t.cancel);
    const confirm = el('button', { type: 'button', class: 'button button--danger', dataset: { testid: `${testid}-confirm` } },
      confirmLabel);
    const dialog = el('dialog', {
      class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': messageId, dataset: { testid },
    },
    el('h2', { class: 'dialog__title', id: titleId }, title),
    el('p', { id: messageId }, message),
    el('div', { class: 'dialog__actions' }, cancel, confirm));
    const opener = document.activeElement;
    let answered = false;
    const finish = (answer) => {
      if (answered) {
        return;
      }
      answered = true;
      dialog.close();
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) {
        opener.focus();
      }
      resolve(answer);
    };
    cancel.addEventListener('click', () => finish(false));
    confirm.addEventListener('click', () => finish(true));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

export function badge(text, kind = 'neutral', testid = null) {
  return el('span', { class: `badge badge--${kind}`, dataset: testid ? { testid } : {} }, text);
}

export function emptyState(text, testid = null) {
  return el('p', { class: 'empty', dataset: testid ? { testid } : {} }, text);
}

/** A section of a page with a heading (h2 unless told) that can take the focus. */
export function section({ heading, level = 'h2', className = '', testid = null, headingTestid = null }, ...content) {
  const id = uid('section');
  return el('section', { class: `panel ${className}`.trim(), 'aria-labelledby': id, dataset: testid ? { testid } : {} },
    el(level, { id, class: 'panel__heading', tabindex: '-1', dataset: headingTestid ? { testid: headingTestid } : {} },
      heading),
    ...content);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailError(value, t) {
  const email = value.trim();
  if (!email) {
    return t.fieldErrors.emailMissing;
  }
  return EMAIL.test(email) ? null : t.fieldErrors.emailInvalid;
}

/** The password policy as the server has it: 12 to 128 characters (code points), not only spaces. */
export function passwordError(value, t) {
  const length = [...value].length;
  if (length === 0) {
    return t.fieldErrors.passwordMissing;
  }
  if (length < 12) {
    return t.fieldErrors.passwordShort(length);
  }
  if (length > 128) {
    return t.fieldErrors.passwordLong;
  }
  return value.trim() ? null : t.fieldErrors.passwordBlank;
}

/** The first invalid control of a form, else the element given (null when there is neither). */
export function firstInvalid(form, fallback = null) {
  return form.querySelector('[aria-invalid="true"], .field--invalid input') ?? fallback;
}

/**
 * For a form whose fields have been checked: when one is invalid, says in `error` that the form has errors and
 * answers the first invalid control (to focus); else null.
 */
export function reportInvalid(form, error, t) {
  const invalid = firstInvalid(form);
  if (invalid) {
    showIn(error, t.formHasErrors);
  }
  return invalid;
}

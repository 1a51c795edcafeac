// An organisation's settings: the minimum group size its reports keep to.

import * as api from '../api.js';
import { el } from '../../../js/dom.js';
import { field, messageRegion, onSubmit, problemMessage, section, showAtField } from '../ui.js';

export async function render(ctx, organisation) {
  const { t } = ctx;
  const current = organisation.summary.minimumGroupSize;
  const size = field({
    label: t.minimumGroupSize, type: 'number', name: 'minimum-group-size', value: String(current), required: true,
    hint: t.minimumGroupSizeHint, testid: 'minimum-group-size', min: '3', max: '50', inputmode: 'numeric',
  });
  const error = messageRegion('alert', 'settings-error');
  const submit = el('button', { type: 'submit', class: 'button button--primary', dataset: { testid: 'save-minimum-group-size' } },
    t.save);
  const form = el('form', { class: 'form', novalidate: true },
    el('div', { class: 'inline-form' }, size.root, submit),
    error);
  const value = () => Number(size.input.value);
  onSubmit(form, submit, {
    t,
    error,
    validate: () => {
      const valid = /^\d+$/.test(size.input.value.trim()) && value() >= 3 && value() <= 50;
      size.setError(valid ? null : t.fieldErrors.groupSize);
      return valid ? null : size.input;
    },
    skip: () => value() === current,
    busyText: t.saving,
    send: () => api.setMinimumGroupSize(organisation.id, value()),
    done: (summary) => {
      ctx.showNotice(t.minimumGroupSizeSaved(summary.minimumGroupSize));
      ctx.rerender({ focusSelector: '[data-testid="minimum-group-size"]' });
    },
    failed: (failure) => showAtField(size, problemMessage(failure, t)),
  });
  return el('div', { class: 'tab-content' },
    section({ heading: t.anonymityHeading, className: 'card', testid: 'settings' },
      el('p', {}, t.settingsIntro),
      el('p', { class: 'muted', dataset: { testid: 'minimum-group-size-now' } }, t.minimumGroupSizeNow(current)),
      form));
}

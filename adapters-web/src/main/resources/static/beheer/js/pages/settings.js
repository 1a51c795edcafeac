// An organisation's settings: the minimum group size its reports keep to.

import * as api from '../api.js';
import { el } from '../../../js/dom.js';
import { field, messageRegion, onSubmit, problemMessage, section, showAtField } from '../ui.js';

export async function render(ctx, organisation) {
  const { t } = ctx;
  const { minimumGroupSize: current, lowestMinimumGroupSize: lowest, highestMinimumGroupSize: highest } =
    organisation.summary; // the bounds are the domain's, as the API says them
  const size = field({
    label: t.minimumGroupSize, type: 'number', name: 'minimum-group-size', value: String(current), required: true,
    hint: t.minimumGroupSizeHint(lowest, highest), testid: 'minimum-group-size', min: String(lowest),
    max: String(highest), inputmode: 'numeric',
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
      const valid = /^\d+$/.test(size.input.value.trim()) && value() >= lowest && value() <= highest;
      size.setError(valid ? null : t.fieldErrors.groupSize(lowest, highest));
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

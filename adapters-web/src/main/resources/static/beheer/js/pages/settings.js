// An organisation's settings: the minimum group size its reports keep to.

import * as api from '../api.js';
import { el } from '../../../js/dom.js';
import { field, isBusy, messageRegion, problemMessage, section, setBusy, showIn } from '../ui.js';

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
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(submit)) {
      return;
    }
    showIn(error, null);
    const value = Number(size.input.value);
    const valid = /^\d+$/.test(size.input.value.trim()) && value >= 3 && value <= 50;
    size.setError(valid ? null : t.fieldErrors.groupSize);
    if (!valid) {
      size.input.focus();
      return;
    }
    if (value === current) {
      return;
    }
    setBusy(submit, true, t.saving);
    try {
      const summary = await api.setMinimumGroupSize(organisation.id, value);
      setBusy(submit, false);
      ctx.showNotice(t.minimumGroupSizeSaved(summary.minimumGroupSize));
      ctx.rerender({ focusSelector: '[data-testid="minimum-group-size"]' });
    } catch (failure) {
      setBusy(submit, false);
      size.setError(problemMessage(failure, t));
      size.input.focus();
    }
  });
  return el('div', { class: 'tab-content' },
    section({ heading: t.anonymityHeading, className: 'card', testid: 'settings' },
      el('p', {}, t.settingsIntro),
      el('p', { class: 'muted', dataset: { testid: 'minimum-group-size-now' } }, t.minimumGroupSizeNow(current)),
      form));
}

// An organisation's teams: add, rename (in place), say how many people each has (for the response rates; in the
// audit trail), retire (after confirming).

import * as api from '../api.js';
import { el, replaceChildren } from '../../../js/dom.js';
import {
  badge, confirmDialog, emptyState, field, isBusy, messageRegion, problemMessage, section, setBusy, showIn, uid,
} from '../ui.js';

export async function render(ctx, organisation) {
  const { t } = ctx;
  const teams = [...organisation.teams].sort((a, b) => Number(a.retired) - Number(b.retired)
    || a.name.localeCompare(b.name, ctx.language));
  return el('div', { class: 'tab-content' },
    el('p', { class: 'muted' }, t.teamsIntro),
    addForm(ctx, organisation),
    section({ heading: `${t.teamsListHeading} (${teams.filter((team) => !team.retired).length})`, testid: 'teams' },
      teams.length === 0
        ? emptyState(t.noTeams, 'teams-empty')
        : el('ul', { class: 'item-list', dataset: { testid: 'team-list' } },
          teams.map((team) => teamItem(ctx, organisation, team)))));
}

function addForm(ctx, organisation) {
  const { t } = ctx;
  const name = field({ label: t.teamName, name: 'team-name', required: true, testid: 'team-name', maxlength: 200,
    autocomplete: 'off' });
  const error = messageRegion('alert', 'add-team-error');
  const submit = el('button', { type: 'submit', class: 'button button--primary', dataset: { testid: 'add-team' } },
    t.addTeam);
  const form = el('form', { class: 'form', novalidate: true },
    el('div', { class: 'inline-form' }, name.root, submit),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(submit)) {
      return;
    }
    showIn(error, null);
    const value = name.input.value.trim();
    name.setError(value ? null : t.fieldErrors.nameMissing);
    if (!value) {
      name.input.focus();
      return;
    }
    setBusy(submit, true, t.adding);
    try {
      const team = await api.addTeam(organisation.id, value);
      setBusy(submit, false);
      ctx.showNotice(t.teamAdded(team.name));
      ctx.rerender({ focusSelector: '[data-testid="team-name"]' });
    } catch (failure) {
      setBusy(submit, false);
      if (failure instanceof api.ApiError && ['duplicate-team-name', 'invalid-name'].includes(failure.type)) {
        name.setError(problemMessage(failure, t));
        name.input.focus();
      } else {
        showIn(error, problemMessage(failure, t));
      }
    }
  });
  return section({ heading: t.addTeamHeading, className: 'card', testid: 'add-team-section' }, form);
}

/** How many people the team has: a number from 1 to 100,000, or empty (unknown). Saved on its own button. */
function headcountForm(ctx, organisation, team) {
  const { t } = ctx;
  const headcount = field({ label: t.teamHeadcount, name: `headcount-${team.id}`, type: 'number',
    value: team.headcount ?? '', hint: t.teamHeadcountHint, optionalText: t.optional, testid: 'headcount-input' });
  Object.assign(headcount.input, { min: 1, max: 100000, step: 1, inputMode: 'numeric' });
  headcount.input.classList.add('input--short');
  const save = el('button', { type: 'submit', class: 'button button--small', dataset: { testid: 'headcount-save' } },
    t.saveHeadcount);
  const form = el('form', { class: 'form headcount-form', novalidate: true, dataset: { testid: 'headcount-form' } },
    el('div', { class: 'inline-form' }, headcount.root, el('div', { class: 'inline-form__buttons' }, save)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(save)) {
      return;
    }
    const text = headcount.input.value.trim();
    const value = text === '' ? null : Number(text);
    if (headcount.input.validity?.badInput
        || (value !== null && (!Number.isInteger(value) || value < 1 || value > 100000))) {
      headcount.setError(t.problems['headcount-out-of-range']);
      headcount.input.focus();
      return;
    }
    headcount.setError(null);
    if (value === (team.headcount ?? null)) {
      return;
    }
    setBusy(save, true);
    try {
      const saved = await api.setHeadcount(organisation.id, team.id, value);
      ctx.showNotice(saved.headcount === null ? t.headcountCleared(team.name) : t.headcountSaved(team.name));
      ctx.rerender({ focusSelector: `[data-team="${team.id}"] [data-testid="headcount-input"]` });
    } catch (failure) {
      setBusy(save, false);
      headcount.setError(problemMessage(failure, t));
      headcount.input.focus();
    }
  });
  return form;
}

function teamItem(ctx, organisation, team) {
  const { t } = ctx;
  const titleId = uid('team');
  const item = el('li', { class: `item${team.retired ? ' item--retired' : ''}`, 'aria-labelledby': titleId,
    dataset: { testid: 'team-item', team: team.id } });
  const error = messageRegion('alert');

  const showRow = () => {
    const rename = el('button', { type: 'button', class: 'button button--small button--quiet', dataset: { testid: 'rename-team' } },
      t.rename);
    const retire = el('button', { type: 'button', class: 'button button--small button--danger-quiet', dataset: { testid: 'retire-team' } },
      t.retire);
    rename.addEventListener('click', showRenameForm);
    retire.addEventListener('click', async () => {
      const confirmed = await confirmDialog(t, {
        title: t.retireConfirmTitle(team.name), message: t.retireConfirmText, confirmLabel: t.retireConfirm,
      });
      if (!confirmed) {
        return;
      }
      try {
        await api.retireTeam(organisation.id, team.id);
        ctx.showNotice(t.teamRetired(team.name));
        ctx.rerender({ focusSelector: `[data-team="${team.id}"] .item__title` });
      } catch (failure) {
        showIn(error, problemMessage(failure, t));
      }
    });
    replaceChildren(item,
      el('div', { class: 'item__main' },
        el('span', { class: 'item__title', id: titleId, dataset: { testid: 'team-title' } }, team.name),
        team.retired ? null : headcountForm(ctx, organisation, team)),
      el('div', { class: 'item__side' },
        team.retired ? badge(t.retired, 'neutral', 'team-retired') : null,
        team.retired ? null : el('div', { class: 'item__actions', role: 'group', 'aria-label': t.actionsFor(team.name) },
          rename, retire)),
      error);
    return rename;
  };

  const showRenameForm = () => {
    const name = field({ label: t.renameLabel(team.name), name: 'rename', value: team.name, required: true,
      testid: 'rename-input', maxlength: 200, autocomplete: 'off' });
    const save = el('button', { type: 'submit', class: 'button button--small', dataset: { testid: 'rename-save' } }, t.save);
    const cancel = el('button', { type: 'button', class: 'button button--small button--quiet' }, t.cancel);
    const form = el('form', { class: 'form item__form', novalidate: true },
      el('div', { class: 'inline-form' }, name.root, el('div', { class: 'inline-form__buttons' }, save, cancel)));
    const close = () => showRow().focus();
    cancel.addEventListener('click', close);
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (isBusy(save)) {
        return;
      }
      showIn(error, null);
      const value = name.input.value.trim();
      name.setError(value ? null : t.fieldErrors.nameMissing);
      if (!value) {
        name.input.focus();
        return;
      }
      if (value === team.name) {
        close();
        return;
      }
      setBusy(save, true);
      try {
        const renamed = await api.renameTeam(organisation.id, team.id, value);
        ctx.showNotice(t.renamed(renamed.name));
        ctx.rerender({ focusSelector: `[data-team="${team.id}"] [data-testid="rename-team"]` });
      } catch (failure) {
        setBusy(save, false);
        name.setError(problemMessage(failure, t));
        name.input.focus();
      }
    });
    replaceChildren(item, form, error);
    name.input.focus();
    name.input.select();
  };

  showRow();
  return item;
}

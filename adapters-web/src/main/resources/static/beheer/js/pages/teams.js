// An organisation's teams: add, rename (in place), say how many people each has (for the response rates; in the
// audit trail), retire (after confirming).

import * as api from '../api.js';
import { el, replaceChildren } from '../../../js/dom.js';
import {
  badge, confirmDialog, emptyState, field, inPlaceEdit, messageRegion, onSubmit, problemMessage, section, showAtField,
  showIn, uid,
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
  onSubmit(form, submit, {
    t,
    error,
    validate: () => nameError(t, name),
    busyText: t.adding,
    send: () => api.addTeam(organisation.id, name.input.value.trim()),
    done: (team) => {
      ctx.showNotice(t.teamAdded(team.name));
      ctx.rerender({ focusSelector: '[data-testid="team-name"]' });
    },
    failed: (failure) => {
      if (failure instanceof api.ApiError && ['duplicate-team-name', 'invalid-name'].includes(failure.type)) {
        showAtField(name, problemMessage(failure, t));
      } else {
        showIn(error, problemMessage(failure, t));
      }
    },
  });
  return section({ heading: t.addTeamHeading, className: 'card', testid: 'add-team-section' }, form);
}

/** Marks the name field when it is empty: answers the control to focus then, else null. */
function nameError(t, name) {
  const value = name.input.value.trim();
  name.setError(value ? null : t.fieldErrors.nameMissing);
  return value ? null : name.input;
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
  const value = () => {
    const text = headcount.input.value.trim();
    return text === '' ? null : Number(text);
  };
  onSubmit(form, save, {
    t,
    validate: () => {
      const wrong = headcount.input.validity?.badInput
        || (value() !== null && (!Number.isInteger(value()) || value() < 1 || value() > 100000));
      headcount.setError(wrong ? t.problems['headcount-out-of-range'] : null);
      return wrong ? headcount.input : null;
    },
    skip: () => value() === (team.headcount ?? null),
    keepBusy: true,
    send: () => api.setHeadcount(organisation.id, team.id, value()),
    done: (saved) => {
      ctx.showNotice(saved.headcount === null ? t.headcountCleared(team.name) : t.headcountSaved(team.name));
      ctx.rerender({ focusSelector: `[data-team="${team.id}"] [data-testid="headcount-input"]` });
    },
    failed: (failure) => showAtField(headcount, problemMessage(failure, t)),
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
    const close = () => showRow().focus();
    const edit = inPlaceEdit(t, { saveTestid: 'rename-save', close });
    const form = edit.form(el('div', { class: 'inline-form' }, name.root, edit.buttons));
    onSubmit(form, edit.save, {
      t,
      error,
      validate: () => nameError(t, name),
      skip: () => {
        const unchanged = name.input.value.trim() === team.name;
        if (unchanged) {
          close();
        }
        return unchanged;
      },
      keepBusy: true,
      send: () => api.renameTeam(organisation.id, team.id, name.input.value.trim()),
      done: (renamed) => {
        ctx.showNotice(t.renamed(renamed.name));
        ctx.rerender({ focusSelector: `[data-team="${team.id}"] [data-testid="rename-team"]` });
      },
      failed: (failure) => showAtField(name, problemMessage(failure, t)),
    });
    replaceChildren(item, form, error);
    name.input.focus();
    name.input.select();
  };

  showRow();
  return item;
}

// An organisation's members: add one by e-mail address with a role (and teams, for a team lead), change the
// role and teams, remove (after confirming), and hand over or renew activation links.

import * as api from '../api.js';
import { el, replaceChildren } from '../../../js/dom.js';
import {
  activationLink, activationPanel, badge, choiceGroup, confirmDialog, emailError, emptyState, field, inPlaceEdit,
  messageRegion, onSubmit, problemMessage, section, showAtField, showIn, uid,
} from '../ui.js';

const ROLES = ['ADMIN', 'TEAM_LEAD', 'ANALYST'];

/** The activation link made last, per organisation, until put away (a re-render must not lose it). */
const lastLinks = new Map();

export async function render(ctx, organisation) {
  const { t } = ctx;
  const members = await api.members(organisation.id);
  if (!ctx.isCurrent()) {
    return null;
  }
  const teamNames = new Map(organisation.teams.map((team) => [team.id, team.name]));
  const sorted = [...members].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role)
    || String(a.email ?? '').localeCompare(String(b.email ?? ''), ctx.language));
  const link = lastLinks.get(organisation.id);
  const panel = link ? linkPanel(ctx, organisation, link) : null;
  if (link?.focus) {
    link.focus = false;
    ctx.focusOn(panel.querySelector('h2'));
  }
  return el('div', { class: 'tab-content' },
    el('p', { class: 'muted' }, t.membersIntro),
    panel,
    addForm(ctx, organisation),
    section({ heading: `${t.membersListHeading} (${members.length})`, testid: 'members' },
      sorted.length === 0
        ? emptyState(t.noMembers, 'members-empty')
        : el('ul', { class: 'item-list', dataset: { testid: 'member-list' } },
          sorted.map((member) => memberItem(ctx, organisation, member, teamNames)))));
}

function linkPanel(ctx, organisation, link) {
  return activationPanel(ctx.t, ctx.language, link, {
    testid: 'member-activation',
    close: () => {
      lastLinks.delete(organisation.id);
      ctx.rerender({ focusSelector: '[data-testid="member-email"]' });
    },
  });
}

function rememberLink(organisation, member) {
  const link = activationLink(member);
  if (link) {
    lastLinks.set(organisation.id, link);
  }
}

/** The role as radio buttons with what each may do, and the teams (only for a team lead). */
function roleAndTeams(ctx, organisation, { role = 'ANALYST', teams = [], testid }) {
  const { t } = ctx;
  const activeTeams = organisation.teams.filter((team) => !team.retired || teams.includes(team.id));
  const roles = choiceGroup({
    legend: t.role, type: 'radio', name: 'role', testid: `${testid}-role`,
    options: ROLES.map((value) => ({
      value, label: t.roles[value], description: t.roleDescriptions[value], checked: value === role,
      testid: value.toLowerCase().replace('_', '-'),
    })),
  });
  const teamGroup = activeTeams.length === 0
    ? null
    : choiceGroup({
      legend: t.teamsForLead, type: 'checkbox', name: 'teams', testid: `${testid}-teams`,
      options: activeTeams.map((team) => ({ value: team.id, label: team.name, checked: teams.includes(team.id) })),
    });
  const noTeams = activeTeams.length === 0 ? el('p', { class: 'field__hint' }, t.noTeamsForLead) : null;
  const teamArea = el('div', { class: 'conditional' }, teamGroup?.root ?? null, noTeams);
  const update = () => {
    teamArea.hidden = roles.values()[0] !== 'TEAM_LEAD';
  };
  for (const input of roles.inputs) {
    input.addEventListener('change', update);
  }
  update();
  return {
    nodes: [roles.root, teamArea],
    role: () => roles.values()[0],
    teams: () => teamGroup?.values() ?? [],
    /** Marks the teams when a team lead has none: answers the control to focus then, else null. */
    validate() {
      const missing = roles.values()[0] === 'TEAM_LEAD' && (teamGroup?.values().length ?? 0) === 0;
      teamGroup?.setError(missing ? t.fieldErrors.teamsMissing : null);
      return missing ? (teamGroup?.inputs[0] ?? roles.inputs[0]) : null;
    },
    showProblem(failure) {
      if (failure instanceof api.ApiError && failure.type === 'team-lead-without-teams' && teamGroup) {
        teamGroup.setError(problemMessage(failure, t));
        teamGroup.inputs[0].focus();
        return true;
      }
      return false;
    },
  };
}

function addForm(ctx, organisation) {
  const { t } = ctx;
  const email = field({
    label: t.email, type: 'email', name: 'member-email', required: true, testid: 'member-email',
    autocomplete: 'off', spellcheck: 'false',
  });
  const choice = roleAndTeams(ctx, organisation, { role: 'ANALYST', testid: 'member' });
  const error = messageRegion('alert', 'add-member-error');
  const submit = el('button', { type: 'submit', class: 'button button--primary', dataset: { testid: 'add-member' } },
    t.addMember);
  const form = el('form', { class: 'form', novalidate: true },
    email.root, ...choice.nodes,
    el('div', { class: 'form-actions' }, submit),
    error);
  onSubmit(form, submit, {
    t,
    error,
    validate: () => {
      email.setError(emailError(email.input.value, t));
      return email.input.getAttribute('aria-invalid') === 'true' ? email.input : choice.validate();
    },
    busyText: t.adding,
    send: () => api.addMember(organisation.id, email.input.value.trim(), choice.role(), choice.teams()),
    done: (member) => {
      rememberLink(organisation, member);
      ctx.showNotice(member.activationUrl ? t.memberAdded(member.email)
        : `${t.memberAdded(member.email)} ${t.adminAlreadyActive(member.email)}`);
      ctx.rerender({ focusSelector: '[data-testid="member-email"]' });
    },
    failed: (failure) => {
      if (choice.showProblem(failure)) {
        return;
      }
      if (failure instanceof api.ApiError && ['already-a-member', 'invalid-input'].includes(failure.type)) {
        showAtField(email,
          failure.type === 'invalid-input' ? t.fieldErrors.emailInvalid : problemMessage(failure, t));
      } else {
        showIn(error, problemMessage(failure, t));
      }
    },
  });
  return section({ heading: t.addMemberHeading, className: 'card', testid: 'add-member-section' }, form);
}

function memberItem(ctx, organisation, member, teamNames) {
  const { t } = ctx;
  const titleId = uid('member');
  const email = member.email ?? t.emailErased;
  const isSelf = member.id === ctx.account.accountId;
  const item = el('li', { class: 'item', 'aria-labelledby': titleId, dataset: { testid: 'member-item', member: member.id } });
  const error = messageRegion('alert');

  const showRow = () => {
    const change = el('button', { type: 'button', class: 'button button--small button--quiet', dataset: { testid: 'change-member' } },
      t.change);
    const remove = el('button', { type: 'button', class: 'button button--small button--danger-quiet', dataset: { testid: 'remove-member' } },
      t.remove);
    const renew = member.active ? null
      : el('button', { type: 'button', class: 'button button--small button--quiet', dataset: { testid: 'renew-activation' } },
        t.renewActivation);
    change.addEventListener('click', showChangeForm);
    remove.addEventListener('click', async () => {
      const confirmed = await confirmDialog(t, {
        title: t.removeConfirmTitle(email),
        message: isSelf ? `${t.removeConfirmText} ${t.removeSelfConfirmText}` : t.removeConfirmText,
        confirmLabel: t.removeConfirm,
      });
      if (!confirmed) {
        return;
      }
      try {
        await api.removeMember(organisation.id, member.id);
        ctx.showNotice(t.memberRemoved(email));
        if (isSelf) {
          await ctx.refreshAccount();
          ctx.navigate('#/');
          return;
        }
        ctx.rerender({ focusSelector: '[data-testid="members"] h2' });
      } catch (failure) {
        showIn(error, problemMessage(failure, t));
      }
    });
    renew?.addEventListener('click', async () => {
      try {
        const renewed = await api.renewActivation(organisation.id, member.id);
        rememberLink(organisation, renewed);
        ctx.showNotice(t.activationRenewed(email));
        ctx.rerender();
      } catch (failure) {
        showIn(error, problemMessage(failure, t));
      }
    });
    const teams = member.role === 'TEAM_LEAD' && member.teams.length > 0
      ? el('p', { class: 'item__meta muted' }, `${t.teamsOf}: `,
        member.teams.map((id) => teamNames.get(id) ?? id).join(', '))
      : null;
    replaceChildren(item,
      el('div', { class: 'item__main' },
        el('span', { class: 'item__title', id: titleId, dataset: { testid: 'member-title' } }, email,
          isSelf ? el('span', { class: 'muted' }, ` (${t.you})`) : null),
        el('p', { class: 'item__meta' },
          badge(t.roles[member.role], 'role', 'member-role'), ' ',
          member.active ? badge(t.memberActive, 'ok', 'member-status')
            : badge(t.memberInactive, 'warning', 'member-status')),
        teams),
      el('div', { class: 'item__actions', role: 'group', 'aria-label': t.actionsFor(email) }, change, renew, remove),
      error);
    return change;
  };

  const showChangeForm = () => {
    const choice = roleAndTeams(ctx, organisation, { role: member.role, teams: member.teams, testid: 'change' });
    const heading = el('h3', { class: 'item__title', id: titleId, tabindex: '-1' }, t.changeMemberHeading(email));
    const edit = inPlaceEdit(t, { saveTestid: 'change-save', close: () => showRow().focus() });
    const form = edit.form(heading, ...choice.nodes, edit.buttons);
    onSubmit(form, edit.save, {
      t,
      validate: () => {
        const invalid = choice.validate();
        if (!invalid) {
          showIn(error, null); // the row's message stays while the choice is wrong
        }
        return invalid;
      },
      keepBusy: true,
      send: () => api.changeMember(organisation.id, member.id, choice.role(), choice.teams()),
      done: async () => {
        ctx.showNotice(t.memberChanged(email));
        if (isSelf) {
          await ctx.refreshAccount();
        }
        ctx.rerender({ focusSelector: `[data-member="${member.id}"] [data-testid="change-member"]` });
      },
      failed: (failure) => {
        if (!choice.showProblem(failure)) {
          showIn(error, problemMessage(failure, t));
        }
      },
    });
    replaceChildren(item, form, error);
    heading.focus();
  };

  showRow();
  return item;
}

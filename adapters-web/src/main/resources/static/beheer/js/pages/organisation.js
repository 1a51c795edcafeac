// One organisation. Its administrators get sections for the dashboard (the first), rounds, teams, members, the
// audit trail and the settings; team leads and analysts the dashboard of what they may see above a read-only
// overview of those teams and rounds. An account in several organisations switches between them here.

import * as api from '../api.js';
import { el, replaceChildren } from '../../../js/dom.js';
import { badge, emptyState, section } from '../ui.js';
import * as dashboardTab from './dashboard.js';
import * as roundsTab from './rounds.js';
import * as teamsTab from './teams.js';
import * as membersTab from './members.js';
import * as auditTab from './audit.js';
import * as settingsTab from './settings.js';
import { roundList } from './rounds.js';

const TABS = {
  dashboard: dashboardTab,
  rondes: roundsTab,
  teams: teamsTab,
  leden: membersTab,
  logboek: auditTab,
  instellingen: settingsTab,
};
const DEFAULT_TAB = 'dashboard';

/** The organisation and tab shown last: moving to another tab of the same organisation focuses the tab. */
let shown = { organisationId: null, tab: null };

export function organisationHash(organisationId, tab = null) {
  return `#/organisatie/${encodeURIComponent(organisationId)}${tab ? `/${tab}` : ''}`;
}

export async function render(ctx, route) {
  const { t } = ctx;
  let membership = ctx.account.organisations.find((organisation) => organisation.id === route.organisationId);
  if (!membership) {
    // added to it since signing in?
    const account = await ctx.refreshAccount();
    membership = account?.organisations.find((organisation) => organisation.id === route.organisationId);
  }
  if (!ctx.isCurrent()) {
    return;
  }
  if (!membership) {
    ctx.setTitle(null);
    replaceChildren(ctx.view, el('div', { class: 'card auth-card' },
      el('h1', { class: 'page-title' }, t.organisationUnknown),
      el('a', { href: '#/', class: 'button' }, t.toHome)));
    return;
  }
  if (!membership.may.manage) { // what the domain lets this member do, as the API says it
    await renderReadOnly(ctx, membership);
    return;
  }
  const tab = TABS[route.tab] ? route.tab : DEFAULT_TAB;
  const [summary, teams] = await Promise.all([api.organisation(membership.id), api.teams(membership.id)]);
  if (!ctx.isCurrent()) {
    return;
  }
  const organisation = { id: membership.id, summary, teams, membership };
  const panel = await TABS[tab].render(ctx, organisation);
  if (!ctx.isCurrent() || !panel) {
    return;
  }
  ctx.setTitle(`${t.tabs[tab]} – ${summary.name}`);
  replaceChildren(ctx.view,
    header(ctx, summary.name, membership),
    el('nav', { class: 'tabs', 'aria-label': t.sectionsLabel, dataset: { testid: 'tabs' } },
      el('ul', { class: 'tabs__list' }, Object.keys(TABS).map((name) => el('li', {},
        el('a', {
          class: 'tabs__link',
          href: organisationHash(membership.id, name),
          'aria-current': name === tab ? 'page' : null,
          dataset: { testid: `tab-${name}` },
        }, t.tabs[name]))))),
    el('div', { class: 'tab-panel', dataset: { testid: `panel-${tab}` } }, panel));
  if (shown.organisationId === membership.id && shown.tab !== tab) {
    // another section of the same organisation: straight to its first heading
    ctx.focusOn(panel.querySelector('h2') ?? null);
  }
  shown = { organisationId: membership.id, tab };
}

/** The organisation's name, the role, and (for someone in several organisations) the switch. */
function header(ctx, name, membership) {
  const { t } = ctx;
  const organisations = ctx.account.organisations;
  let switcher = null;
  if (organisations.length > 1) {
    const select = el('select', { id: 'organisation-switch', class: 'input input--select', dataset: { testid: 'organisation-switch' } },
      [...organisations].sort((a, b) => a.name.localeCompare(b.name, ctx.language)).map((organisation) =>
        el('option', { value: organisation.id, selected: organisation.id === membership.id }, organisation.name)));
    const go = el('button', { type: 'submit', class: 'button button--small' }, t.organisationSwitchButton);
    switcher = el('form', { class: 'switcher', dataset: { testid: 'organisation-switcher' } },
      el('label', { for: 'organisation-switch', class: 'field__label' }, t.organisationSwitch),
      el('div', { class: 'inline-form inline-form--tight' }, select, go));
    switcher.addEventListener('submit', (event) => {
      event.preventDefault();
      if (select.value !== membership.id) {
        ctx.navigate(organisationHash(select.value));
      }
    });
  }
  return el('div', { class: 'page-head page-head--organisation' },
    el('div', { class: 'page-head__text' },
      el('h1', { class: 'page-title', dataset: { testid: 'organisation-name' } }, name),
      el('p', { class: 'muted page-head__role' },
        `${t.yourRole}: `, el('strong', { dataset: { testid: 'role' } }, t.roles[membership.role]),
        ` – ${t.roleDescriptions[membership.role]}`)),
    switcher);
}

/** Team leads and analysts: the dashboard, then the teams and rounds their role lets them see, read-only. */
async function renderReadOnly(ctx, membership) {
  const { t } = ctx;
  const [summary, teams, rounds] = await Promise.all([
    api.organisation(membership.id), api.teams(membership.id), api.rounds(membership.id)]);
  if (!ctx.isCurrent()) {
    return;
  }
  const dashboard = await dashboardTab.render(ctx, { id: membership.id, summary, teams, membership }, { rounds });
  if (!ctx.isCurrent() || !dashboard) {
    return;
  }
  ctx.setTitle(summary.name);
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const activeTeams = teams.filter((team) => !team.retired);
  replaceChildren(ctx.view,
    header(ctx, summary.name, membership),
    el('p', { class: 'alert alert--info', dataset: { testid: 'read-only-note' } }, t.readOnlyIntro),
    dashboard,
    section({ heading: membership.role === 'TEAM_LEAD' ? t.yourTeams : t.organisationTeams, testid: 'read-only-teams' },
      activeTeams.length === 0
        ? emptyState(t.noTeamsReadOnly)
        : el('ul', { class: 'item-list item-list--compact' }, teams.map((team) => el('li', { class: 'item' },
          el('div', { class: 'item__main' }, el('span', { class: 'item__title' }, team.name)),
          team.retired ? el('div', { class: 'item__side' }, badge(t.retired, 'neutral')) : null)))),
    section({ heading: t.roundsListHeading, testid: 'read-only-rounds' },
      rounds.length === 0
        ? emptyState(t.noRoundsReadOnly)
        : roundList(ctx, membership.id, rounds, teamNames, { readOnly: true })));
}

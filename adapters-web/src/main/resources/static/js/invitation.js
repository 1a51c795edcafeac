// Taking the test through an organisation's invitation link (/?invitation=<token>): the token in the address,
// the assessment started through it on this device (localStorage, so that opening the same link again
// resumes it rather than starting another), and the card above the test: whose round it is, the anonymity
// promise (the organisation sees results only per group of at least its minimum of newly completed tests,
// released together: the invitation's minimumGroupSize), and the choice of team.

import { el, replaceChildren } from './dom.js';

const PARAMETER = 'invitation';
const KEY = 'klantspiegel.invitations';
const MAX_REMEMBERED = 20;

/**
 * The team named in the address (a team lead's link for their team: /?invitation=<token>&team=<id>), if any: it is
 * only chosen in advance, the respondent still sees and may change it.
 */
export function teamFromUrl() {
  const team = new URL(window.location.href).searchParams.get('team');
  return team && team.trim() ? team.trim() : null;
}

/** The invitation token in the address bar, if any. */
export function tokenFromUrl() {
  const token = new URL(window.location.href).searchParams.get(PARAMETER);
  return token && token.trim() ? token.trim() : null;
}

function readAll() {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function writeAll(all) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // storage refused: the URL still carries the assessment's id
  }
}

/** { id, team } of the assessment started on this device through this invitation, or null. */
export function remembered(token) {
  const entry = readAll()[token];
  return entry && typeof entry.id === 'string' ? { id: entry.id, team: entry.team ?? null } : null;
}

export function remember(token, id, team) {
  const all = readAll();
  delete all[token];
  all[token] = { id, team: team ?? null };
  const tokens = Object.keys(all);
  for (const old of tokens.slice(0, Math.max(0, tokens.length - MAX_REMEMBERED))) {
    delete all[old];
  }
  writeAll(all);
}

export function forget(token) {
  const all = readAll();
  if (token in all) {
    delete all[token];
    writeAll(all);
  }
}

/**
 * Fills the invitation card.
 * @param invitation { info: { organisationName, roundName, open, teams, minimumGroupSize }, team }
 * @param started    whether the assessment has started (then the team is fixed)
 * @param teamError  a message for the team choice, or null
 */
export function renderInvitationCard(container, { invitation, texts, started, teamError }) {
  const t = texts.invitation;
  const info = invitation.info;
  const teams = info.teams ?? [];
  const chosen = teams.find((team) => team.id === invitation.team) ?? (teams.length === 1 ? teams[0] : null);
  const canChoose = !started && info.open && teams.length > 1;

  let team = null;
  if (canChoose) {
    const errorId = 'team-error';
    team = el('fieldset', {
      class: `team-choice${teamError ? ' team-choice--missing' : ''}`,
      id: 'team-choice',
      'aria-describedby': teamError ? `team-hint ${errorId}` : 'team-hint',
      dataset: { testid: 'team-choice' },
    },
    el('legend', { class: 'team-choice__legend' }, t.teamLegend),
    el('p', { class: 'team-choice__hint', id: 'team-hint' }, t.teamHint),
    el('div', { class: 'team-choice__options' }, teams.map((option, index) => {
      const id = `team-${index}`;
      return el('label', { class: 'option option--plain', for: id },
        el('input', {
          type: 'radio', id, name: 'team', value: option.id, checked: option.id === invitation.team,
          dataset: { testid: `team-option-${index}`, teamName: option.name },
        }),
        el('span', { class: 'option__text' }, option.name));
    })),
    el('div', { class: 'message-region', role: 'alert', id: errorId, dataset: { testid: 'team-alert' } },
      teamError ? el('p', { class: 'team-choice__error' }, teamError) : null));
  } else if (chosen) {
    team = el('p', { class: 'invitation__team', dataset: { testid: 'invitation-team' } },
      `${t.teamLabel}: `, el('strong', {}, chosen.name));
  }

  const scheduled = !info.open && !started && info.opensAt;
  const closedNote = scheduled
    ? el('div', { class: 'alert', dataset: { testid: 'invitation-scheduled' } },
      el('p', { class: 'alert__lead' }, t.scheduledLead), el('p', {}, t.scheduled(info.opensAt)))
    : !info.open
    ? el('div', { class: 'alert alert--error', dataset: { testid: 'invitation-closed' } },
      started
        ? el('p', {}, t.closedButStarted)
        : [el('p', { class: 'alert__lead' }, t.closedLead), el('p', {}, t.closed(info.organisationName))])
    : null;

  replaceChildren(container,
    el('p', { class: 'invitation__eyebrow' }, t.from),
    el('p', { class: 'invitation__organisation', id: 'invitation-organisation', dataset: { testid: 'invitation-organisation' } },
      info.organisationName),
    el('p', { class: 'invitation__round', dataset: { testid: 'invitation-round' } }, t.round(info.roundName)),
    closedNote,
    info.open || started
      ? el('p', { class: 'invitation__privacy', dataset: { testid: 'anonymity-notice' } },
        t.anonymity(info.organisationName, info.minimumGroupSize))
      : null,
    team);
}

/** Focuses the chosen team, else the first: where the respondent chooses one. */
export function focusTeamChoice() {
  const radio = document.querySelector('#team-choice input:checked') ?? document.querySelector('#team-choice input');
  radio?.focus();
}

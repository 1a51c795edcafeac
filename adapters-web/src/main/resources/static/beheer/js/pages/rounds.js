// An organisation's rounds: open one (for the whole organisation or chosen teams, at once or from a later moment,
// optionally closing by itself), hand over its invitation link or QR code, close it (after confirming). A team lead
// sees the rounds of their teams with the invitation for their team, to remind their people.

import * as api from '../api.js';
import { el } from '../../../js/dom.js';
import { formatDateTime } from '../texts.js';
import {
  badge, choiceGroup, confirmDialog, copyField, emptyState, field, firstInvalid, messageRegion, onSubmit,
  problemMessage, section, showAtField, showIn, uid,
} from '../ui.js';

export async function render(ctx, organisation) {
  const { t } = ctx;
  const rounds = await api.rounds(organisation.id);
  if (!ctx.isCurrent()) {
    return null;
  }
  const teamNames = new Map(organisation.teams.map((team) => [team.id, team.name]));
  return el('div', { class: 'tab-content' },
    el('p', { class: 'muted' }, t.roundsIntro),
    openForm(ctx, organisation),
    section({ heading: `${t.roundsListHeading} (${rounds.length})`, testid: 'rounds' },
      rounds.length === 0
        ? emptyState(t.noRounds, 'rounds-empty')
        : roundList(ctx, organisation.id, rounds, teamNames, { readOnly: false })));
}

/** "2026-11-22T14:30" for an <input type=datetime-local>, in the browser's time zone. */
function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The moment a datetime field holds, as an ISO instant, when it lies ahead (and after {@code after}, if given); null
 * when the field is empty or wrong, with the field's error set accordingly.
 */
function futureMoment(t, moment, after = null) {
  if (!moment.input.value) {
    moment.setError(moment.input.validity?.badInput ? t.fieldErrors.closingInvalid : null);
    return null;
  }
  const date = new Date(moment.input.value);
  if (Number.isNaN(date.getTime())) {
    moment.setError(t.fieldErrors.closingInvalid);
  } else if (date.getTime() <= Date.now()) {
    moment.setError(t.fieldErrors.closingInPast);
  } else if (after && date.getTime() <= new Date(after).getTime()) {
    moment.setError(t.fieldErrors.closingBeforeOpening);
  } else {
    moment.setError(null);
    return date.toISOString();
  }
  return null;
}

function openForm(ctx, organisation) {
  const { t } = ctx;
  const activeTeams = organisation.teams.filter((team) => !team.retired);
  const name = field({ label: t.roundName, name: 'round-name', required: true, hint: t.roundNameHint,
    testid: 'round-name', maxlength: 200, autocomplete: 'off' });
  const closesAt = field({ label: t.closesAt, type: 'datetime-local', name: 'closes-at', hint: t.closesAtHint,
    optionalText: t.optional, testid: 'round-closes-at' });
  closesAt.input.min = localInputValue(new Date());
  const opensAt = field({ label: t.opensAt, type: 'datetime-local', name: 'opens-at', hint: t.opensAtHint,
    optionalText: t.optional, testid: 'round-opens-at' });
  opensAt.input.min = localInputValue(new Date());
  let scope = null;
  let teamGroup = null;
  let teamArea = null;
  if (activeTeams.length > 0) {
    scope = choiceGroup({
      legend: t.scope, type: 'radio', name: 'scope', testid: 'round-scope',
      options: [
        { value: 'all', label: t.scopeAll, checked: true },
        { value: 'teams', label: t.scopeTeams },
      ],
    });
    teamGroup = choiceGroup({
      legend: t.scopeTeams, type: 'checkbox', name: 'round-teams', testid: 'round-teams',
      options: activeTeams.map((team) => ({ value: team.id, label: team.name })),
    });
    teamArea = el('div', { class: 'conditional' }, teamGroup.root);
    const update = () => {
      teamArea.hidden = scope.values()[0] !== 'teams';
    };
    for (const input of scope.inputs) {
      input.addEventListener('change', update);
    }
    update();
  }
  const error = messageRegion('alert', 'open-round-error');
  const submit = el('button', { type: 'submit', class: 'button button--primary', dataset: { testid: 'open-round' } },
    t.openRound);
  const form = el('form', { class: 'form', novalidate: true },
    name.root, scope?.root ?? null, teamArea, opensAt.root, closesAt.root,
    el('div', { class: 'form-actions' }, submit),
    error);

  /** What the form holds, read as it is sent: the name, the teams chosen and the moments. */
  let chosen = null;
  /** The field a refusal is about, by its problem type; any other refusal shows below the form. */
  const fieldOf = new Map([['opening-time-out-of-range', opensAt], ['closing-time-not-ahead', closesAt],
    ['invalid-name', name]]);
  onSubmit(form, submit, {
    t,
    error,
    validate: () => {
      const roundName = name.input.value.trim();
      name.setError(roundName ? null : t.fieldErrors.nameMissing);
      const chosenTeams = scope?.values()[0] === 'teams' ? teamGroup.values() : [];
      teamGroup?.setError(scope?.values()[0] === 'teams' && chosenTeams.length === 0 ? t.fieldErrors.teamsMissing : null);
      const opening = futureMoment(t, opensAt);
      const closing = futureMoment(t, closesAt, opening);
      chosen = { roundName, chosenTeams, opening, closing };
      const wrong = form.querySelector('[aria-invalid="true"], .field--invalid');
      return wrong ? firstInvalid(form, teamGroup?.inputs[0]) : null;
    },
    busyText: t.opening,
    send: () => api.openRound(organisation.id, chosen.roundName, chosen.chosenTeams, chosen.closing, chosen.opening),
    done: (opened) => {
      ctx.showNotice(opened.status === 'SCHEDULED' ? t.roundScheduled(opened.name) : t.roundOpened(opened.name));
      ctx.rerender({ focusSelector: `[data-round="${opened.id}"] h3` });
    },
    failed: (failure) => {
      const at = failure instanceof api.ApiError ? fieldOf.get(failure.type) : undefined;
      if (at) {
        showAtField(at, problemMessage(failure, t));
      } else {
        showIn(error, problemMessage(failure, t));
      }
    },
  });
  return section({ heading: t.openRoundHeading, className: 'card', testid: 'open-round-section' }, form);
}

const ORDER = { OPEN: 0, SCHEDULED: 1, CLOSED: 2 };

/**
 * The rounds, open ones first, then scheduled ones, newest first; with the invitation and the close button unless
 * read-only (a team lead, read-only, gets the invitation for their own teams when the API hands it to them).
 */
export function roundList(ctx, organisationId, rounds, teamNames, { readOnly }) {
  const sorted = [...rounds].sort((a, b) => (ORDER[a.status] ?? 3) - (ORDER[b.status] ?? 3)
    || String(b.openedAt).localeCompare(String(a.openedAt)));
  return el('ul', { class: 'item-list round-list', dataset: { testid: 'round-list' } },
    sorted.map((round) => roundItem(ctx, organisationId, round, teamNames, readOnly)));
}

function roundItem(ctx, organisationId, round, teamNames, readOnly) {
  const { t, language } = ctx;
  const titleId = uid('round');
  const open = round.status === 'OPEN';
  const scheduled = round.status === 'SCHEDULED';
  const error = messageRegion('alert');
  const facts = [
    [t.scope, round.teams.length === 0 ? t.wholeOrganisation : round.teams.map((id) => teamNames.get(id) ?? id).join(', ')],
    [scheduled || (round.opensAt && round.opensAt !== round.openedAt) ? t.scheduledOn : t.openedAt,
      formatDateTime(round.openedAt, language)],
    round.opensAt && round.opensAt !== round.openedAt ? [t.opensAtLabel, formatDateTime(round.opensAt, language)] : null,
    (open || scheduled) && round.closesAt ? [t.closesAtLabel, formatDateTime(round.closesAt, language)] : null,
    !open && round.closedAt ? [t.closedAt, formatDateTime(round.closedAt, language)] : null,
  ].filter(Boolean);

  let invitation = null;
  let close = null;
  if ((open || scheduled) && round.invitationUrl) {
    if (!readOnly) {
      invitation = share(t, organisationId, round, null, round.invitationUrl, t.invitationHelp);
    } else {
      // a team lead: the link with their team chosen in advance, for each of their teams in the round
      const ownTeams = (round.teams.length === 0 ? [...teamNames.keys()] : round.teams)
        .filter((id) => teamNames.has(id));
      invitation = ownTeams.map((teamId) => share(t, organisationId, round, teamId,
        `${round.invitationUrl}&team=${encodeURIComponent(teamId)}`, t.leadInvitationHelp(teamNames.get(teamId))));
    }
  }
  if (!readOnly && (open || scheduled)) {
    close = el('button', { type: 'button', class: 'button button--small button--danger-quiet', dataset: { testid: 'close-round' } },
      t.closeRound);
    close.addEventListener('click', async () => {
      const confirmed = await confirmDialog(t, {
        title: t.closeConfirmTitle(round.name), message: t.closeConfirmText, confirmLabel: t.closeRound,
      });
      if (!confirmed) {
        return;
      }
      try {
        await api.closeRound(organisationId, round.id);
        ctx.showNotice(t.roundClosed(round.name));
        ctx.rerender({ focusSelector: `[data-round="${round.id}"] h3` });
      } catch (failure) {
        showIn(error, problemMessage(failure, t));
      }
    });
  }

  return el('li', { class: `item round${open ? '' : ' round--closed'}`, 'aria-labelledby': titleId,
    dataset: { testid: 'round-item', round: round.id, status: round.status } },
  el('div', { class: 'round__head' },
    el('h3', { class: 'item__title', id: titleId, tabindex: '-1', dataset: { testid: 'round-title' } }, round.name),
    badge(open ? t.statusOpen : scheduled ? t.statusScheduled : t.statusClosed,
      open ? 'ok' : scheduled ? 'warning' : 'neutral', 'round-status')),
  el('dl', { class: 'facts' }, facts.map(([label, value]) => el('div', { class: 'facts__item' },
    el('dt', {}, label), el('dd', {}, value)))),
  invitation,
  close ? el('div', { class: 'actions actions--end' }, close) : null,
  error);
}

/** The invitation link to copy and its QR code (with a team chosen in advance when {@code teamId} is given). */
function share(t, organisationId, round, teamId, url, help) {
  const qrUrl = api.invitationQrCodeUrl(organisationId, round.id, teamId);
  return el('div', { class: 'invitation-share', dataset: { testid: 'invitation-share' } },
    el('div', { class: 'invitation-share__link' },
      copyField(t, { label: t.invitationLink, value: url, help, testid: 'invitation-link' })),
    el('figure', { class: 'qr' },
      el('img', { class: 'qr__image', src: qrUrl, alt: t.qrAlt(round.name), width: '164', height: '164',
        dataset: { testid: 'invitation-qr' } }),
      el('figcaption', { class: 'qr__caption' },
        el('a', { href: qrUrl, download: `klantspiegel-${round.name.replace(/[^\p{L}\p{N}]+/gu, '-')}.svg` }, t.qrDownload))));
}

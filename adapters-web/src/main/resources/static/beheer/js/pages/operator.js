// The operator's page: every organisation, registering a new one with its first administrator, the
// activation link for that administrator (the operator hands it over; there is no mail), and the administrators
// of each organisation with a new link for one who has not activated their account.

import * as api from '../api.js';
import { el, replaceChildren } from '../../../js/dom.js';
import {
  activationLink, activationPanel, badge, emailError, emptyState, field, firstInvalid, messageRegion, onAction,
  onSubmit, problemMessage, section, setBusy, showAtField, showIn, uid,
} from '../ui.js';

/**
 * The activation link made last, until the operator puts it away: the same link cannot be asked for again
 * (only a new one, which replaces it), so a language switch or a reload of the list must not lose it.
 */
let lastLink = null;

export async function render(ctx) {
  const { t } = ctx;
  if (!ctx.account.operator) {
    ctx.navigate('#/', { replace: true });
    return;
  }
  ctx.setTitle(t.organisationsTitle);
  const organisations = await api.organisations();
  if (!ctx.isCurrent()) {
    return;
  }
  const sorted = [...organisations].sort((a, b) => a.name.localeCompare(b.name, ctx.language));
  const linkPanel = lastLink ? activationPanel(t, ctx.language, lastLink, {
    testid: 'activation',
    note: el('p', { class: 'muted small' }, t.activationLinkOperatorNote),
    close: () => {
      lastLink = null;
      ctx.rerender({ focusSelector: '[data-testid="organisation-name"]' });
    },
  }) : null;
  replaceChildren(ctx.view,
    el('div', { class: 'page-head' },
      el('h1', { class: 'page-title' }, t.organisationsTitle),
      el('p', { class: 'muted page-head__intro' }, t.organisationsIntro)),
    linkPanel,
    createForm(ctx),
    section({ heading: t.organisationsListHeading, testid: 'organisations' },
      sorted.length === 0
        ? emptyState(t.noOrganisations, 'organisations-empty')
        : el('ul', { class: 'item-list', dataset: { testid: 'organisation-list' } },
          sorted.map((organisation) => organisationItem(ctx, organisation)))),
    projectionsSection(ctx));
  if (linkPanel && lastLink.focus) {
    lastLink.focus = false;
    ctx.focusOn(linkPanel.querySelector('h2'));
  }
}

function createForm(ctx) {
  const { t } = ctx;
  const name = field({ label: t.organisationName, name: 'organisation-name', required: true, testid: 'organisation-name',
    maxlength: 200 });
  const email = field({
    label: t.firstAdminEmail, type: 'email', name: 'admin-email', required: true, hint: t.firstAdminHint,
    testid: 'admin-email', autocomplete: 'off', spellcheck: 'false',
  });
  const error = messageRegion('alert', 'create-organisation-error');
  const submit = el('button', { type: 'submit', class: 'button button--primary', dataset: { testid: 'create-organisation' } },
    t.createOrganisation);
  const form = el('form', { class: 'form', novalidate: true },
    name.root, email.root,
    el('div', { class: 'form-actions' }, submit),
    error);
  onSubmit(form, submit, {
    t,
    error,
    validate: () => {
      name.setError(name.input.value.trim() ? null : t.fieldErrors.nameMissing);
      email.setError(emailError(email.input.value, t));
      return firstInvalid(form);
    },
    busyText: t.creating,
    // two steps: a failure of the second leaves the organisation made, without its administrator (`failure`)
    send: async () => {
      const organisation = await api.createOrganisation(name.input.value.trim());
      try {
        return { organisation, admin: await api.addMember(organisation.id, email.input.value.trim(), 'ADMIN') };
      } catch (failure) {
        return { organisation, failure };
      }
    },
    done: ({ organisation, admin, failure }) => {
      if (failure) {
        ctx.showAlert(problemMessage(failure, t), { lead: t.organisationCreatedNoAdmin(organisation.name) });
        ctx.rerender({ focusSelector: `[data-organisation="${organisation.id}"] input` });
        return;
      }
      rememberLink(admin);
      ctx.showNotice(admin.activationUrl
        ? t.organisationCreated(organisation.name)
        : `${t.organisationCreated(organisation.name)} ${t.adminAlreadyActive(admin.email)}`);
      ctx.rerender();
    },
    failed: (failure) => {
      if (failure instanceof api.ApiError && failure.type === 'invalid-name') {
        showAtField(name, t.problems['invalid-name']);
      } else {
        showIn(error, problemMessage(failure, t));
      }
    },
  });
  return section({ heading: t.newOrganisation, className: 'card', testid: 'new-organisation' }, form);
}

function rememberLink(member) {
  lastLink = activationLink(member);
}

function organisationItem(ctx, organisation) {
  const { t } = ctx;
  const headingId = uid('organisation');
  return el('li', { class: 'item', 'aria-labelledby': headingId,
    dataset: { testid: 'organisation-item', organisation: organisation.id } },
  el('div', { class: 'item__main' },
    el('h3', { class: 'item__title', id: headingId }, organisation.name),
    el('p', { class: 'item__meta muted' },
      [t.teamsCount(organisation.teams), t.membersCount(organisation.members),
        t.minimumGroupSizeShort(organisation.minimumGroupSize)].join(' · '))),
  el('div', { class: 'item__side' },
    organisation.hasAdmin
      ? badge(t.hasAdmin, 'ok', 'has-admin')
      : badge(t.noAdmin, 'warning', 'no-admin')),
  organisation.hasAdmin ? adminsDisclosure(ctx, organisation) : firstAdminForm(ctx, organisation));
}

/**
 * The organisation's administrators, loaded when opened: the operator sees whether each has activated their
 * account and can make a new link for one who has not (say the first link expired before it was used).
 */
function adminsDisclosure(ctx, organisation) {
  const { t } = ctx;
  const body = el('div', { class: 'admins', dataset: { testid: 'admins' } });
  const details = el('details', { class: 'admins-disclosure', dataset: { testid: 'admins-disclosure' } },
    el('summary', {}, t.adminsSummary),
    body);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) {
      return;
    }
    loaded = true;
    replaceChildren(body, el('p', { class: 'muted small' }, t.loading));
    try {
      const admins = await api.members(organisation.id);
      replaceChildren(body, el('ul', { class: 'item-list item-list--compact' },
        admins.map((admin) => adminItem(ctx, organisation, admin))));
    } catch (failure) {
      loaded = false;
      const error = messageRegion('alert');
      replaceChildren(body, error);
      showIn(error, problemMessage(failure, t));
    }
  });
  return details;
}

function adminItem(ctx, organisation, admin) {
  const { t } = ctx;
  const email = admin.email ?? t.emailErased;
  const error = messageRegion('alert');
  const renew = admin.active ? null
    : el('button', { type: 'button', class: 'button button--small button--quiet', dataset: { testid: 'renew-admin-activation' } },
      t.renewActivation);
  if (renew) {
    onAction(renew, {
      t,
      error,
      busyText: t.renewing,
      send: () => api.renewActivation(organisation.id, admin.id),
      done: (renewed) => {
        rememberLink(renewed);
        ctx.showNotice(t.activationRenewed(email));
        ctx.rerender();
      },
    });
  }
  return el('li', { class: 'item', dataset: { testid: 'admin-item' } },
    el('div', { class: 'item__main' },
      el('span', { class: 'item__title' }, email),
      el('p', { class: 'item__meta' }, admin.active ? badge(t.memberActive, 'ok', 'admin-status')
        : badge(t.memberInactive, 'warning', 'admin-status'))),
    el('div', { class: 'item__actions' }, renew),
    error);
}

function firstAdminForm(ctx, organisation) {
  const { t } = ctx;
  const email = field({
    label: t.firstAdminEmail, type: 'email', name: 'first-admin', required: true, testid: 'first-admin-email',
    autocomplete: 'off', spellcheck: 'false',
  });
  const error = messageRegion('alert');
  const submit = el('button', { type: 'submit', class: 'button', dataset: { testid: 'add-first-admin' } }, t.addAdmin);
  const form = el('form', { class: 'form item__form', novalidate: true },
    el('div', { class: 'inline-form' }, email.root, submit),
    error);
  onSubmit(form, submit, {
    t,
    error,
    validate: () => {
      email.setError(emailError(email.input.value, t));
      return form.querySelector('[aria-invalid="true"]') ? email.input : null;
    },
    busyText: t.adding,
    send: () => api.addMember(organisation.id, email.input.value.trim(), 'ADMIN'),
    done: (admin) => {
      rememberLink(admin);
      ctx.showNotice(admin.activationUrl ? t.adminAdded(admin.email) : t.adminAlreadyActive(admin.email));
      ctx.rerender();
    },
  });
  return form;
}

/**
 * Where every projection stands, refreshed every two seconds while this page is shown: a rebuild's progress, speed
 * and time left. The table is the accessible form; the progress element shows the same percentage.
 */
function projectionsSection(ctx) {
  const { t, language } = ctx;
  const body = el('tbody', {});
  const updated = el('p', { class: 'muted', 'aria-live': 'polite', dataset: { testid: 'projections-updated' } });
  const notice = el('p', { role: 'status', dataset: { testid: 'rebuild-status' } });
  const number = (value, digits = 0) => value === null || value === undefined ? '–'
    : Number(value).toLocaleString(language, { maximumFractionDigits: digits });
  const eta = (seconds) => {
    if (seconds === null || seconds === undefined) {
      return '–';
    }
    const minutes = Math.floor(seconds / 60);
    return minutes > 0 ? t.minutesSeconds(minutes, seconds % 60) : t.seconds(seconds);
  };
  /** Starts a rebuild beside the version that answers; the table shows its progress from the next refresh. */
  function rebuildButton(projection) {
    const button = el('button', {
      type: 'button', class: 'button button--small',
      dataset: { testid: `rebuild-${projection.name}` },
      'aria-label': t.rebuildProjection(projection.name),
    }, t.rebuild);
    button.disabled = projection.status !== 'CAUGHT_UP';
    button.addEventListener('click', async () => {
      setBusy(button, true, t.rebuildStarting);
      try {
        await api.rebuildProjection(projection.name);
        notice.textContent = t.rebuildStarted(projection.name);
      } catch (failure) {
        notice.textContent = problemMessage(failure, t);
      }
      await refresh();
    });
    return button;
  }
  async function refresh() {
    if (!ctx.isCurrent() || !body.isConnected && body.dataset.started) {
      return false;
    }
    body.dataset.started = 'yes';
    try {
      const projections = await api.projections();
      replaceChildren(body, projections.map((projection) => el('tr', { dataset: { testid: `projection-${projection.name}` } },
        el('th', { scope: 'row', 'data-label': t.projection }, projection.name),
        el('td', { 'data-label': t.projectionStatus }, projection.status === 'CAUGHT_UP'
          ? badge(t.caughtUp, 'ok') : badge(t.rebuilding, 'warning')),
        el('td', { class: 'number', 'data-label': t.projectionPosition },
          `${number(projection.position)} / ${number(projection.head)}`),
        el('td', { 'data-label': t.projectionDone }, projection.percent === null ? '–' : el('span', {},
          el('progress', { max: '100', value: String(projection.percent), 'aria-hidden': 'true' }),
          ` ${number(projection.percent, 1)} %`)),
        el('td', { class: 'number', 'data-label': t.projectionSpeed }, number(projection.eventsPerSecond, 1)),
        el('td', { class: 'number', 'data-label': t.projectionEta }, eta(projection.etaSeconds)),
        el('td', { 'data-label': t.projectionAction }, rebuildButton(projection)))));
      updated.textContent = t.projectionsUpdated(new Date().toLocaleTimeString(language));
    } catch (error) {
      updated.textContent = problemMessage(error, t);
    }
    return true;
  }
  const timer = setInterval(async () => {
    if (!(await refresh())) {
      clearInterval(timer);
    }
  }, 2000);
  refresh();
  return section({ heading: t.projectionsHeading, testid: 'projections' },
    el('p', { class: 'muted' }, t.projectionsIntro),
    el('div', { class: 'heatmap-scroll' },
      el('table', { class: 'data-table', dataset: { testid: 'projections-table' } },
        el('caption', { class: 'visually-hidden' }, t.projectionsHeading),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, t.projection),
          el('th', { scope: 'col' }, t.projectionStatus),
          el('th', { scope: 'col', class: 'number' }, t.projectionPosition),
          el('th', { scope: 'col' }, t.projectionDone),
          el('th', { scope: 'col', class: 'number' }, t.projectionSpeed),
          el('th', { scope: 'col', class: 'number' }, t.projectionEta),
          el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, t.projectionAction)))),
        body)),
    notice,
    updated);
}

// An organisation's audit trail: the participation per round (the number of released completed tests only), and
// the entries, newest first, filtered by type and dates, page by page, and as a CSV download. A release of results
// is shown with its batches by round and team name ("gebundeld" for a closed round's pooled rest).

import * as api from '../api.js';
import { el } from '../../../js/dom.js';
import { formatDateTime, formatShortDateTime } from '../texts.js';
import { emptyState, field, isBusy, problemMessage, section, setBusy } from '../ui.js';

const PAGE_SIZE = 25;
const CSV_SIZE = 500;

/** The filters per organisation: { type, from, to (yyyy-mm-dd), page }; kept while moving between sections. */
const filtersByOrganisation = new Map();

function filtersOf(organisationId) {
  if (!filtersByOrganisation.has(organisationId)) {
    filtersByOrganisation.set(organisationId, { type: '', from: '', to: '', page: 0 });
  }
  return filtersByOrganisation.get(organisationId);
}

/** The start of a calendar day in the browser's time zone, as an instant. */
function startOfDay(day, plusDays = 0) {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + plusDays).toISOString();
}

/** The filters as the API takes them: from the start of `from` up to the end of `to`. */
function query(filters, page, size) {
  return {
    type: filters.type || undefined,
    from: filters.from ? startOfDay(filters.from) : undefined,
    to: filters.to ? startOfDay(filters.to, 1) : undefined,
    page,
    size,
  };
}

export async function render(ctx, organisation) {
  const { t } = ctx;
  const filters = filtersOf(organisation.id);
  // the rounds' names for the releases' batches; the trail still shows without them (ids then)
  const rounds = api.rounds(organisation.id).catch(() => []);
  let audit;
  try {
    audit = await api.audit(organisation.id, query(filters, filters.page, PAGE_SIZE));
  } catch (failure) {
    if (failure instanceof api.ApiError && failure.type === 'invalid-input' && (filters.type || filters.page)) {
      // a filter the server no longer knows: start again without
      Object.assign(filters, { type: '', page: 0 });
      audit = await api.audit(organisation.id, query(filters, 0, PAGE_SIZE));
    } else {
      throw failure;
    }
  }
  if (!ctx.isCurrent()) {
    return null;
  }
  if (audit.entries.length === 0 && filters.page > 0) {
    filters.page = 0; // the page is gone (filters changed elsewhere): back to the first
    audit = await api.audit(organisation.id, query(filters, 0, PAGE_SIZE));
    if (!ctx.isCurrent()) {
      return null;
    }
  }
  const names = {
    rounds: new Map((await rounds).map((round) => [round.id, round.name])),
    teams: new Map((organisation.teams ?? []).map((team) => [team.id, team.name])),
  };
  if (!ctx.isCurrent()) {
    return null;
  }
  for (const row of audit.participation ?? []) {
    names.rounds.set(row.roundId, names.rounds.get(row.roundId) ?? row.roundName);
  }
  return el('div', { class: 'tab-content' },
    el('p', { class: 'muted' }, t.auditIntro),
    audit.upToDate === false
      ? el('p', { class: 'dash-note', role: 'status', dataset: { testid: 'audit-behind' } }, t.auditBehind)
      : null,
    participationSection(ctx, organisation, audit.participation ?? []),
    entriesSection(ctx, organisation, audit, filters, names));
}

/** Per round the released completed tests: never how many started, nor what still waits for a release. */
function participationSection(ctx, organisation, participation) {
  const { t } = ctx;
  return section({ heading: t.participationHeading, testid: 'participation' },
    el('p', { class: 'muted' }, t.participationIntro(organisation.summary?.minimumGroupSize ?? 5)),
    participation.length === 0
      ? emptyState(t.noParticipation, 'participation-empty')
      : el('table', { class: 'data-table participation-table', dataset: { testid: 'participation-table' } },
        el('caption', { class: 'visually-hidden' }, t.participationCaption),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, t.round),
          el('th', { scope: 'col', class: 'number' }, t.releasedCompleted))),
        el('tbody', {}, participation.map((row) => el('tr', {
          dataset: { testid: 'participation-row', round: row.roundId, released: String(row.completed > 0) },
        },
        el('th', { scope: 'row', 'data-label': t.round, dataset: { testid: 'participation-round' } }, row.roundName),
        el('td', { class: 'number', 'data-label': t.releasedCompleted, dataset: { testid: 'participation-completed' } },
          String(row.completed),
          row.completed > 0 ? null : el('span', { class: 'muted participation__none' }, ` (${t.nothingReleasedYet})`)))))));
}

function typeLabel(t, type) {
  return t.auditTypes[type] ?? type;
}

/** What an entry's details say, in words: names rather than ids where the server resolved them. */
function detailItems(ctx, entry, names) {
  const { t, language } = ctx;
  const d = entry.details ?? {};
  const labels = t.detailLabels;
  const items = [];
  const add = (label, value) => {
    if (value !== undefined && value !== null && value !== '') {
      items.push([label, value]);
    }
  };
  if (entry.type === 'ResultsReleased') {
    add(labels.release, d.release);
    if (d.cutoff) {
      add(labels.cutoff, formatDateTime(d.cutoff, language));
    }
    add(labels.minimumGroupSize, d.minimumGroupSize);
    add(labels.batches, batchList(t, d.completed, names));
    return items;
  }
  if (entry.type === 'TeamRenamed') {
    add(labels.newName, d.name);
  } else {
    add(labels.name, d.name);
  }
  if (d.teamName && d.teamName !== d.name) {
    add(labels.teamName, d.teamName);
  }
  add(labels.roundName, d.roundName);
  if ('member' in d) {
    add(labels.memberEmail, d.memberEmail ?? d.member);
  }
  if (d.role) {
    add(labels.role, t.roles[d.role] ?? d.role);
  }
  if (d.teamNames) {
    add(labels.teamNames, d.teamNames);
  } else if (entry.type === 'RoundOpened' && !d.teams) {
    add(labels.teamNames, t.wholeOrganisation); // no teams named: the whole organisation
  }
  if (d.opensAt) {
    add(labels.opensAt, formatDateTime(d.opensAt, language));
  }
  if (d.closesAt) {
    add(labels.closesAt, formatDateTime(d.closesAt, language));
  }
  if (entry.type === 'TeamHeadcountSet') {
    add(labels.headcount, d.headcount || '–');
  }
  add(labels.minimumGroupSize, d.minimumGroupSize);
  if (d.expiresAt) {
    add(labels.expiresAt, formatDateTime(d.expiresAt, language));
  }
  if (entry.type === 'DataExported') {
    add(labels.exportKind, t.exportKinds[d.kind] ?? d.kind);
    add(labels.exportRecords, d.records);
    add(labels.exportFilter, d.filter);
    add(labels.exportComplete, d.complete === 'true' ? t.exportCompleteYes : t.exportCompleteNo);
    add(labels.exportId, d.export);
    add(labels.exportLastHash, d.lastHash);
  }
  return items;
}

function entriesSection(ctx, organisation, audit, filters, names) {
  const { t, language } = ctx;
  const types = [...audit.types].sort((a, b) => typeLabel(t, a).localeCompare(typeLabel(t, b), language));
  const typeSelect = el('select', { class: 'input input--select', name: 'type', dataset: { testid: 'audit-type' } },
    el('option', { value: '' }, t.allTypes),
    types.map((type) => el('option', { value: type, selected: type === filters.type }, typeLabel(t, type))));
  const type = field({ label: t.type, name: 'audit-type', control: typeSelect });
  const from = field({ label: t.from, type: 'date', name: 'audit-from', value: filters.from, testid: 'audit-from' });
  const to = field({ label: t.to, type: 'date', name: 'audit-to', value: filters.to, testid: 'audit-to' });
  const apply = el('button', { type: 'submit', class: 'button', dataset: { testid: 'audit-apply' } }, t.applyFilters);
  const reset = el('button', { type: 'button', class: 'button button--quiet', dataset: { testid: 'audit-reset' } },
    t.resetFilters);
  const form = el('form', { class: 'form filters', novalidate: true, 'aria-label': t.filtersLabel, dataset: { testid: 'audit-filters' } },
    el('div', { class: 'filters__fields' }, type.root, from.root, to.root),
    el('div', { class: 'filters__buttons' }, apply, reset));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const badDate = from.input.validity?.badInput || to.input.validity?.badInput;
    if (badDate || (from.input.value && to.input.value && from.input.value > to.input.value)) {
      to.setError(badDate ? t.fieldErrors.closingInvalid : t.fieldErrors.dateOrder);
      to.input.focus();
      return;
    }
    to.setError(null);
    Object.assign(filters, { type: typeSelect.value, from: from.input.value, to: to.input.value, page: 0 });
    ctx.rerender({ focusSelector: '[data-testid="audit-apply"]' });
  });
  reset.addEventListener('click', () => {
    Object.assign(filters, { type: '', from: '', to: '', page: 0 });
    ctx.rerender({ focusSelector: '[data-testid="audit-reset"]' });
  });

  const csvStatus = el('p', { class: 'muted copy-status', role: 'status', dataset: { testid: 'audit-csv-status' } });
  const csv = el('button', { type: 'button', class: 'button button--quiet', dataset: { testid: 'audit-csv' } }, t.downloadCsv);
  csv.addEventListener('click', async () => {
    if (isBusy(csv)) {
      return;
    }
    setBusy(csv, true, t.downloading);
    csvStatus.textContent = '';
    try {
      const text = await api.auditCsv(organisation.id, query(filters, 0, CSV_SIZE));
      download(text, `klantspiegel-logboek-${new Date().toISOString().slice(0, 10)}.csv`);
      csvStatus.textContent = t.csvDone;
    } catch (failure) {
      csvStatus.textContent = problemMessage(failure, t);
    } finally {
      setBusy(csv, false);
    }
  });

  const pageNumber = audit.page + 1;
  const previous = el('button', { type: 'button', class: 'button button--small', dataset: { testid: 'audit-previous' },
    'aria-disabled': String(audit.page === 0) }, t.previousPage);
  const next = el('button', { type: 'button', class: 'button button--small', dataset: { testid: 'audit-next' },
    'aria-disabled': String(!audit.hasMore) }, t.nextPage);
  previous.addEventListener('click', () => {
    if (audit.page > 0) {
      filters.page = audit.page - 1;
      ctx.rerender({ focusSelector: audit.page - 1 === 0 ? '[data-testid="audit-next"]' : '[data-testid="audit-previous"]' });
    }
  });
  next.addEventListener('click', () => {
    if (audit.hasMore) {
      filters.page = audit.page + 1;
      ctx.rerender({ focusSelector: '[data-testid="audit-next"][aria-disabled="false"], [data-testid="audit-previous"]' });
    }
  });

  const table = audit.entries.length === 0
    ? emptyState(t.noEntries, 'audit-empty')
    : el('table', { class: 'data-table audit-table', dataset: { testid: 'audit-table' } },
      el('caption', { class: 'visually-hidden' }, t.entriesCaption),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', class: 'number' }, t.number),
        el('th', { scope: 'col' }, t.when),
        el('th', { scope: 'col' }, t.what),
        el('th', { scope: 'col' }, t.who),
        el('th', { scope: 'col' }, t.details))),
      el('tbody', {}, audit.entries.map((entry) => el('tr', { dataset: { testid: 'audit-entry', type: entry.type } },
        el('td', { class: 'number', 'data-label': t.number }, String(entry.number)),
        el('td', { 'data-label': t.when },
          el('time', { datetime: entry.at }, formatShortDateTime(entry.at, language))),
        el('th', { scope: 'row', 'data-label': t.what, dataset: { testid: 'audit-entry-type' } }, typeLabel(t, entry.type)),
        el('td', { class: 'audit-who', 'data-label': t.who }, breakable(who(t, entry))),
        el('td', { 'data-label': t.details, dataset: { testid: 'audit-entry-details' } }, details(ctx, entry, names))))));

  return section({ heading: t.entriesHeading, testid: 'audit-entries' },
    form,
    table,
    el('div', { class: 'pager', dataset: { testid: 'audit-pager' } },
      previous,
      el('span', { class: 'pager__page', dataset: { testid: 'audit-page' } }, t.pageOf(pageNumber)),
      next,
      el('span', { class: 'pager__total muted' }, t.totalEntries(audit.totalEntries))),
    el('div', { class: 'csv' }, csv, el('p', { class: 'muted small' }, t.csvNote), csvStatus));
}

/** An e-mail address that may wrap after its "@" and its dots, never inside a word. */
function breakable(text) {
  return String(text).split(/(?<=[@.])/).flatMap((part, index) => (index === 0 ? [part] : [el('wbr'), part]));
}

function who(t, entry) {
  if (entry.actorKind === 'OPERATOR') {
    return t.operator;
  }
  if (entry.actorKind === 'SYSTEM') {
    return t.system;
  }
  return entry.actorEmail ?? t.emailErased;
}

/**
 * A release's batches ("r-1/t-a:5 r-1/pooled:6") as a list: "Q1 2026 · Klantenservice: 5 tests", "Q1 2026 ·
 * gebundeld: 6 tests"; a name no longer known stays its id.
 */
function batchList(t, completed, names) {
  const batches = String(completed ?? '').split(/\s+/).filter(Boolean).map((text) => {
    const match = /^(.*)\/([^/:]*):(\d+)$/.exec(text);
    if (!match) {
      return { text, pooled: false };
    }
    const [, roundId, teamId, size] = match;
    const pooled = teamId === 'pooled';
    const team = pooled ? t.pooled : names.teams.get(teamId) ?? teamId;
    return { text: t.batch(names.rounds.get(roundId) ?? roundId, team, Number(size)), pooled };
  });
  if (batches.length === 0) {
    return null;
  }
  return [
    el('ul', { class: 'batch-list', dataset: { testid: 'release-batches' } }, batches.map((batch) =>
      el('li', { dataset: { testid: 'release-batch', pooled: String(batch.pooled) } }, batch.text))),
    batches.some((batch) => batch.pooled)
      ? el('p', { class: 'muted small batch-list__note' }, `${t.pooled}: ${t.pooledTitle}.`) : null,
  ];
}

function details(ctx, entry, names) {
  const items = detailItems(ctx, entry, names);
  if (items.length === 0) {
    return null;
  }
  return el('dl', { class: 'details-list' }, items.map(([label, value]) => el('div', {},
    el('dt', {}, label), el('dd', {}, value))));
}

/** Offers text as a file: a temporary object URL on a link that is clicked once. */
function download(text, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = el('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}


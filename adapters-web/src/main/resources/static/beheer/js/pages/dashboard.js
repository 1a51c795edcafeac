// An organisation's dashboard: the trend of the mean score with its 95 % interval against the score bands, the
// distribution over the bands per period, the mean points per question in a round, two rounds compared, and the
// heatmap of teams × questions. Filters: team, round (and the round to compare with), granularity and dates; they
// reload the figures in place, the focus stays where it is. Every chart has its data table and a CSV link. Every
// figure is over released batches of completed tests; near the top the dashboard says once how results are
// released, which release the figures include and when releases are next looked for; a group of which nothing has
// been released says so, never a value. The figures (in pages/dashboard/) come from the report API; a team lead
// gets only their own teams from it, so the filters offer only those.

import * as api from '../api.js';
import { el, replaceChildren } from '../../../js/dom.js';
import { chartsAvailable, destroyCharts } from '../charts.js';
import { formatDateTime } from '../texts.js';
import { field, problemMessage, uid } from '../ui.js';

/** The zone of the release times when the answer names none: the product's. */
const RELEASE_ZONE = 'Europe/Amsterdam';
import { failedSection } from './dashboard/common.js';
import { focusSection } from './dashboard/focus.js';
import { heatmapSection } from './dashboard/heatmap.js';
import { participationSection } from './dashboard/participation.js';
import { comparisonSection, questionsSection } from './dashboard/round.js';
import { bandsSection, trendSection } from './dashboard/trend.js';

const GRANULARITIES = ['week', 'month', 'quarter', 'year'];
const DEFAULT_GRANULARITY = 'quarter';

/** The filters per organisation, kept while moving between sections: { team, round, with, withChosen, granularity, from, to }. */
const filtersByOrganisation = new Map();

/** @param team the team shown first: a team lead's own team, else '' (the whole organisation) */
function filtersOf(organisationId, team = '') {
  if (!filtersByOrganisation.has(organisationId)) {
    filtersByOrganisation.set(organisationId, {
      team, round: '', with: '', withChosen: false, granularity: DEFAULT_GRANULARITY, from: '', to: '', overlay: [],
    });
  }
  return filtersByOrganisation.get(organisationId);
}

/** Newest first. */
function sortedRounds(rounds) {
  return [...rounds].sort((a, b) => String(b.openedAt).localeCompare(String(a.openedAt)));
}

/** The round opened before `roundId` (the natural one to compare with), or ''. */
function previousRound(rounds, roundId) {
  const index = rounds.findIndex((round) => round.id === roundId);
  return index >= 0 && index + 1 < rounds.length ? rounds[index + 1].id : '';
}

/** Filters that no longer fit what the API offers (a team or round gone) go back to their defaults. */
function settle(filters, teams, rounds) {
  if (filters.team && !teams.some((team) => team.id === filters.team)) {
    filters.team = '';
  }
  if (!rounds.some((round) => round.id === filters.round)) {
    // the newest round that has begun: one opened for later has no figures yet
    filters.round = (rounds.find((round) => round.status !== 'SCHEDULED') ?? rounds[0])?.id ?? '';
    filters.withChosen = false;
  }
  if (!filters.withChosen || filters.with === filters.round
      || (filters.with && !rounds.some((round) => round.id === filters.with))) {
    filters.with = previousRound(rounds, filters.round);
    filters.withChosen = false;
  }
  if (!GRANULARITIES.includes(filters.granularity)) {
    filters.granularity = DEFAULT_GRANULARITY;
  }
}

/**
 * The dashboard of an organisation ({ id, summary, teams, membership }); `rounds` when the caller has them already.
 * Resolves once the figures are there (or have failed, each in its own section).
 */
export async function render(ctx, organisation, { rounds = null } = {}) {
  ctx = { ...ctx, mayManage: organisation.membership?.may?.manage === true };
  const { t } = ctx;
  const visibleRounds = sortedRounds(rounds ?? await api.rounds(organisation.id));
  if (!ctx.isCurrent()) {
    return null;
  }
  const teams = [...organisation.teams].sort((a, b) => Number(a.retired) - Number(b.retired)
    || a.name.localeCompare(b.name, ctx.language));
  // a team lead opens on their own team (the organisation as a whole is one choice away)
  const ownTeam = organisation.membership?.role === 'TEAM_LEAD' ? teams.find((team) => !team.retired)?.id ?? '' : '';
  const filters = filtersOf(organisation.id, ownTeam);
  settle(filters, teams, visibleRounds);

  const status = el('p', { class: 'visually-hidden', role: 'status', dataset: { testid: 'dashboard-status' } });
  const release = releaseBox(t);
  const results = el('div', { class: 'dash-results', 'aria-live': 'off', dataset: { testid: 'dashboard-results' } });
  const root = el('div', { class: 'tab-content dashboard', dataset: { testid: 'dashboard' } },
    el('p', { class: 'muted dash-intro' }, t.dashboardIntro),
    release.root,
    chartsAvailable() ? null : el('p', { class: 'alert alert--info' }, t.chartsMissing),
    filterForm(ctx, teams, visibleRounds, filters, () => load(ctx, organisation.id, visibleRounds, filters, parts, true)),
    status,
    results);
  const parts = { root, results, release, status, loads: 0 };
  await load(ctx, organisation.id, visibleRounds, filters, parts, false);
  return ctx.isCurrent() ? root : null;
}

function option(value, label, selected) {
  return el('option', { value, selected: value === selected }, label);
}

function roundLabel(t, round) {
  return round.status === 'OPEN' ? t.openSuffix(round.name) : round.name;
}

/** The filters; every change loads the figures again (Enter in a date field too). */
function filterForm(ctx, teams, rounds, filters, reload) {
  const { t } = ctx;
  const select = (testid, options) => el('select', { class: 'input input--select', dataset: { testid } }, ...options);
  const teamSelect = select('filter-team', [
    option('', t.allTeams, filters.team),
    teams.map((team) => option(team.id, team.retired ? t.retiredTeam(team.name) : team.name, filters.team)),
  ]);
  const roundSelect = select('filter-round', rounds.length === 0
    ? [option('', t.noRoundChoice, '')]
    : rounds.map((round) => option(round.id, roundLabel(t, round), filters.round)));
  const withSelect = select('filter-with', [
    option('', t.noWith, filters.with),
    rounds.map((round) => option(round.id, roundLabel(t, round), filters.with)),
  ]);
  const granularitySelect = select('filter-granularity',
    GRANULARITIES.map((granularity) => option(granularity, t.granularities[granularity], filters.granularity)));
  roundSelect.disabled = rounds.length === 0;
  withSelect.disabled = rounds.length < 2;

  const team = field({ label: t.filterTeam, name: 'dash-team', control: teamSelect });
  const round = field({ label: t.filterRound, name: 'dash-round', control: roundSelect });
  const other = field({ label: t.filterWith, name: 'dash-with', control: withSelect });
  const granularity = field({ label: t.filterGranularity, name: 'dash-granularity', control: granularitySelect });
  const from = field({ label: t.filterFrom, type: 'date', name: 'dash-from', value: filters.from, testid: 'filter-from' });
  const to = field({ label: t.filterTo, type: 'date', name: 'dash-to', value: filters.to, testid: 'filter-to' });
  const apply = el('button', { type: 'submit', class: 'button', dataset: { testid: 'filter-apply' } }, t.applyFilters);
  const reset = el('button', { type: 'button', class: 'button button--quiet', dataset: { testid: 'filter-reset' } },
    t.resetFilters);
  const headingId = uid('dash-filters');
  const form = el('form', {
    class: 'form filters dash-filters', novalidate: true, 'aria-labelledby': headingId,
    dataset: { testid: 'dashboard-filters' },
  },
  el('h2', { class: 'visually-hidden', id: headingId }, t.dashboardFilters),
  el('div', { class: 'filters__fields dash-filters__fields' },
    team.root, granularity.root, from.root, to.root, round.root, other.root),
  el('div', { class: 'filters__buttons' }, apply, reset));

  const submit = () => {
    from.setError(completeDate(from.input) ? null : t.fieldErrors.dateIncomplete);
    const badDate = !completeDate(from.input) || !completeDate(to.input);
    if (badDate || (from.input.value && to.input.value && from.input.value > to.input.value)) {
      to.setError(!completeDate(to.input) ? t.fieldErrors.dateIncomplete
        : (badDate ? null : t.fieldErrors.dateOrder));
      return;
    }
    to.setError(null);
    const roundChanged = roundSelect.value !== filters.round;
    Object.assign(filters, {
      team: teamSelect.value,
      round: roundSelect.value,
      granularity: granularitySelect.value,
      from: from.input.value,
      to: to.input.value,
    });
    if (withSelect.value !== filters.with && !roundChanged) {
      Object.assign(filters, { with: withSelect.value, withChosen: true });
    }
    if (roundChanged && !filters.withChosen) {
      filters.with = previousRound(rounds, filters.round);
    }
    if (filters.with === filters.round) {
      Object.assign(filters, { with: previousRound(rounds, filters.round), withChosen: false });
    }
    withSelect.value = filters.with;
    reload();
  };
  for (const control of [teamSelect, roundSelect, withSelect, granularitySelect]) {
    control.addEventListener('change', submit);
  }
  // A date field says "changed" at every keystroke that makes some date, also the years 0002, 0020 and 0202 on the
  // way to 2026: it reloads once the date is complete (or cleared), and says what is wrong when the field is left.
  for (const date of [from, to]) {
    date.input.addEventListener('change', () => {
      if (completeDate(date.input)) {
        submit();
      }
    });
    date.input.addEventListener('blur', () => {
      if (!completeDate(date.input)) {
        date.setError(t.fieldErrors.dateIncomplete);
      }
    });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  reset.addEventListener('click', () => {
    Object.assign(filters, { team: '', round: rounds[0]?.id ?? '', withChosen: false, granularity: DEFAULT_GRANULARITY,
      from: '', to: '' });
    filters.with = previousRound(rounds, filters.round);
    teamSelect.value = '';
    roundSelect.value = filters.round;
    withSelect.value = filters.with;
    granularitySelect.value = DEFAULT_GRANULARITY;
    from.input.value = '';
    to.input.value = '';
    from.setError(null);
    to.setError(null);
    reload();
  });
  return form;
}

/** Empty, or a whole date in a year the product can have figures for (2000–2099): not one typed halfway. */
function completeDate(input) {
  if (input.validity?.badInput) {
    return false;
  }
  return input.value === '' || /^20\d\d-\d\d-\d\d$/.test(input.value);
}

/**
 * How results are released, once per dashboard near the top: the rule with the organisation's minimum, the last
 * release the figures include and the next look for releases (in Amsterdam time), and where the figures come from.
 * Filled by {@link showRelease} once an answer is there.
 */
function releaseBox(t) {
  const headingId = uid('dash-release');
  const rules = el('p', { class: 'dash-release__rules', dataset: { testid: 'release-rules' } });
  const status = el('p', { class: 'dash-release__status', dataset: { testid: 'release-status' } });
  const provenance = el('p', { class: 'dash-provenance muted small', dataset: { testid: 'provenance' } });
  const root = el('section', {
    class: 'dash-release', 'aria-labelledby': headingId, hidden: true, dataset: { testid: 'release-info' },
  },
  el('h2', { class: 'dash-release__heading', id: headingId }, t.releaseHeading),
  rules, status, provenance);
  return { root, rules, status, provenance };
}

/** How often releases are looked for, in words: 'PT1H' is "elk uur" / "every hour" (an hour when unknown). */
function everyText(t, every) {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(every || 'PT1H');
  const hours = Number(match?.[1] || 0);
  const minutes = Number(match?.[2] || 0);
  const seconds = Number(match?.[3] || 0);
  if (!match || hours >= 24) {
    return match ? t.every.day : t.every.hour;
  }
  if (hours > 0 && minutes === 0 && seconds === 0) {
    return hours === 1 ? t.every.hour : t.every.hours(hours);
  }
  if (seconds === 0 && minutes > 0) {
    const total = hours * 60 + minutes;
    return total === 1 ? t.every.minute : t.every.minutes(total);
  }
  const total = hours * 3600 + minutes * 60 + seconds;
  return total === 1 ? t.every.second : t.every.seconds(total);
}

/**
 * "Uitslagen worden per team vrijgegeven …", "Laatste vrijgave: nr. 12, 7 december 2026 om 03:00. Volgende
 * controle: …", "Herkomst van de cijfers: instrumentversie 1 · vrijgave 12 · tijdzone Europe/Amsterdam".
 */
function showRelease(ctx, box, provenance) {
  const { t, language } = ctx;
  if (!provenance) {
    box.root.hidden = true;
    return;
  }
  const zone = provenance.timeZone || RELEASE_ZONE;
  const when = (at) => formatDateTime(at, language, zone);
  const release = provenance.release;
  box.rules.textContent = t.releaseRules(provenance.minimumGroupSize, everyText(t, provenance.releasesEvery));
  replaceChildren(box.status,
    el('strong', { dataset: { testid: 'release-last' } },
      release ? t.lastRelease(release.number, when(release.at)) : t.noReleaseYet),
    provenance.nextCheck ? ` ${t.nextCheck(when(provenance.nextCheck))}` : null,
    ` ${t.amsterdamTime}`);
  const p = t.provenance;
  replaceChildren(box.provenance,
    `${t.provenanceLabel}: `,
    [
      p.instrument(provenance.instrumentVersion),
      release ? p.release(release.number) : null,
      zone ? p.timeZone(zone) : null,
    ].filter(Boolean).join(' · '));
  box.root.hidden = false;
}

const instruments = new Map();

/** The instrument's questions by number, fetched once per language (a failure is asked again next time). */
function questionsIn(language) {
  if (!instruments.has(language)) {
    instruments.set(language, api.instrument(language)
      .then((instrument) => new Map(instrument.questions.map((question) => [question.number, question])))
      .catch((failure) => {
        instruments.delete(language);
        throw failure;
      }));
  }
  return instruments.get(language);
}

/** Fetches the figures the filters ask for and shows them; a later load overtakes an earlier one. */
async function load(ctx, organisationId, rounds, filters, parts, announce) {
  const { t } = ctx;
  const number = ++parts.loads;
  parts.results.setAttribute('aria-busy', 'true');
  if (announce) {
    parts.status.textContent = t.dashboardLoading;
  }
  const query = { granularity: filters.granularity, from: filters.from, to: filters.to, team: filters.team };
  const none = Promise.resolve(null);
  const [trend, round, comparison, heatmap, instrument, focus, participation] = await Promise.allSettled([
    api.trend(organisationId, query),
    filters.round ? api.roundReport(organisationId, filters.round) : none,
    filters.round && filters.with ? api.comparison(organisationId, filters.round, filters.with) : none,
    filters.round ? api.heatmap(organisationId, filters.round) : none,
    questionsIn(ctx.language),
    filters.round ? api.focus(organisationId, filters.round, ctx.language) : none,
    filters.round ? api.participation(organisationId, filters.round) : none,
  ]);
  if (number !== parts.loads || !ctx.isCurrent()) {
    return;
  }
  // the questions in words: "Een mening die ik niet deel", the full question on demand; "Vraag 4" without them
  const known = instrument.status === 'fulfilled' ? instrument.value : new Map();
  ctx = {
    ...ctx,
    questionTopic: (question) => known.get(question)?.topic ?? t.question(question),
    questionText: (question) => known.get(question)?.text ?? t.question(question),
  };
  const failed = (name, heading, result) => ({
    element: failedSection(t, {
      name, heading,
      // the only input a section's request carries is the filters: a refused one is a range the server will not cut
      // into periods (more than it shows at once), said in the product's words
      message: result.reason instanceof api.ApiError && result.reason.type === 'invalid-input'
        ? t.rangeRefused : problemMessage(result.reason, t),
    }),
    draw: () => {},
  });
  const noRounds = (name, heading) => ({
    element: el('section', { class: 'panel dash-section', dataset: { testid: `section-${name}` } },
      el('h2', { class: 'panel__heading' }, heading),
      el('p', { class: 'empty' }, t.noRoundsYet)),
    draw: () => {},
  });
  const figures = [];
  if (trend.status === 'fulfilled') {
    figures.push(trendSection(ctx, organisationId, trend.value, filters),
      bandsSection(ctx, organisationId, trend.value, filters));
  } else {
    figures.push(failed('trend', t.trendHeading, trend), failed('bands', t.bandsHeading, trend));
  }
  if (!filters.round) {
    figures.push(noRounds('questions', t.questionsHeading), noRounds('heatmap', t.heatmapHeading));
  } else {
    figures.push(participation.status === 'fulfilled'
      ? participationSection(ctx, organisationId, participation.value, rounds.find((one) => one.id === filters.round),
        { mayManage: ctx.mayManage === true })
      : failed('participation', t.participationRatesHeading, participation));
    figures.push(round.status === 'fulfilled'
      ? questionsSection(ctx, organisationId, round.value, filters) : failed('questions', t.questionsHeading, round));
    if (comparison.status === 'rejected') {
      figures.push(failed('comparison', t.comparisonHeading, comparison));
    } else if (comparison.value) {
      figures.push(comparisonSection(ctx, organisationId, comparison.value, filters));
    } else if (rounds.length > 1) {
      figures.push({
        element: el('section', { class: 'panel dash-section', dataset: { testid: 'section-comparison' } },
          el('h2', { class: 'panel__heading' }, t.comparisonHeading), el('p', { class: 'empty' }, t.noComparison)),
        draw: () => {},
      });
    }
    figures.push(heatmap.status === 'fulfilled'
      ? heatmapSection(ctx, organisationId, heatmap.value, filters) : failed('heatmap', t.heatmapHeading, heatmap));
    figures.push(focus.status === 'fulfilled'
      ? focusSection(ctx, focus.value, filters, rounds.find((one) => one.id === filters.round))
      : failed('focus', t.focusHeading, focus));
  }
  showRelease(ctx, parts.release,
    [trend, round, comparison, heatmap].find((result) => result.status === 'fulfilled' && result.value)?.value?.provenance);
  destroyCharts(parts.results);
  replaceChildren(parts.results, figures.map((figure) => figure.element));
  for (const figure of figures) {
    figure.draw();
  }
  parts.results.setAttribute('aria-busy', 'false');
  if (announce) {
    parts.status.textContent = t.dashboardUpdated;
  }
}

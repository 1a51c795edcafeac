// The flow: load the test (and a known assessment), save every answer as it is given, complete, show the
// result; switch language; start over. Everything goes through the public API (api.js). Opened through an
// organisation's invitation (/?invitation=<token>), the page first says whose round it is, promises anonymity and
// asks for the team; the first answer then starts the assessment in that round.

import * as api from './api.js';
import { el, byId, paragraphs, reloadButton, replaceChildren, translatePage } from './dom.js';
import { DEFAULT_LANGUAGE, textsFor } from './i18n.js';
import { focusQuestion, focusRetry, renderQuestions, showStatus, STATES } from './questionnaire.js';
import { renderResult } from './result.js';
import * as session from './session.js';
import * as invitations from './invitation.js';

const state = {
  language: DEFAULT_LANGUAGE,
  instrument: null,
  assessmentId: null,
  view: null,
  /** question -> option as chosen in the form, saved or not */
  selected: new Map(),
  /** question -> { state, message } */
  statuses: new Map(),
  /** question -> option still to be sent */
  pending: new Map(),
  /** saves run one after the other, so answers reach the server in the order they were given */
  queue: Promise.resolve(),
  /** the start of the assessment, while under way */
  starting: null,
  /** bumped on "start over": work of an earlier assessment then drops out */
  epoch: 0,
  /** bumped on every language switch: only the latest switch renders */
  languageRequest: 0,
  completing: false,
  /**
   * Through an invitation: { token, info (the API's invitation), team (id or null), unknown (no such
   * invitation) }; null for the test on its own.
   */
  invitation: null,
  /** the message at the team choice, when an answer or completing needed a team first */
  teamError: null,
};

const elements = {};

function texts() {
  return textsFor(state.language);
}

// ---------------------------------------------------------------- messages

function problemMessage(error, fallback) {
  if (error instanceof api.ApiError && error.network) {
    return texts().networkError;
  }
  if (!(error instanceof api.ApiError)) {
    return fallback ?? texts().serverError;
  }
  // the server's detail is written for developers, in English; a known problem type gets our own words
  return texts().problems[error.type] ?? error.detail ?? fallback ?? texts().serverError;
}

/** An error for the whole page, announced (role=alert). */
function showPageAlert(message, { lead = null, action = null } = {}) {
  replaceChildren(elements.pageAlert, el('div', { class: 'alert alert--error' },
    lead ? el('p', { class: 'alert__lead' }, lead) : null,
    el('p', {}, message),
    action));
}

/** A notice for the whole page, announced politely (role=status). */
function showPageNotice(message) {
  replaceChildren(elements.pageNotice, el('div', { class: 'alert alert--info' }, el('p', {}, message)));
}

function clearPageMessages() {
  replaceChildren(elements.pageAlert);
  replaceChildren(elements.pageNotice);
}

function showCompleteAlert(message) {
  replaceChildren(elements.completeAlert, el('div', { class: 'alert alert--error' }, el('p', {}, message)));
}

// ---------------------------------------------------------------- chrome and language

function applyChrome() {
  const t = texts();
  translatePage(t, state.language);
  document.title = t.documentTitle;
  replaceChildren(elements.aboutBody, t.about.paragraphs.map((text) => el('p', {}, text)));
  elements.aboutHeading.textContent = t.about.heading;
  if (!state.completing) {
    elements.completeButton.textContent = t.showResult;
  }
}

async function switchLanguage(language) {
  if (language === state.language) {
    return;
  }
  const request = ++state.languageRequest;
  state.language = language;
  session.rememberLanguage(language);
  applyChrome();
  try {
    const instrument = await api.getInstrument(language);
    const view = isCompleted() ? await api.getAssessment(state.assessmentId, language) : state.view;
    if (request !== state.languageRequest) {
      return;
    }
    state.instrument = instrument;
    state.view = view;
    render();
  } catch (error) {
    if (request === state.languageRequest) {
      showPageAlert(problemMessage(error), { lead: texts().loadFailed });
    }
  }
}

// ---------------------------------------------------------------- views

function isCompleted() {
  return state.view?.status === 'COMPLETED';
}

function render({ focusResult = false } = {}) {
  elements.loading.hidden = true;
  renderResume();
  renderInvitation();
  if (invitationBlocks()) {
    // an unknown invitation, or a closed round without an assessment of one's own: no test to take
    elements.testView.hidden = true;
    elements.about.hidden = true;
    elements.resultView.hidden = true;
    if (state.invitation.unknown) {
      showUnknownInvitation();
    }
    return;
  }
  if (isCompleted()) {
    elements.testView.hidden = true;
    elements.about.hidden = true;
    elements.resultView.hidden = false;
    renderResult(elements.result, state.view, texts(), state.language);
    if (focusResult) {
      elements.resultHeading.focus();
    }
  } else {
    elements.resultView.hidden = true;
    elements.testView.hidden = false;
    elements.about.hidden = false;
    renderTest();
  }
}

function renderTest() {
  const instrument = state.instrument;
  elements.title.textContent = instrument.title;
  replaceChildren(elements.situation, paragraphs(instrument.situation));
  replaceChildren(elements.instruction, paragraphs(instrument.instruction));
  renderQuestions(elements.questions, instrument, texts(), state.selected, state.statuses);
}

function renderResume() {
  const id = state.assessmentId;
  elements.resume.hidden = !id;
  if (id) {
    elements.resumeLink.value = session.resumeLink(id);
  }
}

// ---------------------------------------------------------------- invitation

/** The invitation leaves no test to take: it is unknown, or its round closed before this device started one. */
function invitationBlocks() {
  const invitation = state.invitation;
  return Boolean(invitation) && (invitation.unknown || (!invitation.info.open && !state.assessmentId));
}

/** A team must be chosen before the first answer can start the assessment. */
function needsTeam() {
  const invitation = state.invitation;
  return Boolean(invitation?.info) && !state.assessmentId && invitation.info.teams.length > 1 && !invitation.team;
}

function renderInvitation() {
  const invitation = state.invitation;
  const show = Boolean(invitation?.info) && !invitation.unknown && !isCompleted();
  elements.invitation.hidden = !show;
  if (show) {
    invitations.renderInvitationCard(elements.invitation, {
      invitation,
      texts: texts(),
      started: Boolean(state.assessmentId),
      teamError: state.teamError,
    });
  }
}

function showUnknownInvitation() {
  const t = texts();
  const standalone = el('a', { class: 'button button--small', href: window.location.pathname,
    dataset: { testid: 'standalone-test' } }, t.invitation.standalone);
  showPageAlert(t.invitation.unknown, { lead: t.invitation.unknownLead, action: standalone });
}

/** Shows (or clears) the message at the team choice in its live region, which stays in place to be announced. */
function showTeamError(message) {
  state.teamError = message;
  const region = document.getElementById('team-error');
  const choice = document.getElementById('team-choice');
  if (!region || !choice) {
    renderInvitation();
    return;
  }
  replaceChildren(region, message ? el('p', { class: 'team-choice__error' }, message) : null);
  choice.classList.toggle('team-choice--missing', Boolean(message));
  choice.setAttribute('aria-describedby', message ? 'team-hint team-error' : 'team-hint');
}

/** Asks for the team: a message at the choice (announced) and on the answer that waits for it. */
function askForTeam() {
  showTeamError(texts().invitation.chooseTeamFirst);
}

function onTeamChange(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.name !== 'team' || !input.checked || !state.invitation) {
    return;
  }
  state.invitation.team = input.value;
  if (state.teamError !== null) {
    showTeamError(null);
  }
  // the answers given before the team was chosen are saved now, in the order of the questions
  const waiting = [...state.statuses]
    .filter(([question, status]) => status.state === STATES.ERROR && state.selected.has(question))
    .map(([question]) => question)
    .sort((a, b) => a - b);
  for (const question of waiting) {
    save(question, state.selected.get(question));
  }
}

/** The round closed while the page was open: say so, and show the test no longer. */
function roundClosedMeanwhile() {
  state.invitation.info = { ...state.invitation.info, open: false };
  state.pending.clear();
  render();
  showPageAlert(texts().problems['round-closed']);
  elements.invitation.focus();
}

function setStatus(question, status, message = null) {
  state.statuses.set(question, { state: status, message });
  showStatus(question, state.statuses.get(question), texts());
}

// ---------------------------------------------------------------- starting and answering

/** The assessment's id, starting it on the first answer: no assessment for a page that is only read. */
function ensureAssessment() {
  if (state.assessmentId) {
    return Promise.resolve(state.assessmentId);
  }
  if (!state.starting) {
    const epoch = state.epoch;
    const invitation = state.invitation;
    const starting = invitation
      ? api.startThroughInvitation(invitation.token, state.language, teamToSend())
      : api.startAssessment(state.language);
    state.starting = starting.then((view) => {
      if (epoch !== state.epoch) {
        throw new Error('started over');
      }
      state.assessmentId = view.id;
      state.view = view;
      session.rememberId(view.id);
      if (invitation) {
        invitations.remember(invitation.token, view.id, teamToSend());
        renderInvitation();
      }
      renderResume();
      return view.id;
    }).finally(() => {
      state.starting = null;
    });
  }
  return state.starting;
}

/** The team to start in: the chosen one, or the only one. */
function teamToSend() {
  const teams = state.invitation?.info?.teams ?? [];
  return state.invitation?.team ?? (teams.length === 1 ? teams[0].id : null);
}

/** Saves an answer after the ones given before it; a later choice for the same question replaces it. */
function save(question, option) {
  if (needsTeam()) {
    // nothing can be saved before the team is known: the choice stays, and is saved once the team is chosen
    setStatus(question, STATES.ERROR, texts().invitation.chooseTeamFirst);
    askForTeam();
    return state.queue;
  }
  state.pending.set(question, option);
  setStatus(question, STATES.SAVING);
  const epoch = state.epoch;
  state.queue = state.queue.then(() => send(question, epoch));
  return state.queue;
}

async function send(question, epoch) {
  if (epoch !== state.epoch || !state.pending.has(question)) {
    return; // started over, or already sent with a later save
  }
  const option = state.pending.get(question);
  state.pending.delete(question);
  try {
    const id = await ensureAssessment();
    const view = await api.answer(id, question, option, state.language);
    if (epoch !== state.epoch) {
      return;
    }
    state.view = view;
    if (!state.pending.has(question)) {
      setStatus(question, STATES.SAVED);
    }
  } catch (error) {
    if (epoch !== state.epoch || state.pending.has(question)) {
      return;
    }
    if (error instanceof api.ApiError && error.type === 'assessment-completed') {
      await showCompletedElsewhere();
      return;
    }
    if (error instanceof api.ApiError && error.type === 'round-closed' && state.invitation && !state.assessmentId) {
      roundClosedMeanwhile();
      return;
    }
    setStatus(question, STATES.ERROR, problemMessage(error));
    if (error instanceof api.ApiError && ['team-required', 'team-not-in-round', 'unknown-team'].includes(error.type)
        && state.invitation) {
      state.invitation.team = null;
      renderInvitation(); // the choice again, with nothing chosen
      askForTeam();
    }
  }
}

/** Someone completed this assessment in another window: its answers are locked, show the result. */
async function showCompletedElsewhere() {
  try {
    state.view = await api.getAssessment(state.assessmentId, state.language);
    render({ focusResult: true });
    showPageNotice(texts().alreadyCompleted);
  } catch (error) {
    showPageAlert(problemMessage(error));
  }
}

function onAnswerChange(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'radio' || !input.checked) {
    return;
  }
  const question = Number.parseInt(input.name.slice(1), 10);
  state.selected.set(question, input.value);
  replaceChildren(elements.completeAlert);
  save(question, input.value);
}

function onRetry(event) {
  const button = event.target.closest('[data-retry]');
  if (!button) {
    return;
  }
  const question = Number.parseInt(button.dataset.retry, 10);
  const option = state.selected.get(question);
  if (option) {
    // keep focus near the question: the button disappears while saving
    focusQuestion(question);
    save(question, option);
  }
}

// ---------------------------------------------------------------- completing

/** Waits until every answer given so far has been sent (or has failed). */
async function flushSaves() {
  let queue;
  do {
    queue = state.queue;
    await queue;
  } while (queue !== state.queue);
}

function showMissing(questions) {
  const sorted = [...questions].map(Number).sort((a, b) => a - b);
  for (const question of sorted) {
    setStatus(question, STATES.MISSING);
  }
  const t = texts();
  showCompleteAlert(t.missingAnswers(t.missingList(sorted)));
  focusQuestion(sorted[0]);
}

async function onComplete(event) {
  event.preventDefault();
  if (state.completing) {
    return;
  }
  replaceChildren(elements.completeAlert);
  if (needsTeam()) {
    askForTeam();
    showCompleteAlert(texts().invitation.chooseTeamFirst);
    invitations.focusTeamChoice();
    return;
  }
  setCompleting(true);
  try {
    await flushSaves();
    const failed = [...state.statuses].filter(([, status]) => status.state === STATES.ERROR).map(([q]) => q);
    if (failed.length > 0) {
      const t = texts();
      showCompleteAlert(`${t.statusError}: ${t.missingList(failed.sort((a, b) => a - b))}.`);
      focusRetry(failed[0]);
      return;
    }
    if (!state.assessmentId) {
      showMissing(state.instrument.questions.map((question) => question.number));
      return;
    }
    const view = await api.complete(state.assessmentId, state.language);
    state.view = view;
    clearPageMessages();
    render({ focusResult: true });
  } catch (error) {
    const unanswered = error instanceof api.ApiError ? error.problem?.unanswered : null;
    if (error instanceof api.ApiError && error.status === 409 && Array.isArray(unanswered) && unanswered.length) {
      showMissing(unanswered);
    } else {
      showCompleteAlert(problemMessage(error));
    }
  } finally {
    setCompleting(false);
  }
}

function setCompleting(completing) {
  state.completing = completing;
  // the button stays focusable (a disabled button would drop the keyboard focus); aria-disabled says it
  elements.completeButton.setAttribute('aria-disabled', String(completing));
  elements.form.setAttribute('aria-busy', String(completing));
  elements.completeButton.textContent = completing ? texts().completing : texts().showResult;
}

// ---------------------------------------------------------------- resume link and starting over

async function onCopyLink() {
  const t = texts();
  const link = elements.resumeLink.value;
  let copied = false;
  try {
    await navigator.clipboard.writeText(link);
    copied = true;
  } catch {
    elements.resumeLink.select();
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
  }
  elements.copyStatus.textContent = copied ? t.copied : t.copyFailed;
}

function onStartOver() {
  if (!window.confirm(texts().confirmStartOver)) {
    return;
  }
  state.epoch += 1;
  state.assessmentId = null;
  state.view = null;
  state.selected.clear();
  state.statuses.clear();
  state.pending.clear();
  state.queue = Promise.resolve();
  state.starting = null;
  session.forgetId();
  if (state.invitation) {
    invitations.forget(state.invitation.token);
  }
  state.teamError = null;
  elements.copyStatus.textContent = '';
  replaceChildren(elements.completeAlert);
  clearPageMessages();
  render();
  showPageNotice(texts().startedOver);
  elements.title.focus();
}

// ---------------------------------------------------------------- start-up

async function loadAssessment(id, language) {
  try {
    return await api.getAssessment(id, language);
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 404) {
      session.forgetId(id);
      const own = textsFor(language ?? DEFAULT_LANGUAGE);
      showPageAlert(own.notFoundCode(id), { lead: own.notFound });
      return null;
    }
    throw error;
  }
}

/**
 * The invitation in the address, if any: its round, or unknown. Through an invitation, this device's earlier
 * assessment in it (not one taken on its own) is resumed.
 */
async function loadInvitation(token) {
  const earlier = invitations.remembered(token);
  const invitation = { token, info: null, team: earlier?.team ?? null, unknown: false };
  try {
    invitation.info = await api.getInvitation(token);
    const named = invitations.teamFromUrl();
    if (!invitation.team && named && (invitation.info.teams ?? []).some((team) => team.id === named)) {
      invitation.team = named; // the team lead's link for their team: chosen in advance, still to be changed
    }
  } catch (error) {
    if (!(error instanceof api.ApiError) || error.status !== 404) {
      throw error;
    }
    invitation.unknown = true;
  }
  return invitation;
}

async function start() {
  const token = invitations.tokenFromUrl();
  const id = session.idFromUrl() ?? (token ? invitations.remembered(token)?.id ?? null : session.storedId());
  const chosenLanguage = session.storedLanguage();
  state.language = chosenLanguage ?? DEFAULT_LANGUAGE;
  applyChrome();
  try {
    if (token) {
      state.invitation = await loadInvitation(token);
    }
    const view = id ? await loadAssessment(id, chosenLanguage) : null;
    if (token && id && !view) {
      invitations.forget(token);
    }
    if (view && state.invitation?.unknown) {
      state.invitation = null; // an assessment of one's own is there: take it up, whatever the link
    }
    if (view && !chosenLanguage && view.language !== state.language) {
      // no choice made on this device: follow the language the assessment was started in
      state.language = view.language;
      applyChrome();
    }
    state.instrument = await api.getInstrument(state.language);
    if (view) {
      state.assessmentId = view.id;
      state.view = view;
      session.rememberId(view.id);
      for (const [question, option] of Object.entries(view.answers ?? {})) {
        state.selected.set(Number(question), option);
      }
    }
    render();
  } catch (error) {
    elements.loading.hidden = true;
    showPageAlert(problemMessage(error), { lead: texts().loadFailed, action: reloadButton(texts().reload) });
  }
}

function bind() {
  for (const [name, id] of Object.entries({
    pageAlert: 'page-alert',
    pageNotice: 'page-notice',
    loading: 'loading',
    testView: 'test-view',
    title: 'test-title',
    situation: 'situation',
    instruction: 'instruction',
    about: 'about',
    aboutHeading: 'about-heading',
    aboutBody: 'about-body',
    form: 'questions-form',
    questions: 'questions',
    completeButton: 'complete-button',
    completeAlert: 'complete-alert',
    resultView: 'result-view',
    resultHeading: 'result-heading',
    result: 'result',
    resume: 'resume',
    resumeLink: 'resume-link',
    invitation: 'invitation',
    copyButton: 'copy-link',
    copyStatus: 'copy-status',
    startOver: 'start-over',
  })) {
    elements[name] = byId(id);
  }
  elements.questions.addEventListener('change', onAnswerChange);
  elements.invitation.addEventListener('change', onTeamChange);
  elements.questions.addEventListener('click', onRetry);
  elements.form.addEventListener('submit', onComplete);
  elements.copyButton.addEventListener('click', onCopyLink);
  elements.startOver.addEventListener('click', onStartOver);
  elements.resumeLink.addEventListener('focus', () => elements.resumeLink.select());
  elements.result.addEventListener('click', (event) => {
    if (event.target.closest('#print-button')) {
      window.print();
    }
  });
  for (const button of document.querySelectorAll('[data-language]')) {
    button.addEventListener('click', () => switchLanguage(button.dataset.language));
  }
}

bind();
start();

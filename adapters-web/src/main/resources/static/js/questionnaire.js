// The six questions as a form: one card (fieldset) per question, three native radio buttons each, and a
// save status per question in a polite live region.

import { el, replaceChildren } from './dom.js';

export const STATES = Object.freeze({
  IDLE: 'idle',
  SAVING: 'saving',
  SAVED: 'saved',
  ERROR: 'error',
  MISSING: 'missing',
});

const ICONS = { saving: '…', saved: '✓', error: '!', missing: '!' };

/**
 * Renders all questions of the instrument into `container`.
 * @param selected Map question number -> option key currently chosen (saved or not)
 * @param statuses Map question number -> { state, message }
 */
export function renderQuestions(container, instrument, texts, selected, statuses) {
  const cards = instrument.questions.map((question) => questionCard(question, texts, selected.get(question.number)));
  replaceChildren(container, cards);
  for (const question of instrument.questions) {
    showStatus(question.number, statuses.get(question.number), texts);
  }
}

function questionCard(question, texts, chosen) {
  const n = question.number;
  const statusId = `status-${n}`;
  const legend = el('legend', { class: 'question__legend' },
    el('span', { class: 'question__number' }, texts.questionLabel(n)),
    el('span', { class: 'question__text', id: `question-text-${n}` }, question.text));
  const options = el('div', { class: 'question__options' },
    question.options.map((option) => {
      const id = `q${n}-${option.key}`;
      return el('label', { class: 'option', for: id },
        el('input', {
          type: 'radio',
          id,
          name: `q${n}`,
          value: option.key,
          checked: option.key === chosen,
          dataset: { testid: id },
        }),
        el('span', { class: 'option__key', 'aria-hidden': 'true' }, option.key),
        el('span', { class: 'option__text' }, option.text));
    }));
  const status = el('p', {
    class: 'status',
    id: statusId,
    role: 'status',
    'aria-atomic': 'true',
    dataset: { testid: statusId, state: STATES.IDLE },
  });
  const retry = el('button', {
    type: 'button',
    class: 'button button--small retry',
    hidden: true,
    dataset: { retry: String(n), testid: `retry-${n}` },
  }, texts.retry);
  return el('fieldset', {
    class: 'card question',
    id: `question-${n}`,
    'aria-describedby': statusId,
    dataset: { question: String(n), testid: `question-${n}` },
  }, legend, options, el('div', { class: 'question__footer' }, status, retry));
}

/** Shows the save status of one question: idle (nothing), saving, saved, error (with retry) or missing. */
export function showStatus(question, status, texts) {
  const element = document.getElementById(`status-${question}`);
  if (!element) {
    return;
  }
  const state = status?.state ?? STATES.IDLE;
  const card = document.getElementById(`question-${question}`);
  card.classList.toggle('question--error', state === STATES.ERROR);
  card.classList.toggle('question--missing', state === STATES.MISSING);
  element.dataset.state = state;
  const label = {
    [STATES.SAVING]: texts.statusSaving,
    [STATES.SAVED]: texts.statusSaved,
    [STATES.ERROR]: texts.statusError,
    [STATES.MISSING]: texts.statusMissing,
  }[state];
  if (!label) {
    replaceChildren(element);
  } else {
    const message = status?.message ? `${label}: ${status.message}` : label;
    replaceChildren(element, el('span', { class: 'status__icon', 'aria-hidden': 'true' }, ICONS[state]),
      el('span', { class: 'status__text' }, message));
  }
  const retry = card.querySelector('.retry');
  retry.hidden = state !== STATES.ERROR;
}

/** Focuses the first radio of a question (the chosen one, if any), which also scrolls it into view. */
export function focusQuestion(question) {
  const card = document.getElementById(`question-${question}`);
  if (!card) {
    return;
  }
  const target = card.querySelector('input:checked') ?? card.querySelector('input[type="radio"]');
  target?.focus();
}

export function focusRetry(question) {
  document.querySelector(`[data-retry="${question}"]`)?.focus();
}

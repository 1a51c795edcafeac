// The result of a completed assessment: score, band, diagnosis, column totals and the advice per question,
// followed by the "what next?" tips and further reading.

import { el, paragraphs, replaceChildren } from './dom.js';
import { formatDate } from './i18n.js';

const COLUMNS = ['a', 'b', 'c'];

/** The result texts (question, option, advice) come with the result, from the version it was taken with. */
export function renderResult(container, view, texts, language) {
  const result = view.result;
  replaceChildren(container,
    view.completedAt ? el('p', { class: 'muted completed-on' }, texts.completedOn(formatDate(view.completedAt, language))) : null,
    scoreCard(result, texts),
    section('diagnosis', texts.diagnosisHeading,
      el('div', { class: 'diagnosis', dataset: { testid: 'diagnosis' } }, paragraphs(result.diagnosis))),
    section('columns', texts.columnsHeading, columnTable(result, texts)),
    section('advice', texts.adviceHeading,
      el('ol', { class: 'advice-list', dataset: { testid: 'advice-list' } },
        result.advice.map((advice) => adviceItem(advice, texts)))),
    whatNext(texts),
    furtherReading(texts),
    el('div', { class: 'actions no-print' },
      el('button', { type: 'button', class: 'button', id: 'print-button', dataset: { testid: 'print-button' } },
        texts.print)));
}

function section(name, heading, ...content) {
  const headingId = `${name}-heading`;
  return el('section', { class: `result-section result-section--${name}`, 'aria-labelledby': headingId },
    el('h2', { id: headingId }, heading), ...content);
}

function scoreCard(result, texts) {
  const band = String(result.band).toLowerCase();
  const span = result.maximumScore - result.minimumScore;
  const position = Math.max(0, Math.min(1, (result.totalScore - result.minimumScore) / span));
  const fill = el('div', { class: 'score-bar__fill' });
  fill.style.width = `${Math.round(position * 100)}%`; // through the CSSOM: fine under a strict CSP
  return el('div', { class: `card score-card band--${band}`, dataset: { testid: 'score-card', band: result.band } },
    el('p', { class: 'score' },
      el('span', { class: 'score__label' }, texts.scoreLabel),
      el('span', { class: 'score__value', dataset: { testid: 'total-score' } }, String(result.totalScore)),
      el('span', { class: 'score__max' }, texts.scoreOutOf(result.maximumScore))),
    // decorative: the numbers above say it all
    el('div', { class: 'score-bar', 'aria-hidden': 'true' }, fill),
    el('p', { class: 'band' },
      el('span', { class: 'band__label' }, `${texts.bandLabel}: `),
      el('strong', { class: 'band__title', dataset: { testid: 'band-title' } }, result.bandTitle)));
}

function columnTable(result, texts) {
  const totals = result.columnTotals ?? {};
  return el('table', { class: 'column-totals', dataset: { testid: 'column-totals' } },
    el('caption', { class: 'visually-hidden' }, texts.columnsCaption),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, texts.columnHeader),
      el('th', { scope: 'col', class: 'number' }, texts.totalHeader))),
    el('tbody', {}, COLUMNS.map((column) => el('tr', {},
      el('th', { scope: 'row' }, column),
      el('td', { class: 'number', dataset: { testid: `column-${column}` } }, String(totals[column] ?? 0))))),
    el('tfoot', {}, el('tr', {},
      el('th', { scope: 'row' }, texts.totalRow),
      el('td', { class: 'number' }, String(result.totalScore)))));
}

function adviceItem(advice, texts) {
  const n = advice.question;
  return el('li', { class: 'card advice', dataset: { testid: `advice-${n}` } },
    el('h3', { class: 'advice__question' },
      el('span', { class: 'advice__number' }, texts.questionLabel(n)),
      el('span', { class: 'advice__question-text' }, advice.questionText)),
    el('dl', { class: 'advice__facts' },
      el('div', {},
        el('dt', {}, texts.yourAnswer),
        el('dd', { dataset: { testid: `advice-${n}-answer` } },
          el('span', { class: 'option__key' }, advice.option),
          ' ',
          el('span', {}, advice.optionText))),
      el('div', {},
        el('dt', {}, texts.pointsLabel),
        el('dd', { dataset: { testid: `advice-${n}-points` } }, texts.points(advice.points)))),
    el('div', { class: 'advice__text', dataset: { testid: `advice-${n}-text` } }, paragraphs(advice.text)));
}

function whatNext(texts) {
  return section('what-next', texts.whatNext.heading,
    el('ul', { class: 'tips' }, texts.whatNext.tips.map((tip) => el('li', {}, tip))));
}

function furtherReading(texts) {
  const reading = texts.furtherReading;
  return section('reading', reading.heading,
    reading.note ? el('p', { class: 'muted' }, reading.note) : null,
    el('ul', { class: 'reading' }, reading.books.map((book) => el('li', {},
      el('cite', {}, book.title), ` – ${book.source} ${book.description}`))));
}

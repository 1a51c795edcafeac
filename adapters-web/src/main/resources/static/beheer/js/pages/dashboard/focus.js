// What to work on: for the chosen team (or the organisation) in a round, the questions where most people chose an
// answer that is customer-friendly rather than customer-oriented, with the instrument's advice for the answer chosen
// most and a few tips for a team meeting; printable as a one-page brief. From released figures only (the API's).

import { el } from '../../../../js/dom.js';
import { notReleasedText } from './common.js';

const SHOWN = 3;

/** The group the brief is about: the chosen team, else the organisation. */
function groupOf(report, filters) {
  const groups = report.groups ?? [];
  return (filters.team ? groups.find((group) => group.teamId === filters.team) : null)
    ?? groups.find((group) => group.key === 'organisation') ?? null;
}

export function focusSection(ctx, report, filters, round) {
  const { t } = ctx;
  const group = groupOf(report, filters);
  const label = group ? (group.key === 'organisation' ? t.organisation : group.label) : '';
  const heading = t.focusHeading;
  const id = 'focus-heading';
  const print = el('button', { type: 'button', class: 'button button--small button--quiet dash-print',
    dataset: { testid: 'focus-print' } }, t.focusPrint);
  print.addEventListener('click', () => {
    document.body.classList.add('print-focus');
    window.addEventListener('afterprint', () => document.body.classList.remove('print-focus'), { once: true });
    window.print();
  });
  let body;
  if (!group || group.n === 0 || (group.questions ?? []).length === 0) {
    body = [el('p', { class: 'empty', dataset: { testid: 'focus-empty' } },
      group ? notReleasedText(t, { ...group, key: group.key }, report.provenance?.minimumGroupSize, round)
        : t.noRoundsYet)];
  } else {
    const focus = group.questions.filter((question) => question.focus);
    const shown = (focus.length > 0 ? focus : group.questions).slice(0, SHOWN);
    body = [
      el('p', { class: 'dash-intro', dataset: { testid: 'focus-lead' } }, focus.length > 0
        ? t.focusLead(label, report.round.name, group.n, focus.length)
        : t.focusNone(label, report.round.name, group.n)),
      el('ol', { class: 'focus-list', dataset: { testid: 'focus-list' } }, shown.map((question) => el('li', {
        class: 'focus-item', dataset: { testid: 'focus-item', question: String(question.question) },
      },
      el('h3', { class: 'focus-item__topic' }, question.topic),
      el('p', { class: 'muted focus-item__question' }, question.text),
      el('p', {}, t.focusOriented(question.orientedPercent, question.orientedText)),
      question.other ? el('p', {}, t.focusOther(question.otherPercent, question.otherText)) : null,
      question.advice ? el('p', { class: 'focus-item__advice' }, el('strong', {}, `${t.focusAdvice}: `), question.advice)
        : null))),
      el('section', { class: 'focus-tips', 'aria-labelledby': 'focus-tips-heading' },
        el('h3', { id: 'focus-tips-heading' }, t.focusTipsHeading),
        el('ul', {}, t.focusTips.map((tip) => el('li', {}, tip)))),
    ];
  }
  const element = el('section', { class: 'panel dash-section focus', 'aria-labelledby': id,
    dataset: { testid: 'section-focus' } },
  el('h2', { class: 'panel__heading', id }, heading),
  el('p', { class: 'muted dash-intro' }, t.focusIntro),
  ...body,
  el('div', { class: 'dash-actions' }, print));
  return { element, draw: () => {} };
}

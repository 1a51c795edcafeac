// The heatmap: a real table of teams × questions with the mean points, the organisation's row as reference on
// top and the change since the previous round in each cell. The shade of a cell comes from a class (heat--1 …
// heat--5), so the page keeps to the Content-Security-Policy and a printout keeps the colours. A team of which
// nothing has been released in the round says so across its row, and when it will show.

import { el } from '../../../../js/dom.js';
import * as api from '../../api.js';
import { formatChange, formatNumber } from '../../texts.js';
import { csvLink, figureSection, hasFigures, notReleasedText, questionsInFull } from './common.js';

const LEVELS = 5;

/** Below or above the organisation: −2 (0.5 points or more below) … 0 (within 0.15) … +2 (0.5 or more above). */
function offset(value, reference) {
  const difference = value - reference;
  if (Math.abs(difference) < 0.15) {
    return 0;
  }
  return Math.sign(difference) * (Math.abs(difference) < 0.5 ? 1 : 2);
}

/** 1 (lowest) to 5 (highest) on the question's scale. */
function level(value, scale) {
  const share = (value - scale.min) / Math.max(1e-9, scale.max - scale.min);
  return Math.min(LEVELS, Math.max(1, Math.round(share * (LEVELS - 1)) + 1));
}

/** A row as the contract has it (the group's fields and its cells), also when the group comes nested. */
function flat(row) {
  return row?.group ? { ...row.group, cells: row.cells ?? [] } : row;
}

function groupLabel(t, group) {
  return group.key === 'organisation' ? t.organisation : group.label;
}

export function heatmapSection(ctx, organisationId, report, filters) {
  const { t, language } = ctx;
  const minimum = report.provenance?.minimumGroupSize;
  const scale = report.scale ?? { min: 1, max: 5 };
  const questions = report.questions ?? [];
  const previousName = report.previousRound?.name ?? null;
  const csv = csvLink(t, api.heatmapUrl(organisationId, report.round.id, 'csv'), 'heatmap', 'csv-heatmap', language);

  const mode = filters.heatMode === 'difference' ? 'difference' : 'points';
  const referenceCells = new Map((flat(report.reference)?.cells ?? []).map((cell) => [cell.question, cell]));
  const shade = (cell, reference) => {
    const against = referenceCells.get(cell.question)?.meanPoints;
    if (mode === 'points' || reference || against === null || against === undefined) {
      return mode === 'points' ? `heat--${level(cell.meanPoints, scale)}` : 'heat-diff--0';
    }
    const step = offset(cell.meanPoints, against);
    return `heat-diff--${step < 0 ? `m${-step}` : step}`;
  };
  const row = (group, { reference = false } = {}) => {
    const label = reference ? t.referenceSuffix(t.organisation) : groupLabel(t, group);
    const cells = new Map((group.cells ?? []).map((cell) => [cell.question, cell]));
    const header = el('th', { scope: 'row', class: 'heat__group' }, label);
    const count = el('td', { class: 'heat__count number' }, String(hasFigures(group) ? group.n : 0));
    const highlighted = !reference && filters.team && group.teamId === filters.team;
    const rowAttributes = {
      class: `${reference ? 'heat__reference' : ''}${highlighted ? ' heat__chosen' : ''}`.trim() || null,
      dataset: { group: group.key, released: String(hasFigures(group)) },
    };
    if (!hasFigures(group)) {
      // one cell across the questions: nothing of this group released in the round yet, and when it will show; on a
      // phone, where the questions are scrolled to, the words stand under the group's name instead (one or the other
      // is shown, so it is read once)
      const why = notReleasedText(t, group, minimum, report.round);
      header.append(el('span', { class: 'heat__why', dataset: { testid: 'heat-why' } }, why));
      return el('tr', rowAttributes, header, count, el('td', {
        class: 'heat heat--unreleased', colspan: Math.max(1, questions.length), dataset: { released: 'false' },
      }, el('span', { class: 'heat__text' }, why),
      el('span', { class: 'heat__dash', 'aria-hidden': 'true' }, '–')));
    }
    const questionCells = questions.map((question) => {
      const cell = cells.get(question);
      if (!cell || cell.meanPoints === null || cell.meanPoints === undefined) {
        return el('td', { class: 'heat heat--empty', dataset: { question: String(question) } },
          el('span', { 'aria-hidden': 'true' }, '–'), el('span', { class: 'visually-hidden' }, t.notReleasedShort));
      }
      const change = cell.change;
      return el('td', { class: `heat ${shade(cell, reference)}`, dataset: { question: String(question) } },
        el('span', { class: 'heat__value' }, formatNumber(cell.meanPoints, language)),
        change === null || change === undefined ? null : el('span', { class: 'heat__change' },
          el('span', { 'aria-hidden': 'true' },
            `${change > 0 ? '▲ ' : change < 0 ? '▼ ' : ''}${formatChange(change, language)}`),
          el('span', { class: 'visually-hidden' }, `, ${t.heatChange(formatChange(change, language))}`)));
    });
    return el('tr', rowAttributes, header, count, questionCells);
  };

  // with a team chosen: that team under the organisation's row (every team: "Alle teams" in the filters)
  const rows = (report.rows ?? []).map(flat)
    .filter((group) => !filters.team || group.teamId === filters.team);
  const reference = report.reference ? flat(report.reference) : null;
  const table = el('table', { class: 'heatmap', dataset: { testid: 'heatmap' } },
    el('caption', { class: 'dash-caption' }, t.heatmapCaption(report.round.name, previousName)),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, t.group),
      el('th', { scope: 'col', class: 'number' }, t.count),
      questions.map((question) => el('th', { scope: 'col', class: 'heat__question', title: ctx.questionText(question) },
        ctx.questionTopic(question))))),
    el('tbody', {},
      reference ? row(reference, { reference: true }) : null,
      rows.map((group) => row(group))));
  const scroller = el('div', {
    class: 'heatmap-scroll', role: 'region', tabindex: '0', 'aria-label': t.heatmapRegion,
  }, table);
  const hint = el('p', { class: 'muted heatmap-hint', 'aria-hidden': 'true', dataset: { testid: 'heatmap-hint' } },
    t.heatmapHint(questions.length));
  const legend = el('div', { class: 'heat-legend', dataset: { testid: 'heatmap-legend' } },
    el('span', { class: 'heat-legend__title' }, `${mode === 'points' ? t.heatLegend : t.heatDiffLegend}:`),
    mode === 'points'
      ? el('ol', { class: 'heat-legend__scale' }, Array.from({ length: LEVELS }, (_, index) => {
        const value = scale.min + (index * (scale.max - scale.min)) / (LEVELS - 1);
        return el('li', { class: `heat heat--${index + 1}` }, formatNumber(value, language, 0));
      }))
      : el('ol', { class: 'heat-legend__scale' }, ['m2', 'm1', '0', '1', '2'].map((step) => el('li', {
        class: `heat heat-diff--${step}`,
      }, t.heatDiffSteps[step]))),
    el('span', { class: 'muted' }, previousName ? t.changeSince(previousName) : t.noPrevious));
  // what the shade says: the points, or how far each team is from the organisation
  const modes = el('div', { class: 'heat-modes', role: 'group', 'aria-label': t.heatModeLabel, dataset: { testid: 'heat-modes' } },
    ['points', 'difference'].map((choice) => {
      const button = el('button', {
        type: 'button', class: 'button button--small button--quiet', 'aria-pressed': String(choice === mode),
        dataset: { testid: `heat-mode-${choice}` },
      }, t.heatModes[choice]);
      button.addEventListener('click', () => {
        if (choice !== mode) {
          filters.heatMode = choice;
          const again = heatmapSection(ctx, organisationId, report, filters);
          element.replaceWith(again.element);
          again.element.querySelector(`[data-testid='heat-mode-${choice}']`)?.focus();
        }
      });
      return button;
    }));
  const element = figureSection(t, {
    name: 'heatmap', heading: t.heatmapHeading, intro: mode === 'points' ? t.heatmapIntro : t.heatmapIntroDifference, testid: 'section-heatmap',
    notes: [modes, legend, questionsInFull(ctx, questions, 'heatmap-questions-in-full'),
      rows.length === 0 ? el('p', { class: 'empty' }, t.noTeamRows) : null],
    table: [hint, scroller], csv,
  });
  return { element, draw: () => {} };
}

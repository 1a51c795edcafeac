// What the dashboard's figures share: a section with its chart, its data table behind a toggle and its CSV link;
// a group of which nothing has been released yet in words (never a value); numbers in the language's notation.

import { el } from '../../../../js/dom.js';
import { formatNumber } from '../../texts.js';
import { section, uid } from '../../ui.js';

/** The tables someone opened, by name: they stay open when the figures are loaded again. */
const openTables = new Set();

/** A group that has figures: at least one released batch (n > 0) and its mean. */
export function hasFigures(group) {
  return Boolean(group) && Number(group.n) > 0 && group.mean !== null && group.mean !== undefined;
}

/** A team's group (not the organisation as a whole). */
function isTeam(group) {
  return Boolean(group?.teamId) || String(group?.key ?? '').startsWith('team:');
}

/**
 * When a group of a round will show, in words: a team once at least the minimum of its tests are completed (in a
 * closed round: only in the organisation's figures), the organisation once there is a batch.
 * @param round the round ({ status }), or null outside one (the trend)
 */
export function whenShown(t, group, minimum, round = null) {
  if (!isTeam(group)) {
    return t.organisationShownOnce(minimum);
  }
  return round?.status === 'CLOSED' ? t.teamPooledOnly : t.teamShownOnce(minimum);
}

/**
 * "nog niets vrijgegeven: getoond zodra minstens 5 tests van dit team zijn afgerond"; of a team in a closed round
 * "niets vrijgegeven: in deze gesloten ronde telt dit team alleen mee in de cijfers van de organisatie".
 */
export function notReleasedText(t, group, minimum, round = null) {
  const why = whenShown(t, group, minimum, round);
  return isTeam(group) && round?.status === 'CLOSED' ? t.notReleasedClosed(why) : t.notReleasedBecause(why);
}

/**
 * A table cell that stands for a group without released figures: the words, marked for tests (data-released) and
 * styled apart; never a value.
 */
export function notReleasedCell(t, text, { label = null, colspan = null } = {}) {
  return el('td', {
    class: 'dash-unreleased', colspan, 'data-label': label, dataset: { released: 'false' },
  }, text);
}

/** A number cell ('' shows as an empty cell). */
export function numberCell(text, label, testid = null) {
  return el('td', { class: 'number', 'data-label': label, dataset: testid ? { testid } : {} }, text);
}

export function mean(value, language) {
  return formatNumber(value, language, 1);
}

export function interval(t, ci95, language) {
  return ci95 ? t.intervalText(formatNumber(ci95.low, language), formatNumber(ci95.high, language)) : '';
}

/** A data table with a caption, column headers and rows; the caption also names the table for the toggle. */
export function dataTable({ caption, columns, rows, testid, className = '' }) {
  return el('table', { class: `data-table dash-data ${className}`.trim(), dataset: { testid } },
    el('caption', { class: 'dash-caption' }, caption),
    el('thead', {}, el('tr', {}, columns.map((column) =>
      el('th', { scope: 'col', class: column.number ? 'number' : null }, column.label)))),
    el('tbody', {}, rows));
}

/**
 * Links to the same figures as CSV: the report's address with format=csv (commas and decimal points, for scripts and
 * most tools), and beside it the same for Excel with Dutch settings (semicolons, decimal commas); the session cookie
 * goes along.
 */
export function csvLink(t, href, what, testid, language = 'nl') {
  // the header row in the page's language for the spreadsheet file; the plain file keeps the names scripts use
  const excel = `${href}${href.includes('?') ? '&' : '?'}dialect=excel&lang=${language}`;
  return el('span', { class: 'dash-csv-group' },
    el('a', { class: 'button button--small button--quiet dash-csv', href, download: true, dataset: { testid } },
      t.csvOf(t.csvNames[what])),
    el('a', {
      class: 'button button--small button--quiet dash-csv', href: excel, download: true,
      'aria-label': t.csvForExcelOf(t.csvNames[what]), dataset: { testid: `${testid}-excel` },
    }, t.csvForExcel));
}

/**
 * The chart's box: a canvas Chart.js draws on (role=img with a label that points to the table), and, when nothing
 * of it has been released yet, a cover that says so and when it will show.
 */
export function chartBox(t, { testid, label, cover = null, tall = false }) {
  const canvas = el('canvas', { role: 'img', 'aria-label': t.chartLabel(label), dataset: { testid } });
  const box = el('div', { class: `dash-chart${tall ? ' dash-chart--tall' : ''}` }, canvas,
    cover ? el('p', { class: 'dash-chart__cover', dataset: { testid: `${testid}-unreleased` } }, cover) : null);
  return { box, canvas };
}

/**
 * A figure's section: heading, intro, chart, notes, the table behind a toggle and the CSV link.
 * @param name the key under which the toggle's state is kept ('trend', 'bands', …)
 */
export function figureSection(t, { name, heading, intro = null, testid, chart = null, notes = [], table, csv = null }) {
  const tableId = uid(`${name}-table`);
  const open = openTables.has(name) || chart === null;
  // a region that can be reached and scrolled with the keyboard, for a table wider than its card
  const tableBox = el('div', {
    class: 'dash-table', id: tableId, hidden: !open, role: 'region', tabindex: '0', 'aria-label': t.tableRegion(heading),
  }, table);
  let toggle = null;
  if (chart) {
    toggle = el('button', {
      type: 'button', class: 'button button--small button--quiet dash-toggle', 'aria-expanded': String(open),
      'aria-controls': tableId, dataset: { testid: `toggle-${name}` },
    }, open ? t.hideTable : t.showTable);
    toggle.addEventListener('click', () => {
      const opening = tableBox.hidden;
      tableBox.hidden = !opening;
      toggle.setAttribute('aria-expanded', String(opening));
      toggle.textContent = opening ? t.hideTable : t.showTable;
      if (opening) {
        openTables.add(name);
      } else {
        openTables.delete(name);
      }
    });
  }
  return section({ heading, className: 'dash-section', testid: `section-${name}` },
    intro ? el('p', { class: 'muted dash-intro' }, intro) : null,
    chart,
    notes,
    el('div', { class: 'dash-actions' }, toggle, csv),
    tableBox);
}

/** The periods or groups without figures under a chart: "K2 2025: niets vrijgegeven in deze periode". */
export function gapNotes(t, lead, items, testid) {
  if (items.length === 0) {
    return null;
  }
  return el('div', { class: 'dash-note', dataset: { testid } },
    el('p', {}, lead),
    el('ul', {}, items.map(([what, why]) => el('li', {}, el('strong', {}, what), `: ${why}`))));
}

/** A figure that could not be loaded: its section with the message, so the rest of the dashboard still shows. */
export function failedSection(t, { name, heading, message }) {
  return section({ heading, className: 'dash-section', testid: `section-${name}` },
    el('p', { class: 'alert alert--error', dataset: { testid: `${name}-failed` } }, `${t.figureFailed} ${message}`));
}

/** Calls `draw` once `element` is in the document (Chart.js measures its container). */
export function whenAttached(element, draw, tries = 200) {
  if (element.isConnected) {
    draw();
  } else if (tries > 0) {
    setTimeout(() => whenAttached(element, draw, tries - 1), 25);
  }
}

/** A label cut into lines of about `width` characters at spaces: a chart's axis shows each on a line of its own. */
export function chartLines(text, width = 18) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) {
    lines.push(line);
  }
  return lines;
}

/** The questions in full, on demand under a figure that names them by their topic. */
export function questionsInFull(ctx, questions, testid) {
  const { t } = ctx;
  return el('details', { class: 'dash-questions', dataset: { testid } },
    el('summary', {}, t.questionsInFull),
    el('ol', {}, questions.map((question) => el('li', { value: String(question) },
      el('strong', {}, ctx.questionTopic(question)), ` – ${ctx.questionText(question)}`))));
}


// Participation in a round: per team its released completed tests against the headcount its admins gave, and the
// round's total. Released figures only (the API's), so a number grows by whole batches, never by one person; nobody
// sees how many started. While the round is open it is looked at again every minute, in place.

import * as api from '../../api.js';
import { el, replaceChildren } from '../../../../js/dom.js';
import { formatNumber } from '../../texts.js';
import { dataTable, notReleasedCell, notReleasedText, numberCell } from './common.js';

const REFRESH_MS = 60_000;

function rateCell(ctx, rate, label) {
  const { t } = ctx;
  if (rate.headcount === null || rate.headcount === undefined) {
    return el('td', { 'data-label': label, class: 'muted', dataset: { testid: 'rate-unknown' } }, t.noHeadcount);
  }
  if (rate.completed === 0) {
    // nothing released yet (the count beside it says why): no rate of 0 %, which would say nobody took part
    return el('td', { 'data-label': label, class: 'muted', dataset: { testid: 'rate-none' } }, '–');
  }
  const percent = rate.ratePercent ?? 0;
  const fill = el('span', { class: 'participation-rate__fill' });
  fill.style.width = `${Math.min(100, percent)}%`; // through the CSSOM: the page's CSP allows no style attributes
  return el('td', { 'data-label': label, class: 'participation-rate', dataset: { testid: 'rate' } },
    el('span', { class: 'participation-rate__bar', 'aria-hidden': 'true' }, fill),
    el('span', { class: 'participation-rate__text' }, `${formatNumber(percent, ctx.language, 0)} %`),
    rate.exceedsHeadcount ? el('span', { class: 'participation-rate__warning' }, ` ${t.headcountExceeded}`) : null);
}

function rows(ctx, report, round) {
  const { t } = ctx;
  const minimum = report.provenance?.minimumGroupSize;
  const columns = [t.group, t.headcount, t.completedReleased, t.responseRate];
  const groups = [{ ...report.organisation, label: t.organisation }, ...report.teams];
  return groups.map((rate) => el('tr', { dataset: { testid: 'rate-row', key: rate.key } },
    el('th', { scope: 'row', 'data-label': columns[0] }, rate.label),
    numberCell(rate.headcount ?? '', columns[1]),
    rate.completed > 0
      ? numberCell(String(rate.completed), columns[2], 'completed')
      : notReleasedCell(t, notReleasedText(t, rate, minimum, round), { label: columns[2] }),
    rateCell(ctx, rate, columns[3])));
}

function table(ctx, report, round) {
  const { t } = ctx;
  return dataTable({
    caption: t.participationCaptionRound(report.round.name),
    columns: [{ label: t.group }, { label: t.headcount, number: true }, { label: t.completedReleased, number: true },
      { label: t.responseRate }],
    rows: rows(ctx, report, round),
    testid: 'participation-rates',
    className: 'participation-rates',
  });
}

export function participationSection(ctx, organisationId, report, round, { mayManage = false } = {}) {
  const { t } = ctx;
  const id = 'participation-heading';
  const holder = el('div', { class: 'dash-table', tabindex: '0', role: 'region', 'aria-labelledby': id },
    table(ctx, report, round));
  const missing = [report.organisation, ...report.teams].some((rate) => rate.headcount === null);
  const live = report.round.status === 'OPEN';
  const status = el('p', { class: 'visually-hidden', role: 'status', dataset: { testid: 'participation-status' } });
  const element = el('section', { class: 'panel dash-section', 'aria-labelledby': id,
    dataset: { testid: 'section-participation' } },
  el('h2', { class: 'panel__heading', id }, t.participationRatesHeading),
  el('p', { class: 'muted dash-intro' }, t.participationRatesIntro(report.provenance?.minimumGroupSize ?? 5)),
  live ? el('p', { class: 'dash-note', dataset: { testid: 'participation-live' } }, t.participationLive) : null,
  holder,
  missing ? el('p', { class: 'muted', dataset: { testid: 'headcount-hint' } },
    mayManage ? t.headcountHintAdmin : t.headcountHint) : null,
  status);
  if (live) {
    const timer = window.setInterval(async () => {
      if (!element.isConnected) {
        window.clearInterval(timer);
        return;
      }
      try {
        const fresh = await api.participation(organisationId, report.round.id);
        if (element.isConnected) {
          replaceChildren(holder, table(ctx, fresh, round));
          status.textContent = t.participationUpdated;
        }
      } catch {
        // the next look tries again; what is shown stays
      }
    }, REFRESH_MS);
  }
  return { element, draw: () => {} };
}

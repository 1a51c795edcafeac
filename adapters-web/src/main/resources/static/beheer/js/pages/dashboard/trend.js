// The trend: the mean score per period with its 95 % interval against the score bands, and the distribution over
// low, average and high per period (stacked, in percent). Periods in which nothing was released are gaps, named
// beneath. Every figure is over the batches released in that period.

import { el } from '../../../../js/dom.js';
import * as api from '../../api.js';
import { drawChart, palette, translucent } from '../../charts.js';
import { formatDate, formatNumber, formatPeriod } from '../../texts.js';
import {
  chartBox, csvLink, dataTable, figureSection, gapNotes, hasFigures, interval, mean, notReleasedCell, numberCell,
  whenAttached, whenShown,
} from './common.js';

const BANDS = ['LOW', 'AVERAGE', 'HIGH'];

/**
 * The series the trend is about (the chosen team, else the organisation, else the first with figures) and the one
 * to set it against (the organisation, when the focus is a team and the answer has it).
 */
export function focusOf(report, team) {
  const series = (report.series ?? []).map((item) => aligned(report, item));
  const organisation = series.find((item) => item.key === 'organisation') ?? null;
  let focus = team ? series.find((item) => item.teamId === team) : null;
  if (!focus) {
    focus = organisation && organisation.points.some(hasFigures) ? organisation
      : series.find((item) => item.points.some(hasFigures)) ?? organisation ?? series[0] ?? null;
  }
  const reference = focus && focus !== organisation && organisation ? organisation : null;
  return { focus, reference };
}

/**
 * A series with one point per period of the answer, each point carrying its period: matched by period label, or
 * by position when the points carry none.
 */
function aligned(report, series) {
  const periods = report.periods ?? [];
  const byPeriod = new Map(series.points.filter((point) => point.period).map((point) => [point.period, point]));
  const points = periods.map((period, index) => ({
    ...period, ...(byPeriod.get(period.period) ?? (byPeriod.size === 0 ? series.points[index] : null) ?? { n: 0 }),
  }));
  return { ...series, points };
}

function seriesLabel(t, series) {
  return series.key === 'organisation' ? t.organisation : series.label;
}

/**
 * The periods in which nothing of the series was released, consecutive ones as one range ("week 3 2025 – week 40
 * 2025"): a year of weeks is a line, not fifty.
 */
export function gaps(ctx, series) {
  const { t, language } = ctx;
  const runs = [];
  let run = null;
  for (const point of series.points) {
    if (hasFigures(point)) {
      run = null;
    } else if (run) {
      run.last = point.period;
    } else {
      run = { first: point.period, last: point.period };
      runs.push(run);
    }
  }
  return runs.map(({ first, last }) => [
    first === last ? formatPeriod(first, language)
      : t.periodRange(formatPeriod(first, language), formatPeriod(last, language)),
    t.notReleasedShort,
  ]);
}

/** Over the chart when no period has figures: nothing released, and when the series will show. */
function cover(ctx, report, series) {
  const { t } = ctx;
  return series.points.some(hasFigures) ? null
    : t.notReleasedInRange(whenShown(t, series, report.provenance?.minimumGroupSize));
}

/** The note under a chart: the periods without figures, and when a team shows. */
function gapNote(ctx, report, series, testid) {
  const { t } = ctx;
  const items = gaps(ctx, series);
  if (items.length === 0 || !series.points.some(hasFigures)) {
    return null; // none, or all of them: the chart's cover says so
  }
  const note = gapNotes(t, t.gapNote, items, testid);
  if (series.teamId) {
    note.append(el('p', { class: 'dash-note__after' },
      `${capitalised(whenShown(t, series, report.provenance?.minimumGroupSize))}.`));
  }
  return note;
}

function capitalised(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Light areas for the score bands, with their names, in the score's values (a band covers whole scores). */
function bandAreas(t, report) {
  const colours = palette();
  return (report.bands ?? []).map((band) => ({
    from: band.min - 0.5,
    to: band.max + 0.5,
    colour: colours.bands[band.band] ?? colours.muted,
    fill: translucent(colours.bands[band.band] ?? '#888888', 7),
    label: t.bandNames[band.band] ?? band.band,
  }));
}

export function trendSection(ctx, organisationId, report, filters) {
  const { t, language } = ctx;
  const { focus, reference } = focusOf(report, filters.team);
  const scale = report.scale ?? { min: 6, max: 30 };
  const granularity = t.granularities[report.granularity] ?? report.granularity;
  const csv = csvLink(t, api.trendUrl(organisationId, filters, 'csv'), 'trend', 'csv-trend', language);
  const heading = t.trendHeading;
  if (!focus || (report.periods ?? []).length === 0) {
    return {
      element: figureSection(t, {
        name: 'trend', heading, testid: 'section-trend',
        table: el('p', { class: 'empty', dataset: { testid: 'table-trend' } }, t.noPeriods), csv,
      }),
      draw: () => {},
    };
  }
  const focusLabel = seriesLabel(t, focus);
  const range = `${formatDate(report.from, language)} – ${formatDate(report.to, language)}`;
  const { box, canvas } = chartBox(t, {
    testid: 'chart-trend', label: t.trendChartLabel(focusLabel), cover: cover(ctx, report, focus),
  });
  const referencePoints = new Map((reference?.points ?? []).map((point) => [point.period, point]));

  const columns = [
    { label: t.period }, { label: t.count, number: true }, { label: t.mean, number: true },
    { label: t.ci95, number: true },
  ];
  if (reference) {
    columns.push({ label: t.referenceSuffix(seriesLabel(t, reference)), number: true });
  }
  const rows = focus.points.map((point) => {
    const periodText = formatPeriod(point.period, language);
    const cells = [el('th', { scope: 'row', 'data-label': t.period }, periodText)];
    if (!hasFigures(point)) {
      cells.push(numberCell('0', t.count), notReleasedCell(t, t.notReleasedShort, { label: t.mean, colspan: 2 }));
    } else {
      cells.push(
        numberCell(String(point.n), t.count),
        numberCell(mean(point.mean, language), t.mean),
        numberCell(interval(t, point.ci95, language), t.ci95));
    }
    if (reference) {
      const other = referencePoints.get(point.period);
      const label = t.referenceSuffix(seriesLabel(t, reference));
      cells.push(hasFigures(other) ? numberCell(mean(other.mean, language), label)
        : notReleasedCell(t, t.notReleasedShort, { label }));
    }
    return el('tr', { dataset: { period: point.period } }, cells);
  });
  const table = dataTable({
    caption: `${t.trendCaption(focusLabel, granularity)} (${range})`, columns, rows, testid: 'table-trend',
  });
  // with all teams chosen: teams to lay over the organisation's line, to compare them (kept while filtering)
  const others = filters.team ? [] : (report.series ?? []).map((item) => aligned(report, item))
    .filter((item) => item.key !== 'organisation' && item !== focus && item.points.some(hasFigures));
  filters.overlay = (filters.overlay ?? []).filter((id) => others.some((item) => item.teamId === id));
  let redraw = () => {};
  const overlay = others.length === 0 ? null : el('fieldset', { class: 'dash-overlay', dataset: { testid: 'trend-overlay' } },
    el('legend', {}, t.overlayLegend),
    others.map((item) => {
      const box = el('input', {
        type: 'checkbox', value: item.teamId, checked: filters.overlay.includes(item.teamId),
        dataset: { testid: `overlay-${item.teamId}` },
      });
      box.addEventListener('change', () => {
        filters.overlay = box.checked ? [...filters.overlay, item.teamId]
          : filters.overlay.filter((id) => id !== item.teamId);
        redraw();
      });
      return el('label', { class: 'dash-overlay__choice' }, box, ` ${seriesLabel(t, item)}`);
    }));
  const element = figureSection(t, {
    name: 'trend', heading, intro: t.trendIntro(scale.min, scale.max), testid: 'section-trend',
    chart: box, notes: [overlay, gapNote(ctx, report, focus, 'trend-gaps')], table, csv,
  });

  const draw = () => {
    const colours = palette();
    const labels = focus.points.map((point) => formatPeriod(point.period, language));
    const value = (point, pick) => (hasFigures(point) ? pick(point) : null);
    const datasets = [
      {
        label: t.ciLegend, data: focus.points.map((point) => value(point, (p) => p.ci95?.low ?? null)),
        borderWidth: 0, pointRadius: 0, fill: false, skipLegend: true, spanGaps: false,
      },
      {
        label: t.ciLegend, data: focus.points.map((point) => value(point, (p) => p.ci95?.high ?? null)),
        borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: colours.accentSoft, spanGaps: false,
      },
      {
        label: focusLabel, data: focus.points.map((point) => value(point, (p) => p.mean)),
        borderColor: colours.accent, backgroundColor: colours.accent, borderWidth: 3, pointRadius: 4, spanGaps: false,
      },
    ];
    if (reference) {
      datasets.push({
        label: t.referenceSuffix(seriesLabel(t, reference)),
        data: focus.points.map((point) => value(referencePoints.get(point.period), (p) => p.mean)),
        borderColor: colours.reference, backgroundColor: colours.reference, borderDash: [6, 4], borderWidth: 2,
        pointRadius: 3, pointStyle: 'rectRot', spanGaps: false,
      });
    }
    // each team laid over in a colour, a point style and a dash of its own (not told apart by colour alone)
    const styles = ['triangle', 'rect', 'star', 'crossRot', 'rectRounded', 'cross'];
    others.filter((item) => filters.overlay.includes(item.teamId)).forEach((item, index) => {
      const colour = colours.other[index % colours.other.length];
      datasets.push({
        label: seriesLabel(t, item), data: item.points.map((point) => value(point, (p) => p.mean)),
        borderColor: colour, backgroundColor: colour, borderWidth: 2, borderDash: [2 + 2 * index, 3],
        pointRadius: 4, pointStyle: styles[index % styles.length], spanGaps: false,
      });
    });
    drawChart(canvas, 'line', { labels, datasets }, {
      language, yMin: scale.min, yMax: scale.max, yTitle: t.scoreAxis, areas: bandAreas(t, report),
      extra: { plugins: { legend: { labels: { filter: (item, data) => !data.datasets[item.datasetIndex].skipLegend } } } },
    });
  };
  redraw = draw;
  return { element, draw: () => whenAttached(canvas, draw) };
}

export function bandsSection(ctx, organisationId, report, filters) {
  const { t, language } = ctx;
  const { focus } = focusOf(report, filters.team);
  const heading = t.bandsHeading;
  // the bands per period are in the trend's CSV (low, average, high): one file, offered once, under the trend
  const csv = el('p', { class: 'muted dash-csv-note', dataset: { testid: 'csv-bands' } }, t.bandsInTrendCsv);
  if (!focus || (report.periods ?? []).length === 0) {
    return {
      element: figureSection(t, {
        name: 'bands', heading, testid: 'section-bands',
        table: el('p', { class: 'empty', dataset: { testid: 'table-bands' } }, t.noPeriods), csv,
      }),
      draw: () => {},
    };
  }
  const focusLabel = seriesLabel(t, focus);
  const { box, canvas } = chartBox(t, {
    testid: 'chart-bands', label: t.bandsChartLabel(focusLabel), cover: cover(ctx, report, focus),
  });
  const rows = focus.points.map((point) => {
    const cells = [el('th', { scope: 'row', 'data-label': t.period }, formatPeriod(point.period, language))];
    if (!hasFigures(point) || !point.bands) {
      cells.push(notReleasedCell(t, t.notReleasedShort, { label: t.bandNames.LOW, colspan: 3 }));
    } else {
      for (const band of BANDS) {
        const share = point.bands[band];
        cells.push(numberCell(share ? t.percentOf(formatNumber(share.percent, language), share.count) : '',
          t.bandNames[band]));
      }
    }
    return el('tr', { dataset: { period: point.period } }, cells);
  });
  const table = dataTable({
    caption: t.bandsCaption(focusLabel),
    columns: [{ label: t.period }, ...BANDS.map((band) => ({ label: t.bandNames[band], number: true }))],
    rows, testid: 'table-bands',
  });
  const element = figureSection(t, {
    name: 'bands', heading, intro: t.bandsIntro, testid: 'section-bands', chart: box,
    notes: [], table, csv, // the periods without figures are named once, under the trend
  });
  const draw = () => {
    const colours = palette();
    const labels = focus.points.map((point) => formatPeriod(point.period, language));
    const datasets = BANDS.map((band) => ({
      label: t.bandNames[band],
      data: focus.points.map((point) => (hasFigures(point) && point.bands ? point.bands[band]?.percent ?? 0 : null)),
      backgroundColor: colours.bands[band],
      borderColor: '#ffffff',
      borderWidth: 1,
    }));
    drawChart(canvas, 'bar', { labels, datasets }, {
      language, stacked: true, yMin: 0, yMax: 100, yTitle: t.percentAxis,
      extra: {
        plugins: {
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label}: ${formatNumber(item.raw, language)} %` },
          },
        },
      },
    });
  };
  return { element, draw: () => whenAttached(canvas, draw) };
}

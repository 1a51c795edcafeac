// One round: the mean points per question of the chosen group (the organisation beside a team), and the round
// against another one per group, with the difference and its 95 % interval, flagged only when significant.

import { el } from '../../../../js/dom.js';
import * as api from '../../api.js';
import { drawChart, palette, translucent } from '../../charts.js';
import { formatChange, formatNumber } from '../../texts.js';
import {
  chartBox, chartLines, csvLink, dataTable, figureSection, gapNotes, hasFigures, interval, mean, notReleasedCell,
  notReleasedText, numberCell, questionsInFull, whenAttached,
} from './common.js';

const DEFAULT_QUESTIONS = 6;

function groupLabel(t, group) {
  return group.key === 'organisation' ? t.organisation : group.label;
}

/** The number of questions and the points one question can give, from the total score's scale. */
function questionScale(report) {
  const group = [report.organisation, ...(report.teams ?? [])].find((item) => item?.questions?.length > 0);
  const count = group ? group.questions.length : DEFAULT_QUESTIONS;
  const scale = report.scale ?? { min: 6, max: 30 };
  return { count, min: scale.min / count, max: scale.max / count };
}

export function questionsSection(ctx, organisationId, report, filters) {
  const { t, language } = ctx;
  const minimum = report.provenance?.minimumGroupSize;
  const roundName = report.round.name;
  const heading = t.questionsHeading;
  const csv = csvLink(t, api.roundReportUrl(organisationId, report.round.id, 'csv'), 'round', 'csv-round', ctx.language);
  const teamGroup = filters.team ? (report.teams ?? []).find((group) => group.teamId === filters.team) : null;
  if (filters.team && !teamGroup) {
    return {
      element: figureSection(t, {
        name: 'questions', heading, testid: 'section-questions',
        table: el('p', { class: 'empty', dataset: { testid: 'table-questions' } }, t.teamNotInRound), csv,
      }),
      draw: () => {},
    };
  }
  const focus = teamGroup ?? report.organisation;
  const reference = teamGroup && report.organisation ? report.organisation : null;
  const { count, min, max } = questionScale(report);
  const questions = Array.from({ length: count }, (_, index) => index + 1);
  const points = (group, question) => (hasFigures(group)
    ? group.questions.find((item) => item.question === question)?.meanPoints ?? null : null);
  const focusLabel = groupLabel(t, focus);
  const notFigured = (group) => notReleasedText(t, group, minimum, report.round);
  const { box, canvas } = chartBox(t, {
    testid: 'chart-questions', label: t.questionsChartLabel(focusLabel, roundName),
    cover: hasFigures(focus) ? null : notFigured(focus),
  });

  const columns = [{ label: t.questionColumn }, { label: focusLabel, number: true }];
  if (reference) {
    columns.push({ label: t.referenceSuffix(t.organisation), number: true });
  }
  const rows = questions.map((question) => {
    const cells = [el('th', { scope: 'row', 'data-label': columns[0].label }, ctx.questionTopic(question))];
    cells.push(hasFigures(focus) ? numberCell(formatNumber(points(focus, question), language), focusLabel)
      : notReleasedCell(t, t.notReleasedShort, { label: focusLabel }));
    if (reference) {
      const label = t.referenceSuffix(t.organisation);
      cells.push(hasFigures(reference) ? numberCell(formatNumber(points(reference, question), language), label)
        : notReleasedCell(t, t.notReleasedShort, { label }));
    }
    return el('tr', { dataset: { question: String(question) } }, cells);
  });
  const table = dataTable({ caption: t.questionsCaption(focusLabel, roundName), columns, rows, testid: 'table-questions' });
  const facts = hasFigures(focus)
    ? el('p', { class: 'dash-facts', dataset: { testid: 'round-facts' } },
      el('strong', {}, `${focusLabel}: `),
      `${t.mean} ${mean(focus.mean, language)}`,
      focus.ci95 ? ` (${t.ci95} ${interval(t, focus.ci95, language)})` : '',
      ` · ${t.roundFacts(focus.n)}`)
    : null;
  const gapItems = [focus, reference].filter((group) => group && !hasFigures(group))
    .map((group) => [groupLabel(t, group), notFigured(group)]);
  const element = figureSection(t, {
    name: 'questions', heading, intro: t.questionsIntro(formatNumber(min, language, 0), formatNumber(max, language, 0)),
    testid: 'section-questions', chart: box,
    notes: [facts, gapNotes(t, t.roundGaps(roundName), gapItems, 'questions-gaps'),
      questionsInFull(ctx, questions, 'questions-in-full')], table, csv,
  });
  const draw = () => {
    const colours = palette();
    const datasets = [{
      label: focusLabel, data: questions.map((question) => points(focus, question)),
      backgroundColor: colours.accent, borderColor: colours.accent,
    }];
    if (reference) {
      datasets.push({
        label: t.referenceSuffix(t.organisation), data: questions.map((question) => points(reference, question)),
        backgroundColor: translucent(colours.reference, 35), borderColor: colours.reference, borderWidth: 2,
      });
    }
    drawChart(canvas, 'bar', { labels: questions.map((question) => chartLines(ctx.questionTopic(question))), datasets }, {
      language, yMin: min, yMax: max, yTitle: t.pointsAxis, legend: Boolean(reference),
    });
  };
  return { element, draw: () => whenAttached(canvas, draw) };
}

function significanceText(t, difference) {
  if (!difference) {
    return t.noDifference;
  }
  if (!difference.significant) {
    return t.notSignificant;
  }
  return difference.mean > 0 ? t.significantHigher : t.significantLower;
}

export function comparisonSection(ctx, organisationId, report, filters = null) {
  const { t, language } = ctx;
  const minimum = report.provenance?.minimumGroupSize;
  const roundName = report.round.name;
  const withName = report.with.name;
  const csv = csvLink(t, api.comparisonUrl(organisationId, report.round.id, report.with.id, 'csv'), 'comparison',
    'csv-comparison', ctx.language);
  // with a team chosen: that team beside the organisation (every team: "Alle teams" in the filters)
  const all = report.groups ?? [];
  const groups = filters?.team ? all.filter((group) => group.key === 'organisation' || group.teamId === filters.team)
    : all;
  const label = (group) => {
    const name = groupLabel(t, group);
    if (!hasFigures(group.round) || !hasFigures(group.with)) {
      return `${name} (${t.notReleasedShort})`;
    }
    return group.difference?.significant ? `${name} ${t.significantMark}` : name;
  };
  const { box, canvas } = chartBox(t, {
    testid: 'chart-comparison', label: t.comparisonChartLabel(roundName, withName), tall: groups.length > 6,
  });
  const legendId = `comparison-legend-${report.round.id}`;
  const legend = el('p', { class: 'dash-legend', id: legendId, dataset: { testid: 'significance-legend' } },
    t.significanceLegend);
  const side = (group, name) => (hasFigures(group) ? numberCell(mean(group.mean, language), name)
    : notReleasedCell(t, t.notReleasedShort, { label: name }));
  const rows = groups.map((group) => {
    const difference = group.difference;
    const significant = Boolean(difference?.significant);
    return el('tr', { class: significant ? 'dash-significant' : null,
      dataset: { group: group.key, significant: String(significant) } },
    el('th', { scope: 'row', 'data-label': t.group }, groupLabel(t, group),
      significant ? el('span', { class: 'dash-mark' }, ` ${t.significantMark}`) : null),
    side(group.with, withName),
    side(group.round, roundName),
    numberCell(difference ? formatChange(difference.mean, language) : '', t.difference),
    numberCell(difference ? interval(t, difference.ci95, language) : '', t.ci95),
    el('td', { 'data-label': t.significance, dataset: { testid: 'comparison-significance' } },
      significant ? el('strong', {}, significanceText(t, difference)) : significanceText(t, difference)));
  });
  const table = dataTable({
    caption: t.comparisonCaption(roundName, withName),
    columns: [
      { label: t.group }, { label: withName, number: true }, { label: roundName, number: true },
      { label: t.difference, number: true }, { label: t.ci95, number: true }, { label: t.significance },
    ],
    rows, testid: 'table-comparison',
  });
  table.setAttribute('aria-describedby', legendId);
  const gapItems = [];
  for (const group of groups) {
    for (const [side, name, round] of [[group.with, withName, report.with], [group.round, roundName, report.round]]) {
      if (!hasFigures(side)) {
        gapItems.push([`${groupLabel(t, group)}, ${name}`, notReleasedText(t, { ...side, teamId: group.teamId }, minimum,
          round)]);
      }
    }
  }
  const element = figureSection(t, {
    name: 'comparison', heading: t.comparisonHeading, intro: t.comparisonIntro(roundName, withName),
    testid: 'section-comparison', chart: box,
    notes: [legend, gapNotes(t, t.comparisonGaps, gapItems, 'comparison-gaps')], table, csv,
  });
  const draw = () => {
    const colours = palette();
    const value = (group) => (hasFigures(group) ? group.mean : null);
    const scale = report.scale ?? { min: 6, max: 30 };
    drawChart(canvas, 'bar', {
      labels: groups.map(label),
      datasets: [
        { label: withName, data: groups.map((group) => value(group.with)),
          backgroundColor: translucent(colours.accent, 30), borderColor: colours.accent, borderWidth: 1 },
        { label: roundName, data: groups.map((group) => value(group.round)),
          backgroundColor: colours.accent, borderColor: colours.accent, borderWidth: 1 },
      ],
    }, {
      language, yMin: scale.min, yMax: scale.max, yTitle: t.scoreAxis,
      extra: {
        plugins: {
          tooltip: {
            callbacks: {
              footer: (items) => {
                const difference = groups[items[0]?.dataIndex]?.difference;
                return difference ? `${t.difference} ${formatChange(difference.mean, language)} `
                  + `(${interval(t, difference.ci95, language)}); ${t.significance.toLowerCase()}: `
                  + `${significanceText(t, difference)}` : t.noDifference;
              },
            },
          },
        },
      },
    });
  };
  return { element, draw: () => whenAttached(canvas, draw) };
}

// Thin wrappers around Chart.js (the UMD build from the WebJar, loaded by index.html as window.Chart): the
// dashboard's line, bar and stacked bar charts in the page's colours and font, without animation (a report, and
// a printout, shows the final picture at once). A chart marks its canvas data-drawn="true" once Chart.js has drawn
// it. Colours go in through Chart.js's options (canvas drawing), never through style attributes.

/** The charts on view; a chart whose canvas left the page is destroyed at the next drawing. */
const charts = new Set();

export function chartsAvailable() {
  return typeof window.Chart === 'function';
}

/** A colour of klantspiegel.css (a custom property on :root), or the fallback. */
function cssColour(name, fallback) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** The colours the charts share, read from the style sheet so that the page and the charts agree. */
export function palette() {
  return {
    text: cssColour('--text', '#1b2733'),
    muted: cssColour('--muted', '#4a5a6a'),
    grid: cssColour('--border', '#cfd8e1'),
    accent: cssColour('--accent', '#14507a'),
    accentSoft: 'rgb(20 80 122 / 18%)',
    reference: '#6b4c9a',
    other: ['#0f7b6c', '#b45309', '#6b4c9a', '#9d174d', '#1d4ed8', '#4d7c0f'],
    bands: {
      LOW: cssColour('--band-low', '#a4262c'),
      AVERAGE: cssColour('--band-average', '#8a5a00'),
      HIGH: cssColour('--band-high', '#1d6b3a'),
    },
  };
}

/** "#a4262c" with an opacity, as "rgb(164 38 44 / 12%)". */
export function translucent(hex, percent) {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) {
    return hex;
  }
  const [r, g, b] = match.slice(1).map((part) => Number.parseInt(part, 16));
  return `rgb(${r} ${g} ${b} / ${percent}%)`;
}

/**
 * Draws the score bands (low, average, high) as light areas behind the data, each with its name at the right:
 * options.plugins.bandAreas = { areas: [{ from, to, colour, label }] } in the y scale's values.
 */
const bandAreas = {
  id: 'bandAreas',
  beforeDatasetsDraw(chart, args, options) {
    eachArea(chart, options, (ctx, area, top, bottom, chartArea) => {
      ctx.fillStyle = area.fill;
      ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
      ctx.strokeStyle = area.colour;
      ctx.setLineDash([4, 4]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(chartArea.left, top);
      ctx.lineTo(chartArea.right, top);
      ctx.stroke();
      ctx.setLineDash([]);
    });
  },
  // the names in a margin right of the plot (kept free by the layout's padding), never over a point or a line
  afterDatasetsDraw(chart, args, options) {
    eachArea(chart, options, (ctx, area, top, bottom, chartArea) => {
      ctx.font = `600 ${LABEL_FONT_PX}px ${chart.options.font?.family ?? 'sans-serif'}`;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = area.colour;
      ctx.fillText(area.label, chartArea.right + 6, (top + bottom) / 2);
    });
  },
};

const LABEL_FONT_PX = 12;

/** The margin right of the plot for the bands' names: the longest name at about 0.62 em a letter, and a gap. */
function bandLabelMargin(areas) {
  const longest = Math.max(0, ...areas.map((area) => String(area.label).length));
  return longest === 0 ? 0 : Math.ceil(longest * LABEL_FONT_PX * 0.62) + 12;
}

/** Calls draw for every band area that is (partly) inside the chart, with the context saved around it all. */
function eachArea(chart, options, draw) {
  const areas = options?.areas ?? [];
  const { ctx, chartArea, scales } = chart;
  if (areas.length === 0 || !scales.y || !chartArea) {
    return;
  }
  ctx.save();
  for (const area of areas) {
    const top = Math.max(chartArea.top, scales.y.getPixelForValue(area.to));
    const bottom = Math.min(chartArea.bottom, scales.y.getPixelForValue(area.from));
    if (bottom > top) {
      draw(ctx, area, top, bottom, chartArea);
    }
  }
  ctx.restore();
}

/** Marks the canvas once Chart.js has drawn it (a browser test waits for data-drawn="true"). */
const drawnMarker = {
  id: 'drawnMarker',
  afterRender(chart) {
    chart.canvas.dataset.drawn = 'true';
  },
};

function sweep() {
  for (const chart of charts) {
    if (!chart.canvas?.isConnected) {
      chart.destroy();
      charts.delete(chart);
    }
  }
}

/** Destroys every chart inside `root` (before its canvases are replaced). */
export function destroyCharts(root) {
  for (const chart of charts) {
    if (!chart.canvas || !chart.canvas.isConnected || root.contains(chart.canvas)) {
      chart.destroy();
      charts.delete(chart);
    }
  }
}

function baseOptions({ language, yTitle = null, yMin = null, yMax = null, stacked = false, legend = true, indexAxis = 'x' }) {
  const colours = palette();
  const number = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis,
    locale: language === 'en' ? 'en-GB' : 'nl-NL',
    font: { family: getComputedStyle(document.body).fontFamily },
    color: colours.text,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { stacked, grid: { color: colours.grid }, ticks: { color: colours.text } },
      y: {
        stacked,
        min: yMin ?? undefined,
        max: yMax ?? undefined,
        grid: { color: colours.grid },
        ticks: { color: colours.text, callback: (value) => number.format(value) },
        title: yTitle ? { display: true, text: yTitle, color: colours.muted } : { display: false },
      },
    },
    plugins: {
      legend: { display: legend, labels: { color: colours.text, boxWidth: 14 } },
      tooltip: { enabled: true },
    },
  };
}

function merge(target, extra) {
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value && typeof value === 'object' && !Array.isArray(value) && target[key] && typeof target[key] === 'object') {
      merge(target[key], value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

/**
 * Draws a chart on `canvas`.
 * @param type 'line' | 'bar'
 * @param data { labels, datasets } as Chart.js takes them
 * @param options { language, yTitle, yMin, yMax, stacked, legend, indexAxis, areas, extra (more Chart.js options) }
 */
export function drawChart(canvas, type, data, options) {
  sweep();
  if (!chartsAvailable()) {
    return null;
  }
  for (const chart of charts) { // drawn again (a team laid over): the canvas's chart before goes
    if (chart.canvas === canvas) {
      chart.destroy();
      charts.delete(chart);
    }
  }
  const config = merge(baseOptions(options), options.extra);
  config.plugins.bandAreas = { areas: options.areas ?? [] };
  if ((options.areas ?? []).length > 0) {
    config.layout = { ...(config.layout ?? {}), padding: { ...(config.layout?.padding ?? {}), right: bandLabelMargin(options.areas) } };
  }
  const chart = new window.Chart(canvas, { type, data, options: config, plugins: [bandAreas, drawnMarker] });
  charts.add(chart);
  return chart;
}

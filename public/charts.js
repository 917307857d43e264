// @ts-check
// Chart.js (served at /vendor/chart.umd.js as a classic script, so window.Chart) and the one
// chart shape the page draws twice: tone over time, for every side and for a picked pair.
import { formatWhen } from './dom.js';

/** @typedef {import('chart.js').ChartConfiguration} ChartConfiguration */
/** @typedef {import('chart.js').Chart} ChartInstance */

/** @type {typeof import('chart.js').Chart} */
const Chart = /** @type {{ Chart: typeof import('chart.js').Chart }} */ (
  /** @type {unknown} */ (window)
).Chart;

/** @type {Map<string, ChartInstance>} */
const charts = new Map();

/**
 * Draws (or redraws) the chart of a canvas.
 * @param {string} id the canvas's id
 * @param {ChartConfiguration} config
 */
export function drawChart(id, config) {
  removeChart(id);
  const canvas = document.getElementById(id);
  if (!(canvas instanceof HTMLCanvasElement)) throw new Error(`the page has no canvas #${id}`);
  charts.set(id, new Chart(canvas, config));
}

/** @param {string} id the canvas's id */
export function removeChart(id) {
  charts.get(id)?.destroy();
  charts.delete(id);
}

/**
 * A bucket's label: a time with its zone for hours, the day otherwise.
 * @param {string} iso
 * @param {string} bucket
 */
export function bucketLabel(iso, bucket) {
  return bucket === 'hour' ? formatWhen(iso) : formatWhen(iso, false);
}

/**
 * A point's size follows the paragraphs it rests on: a day of one paragraph is a dot.
 * @param {number} paragraphs
 */
export function pointSize(paragraphs) {
  return paragraphs === 0 ? 0 : Math.min(9, 1.5 + Math.sqrt(paragraphs));
}

/**
 * @typedef {object} ToneLine
 * @property {string} label
 * @property {string} colour
 * @property {(number | null)[]} meanTone per bucket; null for a bucket without paragraphs
 * @property {number[]} paragraphs per bucket
 */

/**
 * Mean tone per bucket as lines (an empty bucket is a gap, not a line drawn across it;
 * straight segments, no overshoot; each point sized by its paragraphs), and the paragraphs
 * per bucket as bars on a second axis.
 * @param {string[]} labels one per bucket
 * @param {ToneLine[]} lines
 * @param {number[]} volume paragraphs per bucket, of all the lines
 * @returns {ChartConfiguration}
 */
export function toneOverTime(labels, lines, volume) {
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        ...lines.map((line) => ({
          label: line.label,
          data: line.meanTone,
          borderColor: line.colour,
          backgroundColor: line.colour,
          spanGaps: false,
          tension: 0,
          pointRadius: line.paragraphs.map(pointSize),
          pointHoverRadius: line.paragraphs.map((n) => pointSize(n) + 2),
          yAxisID: 'y',
        })),
        /** @type {import('chart.js').ChartDataset<'line'>} */ (
          /** @type {unknown} */ ({
            type: 'bar',
            label: 'paragraphs',
            data: volume,
            backgroundColor: 'rgba(100, 116, 139, 0.18)',
            borderWidth: 0,
            yAxisID: 'volume',
            order: 10,
          })
        ),
      ],
    },
    options: {
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        y: { suggestedMin: -0.5, suggestedMax: 0.5, title: { display: true, text: 'mean tone' } },
        volume: {
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          ticks: { precision: 0 },
          title: { display: true, text: 'paragraphs' },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            // how many paragraphs each point rests on
            afterLabel: (item) =>
              item.datasetIndex < lines.length
                ? `${lines[item.datasetIndex].paragraphs[item.dataIndex]} paragraphs`
                : '',
          },
        },
      },
    },
  };
}

// @ts-check
// How each side speaks about the other: the matrix, and the picked pair's tone over time.
import { askForKey, NeedsKey } from './api.js';
import { sideColour, sideLabel } from './catalogue.js';
import { bucketLabel, drawChart, removeChart, toneOverTime } from './charts.js';
import { byId, clear, el, formatShare, formatTone, onActivate } from './dom.js';
import { pickedBucket, readFiltered } from './filters.js';

/** @typedef {import('./types.js').Pair} Pair */

/**
 * The pair picked in the matrix, kept across refreshes while the monitor has it.
 * @type {Pair | null}
 */
let pickedPair = null;

/** @returns {Pair | null} */
export function currentPair() {
  return pickedPair;
}

/** @param {string | null} target */
function targetLabel(target) {
  return target === null ? 'No side named' : sideLabel(target);
}

/** @param {string | null} target the value of data-target and of the API's `target` */
function targetParam(target) {
  return target === null ? '-' : target;
}

/**
 * A cell's background: red for a negative mean tone, green for a positive one, stronger
 * further from 0.
 * @param {number | null} tone
 */
function toneBackground(tone) {
  if (tone === null) return '';
  const strength = Math.min(1, Math.abs(tone) / 0.5);
  const alpha = (0.08 + 0.5 * strength).toFixed(2);
  return tone < 0 ? `rgba(220, 38, 38, ${alpha})` : `rgba(22, 163, 74, ${alpha})`;
}

/** @param {import('./types.js').DirectionalCell} c */
function cellView(c) {
  const cell = el(
    'td',
    {
      className: c.paragraphs === 0 ? 'cell empty' : 'cell',
      attrs: {
        'data-side': c.side,
        'data-target': targetParam(c.target),
        tabindex: '0',
        role: 'button',
        title: `${sideLabel(c.side)} about ${targetLabel(c.target)}: ${c.paragraphs} paragraphs, ${formatShare(c.negativeShare)} negative, ${formatShare(c.positiveShare)} positive`,
      },
      style: { background: toneBackground(c.meanTone) },
    },
    [
      el('span', { className: 'cell-tone', text: formatTone(c.meanTone) }),
      el('span', { className: 'cell-count', text: `${c.paragraphs} ¶` }),
    ],
  );
  onActivate(cell, () => void loadPair(c.side, c.target));
  return cell;
}

/** @param {import('./types.js').DirectionalMatrix} matrix */
export function renderDirectional(matrix) {
  const table = clear(byId('directional-table'));
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: 'speaks about →' }),
        ...matrix.targets.map((t) =>
          el('th', {
            className: 'target',
            text: targetLabel(t),
            style: { borderLeftColor: t === null ? '' : sideColour(t) },
          }),
        ),
      ]),
    ]),
    el(
      'tbody',
      {},
      matrix.speakers.map((side) =>
        el('tr', {}, [
          el('th', {
            className: 'speaker',
            text: sideLabel(side),
            style: { borderLeftColor: sideColour(side) },
          }),
          ...matrix.cells.filter((c) => c.side === side).map(cellView),
        ]),
      ),
    ),
  );
  // keep the picked pair if this matrix has it, else show the busiest cell (one about a side first)
  /** @param {Pair | null} p */
  const has = (p) => p && matrix.cells.some((c) => c.side === p.side && c.target === p.target);
  if (!has(pickedPair)) {
    const busiest = matrix.cells
      .filter((c) => c.paragraphs > 0)
      .sort(
        (a, b) =>
          Number(a.target === null) - Number(b.target === null) || b.paragraphs - a.paragraphs,
      )[0];
    pickedPair = busiest ? { side: busiest.side, target: busiest.target } : null;
  }
  if (!pickedPair) {
    byId('pair-title').textContent = 'No paragraphs in this period.';
    removeChart('pair-chart');
  }
}

/**
 * The picked pair's mean tone per bucket (and paragraphs as bars), from the directional
 * timeseries.
 * @param {string} side
 * @param {string | null} target
 */
export async function loadPair(side, target) {
  pickedPair = { side, target };
  for (const cell of document.querySelectorAll('#directional-table td.cell')) {
    if (!(cell instanceof HTMLElement)) continue;
    const picked = cell.dataset.side === side && cell.dataset.target === targetParam(target);
    cell.classList.toggle('picked', picked);
  }
  const title = byId('pair-title');
  try {
    const series = await readFiltered('/api/tone/directional/timeseries', {
      bucket: pickedBucket(),
      side,
      target: targetParam(target),
    });
    const pair = series.series[0];
    title.textContent = `${sideLabel(side)} about ${targetLabel(target)}, over time`;
    const line = {
      label: `${sideLabel(side)} → ${targetLabel(target)}`,
      colour: sideColour(side),
      meanTone: pair.meanTone,
      paragraphs: pair.paragraphs,
    };
    const labels = series.buckets.map((b) => bucketLabel(b, series.bucket));
    drawChart('pair-chart', toneOverTime(labels, [line], pair.paragraphs));
  } catch (error) {
    if (error instanceof NeedsKey) return askForKey();
    title.textContent = error instanceof Error ? error.message : String(error);
  }
}

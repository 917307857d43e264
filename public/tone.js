// @ts-check
// Tone by side (the summary cards and the legend) and tone over time.
import { sideColour, sideLabel } from './catalogue.js';
import { bucketLabel, drawChart, toneOverTime } from './charts.js';
import { byId, clear, el, formatShare, formatTone, formatWhen } from './dom.js';

/**
 * How the side's wire reprints were counted: folded into their first print, or included.
 * @param {string} syndication
 * @param {import('./types.js').Reprints} reprints
 */
function reprintsLine(syndication, reprints) {
  const copies = `${reprints.articles} wire reprint${reprints.articles === 1 ? '' : 's'}`;
  return syndication === 'all' ? `including ${copies}` : `${copies} folded`;
}

/** @param {import('./types.js').ToneSummary} summary */
export function renderSummary(summary) {
  const from = new Date(summary.period.from);
  const to = new Date(summary.period.to);
  // the API's end is exclusive; people read the last day included
  const lastDay = new Date(to.getTime() - 1).toISOString();
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
  byId('summary-period').textContent =
    `${formatWhen(summary.period.from, false)} – ${formatWhen(lastDay, false)}, compared with the ${days} days before`;
  const cards = clear(byId('summary-cards'));
  for (const s of summary.sides) {
    const change = s.change.meanTone;
    const arrow = change === null ? '' : change > 0.005 ? '▲' : change < -0.005 ? '▼' : '▶';
    /** @param {'positive' | 'neutral' | 'negative'} kind @param {number | null} share */
    const part = (kind, share) =>
      el('span', { className: kind, style: { width: formatShare(share || 0) } });
    const bar = el(
      'div',
      { className: 'share-bar', attrs: { title: 'positive / neutral / negative' } },
      [
        part('positive', s.current.positiveShare),
        part('neutral', s.current.neutralShare),
        part('negative', s.current.negativeShare),
      ],
    );
    cards.append(
      el(
        'article',
        {
          className: 'card',
          attrs: { 'data-side': s.side },
          style: { borderTopColor: sideColour(s.side) },
        },
        [
          el('h3', { text: sideLabel(s.side) }),
          el('p', {
            className: 'big',
            text: formatTone(s.current.meanTone),
            attrs: { 'data-field': 'meanTone' },
          }),
          el('p', { className: 'change', text: `${arrow} ${formatTone(change)} vs before` }),
          el('p', {
            className: 'counts',
            text: `${s.current.paragraphs} paragraphs · ${s.current.articles} articles`,
            attrs: { 'data-field': 'paragraphs' },
          }),
          el('p', {
            className: 'reprints',
            text: reprintsLine(summary.syndication, s.reprints),
            attrs: { 'data-field': 'reprints' },
          }),
          bar,
          el('p', {
            className: 'shares',
            text: `${formatShare(s.current.positiveShare)} positive · ${formatShare(s.current.negativeShare)} negative`,
          }),
        ],
      ),
    );
  }
  clear(byId('legend')).append(
    ...summary.sides.map(({ side }) =>
      el('span', {
        className: 'legend-item',
        text: sideLabel(side),
        style: { borderColor: sideColour(side) },
      }),
    ),
  );
}

/** @param {import('./types.js').ToneTimeseries} series */
export function renderTimeseries(series) {
  const labels = series.buckets.map((b) => bucketLabel(b, series.bucket));
  const volume = series.buckets.map((_, i) =>
    series.series.reduce((sum, s) => sum + s.paragraphs[i], 0),
  );
  const lines = series.series.map((s) => ({
    label: sideLabel(s.side),
    colour: sideColour(s.side),
    meanTone: s.meanTone,
    paragraphs: s.paragraphs,
  }));
  drawChart('tone-chart', toneOverTime(labels, lines, volume));
  const table = clear(byId('tone-table'));
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: 'Bucket' }),
        ...lines.map((l) => el('th', { text: l.label })),
      ]),
    ]),
    el(
      'tbody',
      {},
      labels.map((label, i) =>
        el('tr', {}, [
          el('td', { text: label }),
          ...series.series.map((s) =>
            el('td', { text: `${formatTone(s.meanTone[i])} (${s.paragraphs[i]})` }),
          ),
        ]),
      ),
    ),
  );
}

// @ts-check
// The outlets and the sides they carry; the Source filter lists every outlet seen.
import { sideColour, sideLabel } from './catalogue.js';
import { drawChart } from './charts.js';
import { byId, clear, el, formatTone, selectField } from './dom.js';
import { filtersForm } from './filters.js';

/** @param {import('./types.js').SourcesBreakdown} breakdown */
export function renderSources(breakdown) {
  const sources = breakdown.sources.slice(0, 12);
  const sides = sources[0] ? sources[0].sides.map((s) => s.side) : [];
  const box = byId('sources-chart').parentElement;
  if (box) box.style.height = `${Math.max(160, 60 + sources.length * 26)}px`;
  drawChart('sources-chart', {
    type: 'bar',
    data: {
      labels: sources.map((s) => s.source || '(no source)'),
      datasets: sides.map((side, index) => ({
        label: sideLabel(side),
        data: sources.map((s) => s.sides[index].paragraphs),
        backgroundColor: sideColour(side),
      })),
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      // autoSkip would drop every other outlet's name when the bars are close together.
      scales: {
        x: { stacked: true, ticks: { precision: 0 } },
        y: { stacked: true, ticks: { autoSkip: false } },
      },
    },
  });
  clear(byId('sources-table')).append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: 'Source' }),
        el('th', { text: 'Paragraphs' }),
        ...sides.map((s) => el('th', { text: `${sideLabel(s)} tone` })),
      ]),
    ]),
    el(
      'tbody',
      {},
      sources.map((s) =>
        el('tr', {}, [
          el('td', { text: s.source || '(no source)' }),
          el('td', { text: s.paragraphs }),
          ...s.sides.map((side) => el('td', { text: formatTone(side.meanTone) })),
        ]),
      ),
    ),
  );
  const select = selectField(filtersForm(), 'source');
  const chosen = select.value;
  const known = new Set([...select.options].map((o) => o.value));
  for (const s of breakdown.sources) {
    if (s.source && !known.has(s.source))
      select.append(el('option', { text: s.source, attrs: { value: s.source } }));
  }
  select.value = chosen;
}

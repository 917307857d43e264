// Tonewatch dashboard. Plain browser JavaScript over the REST API; every piece of stored
// text reaches the page through textContent, never as HTML.
'use strict';

const KEY_STORAGE = 'tonewatch.readKey';
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const charts = {};

// Labels and colours of every side come from GET /api/monitors (the monitor files), never from
// the page: a deployment's own monitor is drawn in its own colours.
let catalogue = { monitors: [], otherVoices: [] };

// Label, polarity and meaning of every frame id, from GET /api/frames (the framing lexicon).
let frameInfo = new Map();

/** @param {string} id */
function frameLabel(id) {
  const info = frameInfo.get(id);
  return info ? info.label : id;
}

const POLARITY_MARK = { 1: '+', 0: '·', '-1': '−' };
const POLARITY_WORD = { 1: 'warm', 0: 'neither warm nor cold', '-1': 'cold' };

/** The side's label and colour: the picked monitor first, then any monitor, then mixed/neutral. */
function voice(side) {
  const picked = document.getElementById('filters').elements.monitor.value;
  const monitors = [...catalogue.monitors].sort((a, b) => (b.id === picked) - (a.id === picked));
  for (const monitor of monitors) {
    const found = monitor.sides.find((s) => s.id === side);
    if (found) return found;
  }
  return catalogue.otherVoices.find((s) => s.id === side) || null;
}

function sideColour(side) {
  const found = voice(side);
  return found ? found.colour : 'gray';
}

function sideLabel(side) {
  const found = voice(side);
  return found ? found.label : side;
}

/** Builds an element; `text` becomes a text node, so markup in data stays text. */
function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
  if (options.style) Object.assign(node.style, options.style);
  for (const child of children) if (child) node.append(child);
  return node;
}

function clear(node) {
  node.replaceChildren();
  return node;
}

function formatTone(value) {
  if (value === null || value === undefined) return '–';
  return (value > 0 ? '+' : '') + value.toFixed(3);
}

function formatShare(value) {
  return value === null || value === undefined ? '–' : `${Math.round(value * 100)}%`;
}

/** A time with its zone (`Mar 10, 2025, 10:30 AM UTC`), or a day in the page's zone. */
function formatWhen(iso, withTime = true) {
  if (!withTime) {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone }).format(
      new Date(iso),
    );
  }
  const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone }).format(
    new Date(iso),
  );
  const time = new Intl.DateTimeFormat(undefined, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
  return `${date}, ${time}`;
}

function setStatus(message, isError = false) {
  const status = document.getElementById('status');
  status.textContent = message;
  status.classList.toggle('error', isError);
}

// ---------------------------------------------------------------- API access

class NeedsKey extends Error {
  /** @param {boolean} refused a key was sent and the API refused it */
  constructor(refused) {
    super(refused ? 'the read key was refused' : 'a read key is needed');
    this.refused = refused;
  }
}

async function api(path, accept = 'application/json') {
  const headers = { accept };
  const key = localStorage.getItem(KEY_STORAGE);
  if (key) headers['x-api-key'] = key;
  const response = await fetch(path, { headers });
  if (response.status === 401) throw new NeedsKey(Boolean(key));
  return response;
}

async function apiJson(path) {
  const response = await api(path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    throw new Error(message || `${path} answered ${response.status}`);
  }
  return body;
}

function askForKey() {
  const form = document.getElementById('key-form');
  form.hidden = false;
  form.elements.key.focus();
}

// ---------------------------------------------------------------- filters

function filterParams() {
  const form = document.getElementById('filters');
  const params = new URLSearchParams({ tz: timeZone });
  const from = form.elements.from.value;
  const to = form.elements.to.value;
  if (from) params.set('from', from);
  // the To date is inclusive on the page, exclusive in the API
  if (to) {
    const next = new Date(`${to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    params.set('to', next.toISOString().slice(0, 10));
  }
  const source = form.elements.source.value;
  if (source) params.set('source', source);
  const monitor = form.elements.monitor.value;
  if (monitor) params.set('monitor', monitor);
  return params;
}

/** Fills the monitor picker once; the URL's ?monitor= or the deployment's default is selected. */
async function loadMonitors() {
  const select = document.getElementById('filters').elements.monitor;
  if (select.options.length > 0) return;
  const { monitors, otherVoices, defaultMonitor } = await apiJson('/api/monitors');
  catalogue = { monitors, otherVoices };
  const { frames } = await apiJson('/api/frames');
  frameInfo = new Map(frames.map((frame) => [frame.id, frame]));
  const wanted = new URLSearchParams(location.search).get('monitor') || defaultMonitor;
  for (const monitor of monitors) {
    const option = el('option', { text: monitor.label });
    option.value = monitor.id;
    option.selected = monitor.id === wanted;
    select.append(option);
  }
}

/** Writes the filters to the address bar (?monitor=&from=&to=&bucket=&source=), as the page reads them. */
function writeUrlState() {
  const form = document.getElementById('filters');
  const query = new URLSearchParams();
  for (const name of ['monitor', 'from', 'to', 'bucket', 'source']) {
    const value = form.elements[name] && form.elements[name].value;
    if (value) query.set(name, value);
  }
  const url = `${location.pathname}?${query}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) {
    history.replaceState(null, '', url);
  }
}

function withParams(path, extra = {}) {
  const params = filterParams();
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return `${path}?${params}`;
}

function initialiseDates() {
  const form = document.getElementById('filters');
  const today = new Date();
  const from = new Date(today.getTime() - 29 * 86_400_000);
  const local = (d) =>
    new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  const query = new URLSearchParams(location.search);
  form.elements.from.value = query.get('from') || local(from);
  form.elements.to.value = query.get('to') || local(today);
  if (query.get('bucket')) form.elements.bucket.value = query.get('bucket');
  if (query.get('source') && form.elements.source) form.elements.source.value = query.get('source');
}

// ---------------------------------------------------------------- panels

let sidesInOrder = [];

function renderSummary(summary) {
  sidesInOrder = summary.sides.map((s) => s.side);
  const from = new Date(summary.period.from);
  const to = new Date(summary.period.to);
  // the API's end is exclusive; people read the last day included
  const lastDay = new Date(to.getTime() - 1).toISOString();
  const days = Math.round((to - from) / 86_400_000);
  document.getElementById('summary-period').textContent =
    `${formatWhen(summary.period.from, false)} – ${formatWhen(lastDay, false)}, compared with the ${days} days before`;
  const cards = clear(document.getElementById('summary-cards'));
  summary.sides.forEach((s) => {
    const change = s.change.meanTone;
    const arrow = change === null ? '' : change > 0.005 ? '▲' : change < -0.005 ? '▼' : '▶';
    const bar = el(
      'div',
      { className: 'share-bar', attrs: { title: 'positive / neutral / negative' } },
      [
        el('span', {
          className: 'positive',
          style: { width: formatShare(s.current.positiveShare || 0) },
        }),
        el('span', {
          className: 'neutral',
          style: { width: formatShare(s.current.neutralShare || 0) },
        }),
        el('span', {
          className: 'negative',
          style: { width: formatShare(s.current.negativeShare || 0) },
        }),
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
          bar,
          el('p', {
            className: 'shares',
            text: `${formatShare(s.current.positiveShare)} positive · ${formatShare(s.current.negativeShare)} negative`,
          }),
        ],
      ),
    );
  });
  const legend = clear(document.getElementById('legend'));
  sidesInOrder.forEach((side) =>
    legend.append(
      el('span', {
        className: 'legend-item',
        text: sideLabel(side),
        style: { borderColor: sideColour(side) },
      }),
    ),
  );
}

function drawChart(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart(document.getElementById(id), config);
}

function bucketLabel(iso, bucket) {
  return bucket === 'hour' ? formatWhen(iso) : formatWhen(iso, false);
}

/** A point's size follows the paragraphs it rests on: a day of one paragraph is a dot. */
function pointSize(paragraphs) {
  return paragraphs === 0 ? 0 : Math.min(9, 1.5 + Math.sqrt(paragraphs));
}

function renderTimeseries(series) {
  const labels = series.buckets.map((b) => bucketLabel(b, series.bucket));
  const volume = series.buckets.map((_, i) =>
    series.series.reduce((sum, s) => sum + s.paragraphs[i], 0),
  );
  drawChart('tone-chart', {
    type: 'line',
    data: {
      labels,
      datasets: [
        ...series.series.map((s) => ({
          label: sideLabel(s.side),
          data: s.meanTone,
          borderColor: sideColour(s.side),
          backgroundColor: sideColour(s.side),
          // An empty bucket is a gap, not a line drawn across it; straight segments, no overshoot.
          spanGaps: false,
          tension: 0,
          pointRadius: s.paragraphs.map(pointSize),
          pointHoverRadius: s.paragraphs.map((n) => pointSize(n) + 2),
          yAxisID: 'y',
        })),
        {
          type: 'bar',
          label: 'paragraphs',
          data: volume,
          backgroundColor: 'rgba(100, 116, 139, 0.18)',
          borderWidth: 0,
          yAxisID: 'volume',
          order: 10,
        },
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
            afterLabel: (item) =>
              item.datasetIndex < series.series.length
                ? `${series.series[item.datasetIndex].paragraphs[item.dataIndex]} paragraphs`
                : '',
          },
        },
      },
    },
  });
  const table = clear(document.getElementById('tone-table'));
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: 'Bucket' }),
        ...series.series.map((s) => el('th', { text: sideLabel(s.side) })),
      ]),
    ]),
  );
  const body = el('tbody');
  series.buckets.forEach((bucket, i) => {
    body.append(
      el('tr', {}, [
        el('td', { text: labels[i] }),
        ...series.series.map((s) =>
          el('td', { text: `${formatTone(s.meanTone[i])} (${s.paragraphs[i]})` }),
        ),
      ]),
    );
  });
  table.append(body);
}

// ---------------------------------------------------------------- directional tone

/** The pair picked in the matrix, kept across refreshes while the monitor has it. */
let pickedPair = null;

function targetLabel(target) {
  return target === null ? 'No side named' : sideLabel(target);
}

/** A cell's background: red for a negative mean tone, green for a positive one, stronger further from 0. */
function toneBackground(tone) {
  if (tone === null) return '';
  const strength = Math.min(1, Math.abs(tone) / 0.5);
  const alpha = (0.08 + 0.5 * strength).toFixed(2);
  return tone < 0 ? `rgba(220, 38, 38, ${alpha})` : `rgba(22, 163, 74, ${alpha})`;
}

function renderDirectional(matrix) {
  const table = clear(document.getElementById('directional-table'));
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
  );
  const body = el('tbody');
  for (const side of matrix.speakers) {
    const cells = matrix.cells.filter((c) => c.side === side);
    body.append(
      el('tr', {}, [
        el('th', {
          className: 'speaker',
          text: sideLabel(side),
          style: { borderLeftColor: sideColour(side) },
        }),
        ...cells.map((c) => {
          const cell = el(
            'td',
            {
              className: c.paragraphs === 0 ? 'cell empty' : 'cell',
              attrs: {
                'data-side': c.side,
                'data-target': c.target === null ? '-' : c.target,
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
          const pick = () => void loadPair(c.side, c.target);
          cell.addEventListener('click', pick);
          cell.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              pick();
            }
          });
          return cell;
        }),
      ]),
    );
  }
  table.append(body);
  // keep the picked pair if this matrix has it, else show the busiest cell (one about a side first)
  const has = (p) => p && matrix.cells.some((c) => c.side === p.side && c.target === p.target);
  if (!has(pickedPair)) {
    const busiest = matrix.cells
      .filter((c) => c.paragraphs > 0)
      .sort((a, b) => (a.target === null) - (b.target === null) || b.paragraphs - a.paragraphs)[0];
    pickedPair = busiest ? { side: busiest.side, target: busiest.target } : null;
  }
  if (!pickedPair) {
    document.getElementById('pair-title').textContent = 'No paragraphs in this period.';
    if (charts['pair-chart']) charts['pair-chart'].destroy();
    delete charts['pair-chart'];
  }
}

/** The picked pair's mean tone per bucket (and paragraphs as bars), from the directional timeseries. */
async function loadPair(side, target) {
  pickedPair = { side, target };
  for (const cell of document.querySelectorAll('#directional-table td.cell')) {
    const picked =
      cell.dataset.side === side && cell.dataset.target === (target === null ? '-' : target);
    cell.classList.toggle('picked', picked);
  }
  const title = document.getElementById('pair-title');
  const bucket = document.getElementById('filters').elements.bucket.value;
  try {
    const series = await apiJson(
      withParams('/api/tone/directional/timeseries', {
        bucket,
        side,
        target: target === null ? '-' : target,
      }),
    );
    const pair = series.series[0];
    title.textContent = `${sideLabel(side)} about ${targetLabel(target)}, over time`;
    drawChart('pair-chart', {
      type: 'line',
      data: {
        labels: series.buckets.map((b) => bucketLabel(b, series.bucket)),
        datasets: [
          {
            label: `${sideLabel(side)} → ${targetLabel(target)}`,
            data: pair.meanTone,
            borderColor: sideColour(side),
            backgroundColor: sideColour(side),
            spanGaps: false,
            tension: 0,
            pointRadius: pair.paragraphs.map(pointSize),
            yAxisID: 'y',
          },
          {
            type: 'bar',
            label: 'paragraphs',
            data: pair.paragraphs,
            backgroundColor: 'rgba(100, 116, 139, 0.18)',
            borderWidth: 0,
            yAxisID: 'volume',
            order: 10,
          },
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
          },
        },
      },
    });
  } catch (error) {
    if (error instanceof NeedsKey) return askForKey();
    title.textContent = error.message;
  }
}

function renderFraming(framing) {
  const items = framing.phrases || framing.frames || [];
  const sides = Object.keys(items[0] ? items[0].sides : {});
  const palette = ['#0f766e', '#f59e0b'];
  drawChart('framing-chart', {
    type: 'bar',
    data: {
      labels: sides.map(sideLabel),
      datasets: items.map((item, index) => ({
        label: item.phrase || item.frame,
        data: sides.map((side) => item.sides[side]),
        backgroundColor: palette[index % palette.length],
        borderRadius: 4,
      })),
    },
    options: {
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  const table = clear(document.getElementById('framing-table'));
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: 'Phrase' }),
        ...sides.map((s) => el('th', { text: sideLabel(s) })),
      ]),
    ]),
  );
  const body = el('tbody');
  for (const item of items) {
    body.append(
      el('tr', {}, [
        el('td', { text: item.phrase || item.frame }),
        ...sides.map((side) =>
          el('td', {
            text: item.negated[side]
              ? `${item.sides[side]} (+${item.negated[side]} negated)`
              : String(item.sides[side]),
          }),
        ),
      ]),
    );
  }
  table.append(body);
  const examples = clear(document.getElementById('framing-examples'));
  for (const item of items) {
    for (const example of item.examples.slice(0, 2)) {
      examples.append(
        el(
          'blockquote',
          {
            className: 'example',
            style: {
              borderLeftColor: sideColour(example.side),
            },
          },
          [
            highlighted(example.text, [
              {
                start: example.text.indexOf(example.phrase),
                end: example.text.indexOf(example.phrase) + example.phrase.length,
                className: example.negated ? 'frame negated' : 'frame',
              },
            ]),
            el('cite', {
              text: `${sideLabel(example.side)}${example.negated ? ' (negated)' : ''} · ${example.source || 'no source'} · ${formatWhen(example.occurredAt, false)}`,
            }),
          ],
        ),
      );
    }
  }
}

function renderSources(breakdown) {
  const sources = breakdown.sources.slice(0, 12);
  const sides = sources[0] ? sources[0].sides.map((s) => s.side) : [];
  const box = document.getElementById('sources-chart').parentElement;
  box.style.height = `${Math.max(160, 60 + sources.length * 26)}px`;
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
  const table = clear(document.getElementById('sources-table'));
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: 'Source' }),
        el('th', { text: 'Paragraphs' }),
        ...sides.map((s) => el('th', { text: `${sideLabel(s)} tone` })),
      ]),
    ]),
  );
  const body = el('tbody');
  for (const s of sources) {
    body.append(
      el('tr', {}, [
        el('td', { text: s.source || '(no source)' }),
        el('td', { text: s.paragraphs }),
        ...s.sides.map((side) => el('td', { text: formatTone(side.meanTone) })),
      ]),
    );
  }
  table.append(body);
  const select = document.getElementById('filters').elements.source;
  const chosen = select.value;
  const known = new Set([...select.options].map((o) => o.value));
  for (const s of breakdown.sources) {
    if (s.source && !known.has(s.source))
      select.append(el('option', { text: s.source, attrs: { value: s.source } }));
  }
  select.value = chosen;
}

/** "12 said", or "12 said, 3 negated" when some hits were "not respectful" and the like. */
function hitsText(hits, negated) {
  return negated ? `${hits} said, ${negated} negated` : `${hits} said`;
}

function renderTopFrames(top) {
  const box = clear(document.getElementById('top-frames'));
  // Two columns of sides: four sides make a square instead of three and a straggler.
  box.style.gridTemplateColumns = `repeat(${Math.min(2, top.sides.length) || 1}, minmax(0, 1fr))`;
  top.sides.forEach((s) => {
    const list = el('ol');
    for (const f of s.frames.slice(0, 5)) {
      const info = frameInfo.get(f.frame);
      const polarity = info ? String(info.polarity) : '0';
      list.append(
        el('li', { attrs: { 'data-frame': f.frame } }, [
          el('span', {
            className: `polarity p${polarity.replace('-', 'n')}`,
            text: POLARITY_MARK[polarity],
            attrs: { title: POLARITY_WORD[polarity], 'aria-label': POLARITY_WORD[polarity] },
          }),
          el('span', { className: 'frame-label', text: frameLabel(f.frame) }),
          el('span', { className: 'count', text: hitsText(f.hits, f.negated) }),
          info ? el('small', { className: 'meaning muted', text: info.meaning }) : null,
        ]),
      );
    }
    const empty = el('p', { className: 'muted', text: 'No framing phrases in this period.' });
    box.append(
      el('div', { className: 'top-side', style: { borderTopColor: sideColour(s.side) } }, [
        el('h3', { text: sideLabel(s.side) }),
        s.frames.length === 0 ? empty : list,
      ]),
    );
  });
}

/** One chip per frame (and negation) of a paragraph, however many of its phrases it uses. */
function frameChips(frames) {
  const groups = new Map();
  for (const f of frames) {
    const key = `${f.negated ? 'not ' : ''}${f.frame}`;
    const group = groups.get(key) || { frame: f.frame, negated: f.negated, phrases: [] };
    if (!group.phrases.includes(f.phrase)) group.phrases.push(f.phrase);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => {
    const info = frameInfo.get(g.frame);
    const quoted = g.phrases.map((p) => `“${p}”`).join(', ');
    return el('span', {
      className: g.negated ? 'frame-chip negated' : 'frame-chip',
      text: `${g.negated ? 'not ' : ''}${frameLabel(g.frame)}: ${quoted}`,
      attrs: { title: info ? info.meaning : g.frame, 'data-frame': g.frame },
    });
  });
}

/** Text with marked spans; overlapping spans are merged into the first. */
function highlighted(text, spans) {
  const container = el('span');
  const ordered = spans
    .filter((s) => s.start >= 0 && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let at = 0;
  for (const span of ordered) {
    if (span.start < at) continue;
    container.append(text.slice(at, span.start));
    container.append(
      el('mark', {
        className: span.className,
        text: text.slice(span.start, span.end),
        attrs: span.title ? { title: span.title } : {},
      }),
    );
    at = span.end;
  }
  container.append(text.slice(at));
  return container;
}

/** The strongest contributions to a paragraph's tone, so a reader sees why it reads as it does. */
function toneEvidence(terms) {
  return [...terms]
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, 4)
    .map((t) =>
      el('span', {
        className: `tone-term ${t.weight < 0 ? 'negative' : 'positive'}`,
        text: `${t.negated ? 'not ' : ''}${t.term} ${t.weight > 0 ? '+' : ''}${t.weight}`,
        attrs: { title: `tone evidence from the ${t.source} lexicon` },
      }),
    );
}

function paragraphView(p) {
  const spans = p.frames.map((f) => ({
    start: f.start,
    end: f.end,
    className: f.negated ? 'frame negated' : 'frame',
    title: `${f.negated ? 'not ' : ''}${f.frame} (${sideLabel(f.side)})`,
  }));
  if (p.evidence)
    spans.push({
      start: p.evidence.start,
      end: p.evidence.end,
      className: 'evidence',
      title: `speaker: ${p.speaker || sideLabel(p.side)}`,
    });
  const meta = el('div', { className: 'paragraph-meta' }, [
    el('span', {
      className: 'side-badge',
      text: sideLabel(p.side),
      style: { background: sideColour(p.side) },
    }),
    p.speaker ? el('span', { className: 'speaker', text: p.speaker }) : null,
    el('span', { className: `tone ${p.toneLabel}`, text: formatTone(p.toneValue) }),
    ...toneEvidence(p.toneTerms ?? []),
    ...frameChips(p.frames),
  ]);
  return el(
    'div',
    {
      className: 'paragraph',
      attrs: { 'data-side': p.side },
      style: { borderLeftColor: sideColour(p.side) },
    },
    [meta, el('p', {}, [highlighted(p.text, spans)])],
  );
}

function renderArticles(latest) {
  const box = clear(document.getElementById('articles'));
  if (latest.articles.length === 0)
    box.append(el('p', { className: 'muted', text: 'No scored articles in this period.' }));
  for (const article of latest.articles) {
    const title = article.url
      ? el('a', {
          text: article.title || article.url,
          attrs: {
            href: /^https?:\/\//i.test(article.url) ? article.url : '#',
            rel: 'noopener noreferrer',
            target: '_blank',
          },
        })
      : el('span', { text: article.title || 'Untitled article' });
    box.append(
      el('article', { className: 'article' }, [
        el('header', {}, [
          el('h3', {}, [title]),
          el('p', {
            className: 'muted',
            text: `${article.source || 'no source'} · ${formatWhen(article.occurredAt)}`,
          }),
        ]),
        ...article.paragraphs.map(paragraphView),
      ]),
    );
  }
}

function alertView(alert) {
  const item = el('li', { className: `alert ${alert.state}` }, [
    el('div', { className: 'alert-head' }, [
      el('span', { className: 'state', text: alert.state }),
      el('strong', { text: alert.ruleName }),
      el('span', {
        className: 'muted',
        text: `${sideLabel(alert.side)} · ${formatWhen(alert.startedAt)}`,
      }),
    ]),
    el('p', {
      text: `${alert.metric}: ${formatTone(alert.baseline)} → ${formatTone(alert.current)} (shift ${formatTone(alert.shift)})`,
    }),
  ]);
  const evidence = (alert.evidence || [])[0];
  if (evidence) item.append(el('blockquote', { className: 'example', text: evidence.snippet }));
  item.append(alertDetails(alert));
  return item;
}

/** Every paragraph of evidence and every webhook delivery, read from GET /api/alerts/:id when opened. */
function alertDetails(alert) {
  const body = el('div', { className: 'alert-details' }, [
    el('p', { className: 'muted', text: 'Loading…' }),
  ]);
  const details = el('details', { attrs: { 'data-alert': alert.id } }, [
    el('summary', { text: 'Evidence and deliveries' }),
    body,
  ]);
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    apiJson(`/api/alerts/${encodeURIComponent(alert.id)}`).then(
      (full) => body.replaceChildren(...alertDetailParts(full)),
      (error) => {
        loaded = false;
        body.replaceChildren(el('p', { className: 'error', text: error.message }));
      },
    );
  });
  return details;
}

function alertDetailParts(full) {
  const evidence = el('ol', { className: 'evidence-list' });
  for (const e of full.evidence || []) {
    evidence.append(
      el('li', { attrs: { 'data-paragraph': e.paragraphId } }, [
        el('span', {
          className: 'muted',
          text: `${e.source || 'no source'} · ${formatTone(e.toneValue)} · `,
        }),
        el('a', {
          text: 'article',
          attrs: {
            href: `/api/articles/${encodeURIComponent(e.articleId)}`,
            target: '_blank',
            rel: 'noopener',
          },
        }),
        el('blockquote', { className: 'example', text: e.snippet }),
      ]),
    );
  }
  const deliveries = full.deliveries || [];
  const table = el('table', { className: 'data deliveries' }, [
    el('thead', {}, [
      el(
        'tr',
        {},
        ['Target', 'Status', 'Attempts', 'Last code', 'Last error'].map((t) =>
          el('th', { text: t }),
        ),
      ),
    ]),
    el(
      'tbody',
      {},
      deliveries.map((d) =>
        el('tr', {}, [
          el('td', { text: d.targetUrl }),
          el('td', { text: d.status }),
          el('td', { text: d.attempts }),
          el('td', { text: d.lastStatusCode === null ? '–' : d.lastStatusCode }),
          el('td', { text: d.lastError || '' }),
        ]),
      ),
    ),
  ]);
  return [
    el('h4', { text: `Evidence (${(full.evidence || []).length} paragraphs)` }),
    evidence,
    el('h4', { text: 'Webhook deliveries' }),
    deliveries.length > 0
      ? table
      : el('p', { className: 'muted', text: 'None: the rule has no webhook targets.' }),
    el('p', {}, [
      el('a', {
        text: 'this alert as JSON',
        attrs: {
          href: `/api/alerts/${encodeURIComponent(full.id)}`,
          target: '_blank',
          rel: 'noopener',
        },
      }),
    ]),
  ];
}

async function loadAlerts() {
  const list = clear(document.getElementById('alerts'));
  const empty = () =>
    list.replaceChildren(el('li', { className: 'muted', text: 'No alerts yet.' }));
  try {
    const response = await api('/api/alerts?limit=10');
    if (response.status === 404) return empty();
    if (!response.ok) throw new Error(`alerts answered ${response.status}`);
    const body = await response.json();
    if (!body.items || body.items.length === 0) return empty();
    for (const alert of body.items) list.append(alertView(alert));
  } catch (error) {
    if (error instanceof NeedsKey) throw error;
    list.replaceChildren(
      el('li', { className: 'muted', text: `Alerts unavailable: ${error.message}` }),
    );
  }
}

let alertStream = null;

/** Server-sent events through fetch, so the read key can go in a header. */
async function followAlerts() {
  if (alertStream) alertStream.abort();
  alertStream = new AbortController();
  const headers = { accept: 'text/event-stream' };
  const key = localStorage.getItem(KEY_STORAGE);
  if (key) headers['x-api-key'] = key;
  try {
    const response = await fetch('/api/alerts/stream', { headers, signal: alertStream.signal });
    if (!response.ok || !response.body) return;
    document.getElementById('alerts-live').hidden = false;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = frame.split('\n');
        const event = lines.find((l) => l.startsWith('event:'));
        const data = lines
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        if (event && event.slice(6).trim() === 'alert' && data) {
          const list = document.getElementById('alerts');
          if (list.firstChild && list.firstChild.classList.contains('muted')) clear(list);
          list.prepend(alertView(JSON.parse(data)));
        }
      }
    }
  } catch {
    // the stream is a bonus: the list above stays
  } finally {
    document.getElementById('alerts-live').hidden = true;
  }
}

async function runSearch(asCsv) {
  const form = document.getElementById('search-form');
  const q = form.elements.q.value.trim();
  const extra = q ? { q } : {};
  const box = clear(document.getElementById('search-results'));
  try {
    if (asCsv) {
      const response = await api(
        withParams('/api/paragraphs', { ...extra, format: 'csv', limit: '10000' }),
        'text/csv',
      );
      if (!response.ok) throw new Error(`export answered ${response.status}`);
      const link = el('a', {
        attrs: { href: URL.createObjectURL(await response.blob()), download: 'paragraphs.csv' },
      });
      link.click();
      URL.revokeObjectURL(link.href);
      return;
    }
    const page = await apiJson(withParams('/api/paragraphs', { ...extra, limit: '20' }));
    if (page.items.length === 0)
      box.append(el('p', { className: 'muted', text: 'No paragraphs match.' }));
    for (const p of page.items) {
      box.append(
        el('div', { className: 'result' }, [
          el('p', {
            className: 'muted',
            text: `${p.articleTitle || p.articleId} · ${p.source || 'no source'} · ${formatWhen(p.occurredAt)}`,
          }),
          paragraphView(p),
        ]),
      );
    }
  } catch (error) {
    if (error instanceof NeedsKey) return askForKey();
    box.append(el('p', { className: 'error', text: error.message }));
  }
}

async function refresh() {
  const form = document.getElementById('filters');
  const framingForm = document.getElementById('framing-form');
  const phrases = [framingForm.elements.a.value, framingForm.elements.b.value]
    .map((p) => p.trim())
    .filter(Boolean)
    .join(',');
  setStatus('Loading…');
  try {
    await loadMonitors();
    writeUrlState();
    const summary = await apiJson(withParams('/api/tone/summary'));
    renderSummary(summary);
    const [series, directional, framing, sources, top, latest] = await Promise.all([
      apiJson(withParams('/api/tone/timeseries', { bucket: form.elements.bucket.value })),
      apiJson(withParams('/api/tone/directional')),
      apiJson(withParams('/api/framing', { phrases: phrases || 'respectful' })),
      apiJson(withParams('/api/sources/breakdown')),
      apiJson(withParams('/api/framing/top')),
      apiJson(withParams('/api/dashboard/latest-articles', { limit: '5' })),
    ]);
    renderTimeseries(series);
    renderDirectional(directional);
    if (pickedPair) await loadPair(pickedPair.side, pickedPair.target);
    renderFraming(framing);
    renderSources(sources);
    renderTopFrames(top);
    renderArticles(latest);
    await loadAlerts();
    // The management lists need the monitors' sides, loaded above.
    await loadManage();
    setStatus('');
    document.body.dataset.loaded = 'true';
  } catch (error) {
    if (error instanceof NeedsKey) {
      setStatus(
        error.refused
          ? 'The read key was refused: enter another one.'
          : 'Enter a read key to load the dashboard.',
        true,
      );
      return askForKey();
    }
    setStatus(error.message, true);
  }
}

// ---------------------------------------------------------------- sources and alert rules

// The write key lives for the browser tab only (sessionStorage), unlike the read key.
const WRITE_KEY_STORAGE = 'tonewatch.writeKey';

function setManageStatus(message, isError = false) {
  const status = document.getElementById('manage-status');
  status.textContent = message;
  status.classList.toggle('error', isError);
}

/** A request with the write key; a refused key says so, any other refusal gives the API's reason. */
async function writeApi(method, path, body) {
  const headers = { accept: 'application/json' };
  const key = sessionStorage.getItem(WRITE_KEY_STORAGE);
  if (key) headers['x-api-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (response.status === 401) {
    sessionStorage.removeItem(WRITE_KEY_STORAGE);
    document.getElementById('manage-body').hidden = true;
    throw new Error('The write key was refused.');
  }
  if (!response.ok) {
    const message = Array.isArray(answer.message) ? answer.message.join('; ') : answer.message;
    throw new Error(message || `${method} ${path} answered ${response.status}`);
  }
  return answer;
}

function toggle(checked, label, onChange) {
  const box = el('input', { attrs: { type: 'checkbox', 'aria-label': label } });
  box.checked = checked;
  box.addEventListener('change', () => onChange(box));
  return box;
}

function button(text, onClick) {
  const node = el('button', { text, attrs: { type: 'button' }, className: 'secondary' });
  node.addEventListener('click', () => onClick(node));
  return node;
}

/** Runs a change, reports it, and redraws the lists (also when it failed: the lists show what holds). */
async function manage(action, done) {
  try {
    await action();
    setManageStatus(done);
  } catch (error) {
    setManageStatus(error.message, true);
  }
  await loadManage();
}

function renderSourcesAdmin(sources) {
  const table = clear(document.getElementById('sources-admin'));
  table.append(
    el('thead', {}, [
      el(
        'tr',
        {},
        ['Source', 'Kind', 'Schedule', 'Enabled', '', 'URL'].map((t) => el('th', { text: t })),
      ),
    ]),
  );
  const body = el('tbody');
  if (sources.length === 0) {
    body.append(
      el('tr', {}, [
        el('td', { className: 'muted', text: 'No sources yet.', attrs: { colspan: '6' } }),
      ]),
    );
  }
  for (const source of sources) {
    body.append(
      el('tr', { attrs: { 'data-source': source.id } }, [
        el('td', { text: source.name }),
        el('td', { text: source.kind }),
        el('td', { text: source.schedule }),
        el('td', {}, [
          toggle(source.enabled, `poll ${source.name}`, (box) =>
            manage(
              () => writeApi('PATCH', `/api/sources/${source.id}`, { enabled: box.checked }),
              `${source.name} ${box.checked ? 'enabled' : 'paused'}`,
            ),
          ),
        ]),
        el('td', {}, [
          button('Poll now', () =>
            manage(
              () => writeApi('POST', `/api/sources/${source.id}/poll`),
              `${source.name}: poll queued`,
            ),
          ),
        ]),
        el('td', { className: 'muted', text: source.url }),
      ]),
    );
  }
  table.append(body);
}

/** PUT takes the whole rule; webhook secrets are never returned, so such a rule is changed by the API only. */
function ruleInput(rule, enabled) {
  const input = {
    name: rule.name,
    monitor: rule.monitor,
    side: rule.side,
    sources: rule.sources,
    metric: rule.metric,
    direction: rule.direction,
    detector: rule.detector,
    evidence: rule.evidence,
    holdSeconds: rule.holdSeconds,
    keepFiringSeconds: rule.keepFiringSeconds,
    cooldownSeconds: rule.cooldownSeconds,
    resolveFraction: rule.resolveFraction,
    webhooks: rule.webhooks.map((w) => ({ url: w.url })),
    enabled,
  };
  if (rule.frame) input.frame = rule.frame;
  if (rule.phrase) input.phrase = rule.phrase;
  if (rule.silenceAfterSeconds !== null) input.silenceAfterSeconds = rule.silenceAfterSeconds;
  return input;
}

function renderRulesAdmin(rules) {
  const table = clear(document.getElementById('rules-admin'));
  table.append(
    el('thead', {}, [
      el(
        'tr',
        {},
        ['Rule', 'Watches', 'Enabled', 'Webhooks'].map((t) => el('th', { text: t })),
      ),
    ]),
  );
  const body = el('tbody');
  if (rules.length === 0) {
    body.append(
      el('tr', {}, [
        el('td', { className: 'muted', text: 'No alert rules yet.', attrs: { colspan: '4' } }),
      ]),
    );
  }
  for (const rule of rules) {
    const signed = rule.webhooks.some((w) => w.hasSecret);
    const enabled = toggle(rule.enabled, `rule ${rule.name}`, (box) =>
      manage(
        () => writeApi('PUT', `/api/alert-rules/${rule.id}`, ruleInput(rule, box.checked)),
        `${rule.name} ${box.checked ? 'enabled' : 'disabled'} (its detector starts afresh)`,
      ),
    );
    if (signed) {
      enabled.disabled = true;
      enabled.title = 'its webhooks are signed: change it through the API, which keeps the secrets';
    }
    body.append(
      el('tr', { attrs: { 'data-rule': rule.id } }, [
        el('td', { text: rule.name }),
        el('td', {
          text: `${rule.monitor} · ${sideLabel(rule.side)} · ${rule.metric}${rule.frame ? ` ${rule.frame}` : ''} ${rule.direction}`,
        }),
        el('td', {}, [enabled]),
        el('td', { text: rule.webhooks.length }),
      ]),
    );
  }
  table.append(body);
}

async function loadManage() {
  if (!sessionStorage.getItem(WRITE_KEY_STORAGE)) return;
  try {
    const [sources, rules] = await Promise.all([
      writeApi('GET', '/api/sources'),
      writeApi('GET', '/api/alert-rules'),
    ]);
    renderSourcesAdmin(sources.sources);
    renderRulesAdmin(rules.items);
    const monitor = document.getElementById('filters').elements.monitor.value;
    const found = catalogue.monitors.find((m) => m.id === monitor);
    const sideSelect = clear(document.getElementById('rule-form').elements.side);
    for (const side of found ? found.sides : []) {
      const option = el('option', { text: side.label });
      option.value = side.id;
      sideSelect.append(option);
    }
    document.getElementById('manage-body').hidden = false;
  } catch (error) {
    setManageStatus(error.message, true);
  }
}

function startManage() {
  document.getElementById('write-key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    sessionStorage.setItem(WRITE_KEY_STORAGE, form.elements.key.value.trim());
    form.reset();
    setManageStatus('');
    void loadManage();
  });
  document.getElementById('source-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    const monitor = document.getElementById('filters').elements.monitor.value;
    const input = {
      name: form.elements.name.value.trim(),
      kind: form.elements.kind.value,
      url: form.elements.url.value.trim(),
      schedule: form.elements.schedule.value.trim(),
      ...(monitor ? { monitor } : {}),
    };
    void manage(async () => {
      await writeApi('POST', '/api/sources', input);
      form.reset();
    }, `source ${input.name} added`);
  });
  document.getElementById('rule-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    const input = {
      name: form.elements.name.value.trim(),
      monitor: document.getElementById('filters').elements.monitor.value,
      side: form.elements.side.value,
      metric: form.elements.metric.value,
      direction: form.elements.direction.value,
    };
    void manage(async () => {
      await writeApi('POST', '/api/alert-rules', input);
      form.elements.name.value = '';
    }, `rule ${input.name} added`);
  });
}

function start() {
  initialiseDates();
  startManage();
  document.getElementById('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    void refresh();
  });
  document.getElementById('framing-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void refresh();
  });
  document.getElementById('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void runSearch(false);
  });
  document.getElementById('search-csv').addEventListener('click', () => void runSearch(true));
  document.getElementById('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    localStorage.setItem(KEY_STORAGE, form.elements.key.value.trim());
    form.reset();
    form.hidden = true;
    void refresh().then(followAlerts);
  });
  void refresh().then(followAlerts);
}

document.addEventListener('DOMContentLoaded', start);

// @ts-check
// Labels and colours of every side come from GET /api/monitors (the monitor files), never from
// the page, so a deployment's own monitor is drawn in its own colours; labels, polarity and
// meaning of every frame come from GET /api/frames (the framing lexicon).
import { apiJson } from './api.js';
import { el, selectField } from './dom.js';
import { filtersForm, pickedMonitor } from './filters.js';

/** @typedef {import('./types.js').Monitor} Monitor */
/** @typedef {import('./types.js').Voice} Voice */
/** @typedef {import('./types.js').FrameInfo} FrameInfo */

/** @type {{ monitors: Monitor[], otherVoices: Voice[] }} */
const catalogue = { monitors: [], otherVoices: [] };

/** @type {Map<string, FrameInfo>} */
let frameInfo = new Map();

/** @type {Record<string, string>} */
export const POLARITY_MARK = { 1: '+', 0: '·', '-1': '−' };
/** @type {Record<string, string>} */
export const POLARITY_WORD = { 1: 'warm', 0: 'neither warm nor cold', '-1': 'cold' };

/** @param {string} id */
export function frameOf(id) {
  return frameInfo.get(id);
}

/** @param {string} id */
export function frameLabel(id) {
  const info = frameInfo.get(id);
  return info ? info.label : id;
}

/** @param {string} id @returns {Monitor | undefined} */
export function monitorOf(id) {
  return catalogue.monitors.find((m) => m.id === id);
}

/**
 * The side's label and colour: the picked monitor first, then any monitor, then mixed/neutral.
 * @param {string} side
 * @returns {Voice | null}
 */
function voice(side) {
  const picked = pickedMonitor();
  const monitors = [...catalogue.monitors].sort(
    (a, b) => Number(b.id === picked) - Number(a.id === picked),
  );
  for (const monitor of monitors) {
    const found = monitor.sides.find((s) => s.id === side);
    if (found) return found;
  }
  return catalogue.otherVoices.find((s) => s.id === side) || null;
}

/** @param {string} side */
export function sideColour(side) {
  const found = voice(side);
  return found ? found.colour : 'gray';
}

/** @param {string} side */
export function sideLabel(side) {
  const found = voice(side);
  return found ? found.label : side;
}

/**
 * While READ_API_KEYS is set and no key is given, GET /api/monitors is refused like every read
 * route: the picker says what it waits for instead of staying blank.
 */
export function pickerNeedsKey() {
  if (catalogue.monitors.length > 0) return;
  const select = selectField(filtersForm(), 'monitor');
  const option = el('option', { text: 'needs a read key' });
  option.value = '';
  select.replaceChildren(option);
  select.disabled = true;
}

/**
 * Fills the monitor picker once, with the frames' data; the URL's ?monitor= or the
 * deployment's default is selected.
 */
export async function loadCatalogue() {
  const select = selectField(filtersForm(), 'monitor');
  if (catalogue.monitors.length > 0) return;
  const { monitors, otherVoices, defaultMonitor } =
    /** @type {import('./types.js').MonitorList} */ (await apiJson('/api/monitors'));
  const { frames } = /** @type {import('./types.js').FrameList} */ (await apiJson('/api/frames'));
  frameInfo = new Map(frames.map((frame) => [frame.id, frame]));
  catalogue.monitors = monitors;
  catalogue.otherVoices = otherVoices;
  const wanted = new URLSearchParams(location.search).get('monitor') || defaultMonitor;
  select.replaceChildren(
    ...monitors.map((monitor) => {
      const option = el('option', { text: monitor.label });
      option.value = monitor.id;
      option.selected = monitor.id === wanted;
      return option;
    }),
  );
  select.disabled = false;
}

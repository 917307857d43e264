// @ts-check
// Tonewatch dashboard: plain browser modules over the REST API, no build step. This one loads
// every panel with the filters at the top; each panel's drawing is in its own module.
import { loadAlerts, followAlerts } from './alerts.js';
import { loadEvents } from './events.js';
import { askForKey, KEY_STORAGE, NeedsKey } from './api.js';
import { loadCatalogue, pickerNeedsKey } from './catalogue.js';
import { currentPair, loadPair, renderDirectional } from './directional.js';
import { field, formById, setStatus } from './dom.js';
import {
  filtersForm,
  initialiseFilters,
  pickedBucket,
  readFiltered,
  writeUrlState,
} from './filters.js';
import { framingPhrases, renderFraming, renderTopFrames } from './framing.js';
import { loadManage, startManage } from './manage.js';
import { renderArticles } from './paragraphs.js';
import { startSearch } from './search.js';
import { renderSources } from './sources.js';
import { renderSummary, renderTimeseries } from './tone.js';

/** Loads every panel for the filters; a missing or refused read key shows the key form. */
async function refresh() {
  setStatus('Loading…');
  try {
    await loadCatalogue();
    writeUrlState();
    renderSummary(await readFiltered('/api/tone/summary'));
    const [series, directional, framing, sources, top, latest] = await Promise.all([
      readFiltered('/api/tone/timeseries', { bucket: pickedBucket() }),
      readFiltered('/api/tone/directional'),
      readFiltered('/api/framing', { phrases: framingPhrases() }),
      readFiltered('/api/sources/breakdown'),
      readFiltered('/api/framing/top'),
      readFiltered('/api/dashboard/latest-articles', { limit: '5' }),
    ]);
    renderTimeseries(series);
    renderDirectional(directional);
    const pair = currentPair();
    if (pair) await loadPair(pair.side, pair.target);
    renderFraming(framing);
    renderSources(sources);
    renderTopFrames(top);
    renderArticles(latest);
    await loadEvents();
    await loadAlerts();
    // The management lists need the monitors' sides, loaded above.
    await loadManage();
    setStatus('');
    document.body.dataset.loaded = 'true';
  } catch (error) {
    if (error instanceof NeedsKey) {
      pickerNeedsKey();
      setStatus(
        error.refused
          ? 'The read key was refused: enter another one.'
          : 'Enter a read key to load the dashboard.',
        true,
      );
      return askForKey();
    }
    setStatus(error instanceof Error ? error.message : String(error), true);
  }
}

function start() {
  initialiseFilters();
  startManage();
  startSearch();
  filtersForm().addEventListener('submit', (event) => {
    event.preventDefault();
    void refresh();
  });
  formById('framing-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void refresh();
  });
  const keyForm = formById('key-form');
  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    localStorage.setItem(KEY_STORAGE, field(keyForm, 'key').value.trim());
    keyForm.reset();
    keyForm.hidden = true;
    void refresh().then(followAlerts);
  });
  void refresh().then(followAlerts);
}

// A module runs after the document is parsed, and after the deferred Chart.js script.
start();

// @ts-check
// Sources and alert rules behind the write key: list, add, pause or enable, poll now.
import { refusal } from './api.js';
import { monitorOf, sideLabel } from './catalogue.js';
import { byId, clear, el, field, formById, selectField } from './dom.js';
import { pickedMonitor } from './filters.js';

/** @typedef {import('./types.js').Source} Source */
/** @typedef {import('./types.js').AlertRule} AlertRule */

// The write key lives for the browser tab only (sessionStorage), unlike the read key.
const WRITE_KEY_STORAGE = 'tonewatch.writeKey';

/** @param {string} message @param {boolean} [isError] */
function setManageStatus(message, isError = false) {
  const status = byId('manage-status');
  status.textContent = message;
  status.classList.toggle('error', isError);
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * A request with the write key; a refused key says so, any other refusal gives the API's
 * reason.
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<unknown>}
 */
async function writeApi(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  const key = sessionStorage.getItem(WRITE_KEY_STORAGE);
  if (key) headers['x-api-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  /** @type {unknown} */
  const answer = await response.json().catch(() => ({}));
  if (response.status === 401) {
    sessionStorage.removeItem(WRITE_KEY_STORAGE);
    byId('manage-body').hidden = true;
    throw new Error('The write key was refused.');
  }
  if (!response.ok)
    throw new Error(refusal(answer, `${method} ${path} answered ${response.status}`));
  return answer;
}

/**
 * @param {boolean} checked
 * @param {string} label
 * @param {(box: HTMLInputElement) => void} onChange
 */
function toggle(checked, label, onChange) {
  const box = el('input', { attrs: { type: 'checkbox', 'aria-label': label } });
  box.checked = checked;
  box.addEventListener('change', () => onChange(box));
  return box;
}

/** @param {string} text @param {() => void} onClick */
function button(text, onClick) {
  const node = el('button', { text, attrs: { type: 'button' }, className: 'secondary' });
  node.addEventListener('click', onClick);
  return node;
}

/**
 * Runs a change, reports it, and redraws the lists (also when it failed: the lists show what
 * holds).
 * @param {() => Promise<unknown>} action
 * @param {string} done
 */
async function manage(action, done) {
  try {
    await action();
    setManageStatus(done);
  } catch (error) {
    setManageStatus(messageOf(error), true);
  }
  await loadManage();
}

/**
 * @param {string[]} titles
 */
function head(titles) {
  return el('thead', {}, [
    el(
      'tr',
      {},
      titles.map((t) => el('th', { text: t })),
    ),
  ]);
}

/** @param {string} text @param {number} columns */
function emptyRow(text, columns) {
  return el('tr', {}, [
    el('td', { className: 'muted', text, attrs: { colspan: String(columns) } }),
  ]);
}

/** @param {Source[]} sources */
function renderSourcesAdmin(sources) {
  const rows = sources.map((source) =>
    el('tr', { attrs: { 'data-source': source.id } }, [
      el('td', { text: source.name }),
      el('td', { text: source.kind }),
      el('td', { text: source.schedule }),
      el('td', {}, [
        toggle(
          source.enabled,
          `poll ${source.name}`,
          (box) =>
            void manage(
              () => writeApi('PATCH', `/api/sources/${source.id}`, { enabled: box.checked }),
              `${source.name} ${box.checked ? 'enabled' : 'paused'}`,
            ),
        ),
      ]),
      el('td', {}, [
        button(
          'Poll now',
          () =>
            void manage(
              () => writeApi('POST', `/api/sources/${source.id}/poll`),
              `${source.name}: poll queued`,
            ),
        ),
      ]),
      el('td', { className: 'muted', text: source.url }),
    ]),
  );
  clear(byId('sources-admin')).append(
    head(['Source', 'Kind', 'Schedule', 'Enabled', '', 'URL']),
    el('tbody', {}, sources.length === 0 ? [emptyRow('No sources yet.', 6)] : rows),
  );
}

/**
 * PUT takes the whole rule; webhook secrets are never returned, so such a rule is changed by
 * the API only.
 * @param {AlertRule} rule
 * @param {boolean} enabled
 */
function ruleInput(rule, enabled) {
  /** @type {Record<string, unknown>} */
  const input = {
    name: rule.name,
    monitor: rule.monitor,
    side: rule.side,
    sources: rule.sources,
    metric: rule.metric,
    direction: rule.direction,
    syndication: rule.syndication,
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

/** @param {AlertRule} rule */
function ruleRow(rule) {
  const signed = rule.webhooks.some((w) => w.hasSecret);
  const enabled = toggle(
    rule.enabled,
    `rule ${rule.name}`,
    (box) =>
      void manage(
        () => writeApi('PUT', `/api/alert-rules/${rule.id}`, ruleInput(rule, box.checked)),
        `${rule.name} ${box.checked ? 'enabled' : 'disabled'} (its detector starts afresh)`,
      ),
  );
  if (signed) {
    enabled.disabled = true;
    enabled.title = 'its webhooks are signed: change it through the API, which keeps the secrets';
  }
  return el('tr', { attrs: { 'data-rule': rule.id } }, [
    el('td', { text: rule.name }),
    el('td', {
      text: `${rule.monitor} · ${sideLabel(rule.side)} · ${rule.metric}${rule.frame ? ` ${rule.frame}` : ''} ${rule.direction}${rule.syndication === 'all' ? ' · every wire copy' : ''}`,
    }),
    el('td', {}, [enabled]),
    el('td', { text: rule.webhooks.length }),
  ]);
}

/** @param {AlertRule[]} rules */
function renderRulesAdmin(rules) {
  clear(byId('rules-admin')).append(
    head(['Rule', 'Watches', 'Enabled', 'Webhooks']),
    el('tbody', {}, rules.length === 0 ? [emptyRow('No alert rules yet.', 4)] : rules.map(ruleRow)),
  );
}

/** The management lists, once a write key is given; they need the monitors' sides. */
export async function loadManage() {
  if (!sessionStorage.getItem(WRITE_KEY_STORAGE)) return;
  try {
    const [sources, rules] = /** @type {[{ sources: Source[] }, { items: AlertRule[] }]} */ (
      await Promise.all([writeApi('GET', '/api/sources'), writeApi('GET', '/api/alert-rules')])
    );
    renderSourcesAdmin(sources.sources);
    renderRulesAdmin(rules.items);
    const found = monitorOf(pickedMonitor());
    clear(selectField(formById('rule-form'), 'side')).append(
      ...(found ? found.sides : []).map((side) => {
        const option = el('option', { text: side.label });
        option.value = side.id;
        return option;
      }),
    );
    byId('manage-body').hidden = false;
  } catch (error) {
    setManageStatus(messageOf(error), true);
  }
}

/** Wires the write-key form and the two forms that add a source and a rule. */
export function startManage() {
  const keyForm = formById('write-key-form');
  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(WRITE_KEY_STORAGE, field(keyForm, 'key').value.trim());
    keyForm.reset();
    setManageStatus('');
    void loadManage();
  });
  const sourceForm = formById('source-form');
  sourceForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const monitor = pickedMonitor();
    const input = {
      name: field(sourceForm, 'name').value.trim(),
      kind: field(sourceForm, 'kind').value,
      url: field(sourceForm, 'url').value.trim(),
      schedule: field(sourceForm, 'schedule').value.trim(),
      ...(monitor ? { monitor } : {}),
    };
    void manage(async () => {
      await writeApi('POST', '/api/sources', input);
      sourceForm.reset();
    }, `source ${input.name} added`);
  });
  const ruleForm = formById('rule-form');
  ruleForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = {
      name: field(ruleForm, 'name').value.trim(),
      monitor: pickedMonitor(),
      side: field(ruleForm, 'side').value,
      metric: field(ruleForm, 'metric').value,
      direction: field(ruleForm, 'direction').value,
    };
    void manage(async () => {
      await writeApi('POST', '/api/alert-rules', input);
      field(ruleForm, 'name').value = '';
    }, `rule ${input.name} added`);
  });
}

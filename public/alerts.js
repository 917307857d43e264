// @ts-check
// The latest alerts, each opening onto its evidence and webhook deliveries, and new ones as
// they fire (server-sent events).
import { api, apiJson, NeedsKey, readHeaders } from './api.js';
import { sideLabel } from './catalogue.js';
import { byId, clear, el, formatTone, formatWhen, onActivate } from './dom.js';
import { openEvent } from './events.js';

/** @typedef {import('./types.js').Alert} Alert */
/** @typedef {import('./types.js').AlertEvent} AlertEvent */

/**
 * An event behind an asymmetry alert: its title opens the event page with both accounts.
 * @param {AlertEvent} e
 */
function eventLine(e) {
  const title = el('span', {
    className: 'event-link',
    text: e.title,
    attrs: { role: 'button', tabindex: '0', 'data-event': e.eventId },
  });
  onActivate(title, () => openEvent(e.eventId));
  return el('p', { className: 'alert-event' }, [
    title,
    el('span', {
      className: 'muted',
      text: ` · asymmetry ${e.score.toFixed(2)} · tone gap ${formatTone(e.toneGap)} · ${e.sides.map(sideLabel).join(' vs ')}`,
    }),
  ]);
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** @param {Alert} full an alert as GET /api/alerts/:id answers, with its deliveries */
function alertDetailParts(full) {
  const evidence = el(
    'ol',
    { className: 'evidence-list' },
    (full.evidence || []).map((e) =>
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
    ),
  );
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
  const events = full.events || [];
  return [
    ...(events.length > 0
      ? [el('h4', { text: `Events (${events.length})` }), ...events.map(eventLine)]
      : [el('h4', { text: `Evidence (${(full.evidence || []).length} paragraphs)` }), evidence]),
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

/**
 * Every paragraph of evidence and every webhook delivery, read from GET /api/alerts/:id when
 * opened.
 * @param {Alert} alert
 */
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
      (full) => body.replaceChildren(...alertDetailParts(/** @type {Alert} */ (full))),
      (error) => {
        loaded = false;
        body.replaceChildren(el('p', { className: 'error', text: messageOf(error) }));
      },
    );
  });
  return details;
}

/** @param {Alert} alert */
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
  const event = (alert.events || [])[0];
  if (event) item.append(eventLine(event));
  item.append(alertDetails(alert));
  return item;
}

/** The ten latest alerts; a refused read key is passed on, any other failure is shown. */
export async function loadAlerts() {
  const list = clear(byId('alerts'));
  const empty = () =>
    list.replaceChildren(el('li', { className: 'muted', text: 'No alerts yet.' }));
  try {
    const response = await api('/api/alerts?limit=10');
    if (response.status === 404) return empty();
    if (!response.ok) throw new Error(`alerts answered ${response.status}`);
    /** @type {unknown} */
    const answer = await response.json();
    const body = /** @type {import('./types.js').AlertPage} */ (answer);
    if (!body.items || body.items.length === 0) return empty();
    for (const alert of body.items) list.append(alertView(alert));
  } catch (error) {
    if (error instanceof NeedsKey) throw error;
    list.replaceChildren(
      el('li', { className: 'muted', text: `Alerts unavailable: ${messageOf(error)}` }),
    );
  }
}

/** @type {AbortController | null} */
let alertStream = null;

/**
 * One server-sent event frame (`event:` and `data:` lines) as a new alert, or null.
 * @param {string} frame
 * @returns {Alert | null}
 */
function alertOfFrame(frame) {
  const lines = frame.split('\n');
  const event = lines.find((l) => l.startsWith('event:'));
  const data = lines
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim())
    .join('\n');
  if (!event || event.slice(6).trim() !== 'alert' || !data) return null;
  /** @type {unknown} */
  const alert = JSON.parse(data);
  return /** @type {Alert} */ (alert);
}

/** Server-sent events through fetch, so the read key can go in a header. */
export async function followAlerts() {
  if (alertStream) alertStream.abort();
  alertStream = new AbortController();
  const live = byId('alerts-live');
  try {
    const response = await fetch('/api/alerts/stream', {
      headers: readHeaders('text/event-stream'),
      signal: alertStream.signal,
    });
    if (!response.ok || !response.body) return;
    live.hidden = false;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const alert = alertOfFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (!alert) continue;
        const list = byId('alerts');
        if (list.firstElementChild?.classList.contains('muted')) clear(list);
        list.prepend(alertView(alert));
      }
    }
  } catch {
    // the stream is a bonus: the list above stays
  } finally {
    live.hidden = true;
  }
}

// @ts-check
// The Events panel: recent events of the picked monitor with their asymmetry, and the event
// page (#event=<id>), which puts the sides' accounts in columns next to each other.
import { apiJson } from './api.js';
import { frameLabel, sideColour, sideLabel } from './catalogue.js';
import { byId, clear, el, formatTone, formatWhen, onActivate } from './dom.js';
import { filterParams } from './filters.js';

/**
 * @typedef {object} EventItem
 * @property {string} id
 * @property {string} title
 * @property {string[]} topTerms
 * @property {string} startedAt
 * @property {string} endedAt
 * @property {number} articleCount
 * @property {number} reprintCount
 * @property {number | null} asymmetryScore
 * @property {number | null} toneGap
 *
 * @typedef {{ frame: string, phrase: string, negated: boolean, start: number, end: number }} QuoteFrame
 * @typedef {object} SideQuote
 * @property {string} articleId
 * @property {string | null} speaker
 * @property {string} text
 * @property {{ start: number, end: number } | null} evidence
 * @property {number} tone
 * @property {QuoteFrame[]} frames
 *
 * @typedef {object} SideAccount
 * @property {string} side
 * @property {string} label
 * @property {number} paragraphs
 * @property {number} articles
 * @property {number | null} meanTone
 * @property {{ frame: string, negated: boolean, hits: number }[]} frames
 * @property {{ term: string, count: number }[]} distinctiveTerms
 * @property {SideQuote[]} quotes
 *
 * @typedef {object} Asymmetry
 * @property {string[]} sides
 * @property {number} toneGap
 * @property {Record<string, string[]>} framesOnlyIn
 * @property {number} frameDivergence
 * @property {Record<string, string[]>} termsOnlyIn
 * @property {number} termDivergence
 * @property {number} score
 *
 * @typedef {object} EventDetail
 * @property {string} id
 * @property {string} title
 * @property {string} startedAt
 * @property {string} endedAt
 * @property {string} syndication
 * @property {number} articleCount
 * @property {number} reprintCount
 * @property {{ source: string | null, articles: number, reprints: number }[]} outlets
 * @property {SideAccount[]} sides
 * @property {Asymmetry | null} asymmetry
 */

/** @param {number | null} score */
function formatScore(score) {
  return score === null ? '–' : score.toFixed(2);
}

/**
 * An article count with the wire copies beside it, as the side cards say it.
 * @param {number} articles
 * @param {number} reprints
 * @param {string} syndication
 */
function articlesText(articles, reprints, syndication) {
  if (reprints === 0) return String(articles);
  return syndication === 'all'
    ? `${articles} (incl. ${reprints} reprints)`
    : `${articles} (+${reprints} reprints folded)`;
}

/** The syndication mode picked at the top, as the events routes take it. */
function syndicationParam() {
  return filterParams().get('syndication') ?? 'collapse';
}

/** The event named in the address (#event=<id>), if any. */
function eventInHash() {
  const match = /^#event=([0-9a-f-]{36})$/i.exec(location.hash);
  return match ? match[1] : null;
}

/** Loads the panel for the filters at the top, and the event page when the address names one. */
export async function loadEvents() {
  const params = filterParams();
  // events overlap the period and have no source of their own; a wire story counts once
  // unless the picker says every copy
  params.delete('source');
  params.set('limit', '20');
  const page = /** @type {{ items: EventItem[] }} */ (await apiJson(`/api/events?${params}`));
  renderEventList(page.items, params.get('syndication') ?? 'collapse');
  const id = eventInHash();
  if (id) await showEvent(id);
}

/**
 * @param {EventItem[]} items
 * @param {string} syndication
 */
function renderEventList(items, syndication) {
  const table = clear(byId('events-table'));
  if (items.length === 0) {
    table.append(
      el('tbody', {}, [el('tr', {}, [el('td', { text: 'No events in this period.' })])]),
    );
    return;
  }
  table.append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: 'Event' }),
        el('th', { text: 'From' }),
        el('th', { text: 'To' }),
        el('th', { text: 'Articles' }),
        el('th', { text: 'Asymmetry' }),
        el('th', { text: 'Tone gap' }),
      ]),
    ]),
    el(
      'tbody',
      {},
      items.map((e) => {
        const title = el('span', {
          className: 'event-link',
          text: e.title,
          attrs: { role: 'button', tabindex: '0', 'data-event': e.id },
        });
        onActivate(title, () => openEvent(e.id));
        return el('tr', {}, [
          el('td', {}, [title]),
          el('td', { text: formatWhen(e.startedAt, false) }),
          el('td', { text: formatWhen(e.endedAt, false) }),
          el('td', { text: articlesText(e.articleCount, e.reprintCount, syndication) }),
          el('td', { className: 'asymmetry', text: formatScore(e.asymmetryScore) }),
          el('td', { text: formatTone(e.toneGap) }),
        ]);
      }),
    ),
  );
}

/**
 * Shows the event page and names the event in the address, so a reload or a shared link opens it.
 * @param {string} id
 */
export function openEvent(id) {
  history.replaceState(null, '', `${location.pathname}${location.search}#event=${id}`);
  void showEvent(id);
}

/** @param {string} id */
async function showEvent(id) {
  const view = byId('event-view');
  try {
    const query = new URLSearchParams({ syndication: syndicationParam() });
    const event = /** @type {EventDetail} */ (await apiJson(`/api/events/${id}?${query}`));
    renderEvent(event);
  } catch (error) {
    clear(view).append(
      el('p', { className: 'error', text: error instanceof Error ? error.message : String(error) }),
    );
  }
  view.hidden = false;
}

/**
 * The paragraph's text with its framing phrases marked (text nodes only, never HTML).
 * @param {SideQuote} quote
 */
function quoteText(quote) {
  const block = el('blockquote', { className: 'event-quote' });
  let at = 0;
  const frames = [...quote.frames].sort((a, b) => a.start - b.start);
  for (const f of frames) {
    if (f.start < at || f.end > quote.text.length) continue;
    block.append(quote.text.slice(at, f.start));
    block.append(
      el('mark', {
        className: f.negated ? 'frame negated' : 'frame',
        text: quote.text.slice(f.start, f.end),
        attrs: { title: frameLabel(f.frame) },
      }),
    );
    at = f.end;
  }
  block.append(quote.text.slice(at));
  return block;
}

/**
 * @param {SideAccount} account
 * @param {Asymmetry | null} asymmetry
 */
function sideColumn(account, asymmetry) {
  const only = new Set(asymmetry?.framesOnlyIn[account.side] ?? []);
  return el('div', { className: 'event-side', attrs: { 'data-side': account.side } }, [
    el('h4', { text: sideLabel(account.side), style: { color: sideColour(account.side) } }),
    el('p', {
      text: `${account.paragraphs} paragraphs in ${account.articles} articles · mean tone ${formatTone(account.meanTone)}`,
    }),
    el(
      'div',
      { className: 'event-frames' },
      account.frames.map((f) => {
        const key = f.negated ? `not ${f.frame}` : f.frame;
        return el('span', {
          className: `frame-chip${f.negated ? ' negated' : ''}${only.has(key) ? ' only' : ''}`,
          text: `${f.negated ? 'not ' : ''}${frameLabel(f.frame)} ×${f.hits}`,
          attrs: only.has(key) ? { title: 'only this side used it' } : {},
        });
      }),
    ),
    el('p', {
      className: 'event-terms',
      text: account.distinctiveTerms.length
        ? `Distinctive: ${account.distinctiveTerms.map((t) => t.term).join(', ')}`
        : '',
    }),
    ...account.quotes.map((q) =>
      el('figure', { className: 'event-quote-box' }, [
        quoteText(q),
        el('figcaption', { text: `${q.speaker ?? 'unattributed'} · tone ${formatTone(q.tone)}` }),
      ]),
    ),
  ]);
}

/** @param {EventDetail} event */
function renderEvent(event) {
  const view = clear(byId('event-view'));
  const asymmetry = event.asymmetry;
  const compared = asymmetry ? asymmetry.sides : [];
  // the two sides compared first, side by side; then the other voices that speak
  const columns = [
    ...compared.map((s) => event.sides.find((a) => a.side === s)),
    ...event.sides.filter((a) => !compared.includes(a.side) && a.paragraphs > 0),
  ].filter((a) => a !== undefined);
  view.append(
    el('h3', { text: event.title }),
    el('p', {
      text: `${formatWhen(event.startedAt)} – ${formatWhen(event.endedAt)} · ${articlesText(event.articleCount, event.reprintCount, event.syndication)} articles: ${event.outlets
        .map(
          (o) =>
            `${o.source ?? '(no source)'} ${o.articles}${o.reprints ? ` (+${o.reprints} reprinted)` : ''}`,
        )
        .join(', ')}`,
    }),
    el('p', {
      className: 'event-asymmetry',
      text: asymmetry
        ? `Asymmetry ${formatScore(asymmetry.score)}: tone gap ${formatTone(asymmetry.toneGap)} (${sideLabel(compared[0])} − ${sideLabel(compared[1])}), frames ${Math.round(asymmetry.frameDivergence * 100)}% apart, words ${Math.round(asymmetry.termDivergence * 100)}% apart`
        : 'Asymmetry: fewer than two sides speak in this event.',
    }),
    el(
      'div',
      { className: 'event-columns' },
      columns.map((a) => sideColumn(a, asymmetry)),
    ),
  );
}

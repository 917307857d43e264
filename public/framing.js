// @ts-check
// The framing comparison of two phrases, and the frames each side uses most.
import {
  frameLabel,
  frameOf,
  POLARITY_MARK,
  POLARITY_WORD,
  sideColour,
  sideLabel,
} from './catalogue.js';
import { drawChart } from './charts.js';
import { byId, clear, el, field, formatWhen, formById } from './dom.js';
import { highlighted } from './paragraphs.js';

const PALETTE = ['#0f766e', '#f59e0b'];

/** The phrases to compare, as the `phrases` parameter of GET /api/framing. */
export function framingPhrases() {
  const form = formById('framing-form');
  const phrases = [field(form, 'a').value, field(form, 'b').value]
    .map((p) => p.trim())
    .filter(Boolean)
    .join(',');
  return phrases || 'respectful';
}

/** @param {import('./types.js').FramingExample} example */
function exampleView(example) {
  const at = example.text.indexOf(example.phrase);
  return el(
    'blockquote',
    { className: 'example', style: { borderLeftColor: sideColour(example.side) } },
    [
      highlighted(example.text, [
        {
          start: at,
          end: at + example.phrase.length,
          className: example.negated ? 'frame negated' : 'frame',
        },
      ]),
      el('cite', {
        text: `${sideLabel(example.side)}${example.negated ? ' (negated)' : ''} · ${example.source || 'no source'} · ${formatWhen(example.occurredAt, false)}`,
      }),
    ],
  );
}

/** @param {import('./types.js').Framing} framing */
export function renderFraming(framing) {
  const items = framing.phrases || framing.frames || [];
  const sides = Object.keys(items[0] ? items[0].sides : {});
  /** @param {import('./types.js').FramingItem} item */
  const name = (item) => item.phrase || item.frame || '';
  drawChart('framing-chart', {
    type: 'bar',
    data: {
      labels: sides.map(sideLabel),
      datasets: items.map((item, index) => ({
        label: name(item),
        data: sides.map((side) => item.sides[side]),
        backgroundColor: PALETTE[index % PALETTE.length],
        borderRadius: 4,
      })),
    },
    options: {
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  clear(byId('framing-table')).append(
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: 'Phrase' }),
        ...sides.map((s) => el('th', { text: sideLabel(s) })),
      ]),
    ]),
    el(
      'tbody',
      {},
      items.map((item) =>
        el('tr', {}, [
          el('td', { text: name(item) }),
          ...sides.map((side) =>
            el('td', {
              text: item.negated[side]
                ? `${item.sides[side]} (+${item.negated[side]} negated)`
                : String(item.sides[side]),
            }),
          ),
        ]),
      ),
    ),
  );
  clear(byId('framing-examples')).append(
    ...items.flatMap((item) => item.examples.slice(0, 2).map(exampleView)),
  );
}

/**
 * "12 said", or "12 said, 3 negated" when some hits were "not respectful" and the like.
 * @param {number} hits
 * @param {number} negated
 */
function hitsText(hits, negated) {
  return negated ? `${hits} said, ${negated} negated` : `${hits} said`;
}

/** @param {import('./types.js').TopFrame} f */
function topFrameView(f) {
  const info = frameOf(f.frame);
  const polarity = info ? String(info.polarity) : '0';
  return el('li', { attrs: { 'data-frame': f.frame } }, [
    el('span', {
      className: `polarity p${polarity.replace('-', 'n')}`,
      text: POLARITY_MARK[polarity],
      attrs: { title: POLARITY_WORD[polarity], 'aria-label': POLARITY_WORD[polarity] },
    }),
    el('span', { className: 'frame-label', text: frameLabel(f.frame) }),
    el('span', { className: 'count', text: hitsText(f.hits, f.negated) }),
    info ? el('small', { className: 'meaning muted', text: info.meaning }) : null,
  ]);
}

/** @param {import('./types.js').FramingTop} top */
export function renderTopFrames(top) {
  const box = clear(byId('top-frames'));
  // Two columns of sides: four sides make a square instead of three and a straggler.
  box.style.gridTemplateColumns = `repeat(${Math.min(2, top.sides.length) || 1}, minmax(0, 1fr))`;
  for (const s of top.sides) {
    const list = el('ol', {}, s.frames.slice(0, 5).map(topFrameView));
    const empty = el('p', { className: 'muted', text: 'No framing phrases in this period.' });
    box.append(
      el('div', { className: 'top-side', style: { borderTopColor: sideColour(s.side) } }, [
        el('h3', { text: sideLabel(s.side) }),
        s.frames.length === 0 ? empty : list,
      ]),
    );
  }
}

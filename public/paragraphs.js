// @ts-check
// A paragraph as the page shows it (side, speaker, tone and its evidence, frames marked in the
// text), and the latest articles made of them.
import { frameLabel, frameOf, sideColour, sideLabel } from './catalogue.js';
import { byId, clear, el, formatTone, formatWhen } from './dom.js';

/** @typedef {import('./types.js').Paragraph} Paragraph */

/**
 * @typedef {object} Span
 * @property {number} start
 * @property {number} end
 * @property {string} className
 * @property {string} [title]
 */

/**
 * Text with marked spans; overlapping spans are merged into the first.
 * @param {string} text
 * @param {Span[]} spans
 */
export function highlighted(text, spans) {
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

/**
 * One chip per frame (and negation) of a paragraph, however many of its phrases it uses.
 * @param {import('./types.js').ParagraphFrame[]} frames
 */
function frameChips(frames) {
  /** @type {Map<string, { frame: string, negated: boolean, phrases: string[] }>} */
  const groups = new Map();
  for (const f of frames) {
    const key = `${f.negated ? 'not ' : ''}${f.frame}`;
    const group = groups.get(key) || { frame: f.frame, negated: f.negated, phrases: [] };
    if (!group.phrases.includes(f.phrase)) group.phrases.push(f.phrase);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => {
    const info = frameOf(g.frame);
    const quoted = g.phrases.map((p) => `“${p}”`).join(', ');
    return el('span', {
      className: g.negated ? 'frame-chip negated' : 'frame-chip',
      text: `${g.negated ? 'not ' : ''}${frameLabel(g.frame)}: ${quoted}`,
      attrs: { title: info ? info.meaning : g.frame, 'data-frame': g.frame },
    });
  });
}

/**
 * The strongest contributions to a paragraph's tone, so a reader sees why it reads as it does.
 * @param {import('./types.js').ToneTerm[]} terms
 */
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

/** @param {Paragraph} p */
export function paragraphView(p) {
  /** @type {Span[]} */
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

/** @param {import('./types.js').LatestArticles} latest */
export function renderArticles(latest) {
  const box = clear(byId('articles'));
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

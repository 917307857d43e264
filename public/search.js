// @ts-check
// Paragraph search with the query syntax, and its CSV export.
import { api, askForKey, NeedsKey } from './api.js';
import { byId, clear, el, field, formatWhen, formById } from './dom.js';
import { readFiltered, withParams } from './filters.js';
import { paragraphView } from './paragraphs.js';

/** @param {boolean} asCsv download the matches as CSV instead of listing them */
export async function runSearch(asCsv) {
  const q = field(formById('search-form'), 'q').value.trim();
  /** @type {Record<string, string>} */
  const extra = q ? { q } : {};
  const box = clear(byId('search-results'));
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
    const page = await readFiltered('/api/paragraphs', { ...extra, limit: '20' });
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
    box.append(
      el('p', { className: 'error', text: error instanceof Error ? error.message : String(error) }),
    );
  }
}

/** Wires the search form and the CSV button. */
export function startSearch() {
  formById('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void runSearch(false);
  });
  byId('search-csv').addEventListener('click', () => void runSearch(true));
}

// @ts-check
// Elements and formatting. Every piece of stored text reaches the page through textContent
// (el's `text`), never as HTML.

/** The page's time zone, sent to the API as `tz` and used for every date shown. */
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * @typedef {object} ElOptions
 * @property {string} [className]
 * @property {string | number | boolean | null} [text] becomes a text node, so markup in data
 *   stays text
 * @property {Record<string, string>} [attrs]
 * @property {Partial<CSSStyleDeclaration>} [style]
 */

/**
 * Builds an element; `text` becomes a text node, so markup in data stays text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {ElOptions} [options]
 * @param {(Node | string | null | undefined | false)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
  if (options.style) Object.assign(node.style, options.style);
  for (const child of children) if (child) node.append(child);
  return node;
}

/**
 * @template {Element} T
 * @param {T} node
 * @returns {T}
 */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/**
 * The element of that id; the page's markup has it, so a missing one is a bug worth a loud error.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node;
}

/**
 * @param {string} id
 * @returns {HTMLFormElement}
 */
export function formById(id) {
  const node = byId(id);
  if (!(node instanceof HTMLFormElement)) throw new Error(`#${id} is not a form`);
  return node;
}

/**
 * A named input or select of a form.
 * @param {HTMLFormElement} form
 * @param {string} name
 * @returns {HTMLInputElement | HTMLSelectElement}
 */
export function field(form, name) {
  const node = form.elements.namedItem(name);
  if (node instanceof HTMLInputElement || node instanceof HTMLSelectElement) return node;
  throw new Error(`#${form.id} has no field ${name}`);
}

/**
 * A named select of a form.
 * @param {HTMLFormElement} form
 * @param {string} name
 * @returns {HTMLSelectElement}
 */
export function selectField(form, name) {
  const node = field(form, name);
  if (node instanceof HTMLSelectElement) return node;
  throw new Error(`#${form.id} field ${name} is not a select`);
}

/** @param {number | null | undefined} value */
export function formatTone(value) {
  if (value === null || value === undefined) return '–';
  return (value > 0 ? '+' : '') + value.toFixed(3);
}

/** @param {number | null | undefined} value */
export function formatShare(value) {
  return value === null || value === undefined ? '–' : `${Math.round(value * 100)}%`;
}

/**
 * A time with its zone (`Mar 10, 2025, 10:30 AM UTC`), or a day in the page's zone.
 * @param {string} iso
 * @param {boolean} [withTime]
 */
export function formatWhen(iso, withTime = true) {
  const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone }).format(
    new Date(iso),
  );
  if (!withTime) return date;
  const time = new Intl.DateTimeFormat(undefined, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
  return `${date}, ${time}`;
}

/**
 * The line under the header: loading, errors, what the page needs.
 * @param {string} message
 * @param {boolean} [isError]
 */
export function setStatus(message, isError = false) {
  const status = byId('status');
  status.textContent = message;
  status.classList.toggle('error', isError);
}

/**
 * Runs `action` on a click, or on Enter or Space, for an element given role=button.
 * @param {HTMLElement} node
 * @param {() => void} action
 */
export function onActivate(node, action) {
  node.addEventListener('click', action);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      action();
    }
  });
}

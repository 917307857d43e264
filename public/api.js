// @ts-check
// Requests to the API with the read key (kept in local storage once given).
import { formById, field } from './dom.js';

export const KEY_STORAGE = 'tonewatch.readKey';

/** A read route answered 401: the page needs a read key, or another one. */
export class NeedsKey extends Error {
  /** @param {boolean} refused a key was sent and the API refused it */
  constructor(refused) {
    super(refused ? 'the read key was refused' : 'a read key is needed');
    this.refused = refused;
  }
}

/** Headers with the read key, when one is kept. @param {string} accept */
export function readHeaders(accept) {
  /** @type {Record<string, string>} */
  const headers = { accept };
  const key = localStorage.getItem(KEY_STORAGE);
  if (key) headers['x-api-key'] = key;
  return headers;
}

/**
 * @param {string} path
 * @param {string} [accept]
 * @returns {Promise<Response>}
 */
export async function api(path, accept = 'application/json') {
  const headers = readHeaders(accept);
  const response = await fetch(path, { headers });
  if (response.status === 401) throw new NeedsKey(Boolean(headers['x-api-key']));
  return response;
}

/**
 * The API's reason for a refusal: its `message` (one string or a list), else the status.
 * @param {unknown} body
 * @param {string} fallback
 */
export function refusal(body, fallback) {
  const message = body && typeof body === 'object' && 'message' in body ? body.message : undefined;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' && message ? message : fallback;
}

/**
 * A JSON answer of a read route; any refusal becomes an Error with the API's reason.
 * @param {string} path
 * @returns {Promise<unknown>}
 */
export async function apiJson(path) {
  const response = await api(path);
  /** @type {unknown} */
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(refusal(body, `${path} answered ${response.status}`));
  return body;
}

/** Shows the read-key form. */
export function askForKey() {
  const form = formById('key-form');
  form.hidden = false;
  field(form, 'key').focus();
}

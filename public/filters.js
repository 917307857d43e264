// @ts-check
// The filters at the top of the page, and the address bar that keeps them
// (?monitor=&from=&to=&bucket=&source=&syndication=).
import { apiJson } from './api.js';
import { field, formById, selectField, timeZone } from './dom.js';

/** @typedef {import('./types.js').FilteredRoutes} FilteredRoutes */

const KEPT_IN_URL = ['monitor', 'from', 'to', 'bucket', 'source', 'syndication'];

export function filtersForm() {
  return formById('filters');
}

/** @param {string} name */
export function filterValue(name) {
  return field(filtersForm(), name).value;
}

/** The id of the monitor picked at the top ('' before the picker is filled). */
export function pickedMonitor() {
  return filterValue('monitor');
}

/** The picked bucket size: hour, day or week. */
export function pickedBucket() {
  return filterValue('bucket');
}

/** Query parameters every dashboard route takes, from the filters. */
export function filterParams() {
  const params = new URLSearchParams({ tz: timeZone });
  const from = filterValue('from');
  const to = filterValue('to');
  if (from) params.set('from', from);
  // the To date is inclusive on the page, exclusive in the API
  if (to) {
    const next = new Date(`${to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    params.set('to', next.toISOString().slice(0, 10));
  }
  const source = filterValue('source');
  if (source) params.set('source', source);
  const monitor = pickedMonitor();
  if (monitor) params.set('monitor', monitor);
  // collapse (a wire story once) is the API's default too
  params.set('syndication', filterValue('syndication') || 'collapse');
  return params;
}

/**
 * A route with the filters and `extra` as its query.
 * @param {string} path
 * @param {Record<string, string>} [extra]
 */
export function withParams(path, extra = {}) {
  const params = filterParams();
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return `${path}?${params}`;
}

/**
 * The answer of a read route for the filters (and `extra` parameters).
 * @template {keyof FilteredRoutes} R
 * @param {R} route
 * @param {Record<string, string>} [extra]
 * @returns {Promise<FilteredRoutes[R]>}
 */
export async function readFiltered(route, extra = {}) {
  return /** @type {FilteredRoutes[R]} */ (await apiJson(withParams(route, extra)));
}

/** Writes the filters to the address bar, as the page reads them on load. */
export function writeUrlState() {
  const form = filtersForm();
  const query = new URLSearchParams();
  for (const name of KEPT_IN_URL) {
    const value = field(form, name).value;
    if (value) query.set(name, value);
  }
  const url = `${location.pathname}?${query}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) {
    history.replaceState(null, '', url);
  }
}

/** The URL's dates, bucket, source and wire counting, else the last 30 days in days. */
export function initialiseFilters() {
  const form = filtersForm();
  const today = new Date();
  const from = new Date(today.getTime() - 29 * 86_400_000);
  /** @param {Date} d */
  const local = (d) =>
    new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  const query = new URLSearchParams(location.search);
  field(form, 'from').value = query.get('from') || local(from);
  field(form, 'to').value = query.get('to') || local(today);
  const bucket = query.get('bucket');
  if (bucket) field(form, 'bucket').value = bucket;
  const syndication = query.get('syndication');
  if (syndication === 'all' || syndication === 'collapse')
    field(form, 'syndication').value = syndication;
  const source = query.get('source');
  if (source) {
    // the Sources panel adds the outlets it sees; the one in the URL is there from the start
    const select = selectField(form, 'source');
    const option = document.createElement('option');
    option.value = option.textContent = source;
    select.append(option);
    select.value = source;
  }
}

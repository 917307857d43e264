// Outbound HTTP for URLs that come from users or third parties (feeds, pages, webhooks).
export {
  assertPublicTarget,
  isPublicAddress,
  type ResolvedAddress,
  type Resolver,
  type TargetPolicy,
} from './address-guard';
export { FetchError, type FetchFailure } from './fetch-error';
export {
  pinnedLookup,
  safeFetch,
  type FetchedDocument,
  type FetchLimits,
  type SafeFetchOptions,
} from './safe-fetch';
export { fetchLimitsFrom } from './fetch-limits';

import { DomainError, TemporarilyUnavailableError } from '../common/domain-errors';
import { NoArticleFoundError } from '../extraction/html-to-text';
import { FetchError } from '../fetching';
import { FeedParseError } from './feed-parser';

export interface IngestFailure {
  message: string;
  /** worth another attempt: a timeout, a dropped connection, a 5xx, our own database or Redis */
  transient: boolean;
  httpStatus: number | null;
}

/**
 * Sorts a failed poll or item fetch into retry or record-and-stop. What the remote side
 * sent (4xx, a wrong media type, malformed XML, a page without an article, a text the
 * analysis refuses) will not change on a retry minutes later.
 */
export function describeFailure(error: unknown): IngestFailure {
  if (error instanceof FetchError) {
    return { message: error.message, transient: error.transient, httpStatus: error.status ?? null };
  }
  if (error instanceof FeedParseError || error instanceof NoArticleFoundError) {
    return { message: error.message, transient: false, httpStatus: null };
  }
  if (error instanceof TemporarilyUnavailableError) {
    return { message: error.message, transient: true, httpStatus: null };
  }
  if (error instanceof DomainError) {
    return {
      message: `the article was refused: ${error.message}`,
      transient: false,
      httpStatus: null,
    };
  }
  return { message: (error as Error)?.message ?? String(error), transient: true, httpStatus: null };
}

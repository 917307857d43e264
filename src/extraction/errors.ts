export class NoArticleFoundError extends Error {
  constructor(reason: string) {
    super(`no article text could be extracted from the HTML: ${reason}`);
    this.name = 'NoArticleFoundError';
  }
}

/**
 * Not the document's fault: the parser thread did not start in time (a machine too busy). Worth
 * another attempt; the API answers 503 and a source retries the item.
 */
export class ExtractionUnavailableError extends Error {
  constructor(reason: string) {
    super(`HTML extraction is unavailable for now: ${reason}`);
    this.name = 'ExtractionUnavailableError';
  }
}

export type RefusalKind = 'depth' | 'elements' | 'deadline' | 'crashed';

/**
 * The HTML is refused before, or instead of, extraction: too deep, too many elements, an
 * extraction over its deadline, or a parser that failed on it. The same input would be refused
 * again, so the API answers 422 and a source records the item as failed with this reason.
 */
export class HtmlRefusedError extends NoArticleFoundError {
  constructor(
    readonly kind: RefusalKind,
    reason: string,
  ) {
    super(reason);
    this.name = 'HtmlRefusedError';
    this.message = `the HTML is refused: ${reason}`;
  }
}

import {
  InvalidInputError,
  TemporarilyUnavailableError,
  TooLargeError,
  UnprocessableInputError,
} from '../../../src/common/domain-errors';
import { NoArticleFoundError } from '../../../src/extraction/errors';
import { describeFailure } from '../../../src/sources/ingest-failure';
import { FeedParseError } from '../../../src/sources/feed-parser';

describe('describeFailure', () => {
  it.each([
    new InvalidInputError('text must not be blank'),
    new TooLargeError('text is 9000000 bytes; the limit is 2000000'),
    new UnprocessableInputError('html: nesting deeper than 64'),
  ])('records a refused article as final: %s', (error) => {
    expect(describeFailure(error)).toEqual({
      message: `the article was refused: ${error.message}`,
      transient: false,
      httpStatus: null,
    });
  });

  it('retries when the submission was only refused for now (extraction busy)', () => {
    const failure = describeFailure(new TemporarilyUnavailableError('html: extraction is busy'));
    expect(failure.transient).toBe(true);
  });

  it('records a malformed feed and a page without an article as final', () => {
    expect(describeFailure(new FeedParseError('not XML')).transient).toBe(false);
    expect(describeFailure(new NoArticleFoundError('no article text')).transient).toBe(false);
  });

  it('retries anything it does not recognise (our own database or Redis)', () => {
    expect(describeFailure(new Error('connection terminated')).transient).toBe(true);
  });
});

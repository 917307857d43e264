export class UnknownMonitorError extends Error {
  constructor(
    readonly monitorId: string,
    readonly known: string[],
  ) {
    super(`unknown monitor '${monitorId}' (known: ${known.join(', ')})`);
    this.name = 'UnknownMonitorError';
  }
}

export class TextTooLongError extends Error {
  constructor(
    readonly length: number,
    readonly limit: number,
  ) {
    super(`text is ${length} characters, over the limit of ${limit}`);
    this.name = 'TextTooLongError';
  }
}

import { MAX_ARTICLE_CHARS, scoreTone } from '../analysis';
import { CliError, decodeUtf8, parseArgs, type CliCommand, type CliIo } from './io';

export const scoreCommand: CliCommand = {
  name: 'score',
  usage: 'score < lines.txt',
  summary: 'tone of each stdin line, one JSON object per line',
  async run(args: string[], io: CliIo): Promise<void> {
    const { positional } = parseArgs(args, { flags: [], values: [] });
    if (positional.length > 0) throw new CliError(`usage: tonewatch ${this.usage}`, 2);
    let pending = Buffer.alloc(0);
    let lineNo = 0;
    const emit = (bytes: Buffer): void => {
      lineNo++;
      if (bytes.length > MAX_ARTICLE_CHARS)
        throw new CliError(`line ${lineNo} is over the size limit of ${MAX_ARTICLE_CHARS} bytes`);
      const text = decodeUtf8(bytes, `line ${lineNo}`).replace(/\r$/, '');
      const { value, score, comparative, label } = scoreTone(text);
      io.stdout(`${JSON.stringify({ value, score, comparative, label })}\n`);
    };
    for await (const chunk of io.stdin) {
      pending = Buffer.concat([pending, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
      for (let nl = pending.indexOf(10); nl >= 0; nl = pending.indexOf(10)) {
        emit(pending.subarray(0, nl));
        pending = pending.subarray(nl + 1);
      }
      if (pending.length > MAX_ARTICLE_CHARS)
        throw new CliError(
          `line ${lineNo + 1} is over the size limit of ${MAX_ARTICLE_CHARS} bytes`,
        );
    }
    if (pending.length > 0) emit(pending);
  },
};

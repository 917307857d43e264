import { JsonLogger } from '../../src/logging/json-logger';
import { runWithRequestId } from '../../src/logging/request-context';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug', apiKeys: string[] = []) {
  const lines: string[] = [];
  const logger = new JsonLogger(
    { logLevel: level, apiKeys },
    { write: (l: string) => lines.push(l) },
  );
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with time, level, msg and context', () => {
    const { logger, lines, entries } = capture();
    logger.log('started', 'Worker');
    logger.warn({ msg: 'slow job', articleId: 'a1', durationMs: 812 }, 'Scoring');
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(
      true,
    );
    const [first, second] = entries();
    expect(first).toMatchObject({ level: 'info', msg: 'started', context: 'Worker' });
    expect(Number.isNaN(Date.parse(first.time as string))).toBe(false);
    expect(second).toMatchObject({
      level: 'warn',
      msg: 'slow job',
      articleId: 'a1',
      durationMs: 812,
    });
  });

  it('adds the current request id, also inside async work started by the request', async () => {
    const { logger, entries } = capture();
    await runWithRequestId('req-7', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.log('inside');
    });
    logger.log('outside');
    expect(entries()[0].requestId).toBe('req-7');
    expect(entries()[1].requestId).toBeUndefined();
  });

  it('keeps Nest error stacks and drops levels below the threshold', () => {
    const { logger, entries } = capture('warn');
    logger.log('hidden');
    logger.debug('hidden too');
    logger.error('job failed', 'Error: boom\n    at x', 'Scoring');
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).toMatchObject({ level: 'error', msg: 'job failed', context: 'Scoring' });
    expect(entries()[0].stack).toContain('Error: boom');
  });

  it('redacts API keys wherever they appear', () => {
    const key = 'write-key-abcdefghijklmnop';
    const { logger, lines } = capture('debug', [key]);
    logger.log(`GET /metrics?key=${key}`);
    logger.error(new Error(`bad key ${key}`));
    expect(lines.join('')).not.toContain(key);
    expect(lines.join('')).toContain('[redacted]');
  });
});

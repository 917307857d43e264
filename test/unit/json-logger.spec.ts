import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Logger } from '@nestjs/common';
import express, { type Request, type Response } from 'express';
import { JsonLogger } from '../../src/logging/json-logger';
import { type ConsoleLike, installProcessLogging } from '../../src/logging/process-logging';
import { runWithRequestId } from '../../src/logging/request-context';
import { requestLoggingMiddleware } from '../../src/logging/request-logging.middleware';

const SRC = join(__dirname, '..', '..', 'src', 'logging');

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

describe('process logging', () => {
  function fakeProcess() {
    const emitter = new EventEmitter();
    const exits: number[] = [];
    return Object.assign(emitter, { exit: (code: number) => exits.push(code), exits });
  }
  function fakeConsole(): ConsoleLike {
    const fail = () => {
      throw new Error('the original console was called');
    };
    return { log: fail, info: fail, debug: fail, warn: fail, error: fail, trace: fail };
  }

  it("turns console output, an error's stack included, into one JSON line each", () => {
    const { logger, lines, entries } = capture();
    const out = fakeConsole();
    installProcessLogging(logger, { process: fakeProcess(), console: out });
    const error = new Error('Missing lock for job 42. moveToFinished');
    out.error(error);
    out.warn('It is highly recommended to use a minimum Redis version of %s', '6.2.0');
    out.log('plain', { a: 1 });
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => !line.slice(0, -1).includes('\n'))).toBe(true);
    expect(entries()[0]).toMatchObject({
      level: 'error',
      context: 'console',
      msg: 'Error: Missing lock for job 42. moveToFinished',
      error: 'Error',
    });
    expect(entries()[0].stack).toBe(error.stack);
    expect(entries()[1]).toMatchObject({
      level: 'warn',
      msg: 'It is highly recommended to use a minimum Redis version of 6.2.0',
    });
    expect(entries()[2]).toMatchObject({ level: 'info', msg: 'plain { a: 1 }' });
  });

  it("replaces Node's warning printer with a JSON line; an uncaught exception is one line, then exit 1", () => {
    const { logger, entries } = capture();
    const proc = fakeProcess();
    const nodePrinter = jest.fn();
    proc.on('warning', nodePrinter);
    installProcessLogging(logger, { process: proc, console: fakeConsole() });
    const warning = Object.assign(new Error('Calling client.query() when the client is busy'), {
      name: 'DeprecationWarning',
    });
    proc.emit('warning', warning);
    proc.emit('uncaughtException', new Error('out of the blue'));
    expect(nodePrinter).not.toHaveBeenCalled();
    expect(entries()[0]).toMatchObject({
      level: 'warn',
      context: 'process',
      msg: 'Calling client.query() when the client is busy',
      warning: 'DeprecationWarning',
    });
    expect(entries()[1]).toMatchObject({
      level: 'error',
      msg: 'uncaught exception: out of the blue',
    });
    expect(entries()[1].stack).toContain('out of the blue');
    expect(proc.exits).toEqual([1]);
  });

  it('in a real process: a pg DeprecationWarning and a console.error(err) leave only JSON lines', () => {
    // A child Node process that loads the logging sources (compiled with SWC on the fly).
    const script = `
      const { readFileSync } = require('node:fs');
      const { transformSync } = require('@swc/core');
      require.extensions['.ts'] = (module, filename) => {
        const { code } = transformSync(readFileSync(filename, 'utf8'), {
          filename, swcrc: false,
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
        });
        module._compile(code, filename);
      };
      const { JsonLogger } = require(${JSON.stringify(join(SRC, 'json-logger.ts'))});
      const { installProcessLogging } = require(${JSON.stringify(join(SRC, 'process-logging.ts'))});
      installProcessLogging(new JsonLogger({ logLevel: 'info' }));
      const { Client } = require('pg');
      const client = new Client();
      client.query('SELECT 1').catch(() => undefined);
      client.query('SELECT 2').catch(() => undefined); // pg: already executing a query
      console.error(new Error('could not renew lock for job 7'));
      setTimeout(() => undefined, 50);
    `;
    const result = spawnSync(process.execPath, ['-e', script], {
      cwd: join(__dirname, '..', '..'),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n').filter(Boolean);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'warn', warning: 'DeprecationWarning' }),
        expect.objectContaining({ level: 'error', msg: 'Error: could not renew lock for job 7' }),
      ]),
    );
  });
});

describe('request lines', () => {
  async function serve(handler: (req: Request, res: Response) => void): Promise<{
    url: string;
    entries: () => Record<string, unknown>[];
    close: () => Promise<void>;
  }> {
    const { logger, entries } = capture();
    const app = express();
    app.use(requestLoggingMiddleware(logger as unknown as Logger));
    app.get('/slow', handler);
    app.get('/fast', (_req, res) => res.json({ ok: true }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      entries: () => entries().filter((e) => e.msg === 'request'),
      close: () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }

  it('writes one line for a finished request, and one with aborted and 499 when the client went away', async () => {
    let answer: (() => void) | undefined;
    const server = await serve((_req, res) => {
      answer = () => res.json({ late: true });
    });
    try {
      await fetch(`${server.url}/fast?key=x`);
      const gone = new AbortController();
      const pending = fetch(`${server.url}/slow`, { signal: gone.signal }).catch(() => undefined);
      await waitUntil(() => answer !== undefined);
      gone.abort();
      await pending;
      await waitUntil(() => server.entries().length === 2);
      answer?.(); // the handler answers into a closed connection: no second line
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.entries()).toEqual([
        expect.objectContaining({ method: 'GET', path: '/fast', status: 200 }),
        expect.objectContaining({ method: 'GET', path: '/slow', status: 499, aborted: true }),
      ]);
      expect(server.entries()[0].aborted).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

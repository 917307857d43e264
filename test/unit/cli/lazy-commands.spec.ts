import { runCli } from '../../../src/cli';
import type { CliIo } from '../../../src/cli/io';

// The service-stack commands must not be loaded by `analyze` or `score`: loading any of these
// modules in this file fails the test.
jest.mock('../../../src/cli/reanalyze.command', () => {
  throw new Error('reanalyze.command was loaded');
});
jest.mock('../../../src/cli/backtest.command', () => {
  throw new Error('backtest.command was loaded');
});
jest.mock('../../../src/cli/ingest.command', () => {
  throw new Error('ingest.command was loaded');
});

async function run(
  argv: string[],
  stdin = '',
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdin: [Buffer.from(stdin)],
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('CLI commands are loaded lazily', () => {
  it('help lists every command without loading any', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['analyze', 'score', 'reanalyze', 'ingest', 'backtest'])
      expect(r.out).toContain(`  ${name}`);
  });

  it('analyze loads only the analysis core', async () => {
    const r = await run(['analyze', '-'], 'Beijing firmly opposes the sale, the ministry said.\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('china');
  });

  it('score loads only the analysis core', async () => {
    const r = await run(['score'], 'Beijing firmly opposes the sale.\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ label: 'negative' });
  });

  it('a service command is loaded only when it runs', async () => {
    const r = await run(['reanalyze']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('reanalyze.command was loaded');
  });
});

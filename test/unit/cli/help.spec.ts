import { COMMANDS, runCli, usage } from '../../../src/cli';

describe('tonewatch help', () => {
  const text = usage();

  it('lists every command with its summary, in one aligned column', () => {
    for (const c of COMMANDS) {
      expect(text).toContain(`  ${c.usage}`);
      expect(text).toContain(c.summary);
    }
    const summaryColumns = text
      .split('\n')
      .filter((line) => COMMANDS.some((c) => line.endsWith(c.summary)))
      .map(
        (line) =>
          line.length - (COMMANDS.find((c) => line.endsWith(c.summary))?.summary.length ?? 0),
      );
    expect(new Set(summaryColumns).size).toBe(1);
  });

  it('says which variables the commands read, and that none needs API_KEYS', () => {
    expect(text).toMatch(/none of the commands needs API_KEYS/);
    expect(text).toMatch(/reanalyze +DATABASE_URL, REDIS_URL, REDIS_PREFIX/);
    expect(text).toMatch(/ingest, demo +TONEWATCH_API_URL .*TONEWATCH_API_KEY/);
  });

  it('is what `help` prints, exit 0', async () => {
    let out = '';
    const code = await runCli(['help'], {
      stdin: [],
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    expect({ code, out }).toEqual({ code: 0, out: text });
  });
});

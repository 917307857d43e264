import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
// The entrypoints' TypeScript compiled on the fly with SWC, so no build is needed.
const HOOK = `
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename, swcrc: false,
    jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022',
           transform: { legacyDecorator: true, decoratorMetadata: true } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
`;

function run(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', join(dir, 'hook.js'), join(ROOT, entry)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tonewatch-start-up-'));
  writeFileSync(join(dir, 'hook.js'), HOOK);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a broken file in MONITORS_DIR', () => {
  it('stops the API and the worker at start-up, naming file, field and reason', async () => {
    const monitors = join(dir, 'monitors');
    mkdirSync(monitors);
    const doc = JSON.parse(
      readFileSync(join(ROOT, 'examples/monitors/india-pakistan.json'), 'utf8'),
    ) as { sides: { colour: string; actors: unknown[] }[] };
    doc.sides[0].colour = 'orange';
    doc.sides[1].actors = [];
    writeFileSync(join(monitors, 'mine.json'), JSON.stringify(doc));
    const env = {
      MONITORS_DIR: monitors,
      API_KEYS: 'a-key-that-is-long-enough',
      // nothing may be reached: the configuration fails first
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      REDIS_URL: 'redis://127.0.0.1:1',
    };
    const [api, worker] = await Promise.all([run('src/main.ts', env), run('src/worker.ts', env)]);
    for (const [role, result] of [
      ['api', api],
      ['worker', worker],
    ] as const) {
      expect(result.code).toBe(1);
      const line = JSON.parse(result.out.trim().split('\n').pop()!) as {
        msg: string;
        problems: string[];
      };
      expect(line.msg).toMatch(new RegExp(`^tonewatch ${role} failed to start`));
      expect(line.problems).toEqual([
        `MONITORS_DIR: ${monitors}/mine.json: sides[0].colour: 'orange' is not a colour written #rrggbb`,
        `MONITORS_DIR: ${monitors}/mine.json: sides[1].actors: side 'pakistan' has no actors: list at least one name the side speaks through`,
      ]);
    }
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const scripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** The long-running entrypoints, and the built file each script runs. */
const SERVICES: Record<string, string> = {
  start: 'dist/src/start.js',
  'start:api': 'dist/src/main.js',
  'start:worker': 'dist/src/worker.js',
};

/**
 * Stands in for a built entrypoint: records its pid and the signal it gets, then exits 0. The
 * handler comes before the pid file, which tells the test it may send the signal.
 */
const STUB = `
const fs = require('node:fs');
process.on('SIGTERM', () => { fs.writeFileSync(process.env.STUB_DIR + '/signal', 'SIGTERM'); process.exit(0); });
fs.writeFileSync(process.env.STUB_DIR + '/pid', String(process.pid));
setInterval(() => undefined, 1000);
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe('npm scripts under a supervisor', () => {
  it.each(Object.entries(SERVICES))(
    'npm run %s execs node, so SIGTERM to npm reaches the service and none is orphaned',
    async (name, entry) => {
      expect(scripts[name]).toBe(`exec node ${entry}`);
      const dir = mkdtempSync(join(tmpdir(), 'tonewatch-npm-'));
      try {
        mkdirSync(join(dir, 'dist', 'src'), { recursive: true });
        writeFileSync(join(dir, entry), STUB);
        writeFileSync(
          join(dir, 'package.json'),
          JSON.stringify({ name: 'stub', version: '0.0.0', scripts: { [name]: scripts[name] } }),
        );
        const npm = spawn('npm', ['run', '--silent', name], {
          cwd: dir,
          env: { ...process.env, STUB_DIR: dir },
          stdio: 'ignore',
        });
        const exited = new Promise<number | null>((resolve) => npm.once('exit', resolve));
        expect(await until(() => existsSync(join(dir, 'pid')), 15_000)).toBe(true);
        const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
        npm.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(readFileSync(join(dir, 'signal'), 'utf8')).toBe('SIGTERM');
        expect(await until(() => !alive(pid), 5_000)).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('the image and compose run node directly, with no npm in between', () => {
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(
      /^CMD \["node", "dist\/src\/main\.js"\]$/m,
    );
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    expect(compose).not.toMatch(/command: \["npm"/);
  });
});

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listMonitors } from '../../../src/analysis';
import { ConfigError, loadConfig } from '../../../src/config/config';

const base = { API_KEYS: 'a-key-that-is-long-enough' };
const fixture = join(__dirname, '../../fixtures/monitors/arvenia-belmora.json');

function fixtureDoc(): { id: string; sides: { actors: unknown[]; colour?: string }[] } {
  return JSON.parse(readFileSync(fixture, 'utf8')) as ReturnType<typeof fixtureDoc>;
}

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected ConfigError');
}

describe('MONITORS_DIR', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tonewatch-monitors-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    loadConfig(base);
  });

  it('loads every .json file of the folder beside the shipped monitors', () => {
    copyFileSync(fixture, join(dir, 'arvenia-belmora.json'));
    writeFileSync(join(dir, 'README.txt'), 'not a monitor');
    const config = loadConfig({ ...base, MONITORS_DIR: dir, DEFAULT_MONITOR: 'arvenia-belmora' });
    expect(config.monitors.dir).toBe(dir);
    expect(config.monitors.default).toBe('arvenia-belmora');
    expect(listMonitors().map((m) => m.id)).toEqual([
      'us-china',
      'russia-ukraine',
      'arvenia-belmora',
    ]);
    // a process configured without the folder has the shipped monitors only
    expect(loadConfig(base).monitors.dir).toBeNull();
    expect(listMonitors().map((m) => m.id)).toEqual(['us-china', 'russia-ukraine']);
  });

  it('stops start-up naming the file, the field and the reason for each problem', () => {
    const broken = fixtureDoc();
    broken.sides[1].actors = [];
    broken.sides[0].colour = 'teal';
    writeFileSync(join(dir, 'a.json'), JSON.stringify(broken));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...broken, id: 'russia-ukraine' }));
    const found = problems({ MONITORS_DIR: dir });
    expect(found).toEqual(
      [
        `MONITORS_DIR: a.json: sides[0].colour: 'teal' is not a colour written #rrggbb`,
        `MONITORS_DIR: a.json: sides[1].actors: side 'belmora' has no actors: list at least one name the side speaks through`,
        `MONITORS_DIR: b.json: sides[0].colour: 'teal' is not a colour written #rrggbb`,
        `MONITORS_DIR: b.json: sides[1].actors: side 'belmora' has no actors: list at least one name the side speaks through`,
      ].map((p) => p.replace(/: ([ab]\.json)/, `: ${dir}/$1`)),
    );
    expect(listMonitors().map((m) => m.id)).toEqual(['us-china', 'russia-ukraine']);
  });

  it('names a clash with a shipped monitor, and a folder that cannot be read', () => {
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ ...fixtureDoc(), id: 'us-china' }));
    expect(problems({ MONITORS_DIR: dir })).toEqual([
      `MONITORS_DIR: ${dir}/mine.json: id: 'us-china' is the id of a shipped monitor; choose another id`,
    ]);
    expect(problems({ MONITORS_DIR: join(dir, 'absent') })[0]).toMatch(
      /^MONITORS_DIR: .*absent: \(directory\): cannot be read: ENOENT/,
    );
  });
});

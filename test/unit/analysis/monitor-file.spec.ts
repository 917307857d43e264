import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeArticle,
  formatProblem,
  getMonitor,
  getMonitorVersion,
  listMonitors,
  loadUserMonitors,
  MONITOR_SCHEMA,
  monitorVersion,
  parseMonitorFile,
  parseMonitorFiles,
  shippedMonitorIds,
} from '../../../src/analysis';

const fixture = join(__dirname, '../../fixtures/monitors/arvenia-belmora.json');
const text = readFileSync(fixture, 'utf8');

type Doc = Record<string, unknown> & { sides: Record<string, unknown>[] };

function doc(): Doc {
  return JSON.parse(text) as Doc;
}

function problemsOf(value: unknown): string[] {
  return parseMonitorFile('mine.json', value).problems.map(formatProblem);
}

function actorsOf(d: Doc, side: number): Record<string, unknown>[] {
  return d.sides[side].actors as Record<string, unknown>[];
}

describe('monitor file format', () => {
  afterEach(() => loadUserMonitors([]));

  it('reads a valid file into sides with colours and people flattened into names', () => {
    const result = parseMonitorFile('arvenia-belmora.json', text);
    expect(result.problems).toEqual([]);
    const monitor = result.monitor!;
    expect(monitor.sides.map((s) => [s.id, s.label, s.colour])).toEqual([
      ['arvenia', 'Arvenia', '#0d9488'],
      ['belmora', 'Belmora', '#9333ea'],
    ]);
    const people = monitor.sides[0].actors.find((g) => g.kind === 'person')!;
    expect(people.names).toEqual(['Ilsa Marrow', 'Marrow', 'Teodor Quill', 'Quill']);
    expect(people.people?.[0]).toEqual({
      name: 'Ilsa Marrow',
      role: 'Chancellor',
      aliases: ['Marrow'],
    });
  });

  it('reports a file that is not JSON or not an object', () => {
    expect(parseMonitorFile('bad.json', '{ "id": ').problems[0]).toMatchObject({
      file: 'bad.json',
      field: '(file)',
      reason: expect.stringMatching(/^not valid JSON/),
    });
    expect(problemsOf([1, 2])).toEqual([
      'mine.json: (file): must hold one JSON object, not an array',
    ]);
  });

  it('names an unknown key with its path, at every level', () => {
    const d = doc();
    d.colour = '#000000';
    d.sides[0].color = '#111111';
    actorsOf(d, 1)[0].aliases = ['Bel'];
    (actorsOf(d, 0)[4].people as Record<string, unknown>[])[1].title = 'Sir';
    expect(problemsOf(d)).toEqual([
      "mine.json: colour: unknown key 'colour' (allowed: id, label, note, sides)",
      "mine.json: sides[0].color: unknown key 'color' (allowed: id, label, colour, actors)",
      "mine.json: sides[0].actors[4].people[1].title: unknown key 'title' (allowed: name, role, aliases)",
      "mine.json: sides[1].actors[0].aliases: unknown key 'aliases' (allowed: kind, note, names)",
    ]);
  });

  it('reports missing and mistyped fields', () => {
    const d = doc();
    delete d.note;
    d.sides[0].label = 3;
    delete d.sides[1].colour;
    (actorsOf(d, 0)[4].people as Record<string, unknown>[])[0].role = '';
    expect(problemsOf(d)).toEqual([
      'mine.json: note: missing',
      'mine.json: sides[0].label: must be a string, not a number',
      'mine.json: sides[0].actors[4].people[0].role: must not be empty',
      'mine.json: sides[1].colour: missing',
    ]);
  });

  it('refuses a side with no actors, and an empty names list', () => {
    const d = doc();
    d.sides[1].actors = [];
    expect(problemsOf(d)).toEqual([
      "mine.json: sides[1].actors: side 'belmora' has no actors: list at least one name the side speaks through",
    ]);
    const e = doc();
    actorsOf(e, 0)[0].names = [];
    expect(problemsOf(e)).toEqual([
      'mine.json: sides[0].actors[0].names: empty: list at least one name',
    ]);
  });

  it('refuses a name claimed by two sides, naming both places', () => {
    const d = doc();
    (actorsOf(d, 1)[1].names as string[]).push('arvenians');
    (actorsOf(d, 1)[4].people as Record<string, unknown>[])[1].aliases = ['Quill'];
    expect(problemsOf(d)).toEqual([
      "mine.json: sides[1].actors[1].names[2]: 'arvenians' is claimed by two sides: 'arvenia' (sides[0].actors[1].names[1]) and 'belmora'",
      "mine.json: sides[1].actors[4].people[1].aliases[0]: 'Quill' is claimed by two sides: 'arvenia' (sides[0].actors[4].people[1].aliases[0]) and 'belmora'",
    ]);
  });

  it('checks ids, kinds, colours, names and the number of sides', () => {
    const d = doc();
    d.id = 'Arvenia Belmora';
    d.sides[0].id = 'neutral';
    d.sides[1].colour = 'purple';
    actorsOf(d, 0)[2].kind = 'city';
    (actorsOf(d, 0)[3].names as string[])[0] = '--';
    expect(problemsOf(d)).toEqual([
      "mine.json: id: 'Arvenia Belmora' is not a monitor id (lower-case letters, digits and -, at most 48)",
      "mine.json: sides[0].id: 'neutral' is reserved for paragraphs of no single side",
      'mine.json: sides[0].actors[2].kind: "city" is not one of person, title, institution, outlet, capital, country, demonym',
      "mine.json: sides[0].actors[3].names[0]: '--' has no letter or digit to match",
      "mine.json: sides[1].colour: 'purple' is not a colour written #rrggbb",
    ]);
    const one = doc();
    one.sides = [one.sides[0]];
    expect(problemsOf(one)).toEqual(['mine.json: sides: a monitor has 2 to 8 sides, not 1']);
    const twice = doc();
    twice.sides[1].id = 'arvenia';
    expect(problemsOf(twice)).toContain(
      "mine.json: sides[1].id: side id 'arvenia' is already used by sides[0]",
    );
  });

  it("refuses the id 'auto', which a submission uses to ask for the monitors to be picked", () => {
    const auto = doc();
    auto.id = 'auto';
    expect(problemsOf(auto)).toEqual([
      "mine.json: id: 'auto' is reserved: a submission naming it asks for the monitors to be picked",
    ]);
  });

  it('refuses an id clash with a shipped monitor or with another file', () => {
    const clash = doc();
    clash.id = 'us-china';
    const { monitors, problems } = parseMonitorFiles(
      [
        { file: 'a.json', contents: text },
        { file: 'b.json', contents: text },
        { file: 'c.json', contents: JSON.stringify(clash) },
      ],
      shippedMonitorIds(),
    );
    expect(monitors.map((m) => m.id)).toEqual(['arvenia-belmora']);
    expect(problems.map(formatProblem)).toEqual([
      "b.json: id: 'arvenia-belmora' is already the id of a.json",
      "c.json: id: 'us-china' is the id of a shipped monitor; choose another id",
    ]);
  });

  it('has a schema whose keys are the ones the validator allows', () => {
    expect(Object.keys(MONITOR_SCHEMA.properties)).toEqual([
      '$schema',
      'id',
      'label',
      'note',
      'sides',
    ]);
    expect(MONITOR_SCHEMA.$defs.side.required).toEqual(['id', 'label', 'colour', 'actors']);
    const published = JSON.parse(
      readFileSync(join(__dirname, '../../../docs/monitor.schema.json'), 'utf8'),
    ) as unknown;
    // docs/monitor.schema.json is MONITOR_SCHEMA as written by `tonewatch monitors schema`
    expect(published).toEqual(JSON.parse(JSON.stringify(MONITOR_SCHEMA)));
  });
});

describe('user monitors', () => {
  afterEach(() => loadUserMonitors([]));

  it('are listed after the shipped ones with their colours and versions, and analysed with their sides', () => {
    expect(loadUserMonitors([{ file: 'arvenia-belmora.json', contents: text }])).toEqual([]);
    const listed = listMonitors();
    expect(listed.map((m) => [m.id, m.shipped])).toEqual([
      ['us-china', true],
      ['russia-ukraine', true],
      ['arvenia-belmora', false],
    ]);
    expect(listed[2].sides).toEqual([
      { id: 'arvenia', label: 'Arvenia', colour: '#0d9488' },
      { id: 'belmora', label: 'Belmora', colour: '#9333ea' },
    ]);
    expect(listed[2].version).toMatch(/^[0-9a-f]{16}$/);
    const a = analyzeArticle(
      'Chancellor Ilsa Marrow said the dam talks were constructive.\n\nA Belmoran spokesperson said the plan was a provocation.\n\nThe river rose overnight.',
      { monitor: 'arvenia-belmora' },
    );
    expect(a.paragraphs.map((p) => p.side)).toEqual(['arvenia', 'belmora', 'neutral']);
  });

  it('change version with their names, not with labels, colours, notes or roles', () => {
    const base = parseMonitorFile('x.json', text).monitor!;
    const cosmetic = doc();
    cosmetic.label = 'Another label';
    cosmetic.sides[0].colour = '#000000';
    (actorsOf(cosmetic, 0)[4].people as Record<string, unknown>[])[0].role = 'Former chancellor';
    expect(monitorVersion(parseMonitorFile('x.json', cosmetic).monitor!)).toBe(
      monitorVersion(base),
    );
    const renamed = doc();
    (actorsOf(renamed, 0)[0].names as string[]).push('Republic of Arvenia');
    expect(monitorVersion(parseMonitorFile('x.json', renamed).monitor!)).not.toBe(
      monitorVersion(base),
    );
  });

  it('leave the loaded set as it was when a file has a problem, and can be replaced', () => {
    loadUserMonitors([{ file: 'arvenia-belmora.json', contents: text }]);
    const before = getMonitorVersion('arvenia-belmora');
    expect(loadUserMonitors([{ file: 'broken.json', contents: '{}' }])).not.toEqual([]);
    expect(getMonitorVersion('arvenia-belmora')).toBe(before);
    const edited = doc();
    (actorsOf(edited, 1)[0].names as string[]).push('Belmoran Republic');
    expect(loadUserMonitors([{ file: 'arvenia-belmora.json', contents: edited }])).toEqual([]);
    expect(getMonitorVersion('arvenia-belmora')).not.toBe(before);
    expect(getMonitor('arvenia-belmora').sides[1].actors[0].names).toContain('Belmoran Republic');
  });

  it('the shipped monitors have stable versions', () => {
    expect(getMonitorVersion('us-china')).toMatch(/^[0-9a-f]{16}$/);
    expect(getMonitorVersion('russia-ukraine')).not.toBe(getMonitorVersion('us-china'));
  });
});

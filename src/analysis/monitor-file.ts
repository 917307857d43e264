/**
 * The monitor file format (JSON), its JSON Schema and its validator: plain functions over file
 * contents, no file system. The shipped monitors (data/monitors/*.json) and the files of a
 * deployment's MONITORS_DIR go through the same `parseMonitorFile`, so a user's monitor is read
 * exactly like a shipped one.
 *
 * A file holds one monitor:
 *
 *   { "id": "india-pakistan", "label": "India – Pakistan", "note": "…",
 *     "sides": [ { "id": "india", "label": "India", "colour": "#f97316",
 *                  "actors": [ { "kind": "country", "names": ["India"], "note": "…" },
 *                              { "kind": "person", "note": "…",
 *                                "people": [ { "name": "…", "role": "…", "aliases": ["…"] } ] } ] },
 *                …] }
 *
 * Every problem is reported with the file, the field (a JSON path such as
 * `sides[1].actors[0].names[2]`) and the reason; a file with any problem is not loaded.
 */

import { createHash } from 'node:crypto';

export const ACTOR_KINDS = [
  'person',
  'title',
  'institution',
  'outlet',
  'capital',
  'country',
  'demonym',
] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Side labels the analysis gives itself; no monitor side may take these ids. */
export const RESERVED_SIDE_IDS = ['neutral', 'mixed'] as const;

export const MONITOR_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,47}$';
/** `"monitors": "auto"` asks for the monitors an article is about (several-monitors.ts) */
export const RESERVED_MONITOR_ID = 'auto';
export const SIDE_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,31}$';
export const COLOUR_PATTERN = '^#[0-9a-fA-F]{6}$';
export const MAX_SIDES = 8;

export interface MonitorPerson {
  /** the name as wires write it in full, e.g. "Joe Biden" */
  name: string;
  /** what the person is or was, for readers of the file (not used for matching) */
  role: string;
  /** other names that refer to the same person: surnames, other spellings */
  aliases?: string[];
}

/** An actor group as written in a file. A `person` group lists `people`; others list `names`. */
export type MonitorFileGroup =
  | { kind: Exclude<ActorKind, 'person'>; names: string[]; note: string }
  | { kind: 'person'; people: MonitorPerson[]; note: string };

export interface MonitorFileSide {
  id: string;
  label: string;
  /** CSS hex colour (#rrggbb) the dashboard draws the side in */
  colour: string;
  actors: MonitorFileGroup[];
}

export interface MonitorFile {
  $schema?: string;
  id: string;
  label: string;
  note: string;
  sides: MonitorFileSide[];
}

export interface MonitorProblem {
  /** file name as given to the loader (e.g. `india-pakistan.json`) */
  file: string;
  /** JSON path of the field, `(file)` for the file as a whole */
  field: string;
  reason: string;
}

export function formatProblem(p: MonitorProblem): string {
  return `${p.file}: ${p.field}: ${p.reason}`;
}

export class MonitorFileError extends Error {
  constructor(readonly problems: MonitorProblem[]) {
    super(`Invalid monitor file(s):\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'MonitorFileError';
  }
}

const SCHEMA_ID = 'https://tonewatch.invalid/schemas/monitor.schema.json';

/** The JSON Schema of a monitor file (draft 2020-12), published as docs/monitor.schema.json. */
export const MONITOR_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SCHEMA_ID,
  title: 'Tonewatch monitor',
  description:
    'One monitor: the sides of a relationship and, per side, the actors whose statements speak for it.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'label', 'note', 'sides'],
  properties: {
    $schema: { type: 'string', description: 'optional link to this schema, for editors' },
    id: {
      type: 'string',
      pattern: MONITOR_ID_PATTERN,
      not: { const: 'auto' },
      description:
        'monitor id used by the API (`monitor` fields, `?monitor=`); lower case; `auto` is reserved',
    },
    label: { type: 'string', minLength: 1, description: 'name shown on the dashboard' },
    note: { type: 'string', minLength: 1, description: 'what the monitor follows, for people' },
    sides: {
      type: 'array',
      minItems: 2,
      maxItems: MAX_SIDES,
      items: { $ref: '#/$defs/side' },
    },
  },
  $defs: {
    side: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'label', 'colour', 'actors'],
      properties: {
        id: {
          type: 'string',
          pattern: SIDE_ID_PATTERN,
          not: { enum: [...RESERVED_SIDE_IDS] },
          description: 'side id stored with every paragraph; neutral and mixed are reserved',
        },
        label: { type: 'string', minLength: 1 },
        colour: {
          type: 'string',
          pattern: COLOUR_PATTERN,
          description: 'dashboard colour, #rrggbb',
        },
        actors: { type: 'array', minItems: 1, items: { $ref: '#/$defs/group' } },
      },
    },
    group: {
      type: 'object',
      required: ['kind', 'note'],
      oneOf: [
        {
          additionalProperties: false,
          required: ['names'],
          properties: {
            kind: { enum: ACTOR_KINDS.filter((k) => k !== 'person') },
            note: { type: 'string', minLength: 1 },
            names: { type: 'array', minItems: 1, items: { $ref: '#/$defs/name' } },
          },
        },
        {
          additionalProperties: false,
          required: ['people'],
          properties: {
            kind: { const: 'person' },
            note: { type: 'string', minLength: 1 },
            people: { type: 'array', minItems: 1, items: { $ref: '#/$defs/person' } },
          },
        },
      ],
    },
    person: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'role'],
      properties: {
        name: { $ref: '#/$defs/name' },
        role: { type: 'string', minLength: 1 },
        aliases: { type: 'array', items: { $ref: '#/$defs/name' } },
      },
    },
    name: {
      type: 'string',
      pattern: '[A-Za-z0-9]',
      maxLength: 120,
      description:
        'matched as whole words; a name with a capital letter is matched case-sensitively, one in lower case also when capitalised',
    },
  },
} as const;

const ROOT_KEYS = Object.keys(MONITOR_SCHEMA.properties);
const SIDE_KEYS = Object.keys(MONITOR_SCHEMA.$defs.side.properties);
const NAMES_GROUP_KEYS = Object.keys(MONITOR_SCHEMA.$defs.group.oneOf[0].properties);
const PEOPLE_GROUP_KEYS = Object.keys(MONITOR_SCHEMA.$defs.group.oneOf[1].properties);
const PERSON_KEYS = Object.keys(MONITOR_SCHEMA.$defs.person.properties);
const MAX_NAME_LENGTH = MONITOR_SCHEMA.$defs.name.maxLength;

/** Flattened, validated monitor as the analysis uses it. */
export interface ActorGroup {
  kind: ActorKind;
  /** every name of the group; for people, each person's name followed by their aliases */
  names: string[];
  note: string;
  /** only for `person` groups */
  people?: MonitorPerson[];
}

export interface MonitorSide {
  id: string;
  label: string;
  colour: string;
  actors: ActorGroup[];
}

export interface MonitorDefinition {
  id: string;
  label: string;
  note: string;
  sides: MonitorSide[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Lower case, spaces collapsed: two names with the same key are the same actor. */
export function actorKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

class Checker {
  readonly problems: MonitorProblem[] = [];
  constructor(private readonly file: string) {}

  problem(field: string, reason: string): void {
    this.problems.push({ file: this.file, field, reason });
  }

  keys(value: Record<string, Json>, allowed: string[], at: string): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.problem(
          at ? `${at}.${key}` : key,
          `unknown key '${key}' (allowed: ${allowed.filter((k) => k !== '$schema').join(', ')})`,
        );
      }
    }
  }

  text(value: Record<string, Json>, key: string, at: string): string | null {
    const field = at ? `${at}.${key}` : key;
    const v = value[key];
    if (v === undefined) {
      this.problem(field, 'missing');
      return null;
    }
    if (typeof v !== 'string') {
      this.problem(field, `must be a string, not ${describe(v)}`);
      return null;
    }
    if (v.trim() === '') {
      this.problem(field, 'must not be empty');
      return null;
    }
    return v;
  }

  matching(value: string | null, pattern: string, field: string, what: string): string | null {
    if (value === null) return null;
    if (!new RegExp(pattern).test(value)) {
      this.problem(field, `'${value}' is not ${what}`);
      return null;
    }
    return value;
  }

  name(v: Json | undefined, field: string): string | null {
    if (typeof v !== 'string') {
      this.problem(field, `must be a string, not ${describe(v)}`);
      return null;
    }
    if (!/[A-Za-z0-9]/.test(v)) {
      this.problem(field, `'${v}' has no letter or digit to match`);
      return null;
    }
    if (v.length > MAX_NAME_LENGTH) {
      this.problem(field, `longer than ${MAX_NAME_LENGTH} characters`);
      return null;
    }
    return v;
  }

  list(value: Record<string, Json>, key: string, at: string): Json[] | null {
    const field = `${at}.${key}`;
    const v = value[key];
    if (v === undefined) {
      this.problem(field, 'missing');
      return null;
    }
    if (!Array.isArray(v)) {
      this.problem(field, `must be an array, not ${describe(v)}`);
      return null;
    }
    return v;
  }
}

interface Claim {
  side: string;
  field: string;
}

function parseGroup(c: Checker, raw: Json, at: string): ActorGroup | null {
  if (!isObject(raw)) {
    c.problem(at, `must be an object, not ${describe(raw)}`);
    return null;
  }
  const kind = raw.kind;
  if (kind === undefined) {
    c.problem(`${at}.kind`, `missing (one of ${ACTOR_KINDS.join(', ')})`);
    return null;
  }
  if (typeof kind !== 'string' || !(ACTOR_KINDS as readonly string[]).includes(kind)) {
    c.problem(`${at}.kind`, `${JSON.stringify(kind)} is not one of ${ACTOR_KINDS.join(', ')}`);
    return null;
  }
  const note = c.text(raw, 'note', at);
  if (kind === 'person') {
    c.keys(raw, PEOPLE_GROUP_KEYS, at);
    if (raw.names !== undefined && raw.people === undefined) {
      c.problem(`${at}.people`, "missing (a person group lists 'people', each with name and role)");
      return null;
    }
    const rawPeople = c.list(raw, 'people', at);
    if (!rawPeople) return null;
    if (rawPeople.length === 0) c.problem(`${at}.people`, 'empty: list at least one person');
    const people: MonitorPerson[] = [];
    const names: string[] = [];
    rawPeople.forEach((p, i) => {
      const pat = `${at}.people[${i}]`;
      if (!isObject(p)) {
        c.problem(pat, `must be an object, not ${describe(p)}`);
        return;
      }
      c.keys(p, PERSON_KEYS, pat);
      const name =
        p.name === undefined
          ? (c.problem(`${pat}.name`, 'missing'), null)
          : c.name(p.name, `${pat}.name`);
      const role = c.text(p, 'role', pat);
      let aliases: string[] | undefined;
      if (p.aliases !== undefined) {
        if (!Array.isArray(p.aliases)) {
          c.problem(`${pat}.aliases`, `must be an array, not ${describe(p.aliases)}`);
        } else {
          aliases = [];
          p.aliases.forEach((a, j) => {
            const alias = c.name(a, `${pat}.aliases[${j}]`);
            if (alias !== null) aliases!.push(alias);
          });
        }
      }
      if (name === null || role === null) return;
      people.push(aliases ? { name, role, aliases } : { name, role });
      names.push(name, ...(aliases ?? []));
    });
    if (note === null) return null;
    return { kind, names, note, people };
  }
  c.keys(raw, NAMES_GROUP_KEYS, at);
  if (raw.people !== undefined && raw.names === undefined) {
    c.problem(`${at}.names`, `missing (only a person group lists 'people')`);
    return null;
  }
  const rawNames = c.list(raw, 'names', at);
  if (!rawNames) return null;
  if (rawNames.length === 0) c.problem(`${at}.names`, 'empty: list at least one name');
  const names: string[] = [];
  rawNames.forEach((n, i) => {
    const name = c.name(n, `${at}.names[${i}]`);
    if (name !== null) names.push(name);
  });
  if (note === null) return null;
  return { kind: kind as Exclude<ActorKind, 'person'>, names, note };
}

/**
 * Reads one monitor file. `contents` is the file's text (or an already parsed JSON value, as for
 * the shipped monitors bundled into the build). Returns the monitor, or every problem found.
 */
export function parseMonitorFile(
  file: string,
  contents: unknown,
): { monitor: MonitorDefinition; problems: [] } | { monitor: null; problems: MonitorProblem[] } {
  const c = new Checker(file);
  let value: unknown = contents;
  if (typeof contents === 'string') {
    try {
      value = JSON.parse(contents.replace(/^\uFEFF/, ''));
    } catch (error) {
      c.problem('(file)', `not valid JSON: ${(error as Error).message}`);
      return { monitor: null, problems: c.problems };
    }
  }
  if (!isObject(value)) {
    c.problem('(file)', `must hold one JSON object, not ${describe(value)}`);
    return { monitor: null, problems: c.problems };
  }
  c.keys(value, ROOT_KEYS, '');
  let id = c.matching(
    c.text(value, 'id', ''),
    MONITOR_ID_PATTERN,
    'id',
    'a monitor id (lower-case letters, digits and -, at most 48)',
  );
  if (id === RESERVED_MONITOR_ID) {
    c.problem(
      'id',
      `'${id}' is reserved: a submission naming it asks for the monitors to be picked`,
    );
    id = null;
  }
  const label = c.text(value, 'label', '');
  const note = c.text(value, 'note', '');
  const sides: MonitorSide[] = [];
  const rawSides = value.sides;
  if (rawSides === undefined) c.problem('sides', 'missing');
  else if (!Array.isArray(rawSides))
    c.problem('sides', `must be an array, not ${describe(rawSides)}`);
  else if (rawSides.length < 2 || rawSides.length > MAX_SIDES)
    c.problem('sides', `a monitor has 2 to ${MAX_SIDES} sides, not ${rawSides.length}`);
  const claims = new Map<string, Claim>();
  const sideIds = new Map<string, string>();
  (Array.isArray(rawSides) ? rawSides : []).forEach((raw, s) => {
    const at = `sides[${s}]`;
    if (!isObject(raw)) {
      c.problem(at, `must be an object, not ${describe(raw)}`);
      return;
    }
    c.keys(raw, SIDE_KEYS, at);
    let sideId = c.matching(
      c.text(raw, 'id', at),
      SIDE_ID_PATTERN,
      `${at}.id`,
      'a side id (lower-case letters, digits and -, at most 32)',
    );
    if (sideId !== null && (RESERVED_SIDE_IDS as readonly string[]).includes(sideId)) {
      c.problem(`${at}.id`, `'${sideId}' is reserved for paragraphs of no single side`);
      sideId = null;
    }
    if (sideId !== null) {
      const first = sideIds.get(sideId);
      if (first) c.problem(`${at}.id`, `side id '${sideId}' is already used by ${first}`);
      else sideIds.set(sideId, at);
    }
    const sideLabel = c.text(raw, 'label', at);
    const colour = c.matching(
      c.text(raw, 'colour', at),
      COLOUR_PATTERN,
      `${at}.colour`,
      'a colour written #rrggbb',
    );
    const groups: ActorGroup[] = [];
    const rawGroups = c.list(raw, 'actors', at);
    if (rawGroups) {
      rawGroups.forEach((g, i) => {
        const group = parseGroup(c, g, `${at}.actors[${i}]`);
        if (group) groups.push(group);
      });
      if (groups.every((g) => g.names.length === 0)) {
        c.problem(
          `${at}.actors`,
          `side '${sideId ?? s}' has no actors: list at least one name the side speaks through`,
        );
      }
    }
    // A name may appear twice within one side (in two spellings of case); never in two sides.
    groups.forEach((group, g) => {
      const field = (i: number): string => {
        if (group.kind !== 'person') return `${at}.actors[${g}].names[${i}]`;
        // map the flattened index back to the person and alias it came from
        let k = i;
        for (const [p, person] of (group.people ?? []).entries()) {
          const count = 1 + (person.aliases?.length ?? 0);
          if (k < count)
            return k === 0
              ? `${at}.actors[${g}].people[${p}].name`
              : `${at}.actors[${g}].people[${p}].aliases[${k - 1}]`;
          k -= count;
        }
        return `${at}.actors[${g}]`;
      };
      group.names.forEach((name, i) => {
        const key = actorKey(name);
        const claim = claims.get(key);
        const side = sideId ?? `#${s}`;
        if (claim && claim.side !== side) {
          c.problem(
            field(i),
            `'${name}' is claimed by two sides: '${claim.side}' (${claim.field}) and '${side}'`,
          );
        } else if (!claim) {
          claims.set(key, { side, field: field(i) });
        }
      });
    });
    if (sideId !== null && sideLabel !== null && colour !== null) {
      sides.push({ id: sideId, label: sideLabel, colour, actors: groups });
    }
  });
  if (c.problems.length > 0 || id === null || label === null || note === null) {
    return { monitor: null, problems: c.problems };
  }
  return { monitor: { id, label, note, sides }, problems: [] };
}

/**
 * Reads a set of files together: each file on its own, then ids across files. `shipped` are the
 * ids no file may take (the monitors compiled into this build).
 */
export function parseMonitorFiles(
  files: { file: string; contents: unknown }[],
  shipped: readonly string[],
): {
  monitors: MonitorDefinition[];
  /** the file each monitor came from, in the same order */
  files: string[];
  problems: MonitorProblem[];
} {
  const monitors: MonitorDefinition[] = [];
  const loadedFrom: string[] = [];
  const problems: MonitorProblem[] = [];
  const seen = new Map<string, string>();
  for (const { file, contents } of files) {
    const result = parseMonitorFile(file, contents);
    if (!result.monitor) {
      problems.push(...result.problems);
      continue;
    }
    const { id } = result.monitor;
    if (shipped.includes(id)) {
      problems.push({
        file,
        field: 'id',
        reason: `'${id}' is the id of a shipped monitor; choose another id`,
      });
      continue;
    }
    const first = seen.get(id);
    if (first) {
      problems.push({ file, field: 'id', reason: `'${id}' is already the id of ${first}` });
      continue;
    }
    seen.set(id, file);
    monitors.push(result.monitor);
    loadedFrom.push(file);
  }
  return { monitors, files: loadedFrom, problems };
}

/**
 * The monitor's version: a content hash of what the analysis reads from it (side ids, and per
 * group its kind and names in order). Labels, colours, notes and roles do not change analyses,
 * so editing them leaves the version, and the stored scores, as they are.
 */
export function monitorVersion(monitor: MonitorDefinition): string {
  const content = {
    id: monitor.id,
    sides: monitor.sides.map((side) => ({
      id: side.id,
      actors: side.actors.map((g) => ({ kind: g.kind, names: g.names })),
    })),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

import usChina from './data/monitors/us-china.json';
import russiaUkraine from './data/monitors/russia-ukraine.json';
import { UnknownMonitorError } from './errors';
import {
  actorKey,
  MonitorFileError,
  monitorVersion,
  parseMonitorFile,
  parseMonitorFiles,
  type MonitorDefinition,
  type MonitorProblem,
} from './monitor-file';

export {
  actorKey,
  type ActorGroup,
  type ActorKind,
  type MonitorDefinition,
  type MonitorSide,
} from './monitor-file';

export interface ActorName {
  tokens: string[];
  /** the name's letters and digits, for a case-sensitive check ("US" is an actor, "us" is not) */
  letters: string;
  /** names written in lower case ("foreign ministry") also match when capitalised */
  foldFirst: boolean;
  info: ActorInfo;
}

export interface ActorInfo {
  name: string;
  side: string;
  kind: string;
}

/** A monitor with its actor patterns compiled once, reused for every paragraph. */
export interface CompiledMonitor {
  definition: MonitorDefinition;
  sideIds: string[];
  /** actor names by their first token (lower case), longest names first */
  actorIndex: Map<string, ActorName[]>;
  /** lookup by lower-cased, space-collapsed name */
  actors: Map<string, ActorInfo>;
}

function shippedMonitor(file: string, value: unknown): MonitorDefinition {
  const result = parseMonitorFile(file, value);
  if (!result.monitor) throw new MonitorFileError(result.problems);
  return result.monitor;
}

// The shipped monitors are data files like any user's, read by the same parser; they are bundled
// into the build so the analysis core needs no file system.
const SHIPPED: MonitorDefinition[] = [
  shippedMonitor('us-china.json', usChina),
  shippedMonitor('russia-ukraine.json', russiaUkraine),
];

export const DEFAULT_MONITOR = 'us-china';

/** Monitors from a deployment's own files (MONITORS_DIR, --monitor-file), after the shipped ones. */
let userMonitors: MonitorDefinition[] = [];

function allMonitors(): MonitorDefinition[] {
  return [...SHIPPED, ...userMonitors];
}

/** Same word split as paragraph tokens: lower case, inner apostrophes and hyphens kept. */
export function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9'-]+/)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w.length > 0);
}

export function lettersOf(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

function compile(definition: MonitorDefinition): CompiledMonitor {
  const actors = new Map<string, ActorInfo>();
  for (const side of definition.sides) {
    for (const group of side.actors) {
      for (const name of group.names) {
        const key = actorKey(name);
        const existing = actors.get(key);
        if (existing && existing.side !== side.id) {
          throw new Error(`monitor ${definition.id}: actor '${name}' is listed for two sides`);
        }
        actors.set(key, { name, side: side.id, kind: group.kind });
      }
    }
  }
  const actorIndex = new Map<string, ActorName[]>();
  for (const info of actors.values()) {
    const tokens = nameTokens(info.name);
    if (tokens.length === 0) continue;
    const first = info.name[0];
    const entry: ActorName = {
      tokens,
      letters: lettersOf(info.name),
      foldFirst: first.toLowerCase() === first && first.toUpperCase() !== first,
      info,
    };
    const list = actorIndex.get(tokens[0]) ?? [];
    list.push(entry);
    list.sort((x, y) => y.tokens.length - x.tokens.length);
    actorIndex.set(tokens[0], list);
  }
  return { definition, sideIds: definition.sides.map((s) => s.id), actorIndex, actors };
}

const compiled = new Map<string, CompiledMonitor>();

export function getCompiledMonitor(id: string): CompiledMonitor {
  let monitor = compiled.get(id);
  if (monitor) return monitor;
  const all = allMonitors();
  const definition = all.find((d) => d.id === id);
  if (!definition)
    throw new UnknownMonitorError(
      id,
      all.map((d) => d.id),
    );
  monitor = compile(definition);
  compiled.set(id, monitor);
  return monitor;
}

export function getMonitor(id: string): MonitorDefinition {
  return getCompiledMonitor(id).definition;
}

export interface MonitorSummary {
  id: string;
  label: string;
  note: string;
  /** content hash of what the analysis reads from the monitor (see monitorVersion) */
  version: string;
  /** compiled into this build, as opposed to loaded from a deployment's file */
  shipped: boolean;
  sides: { id: string; label: string; colour: string }[];
}

const versions = new WeakMap<MonitorDefinition, string>();

function versionOf(definition: MonitorDefinition): string {
  let v = versions.get(definition);
  if (!v) {
    v = monitorVersion(definition);
    versions.set(definition, v);
  }
  return v;
}

export function listMonitors(): MonitorSummary[] {
  return allMonitors().map((d) => ({
    id: d.id,
    label: d.label,
    note: d.note,
    version: versionOf(d),
    shipped: SHIPPED.includes(d),
    sides: d.sides.map((s) => ({ id: s.id, label: s.label, colour: s.colour })),
  }));
}

/** The version (content hash) of a monitor's analysis-relevant content; throws for an unknown id. */
export function getMonitorVersion(id: string): string {
  return versionOf(getMonitor(id));
}

export function shippedMonitorIds(): string[] {
  return SHIPPED.map((d) => d.id);
}

/**
 * Replaces the user monitors with the ones in `files` (file name and contents). Nothing changes
 * when any file has a problem: the problems are returned, each naming file, field and reason.
 */
export function loadUserMonitors(files: { file: string; contents: unknown }[]): MonitorProblem[] {
  const { monitors, problems } = parseMonitorFiles(files, shippedMonitorIds());
  if (problems.length > 0) return problems;
  for (const old of userMonitors) compiled.delete(old.id);
  userMonitors = monitors;
  return [];
}

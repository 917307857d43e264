import usChina from './data/monitors/us-china.json';
import russiaUkraine from './data/monitors/russia-ukraine.json';
import { UnknownMonitorError } from './errors';

export type ActorKind =
  'person' | 'title' | 'institution' | 'outlet' | 'capital' | 'country' | 'demonym';

export interface ActorGroup {
  kind: string;
  names: string[];
  note: string;
}

export interface MonitorSide {
  id: string;
  label: string;
  actors: ActorGroup[];
}

export interface MonitorDefinition {
  id: string;
  label: string;
  note: string;
  sides: MonitorSide[];
}

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

const DEFINITIONS: MonitorDefinition[] = [usChina, russiaUkraine];

export const DEFAULT_MONITOR = 'us-china';

export function actorKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
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
  const definition = DEFINITIONS.find((d) => d.id === id);
  if (!definition)
    throw new UnknownMonitorError(
      id,
      DEFINITIONS.map((d) => d.id),
    );
  monitor = compile(definition);
  compiled.set(id, monitor);
  return monitor;
}

export function getMonitor(id: string): MonitorDefinition {
  return getCompiledMonitor(id).definition;
}

export function listMonitors(): {
  id: string;
  label: string;
  sides: { id: string; label: string }[];
}[] {
  return DEFINITIONS.map((d) => ({
    id: d.id,
    label: d.label,
    sides: d.sides.map((s) => ({ id: s.id, label: s.label })),
  }));
}

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

export interface ActorInfo {
  name: string;
  side: string;
  kind: string;
}

/** A monitor with its actor patterns compiled once, reused for every paragraph. */
export interface CompiledMonitor {
  definition: MonitorDefinition;
  sideIds: string[];
  /** global, sticky-free regex over every actor name, longest names first */
  actorPattern: RegExp;
  /** lookup by lower-cased, space-collapsed matched text */
  actors: Map<string, ActorInfo>;
}

const DEFINITIONS: MonitorDefinition[] = [usChina, russiaUkraine];

export const DEFAULT_MONITOR = 'us-china';

export function actorKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function namePattern(name: string): string {
  const body = escape(name).replace(/ /g, '\\s+');
  // A lower-case name ("foreign ministry") also starts sentences; a capitalised one ("US")
  // must stay case-sensitive, or the pronoun "us" would become an actor.
  const first = name[0];
  if (first && first.toLowerCase() === first && first.toUpperCase() !== first) {
    return `[${first}${first.toUpperCase()}]${body.slice(1)}`;
  }
  return body;
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
  const names = [...new Set([...actors.values()].map((a) => a.name))].sort(
    (a, b) => b.length - a.length,
  );
  const alternation = names.map(namePattern).join('|');
  const actorPattern = new RegExp(`(?<![\\w.'-])(?:${alternation})(?![\\w]|-[a-z])`, 'g');
  return { definition, sideIds: definition.sides.map((s) => s.id), actorPattern, actors };
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

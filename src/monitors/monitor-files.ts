import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  formatProblem,
  loadUserMonitors,
  parseMonitorFiles,
  shippedMonitorIds,
  type MonitorProblem,
} from '../analysis';

/** Largest monitor file read; the shipped ones are about 15 kB. */
export const MAX_MONITOR_FILE_BYTES = 1_000_000;

export interface MonitorFileContents {
  file: string;
  contents: string;
}

/** Reads one file for the validator; an unreadable or oversized file becomes a problem. */
export function readMonitorFile(
  path: string,
  name = path,
): { file: MonitorFileContents | null; problem: MonitorProblem | null } {
  try {
    const size = statSync(path).size;
    if (size > MAX_MONITOR_FILE_BYTES) {
      return {
        file: null,
        problem: {
          file: name,
          field: '(file)',
          reason: `${size} bytes, over the limit of ${MAX_MONITOR_FILE_BYTES}`,
        },
      };
    }
    return { file: { file: name, contents: readFileSync(path, 'utf8') }, problem: null };
  } catch (error) {
    return {
      file: null,
      problem: {
        file: name,
        field: '(file)',
        reason: `cannot be read: ${(error as Error).message}`,
      },
    };
  }
}

/** Every `*.json` file directly in `dir`, in name order (other files are left alone). */
export function readMonitorsDir(dir: string): {
  files: MonitorFileContents[];
  problems: MonitorProblem[];
} {
  const root = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(root)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch (error) {
    return {
      files: [],
      problems: [
        { file: dir, field: '(directory)', reason: `cannot be read: ${(error as Error).message}` },
      ],
    };
  }
  const files: MonitorFileContents[] = [];
  const problems: MonitorProblem[] = [];
  for (const name of names) {
    const { file, problem } = readMonitorFile(join(root, name), join(dir, basename(name)));
    if (file) files.push(file);
    if (problem) problems.push(problem);
  }
  return { files, problems };
}

/**
 * Makes the monitors of MONITORS_DIR (none when `dir` is null) the user monitors of this process.
 * Returns one message per problem, each naming the file, the field and the reason; with any
 * problem no file is loaded.
 */
export function loadMonitorsDir(dir: string | null): string[] {
  if (dir === null) {
    loadUserMonitors([]);
    return [];
  }
  const { files, problems } = readMonitorsDir(dir);
  if (problems.length > 0) {
    // the readable files' own problems too, so one start-up shows everything to fix
    problems.push(...parseMonitorFiles(files, shippedMonitorIds()).problems);
  } else {
    problems.push(...loadUserMonitors(files));
  }
  return problems.map((p) => `MONITORS_DIR: ${formatProblem(p)}`);
}

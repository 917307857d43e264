import { createReadStream, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { CliError, readTextInput, type CliIo } from './io';

/** One article as POST /api/articles/batch takes it, with where it came from. */
export interface ArticleInput {
  origin: string;
  article: Record<string, unknown>;
}

/** A line or file that could not become an article, rejected before anything is sent. */
export interface LocalRejection {
  origin: string;
  reason: string;
}

const EXTENSIONS = new Set(['.txt', '.html', '.htm', '.jsonl']);

/** Files named on the command line; a directory stands for its .txt, .html and .jsonl files. */
export function expandPaths(paths: string[]): string[] {
  return paths.flatMap((path) => {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new CliError(`file not found: ${path}`);
    }
    if (!isDirectory) return [path];
    return readdirSync(path)
      .filter((name) => EXTENSIONS.has(extname(name).toLowerCase()))
      .sort()
      .map((name) => join(path, name));
  });
}

/**
 * Articles from one file: a .txt file is one article's text, an .html file one page whose
 * main text the API extracts, and every non-blank line of a .jsonl file one article object.
 */
export async function* readArticles(
  path: string,
  io: CliIo,
): AsyncGenerator<ArticleInput | LocalRejection> {
  const extension = extname(path).toLowerCase();
  if (extension === '.jsonl') {
    yield* readJsonLines(path);
  } else if (extension === '.txt') {
    yield { origin: path, article: { text: await readTextInput(path, io) } };
  } else if (extension === '.html' || extension === '.htm') {
    yield { origin: path, article: { html: await readTextInput(path, io) } };
  } else {
    throw new CliError(`${path}: expected a .txt, .html or .jsonl file`);
  }
}

async function* readJsonLines(path: string): AsyncGenerator<ArticleInput | LocalRejection> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (!line.trim()) continue;
    const origin = `${path}:${number}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      yield { origin, reason: `not valid JSON (${(error as Error).message})` };
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      yield { origin, reason: 'each line must be one JSON object' };
      continue;
    }
    yield { origin, article: parsed as Record<string, unknown> };
  }
}

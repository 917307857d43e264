import { readFileSync, statSync } from 'node:fs';

/** An error the CLI reports as one line on stderr, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliIo {
  stdin: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<void>;
}

/** Input size limit in bytes for a whole article (the analysis core caps characters as well). */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

export function decodeUtf8(bytes: Buffer, what: string): string {
  if (bytes.includes(0))
    throw new CliError(`${what} looks binary (contains NUL bytes); expected UTF-8 text`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CliError(`${what} is not valid UTF-8 text`);
  }
}

async function readAll(
  stream: CliIo['stdin'],
  limit: number,
  what: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > limit) throw new CliError(`${what} is over the size limit of ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Reads a file path, or stdin for "-", enforcing the size limit, UTF-8 and no binary content. */
export async function readTextInput(
  path: string,
  io: CliIo,
  limit = MAX_INPUT_BYTES,
): Promise<string> {
  if (path === '-') return decodeUtf8(await readAll(io.stdin, limit, 'stdin'), 'stdin');
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliError(`${path} is a directory, not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path} (${code ?? 'error'})`,
    );
  }
  if (size > limit)
    throw new CliError(`${path} is ${size} bytes, over the size limit of ${limit} bytes`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new CliError(`cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return decodeUtf8(bytes, path);
}

/** Splits `--name value` / `--flag` options from positional arguments. */
export function parseArgs(
  args: string[],
  spec: { flags: string[]; values: string[] },
): { positional: string[]; flags: Set<string>; values: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-' || !a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2);
    if (spec.flags.includes(name)) flags.add(name);
    else if (spec.values.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new CliError(`option --${name} needs a value`, 2);
      values.set(name, value);
    } else throw new CliError(`unknown option --${name}`, 2);
  }
  return { positional, flags, values };
}

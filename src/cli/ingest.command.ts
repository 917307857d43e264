import { apiSettings, type ApiSettings } from './api-settings';
import { type ArticleInput, expandPaths, type LocalRejection, readArticles } from './ingest-files';
import { type IngestCounts, IngestProgress } from './ingest-progress';
import { CliError, parseArgs, type CliCommand, type CliIo } from './io';

const DEFAULT_CHUNK = 100;

/** fetch() wraps socket errors; with several addresses tried they come as an AggregateError. */
interface NetworkCause {
  code?: string;
  message?: string;
  errors?: { code?: string }[];
}

interface BatchResult {
  index: number;
  id?: string;
  duplicate?: boolean;
  error?: string;
}

/** Backfill: sends article files to a running API in batches, and says what became of each. */
export const ingestCommand: CliCommand = {
  name: 'ingest',
  usage:
    'ingest PATH… [--api URL] [--key KEY] [--monitor ID[,ID…]|auto] [--source NAME] [--chunk N]',
  summary: 'send .txt, .html and .jsonl articles to the API (TONEWATCH_API_URL, TONEWATCH_API_KEY)',
  async run(args: string[], io: CliIo): Promise<void> {
    const { positional, values } = parseArgs(args, {
      flags: [],
      values: ['api', 'key', 'monitor', 'source', 'chunk'],
    });
    if (positional.length === 0) throw new CliError(`usage: tonewatch ${this.usage}`, 2);
    const chunkSize = Number(values.get('chunk') ?? DEFAULT_CHUNK);
    if (!Number.isInteger(chunkSize) || chunkSize < 1) {
      throw new CliError(`--chunk must be a positive integer (got "${values.get('chunk')}")`, 2);
    }
    const defaults = { monitor: values.get('monitor'), source: values.get('source') };
    const api = apiSettings(values);
    const files = expandPaths(positional);

    const counts: IngestCounts = { sent: 0, accepted: 0, duplicates: 0, rejected: 0 };
    const rejections: LocalRejection[] = [];
    const progress = new IngestProgress(io.stderr, process.stderr.isTTY === true, files.length);
    let pending: ArticleInput[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const chunk = pending;
      pending = [];
      counts.sent += chunk.length;
      for (const [i, result] of (await sendBatch(api, chunk)).entries()) {
        if (result.error) {
          counts.rejected++;
          rejections.push({ origin: chunk[i].origin, reason: result.error });
        } else if (result.duplicate) counts.duplicates++;
        else counts.accepted++;
      }
    };

    for (const [done, file] of files.entries()) {
      for await (const item of readArticles(file, io)) {
        if ('reason' in item) {
          counts.rejected++;
          rejections.push(item);
          continue;
        }
        pending.push({ origin: item.origin, article: withDefaults(item.article, defaults) });
        if (pending.length >= chunkSize) {
          await flush();
          progress.update(counts, done);
        }
      }
      await flush();
      progress.update(counts, done + 1);
    }
    progress.done();

    io.stdout(
      `sent ${counts.sent}, accepted ${counts.accepted}, duplicates ${counts.duplicates}, rejected ${counts.rejected}\n`,
    );
    for (const { origin, reason } of rejections) io.stdout(`rejected ${origin}: ${reason}\n`);
    if (counts.rejected > 0) throw new CliError(`${counts.rejected} article(s) rejected`, 1);
  },
};

/**
 * The command line's monitor and source for an article that names none: `--monitor ID` as
 * `monitor`, `--monitor A,B` as `monitors` (and `auto` as itself, either way).
 */
function withDefaults(
  article: Record<string, unknown>,
  defaults: { monitor?: string; source?: string },
): Record<string, unknown> {
  const named = 'monitor' in article || 'monitors' in article;
  const ids = defaults.monitor
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    ...(!named && ids?.length === 1 && { monitor: ids[0] }),
    ...(!named && ids !== undefined && ids.length > 1 && { monitors: ids }),
    ...(defaults.source !== undefined && { source: defaults.source }),
    ...article,
  };
}

/** One POST /api/articles/batch; results come back in the order the articles were sent. */
async function sendBatch(api: ApiSettings, chunk: ArticleInput[]): Promise<BatchResult[]> {
  let response: Response;
  try {
    response = await fetch(`${api.apiUrl}/api/articles/batch`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(api.apiKey !== undefined && { 'x-api-key': api.apiKey }),
      },
      body: JSON.stringify({ articles: chunk.map((item) => item.article) }),
    });
  } catch (error) {
    const cause = (error as { cause?: NetworkCause }).cause;
    const reason =
      cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message;
    throw new CliError(`cannot reach the API at ${api.apiUrl} (${reason})`);
  }
  const body = (await response.json().catch(() => ({}))) as {
    results?: BatchResult[];
    message?: string | string[];
  };
  const message = Array.isArray(body.message)
    ? body.message.join('; ')
    : String(body.message ?? '');
  if (response.status === 401 || response.status === 403) {
    throw new CliError(
      `the API refused the key (${response.status}: ${message}); set --key or TONEWATCH_API_KEY`,
    );
  }
  if (!response.ok || !body.results) {
    // The whole chunk was refused (too many items, too large a body): every item shares the reason.
    return chunk.map((_, index) => ({ index, error: `HTTP ${response.status}: ${message}` }));
  }
  return body.results;
}

import {
  DEMO_DAYS,
  DEMO_RULE,
  type DemoArticle,
  demoHistory,
  demoShift,
} from '../demo/demo-articles';
import { apiSettings, type ApiSettings } from './api-settings';
import { CliError, parseArgs, type CliCommand, type CliIo } from './io';

interface BatchResult {
  index: number;
  id?: string;
  status?: string;
  duplicate?: boolean;
  error?: string;
}

interface Loaded {
  ids: string[];
  added: number;
  duplicates: number;
}

/** fetch() wraps socket errors; with several addresses tried they come as an AggregateError. */
interface NetworkCause {
  code?: string;
  message?: string;
  errors?: { code?: string }[];
}

const DEFAULT_TIMEOUT_S = 180;

/**
 * Loads the project's own demo articles into a running deployment through its API, waits
 * until the worker has scored them, and adds an alert rule that the last of them set off,
 * so every dashboard panel and every README example has data to show.
 */
export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo [--api URL] [--key KEY] [--timeout SECONDS]',
  summary: `load invented sample articles of the last ${DEMO_DAYS} days into a running API, wait until scored`,
  async run(args: string[], io: CliIo): Promise<void> {
    const { positional, values } = parseArgs(args, {
      flags: [],
      values: ['api', 'key', 'timeout'],
    });
    if (positional.length > 0) throw new CliError(`usage: tonewatch ${this.usage}`, 2);
    const timeoutText = values.get('timeout') ?? String(DEFAULT_TIMEOUT_S);
    const timeoutS = Number(timeoutText);
    if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
      throw new CliError(
        `--timeout must be a positive number of seconds (got "${timeoutText}")`,
        2,
      );
    }
    const api = apiSettings(values);
    const client = new DemoClient(api, Date.now() + timeoutS * 1000);
    const now = new Date();

    await client.request('GET', '/health/live');
    const history = demoHistory(now);
    io.stderr(`posting ${history.length} demo articles to ${api.apiUrl} …\n`);
    const first = await client.load(history);
    await client.waitScored(first.ids, io);

    const rule = await client.ensureRule();
    const shift = demoShift(now);
    io.stderr(`posting ${shift.length} more of the last days, in which China's tone cools …\n`);
    const second = await client.load(shift);
    await client.waitScored(second.ids, io);
    const alert = second.added > 0 ? await client.waitForAlert(rule.id) : undefined;

    const all = [...history, ...shift];
    const outlets = [...new Set(all.map((a) => a.source))].sort();
    const added = first.added + second.added;
    const duplicates = first.duplicates + second.duplicates;
    const days = dateRange(all);
    io.stdout(
      [
        `demo: ${all.length} articles (${added} new, ${duplicates} already loaded), ${days}`,
        `  outlets: ${outlets.join(', ')}`,
        `  monitors: us-china, russia-ukraine`,
        `  alert rule "${rule.name}" (${rule.id})${rule.created ? ' created' : ' already there'}` +
          (alert ? `; firing alert ${alert.id} since ${alert.startedAt}` : ''),
        `  dashboard: ${api.apiUrl}/`,
        '',
      ].join('\n'),
    );
    if (second.added > 0 && !alert) {
      io.stderr(
        'demo: the alert rule has not fired yet; the worker evaluates it again every ALERT_EVALUATION_INTERVAL_MS\n',
      );
    }
  },
};

function dateRange(articles: DemoArticle[]): string {
  const days = articles.map((a) => a.publishedAt.slice(0, 10)).sort();
  return `published ${days[0]} to ${days.at(-1)}`;
}

class DemoClient {
  constructor(
    private readonly api: ApiSettings,
    private readonly deadline: number,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.api.apiUrl}${path}`, {
        method,
        headers: {
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(this.api.apiKey !== undefined && { 'x-api-key': this.api.apiKey }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: NetworkCause }).cause;
      const reason =
        cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(
        `cannot reach the API at ${this.api.apiUrl} (${reason}); start it first (npm start), or set --api / TONEWATCH_API_URL`,
      );
    }
    const answer = (await response.json().catch(() => ({}))) as T & {
      message?: string | string[];
    };
    if (response.status === 401 || response.status === 403) {
      throw new CliError(
        `the API refused the key (${response.status}); set --key or TONEWATCH_API_KEY to one of its API_KEYS`,
      );
    }
    if (!response.ok) {
      const message = Array.isArray(answer.message)
        ? answer.message.join('; ')
        : String(answer.message ?? '');
      throw new CliError(`${method} ${path} answered ${response.status}: ${message}`);
    }
    return answer;
  }

  async load(articles: DemoArticle[]): Promise<Loaded> {
    const { results } = await this.request<{ results: BatchResult[] }>(
      'POST',
      '/api/articles/batch',
      { articles },
    );
    const rejected = results.filter((r) => r.error);
    if (rejected.length > 0) {
      throw new CliError(
        `the API refused ${rejected.length} demo article(s): ${rejected[0].error}`,
      );
    }
    return {
      ids: results.map((r) => r.id as string),
      added: results.filter((r) => !r.duplicate).length,
      duplicates: results.filter((r) => r.duplicate).length,
    };
  }

  /** Polls each article until the worker has scored it (or it failed). */
  async waitScored(ids: string[], io: CliIo): Promise<void> {
    let pending = [...ids];
    let reported = -1;
    while (pending.length > 0) {
      const still: string[] = [];
      for (const id of pending) {
        const article = await this.request<{ status: string; lastError?: string }>(
          'GET',
          `/api/articles/${id}`,
        );
        if (article.status === 'failed') {
          throw new CliError(`demo article ${id} failed to score: ${article.lastError ?? ''}`);
        }
        if (article.status !== 'scored') still.push(id);
      }
      pending = still;
      if (pending.length === 0) break;
      if (pending.length !== reported) {
        io.stderr(`waiting for the worker: ${ids.length - pending.length}/${ids.length} scored\n`);
        reported = pending.length;
      }
      if (Date.now() > this.deadline) {
        throw new CliError(
          `${pending.length} demo article(s) still not scored; is a worker running (npm start runs one)?`,
        );
      }
      await sleep(500);
    }
  }

  async ensureRule(): Promise<{ id: string; name: string; created: boolean }> {
    const { items } = await this.request<{ items: { id: string; name: string }[] }>(
      'GET',
      '/api/alert-rules',
    );
    const found = items.find((r) => r.name === DEMO_RULE.name);
    if (found) return { ...found, created: false };
    const rule = await this.request<{ id: string; name: string }>(
      'POST',
      '/api/alert-rules',
      DEMO_RULE,
    );
    return { ...rule, created: true };
  }

  /** The rule is evaluated right after each scored article; give it a few seconds. */
  async waitForAlert(ruleId: string): Promise<{ id: string; startedAt: string } | undefined> {
    const until = Math.min(this.deadline, Date.now() + 20_000);
    for (;;) {
      const { items } = await this.request<{ items: { id: string; startedAt: string }[] }>(
        'GET',
        `/api/alerts?ruleId=${ruleId}&limit=1`,
      );
      if (items.length > 0) return items[0];
      if (Date.now() > until) return undefined;
      await sleep(500);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

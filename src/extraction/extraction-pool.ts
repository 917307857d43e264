import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  ExtractionUnavailableError,
  HtmlRefusedError,
  NoArticleFoundError,
  type RefusalKind,
} from './errors';
import { type ExtractedArticle } from './html-to-text';

export interface ExtractionTask {
  id: number;
  html: string;
  pageUrl?: string;
}

export type ExtractionReply =
  | { ready: true }
  | { id: number; ok: true; article: ExtractedArticle }
  | { id: number; ok: false; error: { name: string; message: string; kind?: RefusalKind } };

export interface ExtractionPoolOptions {
  /** threads at most; tasks beyond wait their turn */
  size: number;
  /** a task running longer has its thread terminated and is refused */
  deadlineMs: number;
  /** an idle thread is ended after this long, so an idle process holds no parser's memory */
  idleMs: number;
  /** heap of one thread; a document that needs more is refused */
  maxHeapMb: number;
  /** a new thread's start-up (loading jsdom) counts against this, not against the deadline */
  startupMs?: number;
}

const STARTUP_MS = 60_000;

export const EXTRACTION_DEFAULTS: ExtractionPoolOptions = {
  size: 2,
  deadlineMs: 10_000,
  idleMs: 30_000,
  maxHeapMb: 512,
};

/**
 * The thread's script sits next to this file: extraction.worker.js in dist/, and
 * extraction.worker.ts when the sources run under jest, where Node itself cannot load
 * TypeScript; there the thread compiles .ts files with SWC (a development dependency) first.
 */
const WORKER_SCRIPT = join(__dirname, `extraction.worker${extname(__filename)}`);
const TS_BOOTSTRAP = `
const { createRequire } = require('node:module');
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const local = createRequire(workerData.script);
const { transformSync } = local('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
local(workerData.script);
`;

export function extractionWorkerScript(): string {
  return WORKER_SCRIPT;
}

interface Pending {
  task: ExtractionTask;
  resolve: (article: ExtractedArticle) => void;
  reject: (error: Error) => void;
}

class Slot {
  worker?: Worker;
  ready = false;
  current?: Pending & { timer?: NodeJS.Timeout };
  idleTimer?: NodeJS.Timeout;
}

/**
 * A few worker threads for HTML extraction, so a slow document never blocks the event loop of
 * the API or a worker. Each task has a deadline: past it the thread is terminated (the only way
 * to stop synchronous parsing) and replaced on the next task. Idle threads do not keep the
 * process alive and end after `idleMs`.
 */
export class ExtractionPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly options: ExtractionPoolOptions = EXTRACTION_DEFAULTS,
    private readonly script: string = WORKER_SCRIPT,
  ) {
    this.slots = Array.from({ length: options.size }, () => new Slot());
  }

  extract(html: string, pageUrl?: string): Promise<ExtractedArticle> {
    if (this.closed) return Promise.reject(new Error('the extraction pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { id: this.nextId++, html, pageUrl }, resolve, reject });
      this.dispatch();
    });
  }

  /** Threads currently alive (for tests: a terminated thread is gone). */
  get threads(): number {
    return this.slots.filter((slot) => slot.worker).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.reject(new Error('the extraction pool is closed'));
    }
    await Promise.all(this.slots.map((slot) => this.retire(slot)));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.current) continue;
      // One thread starts at a time: two loading jsdom at once only slow each other down.
      if (!slot.worker && this.slots.some((other) => other.worker && !other.ready)) continue;
      this.run(slot, this.queue.shift()!);
    }
  }

  private run(slot: Slot, pending: Pending): void {
    clearTimeout(slot.idleTimer);
    const worker = slot.worker ?? this.spawn(slot);
    worker.ref();
    slot.current = { ...pending };
    if (slot.ready) this.startDeadline(slot);
    else {
      const startupMs = this.options.startupMs ?? STARTUP_MS;
      slot.current.timer = setTimeout(
        () =>
          this.abandon(
            slot,
            pending,
            new ExtractionUnavailableError(
              `the parser thread did not start within ${startupMs} ms`,
            ),
          ),
        startupMs,
      );
    }
    worker.postMessage(pending.task);
  }

  private startDeadline(slot: Slot): void {
    const current = slot.current;
    if (!current) return;
    clearTimeout(current.timer);
    current.timer = setTimeout(
      () =>
        this.abandon(
          slot,
          current,
          new HtmlRefusedError(
            'deadline',
            `extracting its text took longer than ${this.options.deadlineMs} ms (the limit for extraction)`,
          ),
        ),
      this.options.deadlineMs,
    );
  }

  /** Past its time: the thread is terminated (nothing else stops synchronous parsing). */
  private abandon(slot: Slot, pending: Pending, error: Error): void {
    this.finish(slot, pending.task.id);
    void this.retire(slot);
    pending.reject(error);
  }

  private spawn(slot: Slot): Worker {
    const typescript = this.script.endsWith('.ts');
    const worker = new Worker(typescript ? TS_BOOTSTRAP : this.script, {
      eval: typescript,
      workerData: { script: this.script },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
      stdout: false,
      stderr: false,
    });
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (reply: ExtractionReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        this.startDeadline(slot);
        this.dispatch();
        return;
      }
      const pending = this.finish(slot, reply.id);
      if (!pending) return;
      if (reply.ok) pending.resolve(reply.article);
      else pending.reject(rebuild(reply.error));
    });
    // A thread that dies (out of memory, stack overflow in native code) takes its task with it.
    worker.on('error', (error: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      const pending = this.finish(slot, slot.current?.task.id);
      pending?.reject(
        new HtmlRefusedError('crashed', `the parser failed on it (${error.message})`),
      );
    });
    worker.on('exit', () => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      const pending = this.finish(slot, slot.current?.task.id);
      pending?.reject(new HtmlRefusedError('crashed', 'the parser stopped before it finished'));
    });
    return worker;
  }

  /** Ends the slot's current task (when it is `id`) and hands the slot the next one. */
  private finish(slot: Slot, id: number | undefined): Pending | undefined {
    const current = slot.current;
    if (!current || current.task.id !== id) return undefined;
    clearTimeout(current.timer);
    slot.current = undefined;
    if (slot.worker) {
      slot.worker.unref();
      slot.idleTimer = setTimeout(() => void this.retire(slot), this.options.idleMs);
      slot.idleTimer.unref();
    }
    queueMicrotask(() => this.dispatch());
    return current;
  }

  private async retire(slot: Slot): Promise<void> {
    clearTimeout(slot.idleTimer);
    const worker = slot.worker;
    slot.worker = undefined;
    slot.ready = false;
    if (worker) await worker.terminate();
  }
}

function rebuild(error: { name: string; message: string; kind?: RefusalKind }): Error {
  if (error.kind) {
    const refused = new HtmlRefusedError(error.kind, '');
    refused.message = error.message;
    return refused;
  }
  if (error.name === 'NoArticleFoundError') {
    const none = new NoArticleFoundError('');
    none.message = error.message;
    return none;
  }
  const other = new Error(error.message);
  other.name = error.name;
  return other;
}

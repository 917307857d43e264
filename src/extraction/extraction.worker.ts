import { parentPort } from 'node:worker_threads';
import { type ExtractionReply, type ExtractionTask } from './extraction-pool';
import { HtmlRefusedError } from './errors';
import { htmlToText } from './html-to-text';

/**
 * One extraction thread of ExtractionPool: takes one task at a time and answers with the
 * article or the error's name, message and refusal kind (classes do not cross threads).
 */
parentPort?.postMessage({ ready: true });
parentPort?.on('message', (task: ExtractionTask) => {
  let reply: ExtractionReply;
  try {
    reply = { id: task.id, ok: true, article: htmlToText(task.html, task.pageUrl) };
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    reply = {
      id: task.id,
      ok: false,
      error: {
        name: cause.name,
        message: cause.message,
        kind: cause instanceof HtmlRefusedError ? cause.kind : undefined,
      },
    };
  }
  parentPort?.postMessage(reply);
});

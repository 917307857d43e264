import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request id of the work in progress, carried through async calls so that every log line
 * written while handling a request (or the job that request caused) can name it.
 */
const storage = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequestId<T>(requestId: string | null | undefined, work: () => T): T {
  return requestId ? storage.run({ requestId }, work) : work();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

import { getMonitor, UnknownMonitorError } from '../analysis';
import { InvalidInputError } from '../common/domain-errors';

/** A monitor id a request names must be a loaded monitor: a 400 naming it otherwise. */
export function assertKnownMonitor(id: string): void {
  try {
    getMonitor(id);
  } catch (error) {
    if (error instanceof UnknownMonitorError) {
      throw new InvalidInputError(`monitor "${id}" is not a known monitor`);
    }
    throw error;
  }
}

import { createHash, timingSafeEqual } from 'node:crypto';

/** Keys are compared as SHA-256 digests in constant time, so neither content nor length leaks. */
function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

export class KeyMatcher {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  get isEmpty(): boolean {
    return this.digests.length === 0;
  }

  /** Compares against every key, even after a match, so timing does not tell which one. */
  matches(candidate: string): boolean {
    const probe = digest(candidate);
    let found = false;
    for (const known of this.digests) found = timingSafeEqual(probe, known) || found;
    return found;
  }
}

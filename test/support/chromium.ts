import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

/** Debian's Chromium, which the browser tests drive (CI installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * `describe` when Chromium is here (or on CI, where its absence must fail), else
 * `describe.skip` with one plain line saying why: a console block with a code frame would
 * read like a failure.
 */
export function describeWithChromium(what: string): jest.Describe {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return describe;
  process.stderr.write(`skipped the ${what}: ${CHROMIUM} is absent (apt-get install chromium)\n`);
  return describe.skip;
}

export interface Browser {
  context: BrowserContext;
  /** closes the browser and removes its profile */
  close(): Promise<void>;
}

/** Headless Chromium in a fresh profile, in UTC and en-US so dates and numbers read the same everywhere. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: CI must install chromium`);
  const profile = mkdtempSync(join(tmpdir(), 'tonewatch-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timezoneId: 'UTC',
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects into `errors` every script error, console error and HTTP error answer of the page. */
export function recordPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
}

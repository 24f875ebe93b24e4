// A real headless browser for page tests: Debian's Chromium driven by playwright-core. `.ci/run` installs
// Chromium, so CI never skips; on a machine without it the page tests say so and skip.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.FLANMIX_CHROMIUM ?? '/usr/bin/chromium';

/** True when a Chromium binary is present; page tests use `describe.skipIf(!HAS_BROWSER)`. */
export const HAS_BROWSER = existsSync(CHROMIUM);

/** Launches headless Chromium without any of its background network traffic (this machine has no network). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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
}

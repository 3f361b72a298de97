/**
 * The browser of every browser spec (this room's dashboard specs, the kiosk daemon's touch-UI
 * specs) and of the bench's browser benchmarks: Debian's Chromium driven by playwright-core (no
 * browser download at install time), with the same launch flags everywhere. A missing browser
 * fails the suite loudly: CI installs it (`.ci/run`), and no suite is skipped.
 *
 * Not exported from the room's index: playwright-core is a devDependency, loaded here only when a
 * spec launches the browser, so specs import this file by path, as `dashboard-page.ts` is; the
 * bench, a package of its own, imports it as `@kiosk/fleet-monitor/testing/chromium`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The repository's test-artifacts/ folder: screenshots a person looks at after a run. */
export const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const { chromium } = await import('playwright-core');
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

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

/**
 * Chromium launched while `start` runs (a daemon or a monitor starting: each takes about a second,
 * more on a loaded machine, and neither waits for the other), and `prepare` run on it meanwhile (a
 * page opened): all of it, or, when a part fails, the browser closed, what `start` made undone
 * (`undo`) and the failure thrown.
 */
export async function launchChromiumWhile<T, P = void>(
  start: () => Promise<T>,
  undo: (started: T) => Promise<unknown>,
  prepare?: (browser: Browser) => Promise<P>,
): Promise<{ readonly started: T; readonly browser: Browser; readonly prepared: P }> {
  const launching = launchChromium().then(async (browser) => {
    try {
      return { browser, prepared: (await prepare?.(browser)) as P };
    } catch (e) {
      await browser.close();
      throw e;
    }
  });
  const [started, launched] = await Promise.allSettled([start(), launching]);
  if (started.status === 'fulfilled' && launched.status === 'fulfilled') {
    return { started: started.value, ...launched.value };
  }
  if (launched.status === 'fulfilled') await launched.value.browser.close();
  if (started.status === 'fulfilled') await undo(started.value);
  throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
}

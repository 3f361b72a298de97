/**
 * The bundled daemon (dist/bundle/main.js, from `npm run build:bundle -w @kiosk/kiosk-daemon`, part
 * of the root build) boots on the test profile and serves a balance journey to its end, the same
 * as the tsc output: the bundle keeps the profiles, the journal, the emulators and the embedded
 * host simulator (a lazy chunk) reachable.
 */
import { fileURLToPath } from 'node:url';
import { describeBalanceJourney } from './balance-journey-suite.js';

const BUNDLED_MAIN = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));

describeBalanceJourney('balance journey through the bundled daemon', BUNDLED_MAIN, (suite) => {
  it('serves the touch UI from the kiosk-ui build it points to', async () => {
    const page = await fetch(`${suite.daemon.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
  });
});

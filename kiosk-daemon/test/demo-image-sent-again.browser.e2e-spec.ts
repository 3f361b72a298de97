/**
 * Fault: the demo panel's images went with every demo-panel update. `demo.state` carried the last
 * receipt (and the last card face) as a data: URL, so each card inserted, key typed or cash taken
 * sent the same ~70-100 KB again: over 1 MB a journey to a panel whose pictures had not changed.
 * Now the state names each image by an address that changes with it, and the panel loads it once.
 *
 * Real browser, real daemon: the records printed (a receipt), then panel updates while the receipt
 * stays the same (a fault set and cleared, the card given back and taken). Every image the page
 * receives, in a socket frame or over HTTP, is counted by its bytes: none may arrive twice, and the
 * panel shows the receipt until the session ends (the resident's receipt leaves with it).
 */
import { createHash } from 'node:crypto';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonWithUi, type DaemonWithUi } from './daemon-with-ui.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const DATA_URL = /data:image\/[a-z]+;base64,([A-Za-z0-9+/=]+)/g;

describe('fault: an unchanged demo image is sent again with every demo-panel update', () => {
  let started: DaemonWithUi;
  /** each image received, by the SHA-256 of its bytes: how often, and how */
  const received = new Map<string, { times: number; how: string[] }>();
  let frames = 0;

  const count = (bytes: Buffer, how: string): void => {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const seen = received.get(hash) ?? { times: 0, how: [] };
    seen.times += 1;
    seen.how.push(how);
    received.set(hash, seen);
  };

  beforeAll(async () => {
    // the ended screens are only passed on the way home, never checked: 2 s, not 5 s
    started = await daemonWithUi(['--set', 'timeouts.endedViewMs=2000'], 'demo-images');
    const page = started.kiosk.page;
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        const text = typeof payload === 'string' ? payload : payload.toString('utf8');
        if (!text.includes('"demo.state"')) return;
        frames += 1;
        for (const [, base64] of text.matchAll(DATA_URL)) count(Buffer.from(base64!, 'base64'), 'socket');
      }),
    );
    page.on('response', (response) => {
      if (!new URL(response.url()).pathname.startsWith('/demo/images/')) return;
      void response.body().then(
        (body) => count(body, `http ${response.status()}`),
        () => undefined,
      );
    });
    // from here on every frame and load is seen: the page connects again
    await page.reload();
    await started.kiosk.home();
  }, 90_000);

  afterAll(async () => {
    expect(await started?.stop()).toBe(0);
  }, 30_000);

  it('fault: the receipt printed once is received once, through the panel updates after it', async () => {
    const kiosk = started.kiosk;
    await kiosk.startWithCardAndPin('records', zhang.key, zhang.cardPin);
    await kiosk.step('showRecords');
    await kiosk.primary(); // print
    await kiosk.step('recordsPrinted');
    const receipt = kiosk.page.locator('img.demo-preview').first();
    await receipt.waitFor();
    // the panel shows it: the picture loaded, not a broken image
    await kiosk.page.waitForFunction(
      () => ((document.querySelector('img.demo-preview') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
    );
    // loaded from the daemon by an address that names the image
    expect(await receipt.getAttribute('src')).toMatch(/^\/demo\/images\/[0-9a-f]{16}\.png$/);

    const framesBefore = frames;
    await kiosk.setFault('camera', 'noFace');
    await kiosk.clearFault('camera');
    await kiosk.primary(); // finish
    await kiosk.step('chooseJourney');
    await kiosk.primary(); // the card comes back
    await kiosk.step('takeCard');
    await kiosk.cardButton(zhang.key);
    await kiosk.endedThenHome();
    // the panel was updated meanwhile (a fault, the card out), the receipt the same
    expect(frames - framesBefore).toBeGreaterThanOrEqual(4);

    const images = [...received.values()];
    expect(images.length).toBeGreaterThanOrEqual(1);
    expect(images.filter((image) => image.times > 1)).toEqual([]);
    // the resident's receipt left the panel with the session
    await receipt.waitFor({ state: 'detached' });
  }, 120_000);

  it('refuses a demo image it does not hold, or a name that is not one, with a code', async () => {
    const get = async (name: string) => {
      const response = await fetch(`${started.daemon.url}/demo/images/${name}`);
      return { status: response.status, body: (await response.json()) as { code?: string } };
    };
    expect(await get('0123456789abcdef.png')).toMatchObject({
      status: 404,
      body: { code: 'DEMO_IMAGE_NOT_FOUND' },
    });
    expect(await get('..%2Fjournal.sqlite')).toMatchObject({
      status: 400,
      body: { code: 'GATEWAY_MALFORMED_MESSAGE' },
    });
  });
});

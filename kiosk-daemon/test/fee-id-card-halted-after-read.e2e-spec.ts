/**
 * The card making's fee wait with the real GA 467 driver against the byte-level emulator the daemon
 * starts on a pseudo terminal, the emulator halting the card it has read as real modules do ("find
 * card" answers "no card" of the card still lying there; docs/id-reader-ga467.md). The ID card read
 * at identification stays on the reader: the QR code must stay on screen, and the fee be abandoned
 * only when the card is really lifted. Real daemon process, the host simulator as its own process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qrOnScreen, settledOrder, startFeeKiosk, type FeeHost, type FeeKiosk } from './qr-fee-at-host.js';
import { writeSerialProfile, type SerialProfile } from './serial-devices-config.js';
import type { UiClient } from './ui-client.js';

/**
 * the driver's looks at the pad (it looks every 200 ms, serial-devices) for the halted card lying
 * there, any of which would abort the fee if the driver took the module's "no card" for a lift
 */
const SOME_LOOKS = 5;

describe('the fee QR code with a GA 467 module that halts the card it has read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-fee-id-halted-'));
  let profile: SerialProfile | undefined;
  let kiosk: FeeKiosk | undefined;
  let fees: FeeHost;
  let ui: UiClient;

  beforeAll(async () => {
    profile = writeSerialProfile();
    kiosk = await startFeeKiosk(
      [...profile.args, ...['--set', 'timeouts.feePaymentMs=60000', '--set', 'timeouts.endedViewMs=500']],
      dir,
    );
    ({ fees, ui } = kiosk);
  }, 60_000);

  afterAll(async () => {
    await kiosk?.stop();
    profile?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a GA 467 module that halts the card after a read does not abort the QR fee; the card lifted does', async () => {
    const shown = await qrOnScreen(ui, fees);
    expect(shown.status).toBe('pending');
    // the ID card read at identification lies on the reader, halted: the code stays on screen
    await ui.idReaderLooks(SOME_LOOKS);
    expect(ui.session?.step).not.toBe('ended');
    expect(ui.session?.error).toBeUndefined();
    expect(ui.session?.payment?.qrContent).toContain(shown.paymentId);
    expect((await fees.order(shown.paymentId)).status).toBe('pending');

    // lifted: the journey is abandoned and the order closed, as with any reader
    // the ended view stays 500 ms: waited for from the lift on
    const ended = await ui.emitAndWaitForSession(
      'demo.idCard',
      { action: 'remove' },
      (v) => v?.step === 'ended',
      15_000,
    );
    expect(ended?.error?.code).toBe('ID_CARD_REMOVED');
    expect((await settledOrder(fees, shown.paymentId, 'pending')).status).toBe('closed');
    await ui.waitForSession((v) => v === null, 10_000);
  }, 90_000);
});

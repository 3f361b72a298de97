/**
 * Fault: pcscd restarts (a crash, an update, the reader's USB link dropping and coming back) while a
 * resident is mid-journey with the card in the reader. The kiosk must take it as a device fault that
 * moves no card: the session waits at its step while the reader is gone, goes on once it is back
 * (the card answers the PIN, the balance is shown) and the card is handed back at the end; a chip
 * command the resident sets off while the reader is gone fails with a coded error (DEVICE_OFFLINE,
 * which the resident screen puts in words) and the card is still handed back, not lost in the kiosk.
 *
 * The real daemon (the bundle) on the real PC/SC stack, both reader mechanisms: the motor reader
 * (the emulated motor, the chip on pcscd through vpcd's virtual card) and the reader without a motor
 * (`devices.cardReader.mechanism=presence`, the card put on vpcd's reader by the spec's hand). The
 * card reader's own restart of the session (the unit specs on the link and the mechanisms) is not
 * repeated: this drives the resident's journey through the socket.io gateway as the touch UI does.
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoCards, InMemoryCardStore, PcscdProcess, VpcdCardLink } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, ErrorCode } from '@kiosk/domain';
import { describeOnPcscd } from './daemon-on-pcscd.js';
import { describeWithPcscd, PCSCD_LOCK_TIMEOUT_MS, readerState } from './daemon-on-pcscd-without-reader.js';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { typePin } from './pin-journeys.helpers.js';
import { onPresenceReader, pcscdBackWithTheCard, transactionsIn } from './presence-reader-rig.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const WAIT_MS = 20_000;
/** the reader's reopen tried again within a second; the ended screen kept 1 s, none is read */
const SHORT_WAITS = [
  ...['--set', 'devices.reopen.firstIntervalMs=200'],
  ...['--set', 'devices.reopen.maxIntervalMs=1000'],
  ...['--set', 'timeouts.endedViewMs=1000'],
];

const atPin = (ui: UiClient) => ui.waitForSession((v) => v?.step === 'enterPin', WAIT_MS);

describeOnPcscd(
  'a session goes on through a pcscd restart (motor reader)',
  { lockTimeoutMs: PCSCD_LOCK_TIMEOUT_MS, args: SHORT_WAITS },
  (suite) => {
    it('fault: pcscd restarts at the PIN step: the session waits at its PIN, goes on once the reader is back, the balance is shown and the card handed back', async () => {
      const ui = suite.ui;
      await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'), WAIT_MS);
      await ui.emit('session.start', { journey: 'balance' });
      await ui.waitForSession((v) => v?.step === 'insertCard');
      await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
      const pin = await atPin(ui);

      await suite.pcscd.kill();
      await ui.waitForKiosk((k) => readerState(k) === 'offline', WAIT_MS);
      expect(ui.session).toEqual(pin); // the same PIN screen: no card pulled out, no error
      await suite.pcscd.restart();
      await ui.waitForKiosk((k) => readerState(k) === 'online', WAIT_MS);
      expect(ui.session).toEqual(pin);

      // the card (reset by pcscd's restart) answers the PIN typed now
      await typePin(ui, zhang.cardPin);
      const shown = await ui.waitForSession((v) => v?.step === 'showBalance', WAIT_MS);
      expect(shown?.balance?.amountFen).toBe(zhang.balanceFen);
      expect(await ui.finishAndTakeCard()).toMatchObject({ step: 'ended', outcome: 'completed' });
      expect(suite.daemon.child.exitCode).toBeNull();
    }, 90_000);

    it('fault: the PIN is entered while pcscd is gone: the card cannot answer (DEVICE_OFFLINE, told to the resident), the card is handed back all the same', async () => {
      const ui = suite.ui;
      await ui.waitForKiosk(
        (k) => readerState(k) === 'online' && k.journeysOffered.includes('balance'),
        WAIT_MS,
      );
      await ui.emit('session.start', { journey: 'balance' });
      await ui.waitForSession((v) => v?.step === 'insertCard');
      await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
      await atPin(ui);
      await suite.pcscd.kill();
      await ui.waitForKiosk((k) => readerState(k) === 'offline', WAIT_MS);

      await typePin(ui, zhang.cardPin);
      // the motor moves the card without pcscd: it comes out, the resident told why
      const out = await ui.waitForSession((v) => v?.step === 'takeCard', WAIT_MS);
      expect(out?.error?.code).toBe(ErrorCode.DEVICE_OFFLINE);
      await ui.emit('demo.card', { action: 'take' });
      expect(await ui.waitForSession((v) => v?.step === 'ended', WAIT_MS)).toMatchObject({
        outcome: 'failed',
        error: { code: ErrorCode.DEVICE_OFFLINE },
      });
      expect(ui.session?.cardKeptForStaff).toBeUndefined();

      // pcscd back: the kiosk serves again, the card answers the next resident
      await suite.pcscd.restart();
      await ui.waitForKiosk(
        (k) => readerState(k) === 'online' && k.journeysOffered.includes('balance'),
        WAIT_MS,
      );
      await ui.waitForSession((v) => v === null, WAIT_MS);
      await ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
      await ui.waitForSession((v) => v?.step === 'showBalance', WAIT_MS);
      expect(await ui.finishAndTakeCard()).toMatchObject({ outcome: 'completed' });
    }, 90_000);
  },
);

describeWithPcscd('a session goes on through a pcscd restart (reader without a motor)', () => {
  let dir: string | undefined;
  let pcscd: PcscdProcess | undefined;
  let contacts: VpcdCardLink | undefined;
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;
  afterEach(async () => {
    ui?.close();
    const code = daemon ? await daemon.stop() : 0;
    await contacts?.close();
    await pcscd?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    [ui, daemon, contacts, pcscd, dir] = [undefined, undefined, undefined, undefined, undefined];
    expect(code).toBe(0);
  }, 30_000);

  it(
    'fault: pcscd restarts at the PIN step with the card in a presence reader: the session waits at its PIN, goes on once the reader is back, the balance is shown and the card taken back',
    async () => {
      const own = (dir = mkdtempSync(join(tmpdir(), 'kiosk-session-restart-')));
      const rig = (pcscd = await PcscdProcess.start({ lockTimeoutMs: PCSCD_LOCK_TIMEOUT_MS }));
      const card = (contacts = new VpcdCardLink({ port: rig.basePort }));
      daemon = await startDaemon(
        [...onPresenceReader(), '--set', 'demo.panel=true', ...SHORT_WAITS],
        daemonStart(own),
      );
      const client = (ui = new UiClient(daemon.url));
      await client.connected();
      await client.waitForKiosk(
        (k) => readerState(k) === 'online' && k.journeysOffered.includes('balance'),
        WAIT_MS,
      );
      await client.emit('session.start', { journey: 'balance' });
      await client.waitForSession((v) => v?.step === 'insertCard');
      await card.attach(createDemoCards({ store: new InMemoryCardStore() }).open(zhang.key)!);
      const pin = await atPin(client);

      await rig.kill();
      await client.waitForKiosk((k) => readerState(k) === 'offline', WAIT_MS);
      expect(client.session).toEqual(pin);
      await pcscdBackWithTheCard(rig, daemon);
      await client.waitForKiosk((k) => readerState(k) === 'online', WAIT_MS);
      expect(client.session).toEqual(pin);

      await typePin(client, zhang.cardPin);
      const shown = await client.waitForSession((v) => v?.step === 'showBalance', WAIT_MS);
      expect(shown?.balance?.amountFen).toBe(zhang.balanceFen);
      await client.emit('session.command', { command: 'finish' });
      // a reader without a motor: the resident is asked to take the card, and takes it
      await client.waitForSession((v) => v?.step === 'takeCard', WAIT_MS);
      await card.detach();
      expect(await client.waitForSession((v) => v?.step === 'ended', WAIT_MS)).toMatchObject({
        outcome: 'completed',
      });
      const [balance, ...others] = transactionsIn(own);
      expect(others).toEqual([]);
      expect(balance).toMatchObject({ journey: 'balance', status: 'closed', outcome: 'completed' });
      // the kiosk serves the next resident
      await client.waitForKiosk((k) => k.journeysOffered.includes('balance'), WAIT_MS);
    },
    PCSCD_LOCK_TIMEOUT_MS + 90_000,
  );
});

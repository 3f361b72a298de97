/**
 * Fault: pcscd restarts (a crash, an update, the reader's USB link dropping and coming back) while a
 * resident is mid-journey with the card in the reader. The kiosk must take it as a device fault that
 * moves no card: the session waits at its step while the reader is gone and goes on once it is back
 * (the card answers the PIN, the balance is shown), and the card is handed back at the end. A PIN
 * entered while the reader is gone was refused at once (DEVICE_OFFLINE: the journey over, and a
 * reader without a motor could not even hand the card back, left for staff); it now waits for the
 * reader as long as boot recovery waits for a reader's word on the card (positionWaitMs), and is
 * refused DEVICE_OFFLINE (in words on the resident's screen) only past that, the card handed back.
 *
 * The real daemon (the bundle) on the real PC/SC stack, both reader mechanisms: the motor reader
 * (the emulated motor, the chip on pcscd through vpcd's virtual card) and the reader without a motor
 * (`devices.cardReader.mechanism=presence`, the card put on vpcd's reader by the spec's hand),
 * driven through the socket.io gateway as the touch UI does.
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import { createDemoCards, InMemoryCardStore } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, ErrorCode } from '@kiosk/domain';
import { describeOnPcscd, type DaemonOnPcscd } from './daemon-on-pcscd.js';
import { describeWithPcscd, PCSCD_LOCK_TIMEOUT_MS, readerState } from './daemon-on-pcscd-without-reader.js';
import { typePin } from './pin-journeys.helpers.js';
import { pcscdBackWithTheCard, transactionsIn } from './presence-reader-rig.js';
import { presenceReaderWorld } from './presence-reader-world.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const WAIT_MS = 20_000;
/** a chip command's wait for the reader lost: pcscd is back well within it (about a second) */
const LOST_READER_WAIT_MS = 5_000;
/** the reader's reopen tried again within a second; the ended screen kept 1 s, none is read */
const SHORT_WAITS = [
  ...['--set', 'devices.reopen.firstIntervalMs=200'],
  ...['--set', 'devices.reopen.maxIntervalMs=1000'],
  ...['--set', 'timeouts.endedViewMs=1000'],
  ...['--set', `devices.cardReader.positionWaitMs=${LOST_READER_WAIT_MS}`],
];

const atPin = (ui: UiClient) => ui.waitForSession((v) => v?.step === 'enterPin', WAIT_MS);
/** the first step after the PIN's check and the balance query it leads to */
const pastThePin = (ui: UiClient) =>
  ui.waitForSession((v) => v?.step !== 'verifyingPin' && v?.step !== 'queryingBalance', WAIT_MS);

/** The reader online and the kiosk serving: a balance journey with zhang's card, up to its PIN. */
async function pinStepOnMotorReader(suite: DaemonOnPcscd): Promise<UiClient> {
  const ui = suite.ui;
  await ui.waitForKiosk((k) => readerState(k) === 'online' && k.journeysOffered.includes('balance'), WAIT_MS);
  await ui.emit('session.start', { journey: 'balance' });
  await ui.waitForSession((v) => v?.step === 'insertCard');
  await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
  await atPin(ui);
  return ui;
}

/** The same, then pcscd killed: the reader offline, the same PIN screen (no card pulled out, no error). */
async function pcscdGoneAtPin(suite: DaemonOnPcscd): Promise<UiClient> {
  const ui = await pinStepOnMotorReader(suite);
  const pin = ui.session;
  await suite.pcscd.kill();
  await ui.waitForKiosk((k) => readerState(k) === 'offline', WAIT_MS);
  expect(ui.session).toEqual(pin);
  return ui;
}

describeOnPcscd(
  'a session goes on through a pcscd restart (motor reader)',
  { lockTimeoutMs: PCSCD_LOCK_TIMEOUT_MS, args: SHORT_WAITS },
  (suite) => {
    it('fault: pcscd restarts at the PIN step: the session waits at its PIN, goes on once the reader is back, the balance is shown and the card handed back', async () => {
      const ui = await pcscdGoneAtPin(suite);
      const pin = ui.session;
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

    it('fault: the PIN is entered while pcscd is gone: the card checks it once the reader is back, the balance is shown', async () => {
      const ui = await pcscdGoneAtPin(suite);
      await typePin(ui, zhang.cardPin);
      await ui.waitForSession((v) => v?.step === 'verifyingPin', WAIT_MS);
      await suite.pcscd.restart();
      const shown = await pastThePin(ui);
      expect(shown).toMatchObject({ step: 'showBalance', balance: { amountFen: zhang.balanceFen } });
      expect(await ui.finishAndTakeCard()).toMatchObject({ outcome: 'completed' });
    }, 90_000);

    it('fault: pcscd not back within the wait: the PIN is refused DEVICE_OFFLINE, told to the resident, and the card handed back all the same', async () => {
      const ui = await pcscdGoneAtPin(suite);
      await typePin(ui, zhang.cardPin);
      // the motor moves the card without pcscd: it comes out, the resident told why
      const out = await ui.waitForSession((v) => v?.step === 'takeCard', LOST_READER_WAIT_MS + WAIT_MS);
      expect(out?.error?.code).toBe(ErrorCode.DEVICE_OFFLINE);
      await ui.emit('demo.card', { action: 'take' });
      expect(await ui.waitForSession((v) => v?.step === 'ended', WAIT_MS)).toMatchObject({
        outcome: 'failed',
        error: { code: ErrorCode.DEVICE_OFFLINE },
      });
      expect(ui.session?.cardKeptForStaff).toBeUndefined();
      // pcscd back: the kiosk serves again, the card answers the next resident
      await suite.pcscd.restart();
      await ui.waitForSession((v) => v === null, WAIT_MS);
      await pinStepOnMotorReader(suite);
      await typePin(ui, zhang.cardPin);
      await ui.waitForSession((v) => v?.step === 'showBalance', WAIT_MS);
      expect(await ui.finishAndTakeCard()).toMatchObject({ outcome: 'completed' });
    }, 90_000);
  },
);

describeWithPcscd('a session goes on through a pcscd restart (reader without a motor)', () => {
  const world = presenceReaderWorld('kiosk-session-restart-');

  it(
    'fault: pcscd restarts at the PIN step with the card in a presence reader, the PIN entered meanwhile: checked once the reader is back, the balance shown, the card taken back, never left for staff',
    async () => {
      const { own, rig, card, daemon, client } = await world.start([
        '--set',
        'demo.panel=true',
        ...SHORT_WAITS,
      ]);
      await client.emit('session.start', { journey: 'balance' });
      await client.waitForSession((v) => v?.step === 'insertCard');
      await card.attach(createDemoCards({ store: new InMemoryCardStore() }).open(zhang.key)!);
      const pin = await atPin(client);

      await rig.kill();
      await client.waitForKiosk((k) => readerState(k) === 'offline', WAIT_MS);
      expect(client.session).toEqual(pin); // the same PIN screen: no card pulled out, no error
      // the resident types the PIN meanwhile: the card is asked once the reader is back
      await typePin(client, zhang.cardPin);
      await client.waitForSession((v) => v?.step === 'verifyingPin', WAIT_MS);
      // pcscd back with the card on the contacts: the daemon held still until pcscd sees vpcd's card,
      // which dials in only after pcscd's start (a real reader reports its card in its first status)
      await pcscdBackWithTheCard(rig, daemon);
      const shown = await pastThePin(client);
      expect(shown).toMatchObject({ step: 'showBalance', balance: { amountFen: zhang.balanceFen } });
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

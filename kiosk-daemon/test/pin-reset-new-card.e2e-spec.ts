/**
 * A new card (made, never activated) whose default PIN got locked by three wrong PINs (at another
 * terminal: the kiosk asks no PIN of a card not activated, it refuses it as it is read): activation
 * cannot change a locked PIN (refused as the card is read, PIN_ALREADY_BLOCKED), so the resident unlocks it on the reset road (card, ID card, face,
 * new PIN twice) and the card is activated there, with the new PIN. Before, the card could only
 * be fixed at a counter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoCards, JsonFileCardStore } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { expectPinLockedAtRead, journalSteps, takeCardBack, typePin } from './pin-journeys.helpers.js';
import { UiClient } from './ui-client.js';

const zhao = DEMO_RESIDENTS.find((r) => r.key === 'zhao')!;
const NEW_PIN = '582046';

describe('a new card whose default PIN is locked', () => {
  let daemon: DaemonProcess;
  let ui: UiClient;

  /** A new-PIN journey (activation or reset) with zhao's card and ID card, the PIN typed twice. */
  async function setNewPin(journey: 'activatePin' | 'resetPin', pin: string): Promise<void> {
    expect(await ui.emit('session.start', { journey })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: zhao.key });
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: zhao.key });
    await ui.waitForSession((v) => v?.step === 'enterNewPin', 15_000);
    await typePin(ui, pin);
    await ui.waitForSession((v) => v?.step === 'confirmNewPin');
    await typePin(ui, pin);
  }

  /** the kiosk's virtual cards, beside its journal: zhao's new card with its default PIN locked */
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));

  beforeAll(async () => {
    const store = new JsonFileCardStore(join(dir, 'cards'));
    createDemoCards({ store });
    store.save({ ...store.load(zhao.key)!, pinTriesLeft: 0 });
    daemon = await startDaemon(['--set', 'demo.panel=true'], { dir });
    ui = new UiClient(daemon.url);
    await ui.connected();
    await ui.waitForKiosk((k) => k.journeysOffered.includes('resetPin'));
  }, 60_000); // the daemon may take its 45 s to be ready

  afterAll(async () => {
    ui?.close();
    expect(await daemon?.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a new card whose PIN three wrong PINs locked: activation refuses it as it is read (PIN_ALREADY_BLOCKED), before the ID card', async () => {
    await expectPinLockedAtRead(ui, zhao.key, 'activatePin');
    expect(journalSteps(daemon.journalPath, 'activatePin')).not.toContain('card.changePin:intent');
  }, 60_000);

  it('the reset road unlocks it with the ID card and face and activates the card with the new PIN', async () => {
    await setNewPin('resetPin', NEW_PIN);
    const done = await ui.waitForSession((v) => v?.step === 'pinSaved' || v?.error != null, 15_000);
    expect(done?.error ?? null).toBeNull();
    expect(journalSteps(daemon.journalPath, 'resetPin')).toEqual(
      expect.arrayContaining(['card.resetPin:done', 'host.pinReset:done', 'host.activate:done']),
    );
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.emit('session.command', { command: 'finish' });
    await takeCardBack(ui);
    await ui.emit('demo.idCard', { action: 'remove' });

    // the card is active now and answers to the new PIN: a balance query works
    await ui.startWithCardAndPin('balance', zhao.key, NEW_PIN);
    const shown = await ui.waitForSession((v) => v?.step === 'showBalance' || v?.error != null, 15_000);
    expect(shown?.error ?? null).toBeNull();
    expect(shown?.balance?.amountFen).toBe(zhao.balanceFen);
    await ui.emit('session.command', { command: 'finish' });
    await takeCardBack(ui);
  }, 60_000);

  it('an active card keeps the reset as before: no second activation is asked of the host', async () => {
    const resets = () => journalSteps(daemon.journalPath, 'resetPin');
    const activationsBefore = resets().filter((s) => s.startsWith('host.activate')).length;
    await setNewPin('resetPin', '703915');
    await ui.waitForSession((v) => v?.step === 'pinSaved', 15_000);
    expect(resets().filter((s) => s.startsWith('host.activate')).length).toBe(activationsBefore);
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.emit('session.command', { command: 'finish' });
    await takeCardBack(ui);
    await ui.emit('demo.idCard', { action: 'remove' });
  }, 60_000);
});

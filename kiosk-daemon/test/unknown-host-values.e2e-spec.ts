/**
 * A back office one release ahead in its lists, through the real daemon (ADR 0013): the host
 * simulator as its own process, a relay putting values the kiosk does not know into its answers.
 *
 * - Fault: an unknown resident sex failed the resident lookup (HOST_BAD_RESPONSE) and stopped the
 *   loss report and the new card. Read open now: li's loss is reported; wang's new card is made
 *   with the sex his ID number carries on the chip, and the card reader then reads and activates it.
 * - Fault: an unknown card state or withdrawal status was a generic bad response. Closed lists
 *   still stop the action, but with their own code: a PIN change is refused before any PIN is
 *   typed (HOST_UNKNOWN_CARD_STATE); a withdrawal whose authorisation comes back with an unknown
 *   status moves no note (HOST_UNKNOWN_WITHDRAWAL_STATUS), and the money the host holds for it is
 *   given back, neither paid nor lost.
 * - Fault: that hold stayed at the host until the kiosk's next boot (the recovery sweep), days on
 *   a kiosk that is not restarted. The kiosk releases it by the authorisation's serial as the
 *   journey ends: the balance is as before without a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, maskName } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { AnswerRewritingRelay } from './answer-rewriting-relay.js';
import { startDaemon, startHostProcess, type DaemonProcess, type HostProcess } from './daemon-process.js';
import { journalSteps } from './journal-steps.js';
import { UiClient } from './ui-client.js';

const resident = (key: string) => DEMO_RESIDENTS.find((r) => r.key === key)!;
const zhang = resident('zhang');
const li = resident('li');
const wang = resident('wang'); // expired card, a new-card application waiting
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';
const NEW_PIN = '802613';

interface Withdrawal {
  status: string;
  heldFen: number;
  paidFen: number;
  reversedFen: number;
  transactionSerial: string;
}

describe('a back office one release ahead in its lists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-unknown-values-'));
  let host: HostProcess;
  let relay: AnswerRewritingRelay;
  let daemon: DaemonProcess | undefined;
  let ui: UiClient;

  async function start(): Promise<void> {
    daemon = await startDaemon(
      [
        ...['--set', 'demo.panel=true', '--set', 'devices.cardPrinter.hopper=20'],
        ...['--set', 'host.mode=external', '--set', `host.url=${relay.url}`],
        ...['--set', `host.kioskKey=${KIOSK_KEY}`],
        // the ended screen is waited out before the next resident; no test reads how long it stays
        // (5 s by default): 2 s
        ...['--set', 'timeouts.endedViewMs=2000'],
      ],
      { dir },
    );
    ui = new UiClient(daemon.url);
    await ui.connected();
  }

  beforeAll(async () => {
    host = await startHostProcess({
      kiosks: { [KIOSK_ID]: KIOSK_KEY },
      issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
    });
    relay = new AnswerRewritingRelay(host.url);
    await relay.start();
    await start();
  }, 90_000); // the host simulator may take 15 s to start, the daemon 45 s

  afterAll(async () => {
    ui?.close();
    await daemon?.stop();
    await relay?.stop();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    relay.rewrites = [];
  });

  const atHost = () => host.as(KIOSK_ID, KIOSK_KEY);

  /** the last screen of a session stays 2 s here: the next journey starts after it */
  async function nextResident(): Promise<void> {
    await ui.waitForSession((v) => v === null || v.step === 'ended', 15_000).catch(() => undefined);
    await ui.waitForSession((v) => v === null, 20_000);
  }

  /** Waits for a step; a session that ends first fails the test with its error code. */
  async function reach(step: string, timeoutMs = 20_000): Promise<void> {
    const view = await ui.waitForSession((v) => v?.step === step || v?.step === 'ended', timeoutMs);
    expect({ step: view?.step, error: view?.error?.code }).toEqual({ step, error: undefined });
  }

  async function typePin(pin: string): Promise<void> {
    for (const key of pin) await ui.emit('demo.pinpad', { key });
    await ui.emit('demo.pinpad', { key: 'enter' });
  }

  const unknownSex = {
    method: 'POST' as const,
    path: /^\/v1\/residents\/lookup$/,
    rewrite: (a: Record<string, unknown>) => ({ ...a, sex: 'unspecified' }),
  };

  it('unknown card state: a PIN change is refused with its own code before any PIN is typed', async () => {
    relay.rewrites = [
      {
        method: 'GET',
        path: new RegExp(`^/v1/cards/${zhang.cardNumber}$`),
        rewrite: (a) => ({ ...a, state: 'suspendedForReview' }),
      },
    ];
    await ui.waitForKiosk((k) => k.journeysOffered.includes('changePin'), 15_000);
    expect(await ui.emit('session.start', { journey: 'changePin' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    const refused = await ui.waitForSession((v) => v?.error !== undefined || v?.step === 'enterPin');
    expect(refused?.error?.code).toBe('HOST_UNKNOWN_CARD_STATE');
    await ui.waitForSession((v) => v?.step === 'takeCard');
    await ui.emit('demo.card', { action: 'take' });
    expect(journalSteps(daemon!.journalPath, 'changePin')).not.toContain('card.changePin:intent');
  }, 60_000);

  it('unknown resident sex: li’s loss report goes through', async () => {
    await nextResident();
    relay.rewrites = [unknownSex];
    expect(await ui.emit('session.start', { journey: 'reportLoss' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
    await reach('confirmLoss');
    await ui.emit('session.command', { command: 'confirm' });
    await reach('lossReported');
    await ui.emit('demo.idCard', { action: 'remove' });
    await ui.emit('session.command', { command: 'finish' });
    expect(relay.rewritten.get(String(unknownSex.path))).toBeGreaterThan(0);
    const card = await atHost().request<{ state: string }>('GET', `/v1/cards/${li.cardNumber}`);
    expect(card.state).toBe('temporarilyLost');
  }, 60_000);

  it('unknown holder sex: wang’s new card is made with the ID number’s sex on its chip and activates', async () => {
    await nextResident();
    const cardData = {
      method: 'POST' as const,
      path: /^\/v1\/applications\/A\d{7}\/card$/,
      rewrite: (a: Record<string, unknown>) => ({
        ...a,
        holder: { ...(a['holder'] as Record<string, unknown>), sex: '9' },
      }),
    };
    relay.rewrites = [unknownSex, cardData];
    await ui.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), 15_000);
    expect(await ui.emit('session.start', { journey: 'issueCard' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: wang.key });
    await reach('takeNewCard', 60_000);
    expect(relay.rewritten.get(String(cardData.path))).toBeGreaterThan(0);
    expect(await ui.emit('demo.newCard', { action: 'take' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.emit('demo.idCard', { action: 'remove' });
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v === null || v.step === 'ended', 15_000);

    // the card reader reads the new chip (its sex field a code it knows) and the card activates
    // listed under the resident's name (the back office is external here: no state on the panel)
    const isNewCard = (c: { cardId: string; location: string; label: string }) =>
      c.cardId !== wang.key && c.location === 'outside' && c.label.startsWith(maskName(wang.name));
    const demo = await ui.waitForDemo((d) => d.cards.some(isNewCard));
    const newCard = demo.cards.find(isNewCard)!;
    await nextResident();
    expect(await ui.emit('session.start', { journey: 'activatePin' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: newCard.cardId });
    await reach('placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: wang.key });
    await reach('enterNewPin');
    await typePin(NEW_PIN);
    await reach('confirmNewPin');
    await typePin(NEW_PIN);
    await reach('pinSaved');
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'takeCard');
    await ui.emit('demo.card', { action: 'take' });
    await ui.emit('demo.idCard', { action: 'remove' });
  }, 150_000);

  it('unknown withdrawal status: no note moves, and the held money is given back at once, without a restart', async () => {
    await nextResident();
    relay.rewrites = [
      {
        method: 'POST',
        path: /^\/v1\/withdrawals\/authorise$/,
        rewrite: (a) => ({ ...a, status: 'pendingReview' }),
      },
    ];
    const balance = () =>
      atHost().request<{ balanceFen: number }>('POST', '/v1/accounts/balance', {
        cardNumber: zhang.cardNumber,
        idNumber: zhang.idNumber,
      });
    const before = (await balance()).balanceFen;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'), 15_000);
    await ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    await reach('chooseAmount');
    expect(await ui.emit('session.amount', { amountFen: 10_000 })).toEqual({ ok: true });
    const refused = await ui.waitForSession((v) => v?.error !== undefined, 20_000);
    expect(refused?.error?.code).toBe('HOST_UNKNOWN_WITHDRAWAL_STATUS');
    expect(ui.demo?.cash?.atSlot ?? false).toBe(false);

    // the release the kiosk journals done once the host answered it: the host's state read after
    // that (the host changes it before it answers), not the journal after the host's state
    const steps = await eventually(
      () => journalSteps(daemon!.journalPath, 'withdraw'),
      'the release journaled done',
      { withinMs: 10_000, everyMs: 100, until: (s) => s.includes('withdrawal.release:done') },
    );
    // the host did hold the money (the newest withdrawal of this kiosk): released, neither paid nor lost
    const newest = async () =>
      (await atHost().request<{ withdrawals: Withdrawal[] }>('GET', '/v1/withdrawals?limit=1'))
        .withdrawals[0];
    expect(await newest()).toMatchObject({ status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: 10_000 });
    expect((await balance()).balanceFen).toBe(before);
    expect(steps).toContain('withdrawal.authorise:failed');
    expect(steps).not.toContain('cash.dispense:intent');
    expect(steps).toEqual(expect.arrayContaining(['withdrawal.release:intent', 'withdrawal.release:done']));

    await ui.waitForSession((v) => v?.step === 'takeCard' || v === null, 30_000).catch(() => undefined);
    if (ui.session?.step === 'takeCard') await ui.emit('demo.card', { action: 'take' });
    await ui.emit('demo.idCard', { action: 'remove' });
  }, 120_000);
});

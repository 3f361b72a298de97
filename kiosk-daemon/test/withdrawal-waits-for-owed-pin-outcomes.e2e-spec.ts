/**
 * Fault: a withdrawal's host calls did not wait behind the card's PIN outcomes still owed to the
 * host. The outcomes go in the background (pin-outcome-to-host.ts); a resident quicker than a slow
 * host had the limits asked and the withdrawal authorised before the host had counted the wrong
 * PIN just typed, past the office's wrong-PIN block. Through the real daemon on a host simulator
 * in the test process, whose PIN events are held at its server (a slow host): the limits and the
 * hold are asked only once the host answered the card's outcomes; an outcome not answered within
 * the host's timeout refuses the withdrawal (HOST_UNREACHABLE) before the host is asked anything,
 * nothing paid, nothing journaled as a payment (ADR 0006, owed-pin-outcomes.ts).
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonOnHostHere } from './daemon-on-host-here.js';
import { pinEventHolds, type PinEventHolds } from './held-pin-events.js';
import { journalSteps, pinOutcomesAnswered, typePin } from './pin-journeys.helpers.js';
import { PIN_OUTCOMES_OWED_STEP } from '../src/journeys/owed-pin-outcomes.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const WRONG_PIN = '000000';
/** the kiosk's host timeout, the bound of the wait too: long enough for a loaded machine */
const HOST_TIMEOUT_MS = 10_000;

describe('fault: a withdrawal asked of the host before the wrong PIN just typed was counted', () => {
  // no screen is read here: the ended screen stays 1 s (the profile's 5 s) before the next journey
  const suite = daemonOnHostHere([
    ...['--set', `host.timeoutMs=${HOST_TIMEOUT_MS}`],
    ...['--set', 'timeouts.endedViewMs=1000'],
  ]);
  let holds: PinEventHolds;

  beforeAll(() => {
    holds = pinEventHolds(suite.host.app.server);
  });

  /** what the host answered from audit entry `from` on: PIN events, limits and holds, in order */
  const answered = (from: number) =>
    suite.host.state.audit
      .slice(from)
      .map((a) => {
        const act = ['pin-events', 'limits', 'authorise'].find((p) => a.action.endsWith(`/${p}`));
        return act && `${act}:${a.outcome}`;
      })
      .filter((a): a is string => a !== undefined);
  const holdsAtHost = () =>
    suite.host.state.ledger.transactions().filter((t) => t.kind === 'withdrawal').length;

  /** a wrong PIN on `resident`'s card, then the right one, then the ID card laid on the reader */
  async function wrongThenRightPinThenIdCard(resident: typeof zhang): Promise<void> {
    const { ui } = suite;
    await ui.startWithCardAndPin('withdraw', resident.key, WRONG_PIN);
    await ui.waitForSession((v) => v?.error?.code === 'PIN_WRONG');
    await typePin(ui, resident.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: resident.key });
  }

  async function cardsBack(): Promise<void> {
    const { ui } = suite;
    await ui.waitForSession((v) => v?.step === 'takeCard' || v === null, 30_000).catch(() => undefined);
    if (ui.session?.step === 'takeCard') await ui.emit('demo.card', { action: 'take' });
    await ui.emit('demo.idCard', { action: 'remove' });
    await ui.waitForSession((v) => v === null, 30_000);
  }

  it('wrong PIN, right PIN, withdrawal: the limits and the hold are asked only after the host answered the wrong PIN', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'), 15_000);
    const from = suite.host.state.audit.length;
    const wrongPin = holds.holdNext();
    try {
      await wrongThenRightPinThenIdCard(zhang);
      await suite.untilHost(() => wrongPin.arrived(), 'the wrong PIN held at the host');
      await ui.waitForSession((v) => v?.step === 'loadingQuota', 20_000);
      // the host has not answered the wrong PIN: the kiosk waits, asking neither limits nor a hold
      await new Promise((r) => setTimeout(r, 1_500));
      expect(answered(from)).toEqual([]);
      expect(ui.session?.step).toBe('loadingQuota');
    } finally {
      wrongPin.release();
    }

    await ui.waitForSession((v) => v?.step === 'chooseAmount', 20_000);
    expect(await ui.emit('session.amount', { amountFen: 10_000 })).toEqual({ ok: true });
    await ui.waitForDemo((d) => d.cash?.atSlot === true, 20_000);
    expect(await ui.emit('demo.cash', { action: 'take' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney', 20_000);
    if (ui.session?.step === 'cashWithdrawn') await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney', 20_000);
    await ui.emit('session.command', { command: 'finish' });

    // the wrong PIN's and the right PIN's outcomes answered, then the limits, then the hold
    const asked = answered(from);
    expect(asked.slice(-2)).toEqual(['limits:ok', 'authorise:ok']);
    expect(asked.slice(0, -2).filter((a) => a === 'pin-events:ok').length).toBeGreaterThanOrEqual(2);
    expect(asked.slice(0, -2).every((a) => a.startsWith('pin-events:'))).toBe(true);
    await cardsBack();
  }, 120_000);

  it('the wrong PIN not answered within the host timeout: refused HOST_UNREACHABLE before the host is asked, nothing paid or journaled paid', async () => {
    const { ui } = suite;
    await pinOutcomesAnswered(suite.daemon.journalPath, 30_000);
    await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'), 15_000);
    const from = suite.host.state.audit.length;
    const heldBefore = holdsAtHost();
    const stepsBefore = journalSteps(suite.daemon.journalPath, 'withdraw').length;
    // every PIN event held, the kiosk's tries again too: the host never answers them in time
    const pinEvents = holds.holdEvery();
    try {
      await wrongThenRightPinThenIdCard(li);
      const seen = await ui.waitForSession(
        (v) => v?.error !== undefined || v?.step === 'chooseAmount',
        HOST_TIMEOUT_MS * 3,
      );
      expect(seen?.error?.code).toBe('HOST_UNREACHABLE');
      expect(pinEvents.arrived()).toBe(true);
      expect(answered(from)).toEqual([]);
      expect(ui.demo?.cash?.atSlot ?? false).toBe(false);
      expect(holdsAtHost()).toBe(heldBefore);
      const steps = journalSteps(suite.daemon.journalPath, 'withdraw').slice(stepsBefore);
      expect(steps.filter((s) => /^(withdrawal|cash)\./.test(s))).toEqual([]);
      expect(steps).toContain('host.pinOutcome:intent');
      // the refusal is the journal's own event, for a field engineer reading it after a complaint
      expect(steps).toContain(`${PIN_OUTCOMES_OWED_STEP}:event`);
    } finally {
      pinEvents.release();
    }
    await cardsBack();
    // the outcomes owed go on in the background: the host answers them once it is quick again
    await pinOutcomesAnswered(suite.daemon.journalPath, 30_000);
    expect(answered(from).filter((a) => a === 'pin-events:ok').length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});

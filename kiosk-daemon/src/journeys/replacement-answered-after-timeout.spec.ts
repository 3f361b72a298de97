/**
 * Fault (replacement-answered-after-timeout): the replacement asked of the host (the old card's loss
 * confirmed, a replacement application opened), the host's answer later than the kiosk's host
 * timeout. The card was reported lost for good at the host while the kiosk read HOST_TIMEOUT and
 * told the resident nothing was made. Now it is asked again by its key, as below: the journey goes
 * on to the fee of the application the host opened, once.
 *
 * Fault: the replacement fee from the personal account, the host's answer later than the kiosk's
 * host timeout. The host booked the fee all the same (the request reached it; only its answer was
 * late), while the kiosk read HOST_TIMEOUT and went back to the fee's question: the resident was
 * charged and no card made. Asked again then, the QR road was refused (the application no longer
 * awaits its fee), and a resident who left was told of no fee at all. Now an account payment whose
 * outcome the kiosk cannot know (no answer, a 5xx) is asked again by the same idempotency key: the
 * host answers what it did (a replay), or books it then, once; the fee is taken once and the card
 * made for it.
 *
 * The issue-card journey's actors as the daemon provides them, the real host simulator (embedded,
 * over HTTP) with its fault surface, the real journal (SQLite in memory).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { demoResident, ErrorCode } from '@kiosk/domain';
import { createHostSimulator } from '@kiosk/host-simulator';
import type { HostService } from '../host/host.service.js';
import { issuanceAtHost } from './issuance-at-host.spec-support.js';
import { earlierOrderClosed, QR_FEE } from './qr-fee.js';

const zhang = demoResident('zhang')!;
/** the kiosk's host timeout in this spec; the host's slow answer takes twice as long */
const HOST_TIMEOUT_MS = 300;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const w = await issuanceAtHost(createHostSimulator, cleanups, { hostTimeoutMs: HOST_TIMEOUT_MS });
  /** the fees the host booked from zhang's personal account */
  const feesBooked = () => {
    const account = w.simulator.state.residentByIdNumber(zhang.idNumber)!.accountId;
    return w.simulator.state.ledger.transactionsOf(account).filter((t) => t.kind === 'fee');
  };
  return { ...w, feesBooked };
}

describe('fault: replacement-answered-after-timeout', () => {
  it('the host confirms the loss and opens the application but answers past the kiosk’s timeout: asked again by its key, the journey goes on to the fee, one application', async () => {
    const w = await setup();
    // the resident looked up at once; the host slow for the replacement that follows it only
    const lookup = w.host.resident.bind(w.host);
    w.host.resident = async (...args: Parameters<HostService['resident']>) => {
      const answer = await lookup(...args);
      w.simulator.faults.set({ delayMs: 2 * HOST_TIMEOUT_MS });
      setTimeout(() => w.simulator.faults.clear(), HOST_TIMEOUT_MS / 2);
      return answer;
    };
    const checking = w.run(w.actors.checkApplication, {
      sessionId: 's1',
      idNumber: zhang.idNumber,
      kind: 'replacement',
      replacementReason: 'lost',
    });
    await expect(checking).resolves.toMatchObject({ feeDueFen: 2000 });
    expect(w.simulator.state.cards.get(zhang.cardNumber)!.state).toBe('lost');
    const replacements = [...w.simulator.state.applications.values()].filter(
      (a) => a.replacesCardNumber === zhang.cardNumber,
    );
    expect(replacements).toHaveLength(1);
    expect(await w.phasesOf('host.replacement')).toEqual(['intent', 'done']);
  });
});

describe('fault: fee-from-account-answered-after-timeout', () => {
  it('the host books the account fee but answers past the kiosk’s timeout: asked again by its key, the fee is taken once and the journey goes on to make the card', async () => {
    const w = await setup();
    const opened = (await w.run(w.actors.checkApplication, {
      sessionId: 's1',
      idNumber: zhang.idNumber,
      kind: 'replacement',
      replacementReason: 'lost',
    })) as { applicationId: string; feeDueFen: number };
    expect(opened.feeDueFen).toBe(2000);
    // the host slow for this one request: it is handled (and booked) after the kiosk stopped waiting
    w.simulator.faults.set({ delayMs: 2 * HOST_TIMEOUT_MS });
    const paying = w.run(w.actors.payFee, {
      sessionId: 's1',
      applicationId: opened.applicationId,
      amountFen: 2000,
      method: 'account',
      orderOpened: () => undefined,
    });
    setTimeout(() => w.simulator.faults.clear(), HOST_TIMEOUT_MS / 2);
    await expect(paying).resolves.toEqual({ paymentId: 'account' });
    const application = w.simulator.state.applications.get(opened.applicationId)!;
    expect(application.status).toBe('ready');
    expect(application.feePaidBy).toBe('account');
    expect(w.feesBooked()).toHaveLength(1);
    expect(await w.phasesOf('fee.account')).toEqual(['intent', 'done']);
  });
});

/**
 * Fault: cancel-ignored-while-earlier-order-closes. The account road waited for the close of a QR
 * order the resident gave up on before (the fee is paid once) with no bound, and Cancel or the ID
 * card lifted were ignored all that time, seconds when the host was slow to close it, though nothing
 * was sent to the account yet. Now the wait stops at once when the step ends, lasts a host timeout at
 * most (the fee then refused, nothing charged), and the journey is told when the payment is sent.
 */
describe('fault: cancel-ignored-while-earlier-order-closes', () => {
  const opened = async (w: Awaited<ReturnType<typeof setup>>) =>
    (await w.run(w.actors.checkApplication, {
      sessionId: 's1',
      idNumber: zhang.idNumber,
      kind: 'replacement',
      replacementReason: 'lost',
    })) as { applicationId: string };
  /** the fee from the account asked of the journey's actor; `accountSent` told as it goes to the host */
  const payFromAccount = async (w: Awaited<ReturnType<typeof setup>>, accountSent: () => void) =>
    w.run(w.actors.payFee, {
      sessionId: 's1',
      applicationId: (await opened(w)).applicationId,
      amountFen: 2000,
      method: 'account',
      orderOpened: () => undefined,
      accountSent,
    });

  it('Cancel while the earlier order closes: the wait ends at once, nothing sent', async () => {
    const fee = { qrAttempts: 1, settling: new Promise<void>(() => undefined), paidOrder: undefined };
    const step = new AbortController();
    const waiting = earlierOrderClosed(fee, 60_000, step.signal);
    step.abort();
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.SESSION_CANCELLED });
  });

  it('an earlier order’s close slower than the host timeout: the fee refused after a host timeout, nothing sent nor charged', async () => {
    const w = await setup();
    w.scope.get(QR_FEE).settling = new Promise<void>(() => undefined);
    let sent = false;
    const paying = payFromAccount(w, () => (sent = true));
    await expect(paying).rejects.toMatchObject({ code: ErrorCode.HOST_TIMEOUT });
    expect(sent).toBe(false);
    expect(w.feesBooked()).toHaveLength(0);
    expect(await w.phasesOf('fee.account')).toEqual([]);
  });

  it('the journey is told the payment is sent before the host is asked', async () => {
    const w = await setup();
    let bookedWhenSent: number | undefined;
    const paying = payFromAccount(w, () => (bookedWhenSent = w.feesBooked().length));
    await expect(paying).resolves.toEqual({ paymentId: 'account' });
    expect(bookedWhenSent).toBe(0);
    expect(w.feesBooked()).toHaveLength(1);
  });
});

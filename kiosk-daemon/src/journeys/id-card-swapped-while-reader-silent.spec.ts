/**
 * Fault: the resident's ID card swapped for another person's while the ID card reader did not
 * answer (docs/adr/0019). At its first look back the reader took the card lying there for the
 * same placement, never lifted: the act's own check read it again and refused it, but the fee's
 * QR wait, whose proof of the resident is their ID card lying there (ID_CARD_REMOVED ends it),
 * went on with the other person's card on the reader, and the session's end asked for "your ID
 * card" with the resident's number for the card the session had read. The kiosk cannot know what
 * happened on the pad while it was blind: the card found there is read again and compared, and
 * another person's is a removal and a new placement (`unseen`).
 *
 * The identify and issue-card journeys as the daemon provides them (the issue-card machine
 * itself at its fee's QR wait, the reader's events relayed to it as the daemon relays them), the
 * real journal (SQLite in memory), the GA 467 driver polling every 200 ms as the daemon's does,
 * against the byte-level emulator over a pseudo terminal.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { awaitMoreLooks, type Ga467IdReaderEmulatorOptions } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, ErrorCode } from '@kiosk/domain';
import { createActor } from 'xstate';
import type { DevicesService } from '../devices/devices.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { relayDeviceEvents } from '../sessions/device-events.js';
import { idCardPlacementsOf } from '../sessions/id-card-placements.js';
import type { MetricsService } from '../telemetry/metrics.service.js';
import { idReaderSession, SESSION, SWAP_MODULES } from './id-card-swap.spec-support.js';
import { provideIssueCardJourney, type IssueCardJourneyDeps } from './issue-card-journey.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

const tick = () => new Promise((r) => setTimeout(r, 20));

/** The kiosk's ID reader (its driver over a pseudo terminal, polled as the daemon polls), a session. */
async function kiosk(module: Ga467IdReaderEmulatorOptions) {
  const session = await idReaderSession(
    module,
    closers,
    // the emulator answers at once or never: no late answer is waited for after its silence
    { answerTimeoutMs: 1_000, lateAnswerMs: 50 },
    { feePaymentMs: 60_000 },
  );
  const { road, emulator, reader, journal, config, scopes, scope, run, identify } = session;
  /** the back office: one application awaiting its fee, a QR order that stays unpaid */
  const orders = { started: 0, closed: [] as string[] };
  const issuance = {
    pendingQrOrder: null,
    get pendingQr() {
      return null;
    },
    applications: async () => ({
      applications: [{ kind: 'new', applicationNo: 'APP-1', status: 'awaitingFee', feeFen: 2000 }],
    }),
    startQrPayment: async () => {
      orders.started += 1;
      return { paymentId: 'Q-1', applicationNo: 'APP-1', amountFen: 2000, status: 'pending', qrContent: 'q' };
    },
    payment: async () => ({
      paymentId: 'Q-1',
      applicationNo: 'APP-1',
      amountFen: 2000,
      status: 'pending',
      expiresInMs: 60_000,
    }),
    closeQrPayment: async (paymentId: string) => {
      orders.closed.push(paymentId);
      return { paymentId, applicationNo: 'APP-1', amountFen: 2000, status: 'closed' };
    },
  } as unknown as IssuanceHostService;
  const issueDeps = {
    issuance,
    config,
    journal,
    idReader: reader,
    paymentPollMs: 20,
    feeSettlement: { retryMs: 1 },
  } as unknown as IssueCardJourneyDeps;
  const issueCard = provideIssueCardJourney(issueDeps, scopes.of);
  /** the card making, at its fee's QR wait; the reader's events relayed to it as the daemon does */
  const atFeeWait = async () => {
    const journey = createActor(issueCard, {
      input: {
        sessionId: SESSION,
        timeouts: { stepMs: 60_000, warnMs: 50_000 },
        now: Date.now,
        kind: 'new',
        idNumber: zhang.idNumber,
        cardTakeMs: 30_000,
        paymentMs: 60_000,
      },
    });
    scopes.bind(journey.system, scope);
    const quiet = new Proxy({}, { get: () => () => () => undefined });
    const devices = {
      onAnyStatus: () => () => undefined,
      receiptPrinter: quiet,
      cardReader: quiet,
      pinPad: quiet,
      cashDispenser: quiet,
      cardMaking: quiet,
      cardPrinter: quiet,
      idReader: reader,
    } as unknown as DevicesService;
    const unrelay = relayDeviceEvents(devices, quiet as IssuanceHostService, quiet as MetricsService, {
      // the session passes its events on to its journey
      session: () => ({ send: (event) => journey.send(event as Parameters<typeof journey.send>[0]) }),
      devicesChanged: () => undefined,
      notify: () => undefined,
      strayCard: () => undefined,
    });
    closers.push(async () => {
      for (const off of unrelay) off();
      journey.stop();
    });
    journey.start();
    while (!journey.getSnapshot().matches('confirmFee')) await tick();
    journey.send({ type: 'PAY_WITH', method: 'qr' });
    while (!journey.getSnapshot().matches({ paying: 'showingCode' })) await tick();
    return journey;
  };
  return {
    ...session,
    orders,
    atFeeWait,
    /** the resident lays their ID card on the reader; the identification reads it, the face matches */
    identified: async (key: string) => {
      await session.identified(key);
      await run(identify.matchFace, { sessionId: SESSION });
    },
    /** the reader stops answering; resolves once it reads offline */
    silenced: async () => {
      emulator.setFault({ kind: 'noAnswer' });
      while (reader.status().device !== 'offline') await tick();
    },
    /**
     * the reader answers again; resolves once it reads online (its first look back ended: the card
     * lying there read again and compared, a swap reported) and a whole look more: counted by the
     * emulator's answers to what begins a look (the held card's probe, or find card; one a look
     * here), the second answered only once the first look ended
     */
    answersAgain: async () => {
      emulator.setFault(null);
      while (reader.status().device !== 'online') await tick();
      await awaitMoreLooks(road.ga467LooksOf(emulator), 2, 10_000, 'idReader');
    },
  };
}

describe.each(SWAP_MODULES)('fault: id-card-swapped-while-reader-silent, module %s', (_, module) => {
  it("the fee's QR wait: another person's card laid down while the reader was silent ends it as the card's removal, the order closed", async () => {
    const k = await kiosk(module);
    await k.identified('zhang');
    const journey = await k.atFeeWait();
    await k.silenced();
    k.swap('li');
    await k.answersAgain();
    expect(journey.getSnapshot().status).toBe('done');
    expect(journey.getSnapshot().output).toMatchObject({
      feePaid: false,
      error: { code: ErrorCode.ID_CARD_REMOVED },
    });
    while (k.orders.closed.length === 0) await tick();
    expect(k.orders).toEqual({ started: 1, closed: ['Q-1'] });
  });

  it("the reminder: another person's card laid down while the reader was silent is not the card the session read", async () => {
    const k = await kiosk(module);
    await k.identified('zhang');
    expect(idCardPlacementsOf(k.reader).leftBy(SESSION)).toMatch(/\*/);
    await k.silenced();
    k.swap('li');
    await k.answersAgain();
    expect(k.reader.isCardPresent()).toBe(true);
    expect(idCardPlacementsOf(k.reader).leftBy(SESSION)).toBeNull();
  });

  it("guard: the resident's card left lying there through the silence: read again, the wait goes on and the reminder names it", async () => {
    const k = await kiosk(module);
    await k.identified('zhang');
    const journey = await k.atFeeWait();
    await k.silenced();
    await k.answersAgain();
    expect(journey.getSnapshot().matches({ paying: 'showingCode' })).toBe(true);
    expect(idCardPlacementsOf(k.reader).leftBy(SESSION)).toMatch(/\*/);
    expect(k.orders).toEqual({ started: 1, closed: [] });
  });
});

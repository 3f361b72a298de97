/**
 * Fault: the resident's ID card swapped for another person's quicker than the reader is polled
 * (200 ms) between its check and the act that relies on it. (And id-card-swapped-between-polls:
 * the act refused for that card and tried again passed, the reader's card last read being the
 * other person's, unlifted: the reader is asked after the card by the ID number checked.) The identification read the ID card
 * and checked it (the holder's, for a withdrawal); the face match and the fee then trusted that
 * read, asking the reader nothing, or only its last poll (`isCardPresent`). Now the act asks the
 * reader at once (`sameCardAsRead`, its protocol) and reads a card laid there since: another
 * person's is refused ID_MISMATCH, none there refused where the act needs it (the fee).
 *
 * The identify and issue-card journeys' actors as the daemon provides them, the real journal
 * (SQLite in memory), the GA 467 driver polling every 200 ms as the daemon's does, against the
 * byte-level emulator over a pseudo terminal (a module halting the card read, and one that finds
 * it again and knows no read appended address: the driver reads it again to tell).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Ga467IdReaderEmulatorOptions } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, ErrorCode } from '@kiosk/domain';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { idCardPlacementsOf } from '../sessions/id-card-placements.js';
import { idReaderSession, SESSION, SWAP_MODULES } from './id-card-swap.spec-support.js';
import { provideIssueCardJourney, type IssueCardJourneyDeps } from './issue-card-journey.js';
import { provideWithdrawalJourney, type WithdrawalJourneyDeps } from './withdrawal-journey.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

/** The kiosk's ID reader (driver over a pseudo terminal, polled as the daemon polls), a session. */
async function kiosk(module: Ga467IdReaderEmulatorOptions) {
  const session = await idReaderSession(module, closers);
  const { reader, journal, config, scopes, run, identify } = session;
  const paid: string[] = [];
  const issuance = {
    applications: async () => ({
      applications: [{ kind: 'new', applicationNo: 'APP-1', status: 'awaitingFee', feeFen: 2000 }],
    }),
    payFeeFromAccount: async (applicationId: string) => {
      paid.push(applicationId);
      return { paymentId: 'P-1' };
    },
  } as unknown as IssuanceHostService;
  const issueDeps = {
    host: {} as HostService,
    issuance,
    config,
    journal,
    idReader: reader,
  } as unknown as IssueCardJourneyDeps;
  const issue = provideIssueCardJourney(issueDeps, scopes.of).implementations.actors;
  const held: number[] = [];
  const host = {
    authoriseWithdrawal: async (request: { amountFen: number }) => {
      held.push(request.amountFen);
      return { authorisationId: 'AUTH-1', balanceAfterFen: 0 };
    },
  } as unknown as HostService;
  // no PIN outcome of the card owed to the host: the authorisation is asked at once
  const withdrawalDeps = {
    host,
    config: { ...config, host: { timeoutMs: 5_000 } },
    idReader: reader,
    retries: { drained: () => Promise.resolve(true) },
  } as unknown as WithdrawalJourneyDeps;
  const withdrawal = provideWithdrawalJourney(withdrawalDeps, scopes.of).implementations.actors;
  return {
    ...session,
    paid,
    held,
    /** the withdrawal's hold at the host, for the card holder identified */
    authorise: (idNumber: string) =>
      run(withdrawal.authoriseWithdrawal, {
        sessionId: SESSION,
        cardNumber: 'H41080000102',
        idNumber,
        amountFen: 30_000,
      }),
    matchFace: () => run(identify.matchFace, { sessionId: SESSION }),
    /** the card making's fee, from the personal account, for the identified resident */
    payFee: async (idNumber: string) => {
      await run(issue.checkApplication, { sessionId: SESSION, idNumber, kind: 'new' });
      return run(issue.payFee, {
        sessionId: SESSION,
        applicationId: 'APP-1',
        amountFen: 2000,
        method: 'account',
        orderOpened: () => undefined,
      });
    },
  };
}

describe.each(SWAP_MODULES)('fault: id-card-swapped-within-a-poll, module %s', (_, module) => {
  it("the ID card swapped for another person's between the read and the face match: refused ID_MISMATCH", async () => {
    const k = await kiosk(module);
    await expect(k.identified('zhang')).resolves.toMatchObject({ idNumber: zhang.idNumber });
    k.swap('li');
    await expect(k.matchFace()).rejects.toMatchObject({ code: ErrorCode.ID_MISMATCH });
  });

  it("the ID card swapped for another person's before the fee is paid: refused, nothing paid", async () => {
    const k = await kiosk(module);
    await k.identified('zhang');
    await expect(k.matchFace()).resolves.toMatchObject({ score: expect.any(Number) });
    k.swap('li');
    await expect(k.payFee(zhang.idNumber)).rejects.toMatchObject({ code: ErrorCode.ID_MISMATCH });
    expect(k.paid).toEqual([]);
  });

  it("fault: id-card-swapped-between-polls: the fee refused for another person's card, then tried again with it still there: refused again, nothing paid", async () => {
    const k = await kiosk(module);
    await k.identified('zhang');
    await expect(k.matchFace()).resolves.toMatchObject({ score: expect.any(Number) });
    k.swap('li');
    await expect(k.payFee(zhang.idNumber)).rejects.toMatchObject({ code: ErrorCode.ID_MISMATCH });
    // the check read li's card to see whose it was: the reader's card last read, never lifted since
    await expect(k.payFee(zhang.idNumber)).rejects.toMatchObject({ code: ErrorCode.ID_MISMATCH });
    expect(k.paid).toEqual([]);
    // the holder's own card laid back: the fee is paid
    k.swap('zhang');
    await expect(k.payFee(zhang.idNumber)).resolves.toEqual({ paymentId: 'account' });
    expect(k.paid).toEqual(['APP-1']);
  });

  it("the ID card swapped for another person's before the withdrawal's authorisation: refused, nothing held", async () => {
    const k = await kiosk(module);
    await k.identified('zhang');
    await expect(k.matchFace()).resolves.toMatchObject({ score: expect.any(Number) });
    k.swap('li');
    await expect(k.authorise(zhang.idNumber)).rejects.toMatchObject({ code: ErrorCode.ID_MISMATCH });
    expect(k.held).toEqual([]);
  });

  it('guard: the ID card lifted before the withdrawal: the identification stands, the amount is held', async () => {
    const k = await kiosk(module);
    await k.identified('zhang');
    await k.matchFace();
    k.emulator.removeCard();
    await expect(k.authorise(zhang.idNumber)).resolves.toEqual({ transactionId: 'AUTH-1' });
    expect(k.held).toEqual([30_000]);
  });

  it('guard: the ID card left lying there: the face match stands and the fee is paid', async () => {
    const k = await kiosk(module);
    await k.identified('zhang');
    await expect(k.matchFace()).resolves.toMatchObject({ score: expect.any(Number) });
    await expect(k.payFee(zhang.idNumber)).resolves.toEqual({ paymentId: 'account' });
    expect(k.paid).toEqual(['APP-1']);
  });

  it("guard: the holder's own card lifted and laid back at once: read again, it is the card read (asked to be taken at the end)", async () => {
    const k = await kiosk(module);
    await k.identified('zhang');
    k.swap('zhang');
    await expect(k.matchFace()).resolves.toMatchObject({ score: expect.any(Number) });
    expect(idCardPlacementsOf(k.reader).leftBy(SESSION)).toMatch(/\*/);
    await expect(k.payFee(zhang.idNumber)).resolves.toEqual({ paymentId: 'account' });
  });

  it('the ID card lifted after the read: the face match stands (nothing of anyone else is on the reader); the fee asks it back', async () => {
    const k = await kiosk(module);
    await k.identified('zhang');
    k.emulator.removeCard();
    await expect(k.matchFace()).resolves.toMatchObject({ score: expect.any(Number) });
    await expect(k.payFee(zhang.idNumber)).rejects.toMatchObject({ code: ErrorCode.ID_CARD_ABSENT });
    expect(k.paid).toEqual([]);
  });
});

/**
 * Card making as the daemon provides it (`provideIssueCardJourney`), for the specs of faults of a
 * real terminal's devices: the card printer of such a terminal with its chip station on a pcscd
 * the spec scripts (readers plugged and unplugged), the real journal (in-memory SQLite), and a
 * back office the spec fakes: a replacement awaiting its 20-yuan fee, paid from the account or
 * by a QR order, the card number reserved, and the host's calls in `calls`. The spec runs a
 * replacement to its end (`replace`) and reads the journal, the printer's blanks and the host's.
 */
import { loadConfig } from '@kiosk/config';
import type { CardFace, CardPrinterPort, CardRejectReason } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { CardPersonalisation } from '@kiosk/host-simulator';
import type { QrPaymentView } from '@kiosk/host-simulator/contract';
import type { FeeMethod } from '@kiosk/state-machines';
import { createActor, fromPromise, toPromise, waitFor } from 'xstate';
import {
  CUSTOMER_READER,
  ENCODER,
  realTerminalCardPrinter,
  ScriptedPcscd,
} from '../devices/chip-station-readers.spec-support.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { provideIssueCardJourney } from './issue-card-journey.js';
import { qrOrderView } from './qr-fee.spec-support.js';
import { SessionScope } from './session-scope.js';

export { ENCODER };

/** A card face of a few white pixels: what the printer prints, not what a resident reads. */
const PLAIN_FACE: CardFace = { rgb: new Uint8Array(8 * 4 * 3).fill(255), widthPx: 8, heightPx: 4 };
export const APPLICATION = 'A0000042';
export const CARD = 'H41080000999';
/** zhang's, a valid ID number whose birth date is the holder's: the chip reads it back */
const ID_NUMBER = '410802198003151314';

/** The back office's side: a replacement awaiting its fee, one QR order, the card number. */
function backOffice() {
  const calls: string[] = [];
  /** what happens at the host's answer that takes the fee (the spec unplugs the encoder there) */
  const at = {
    feePaid: (): void => undefined,
    cardOrdered: (): void => undefined,
    /** the printer's feed answered: the blank is at the chip station */
    blankFed: (): void => undefined,
    /** the journey asks the printer to pull a card into the reject bin (before the printer acts) */
    rejecting: (): void => undefined,
  };
  let qr: QrPaymentView['status'] = 'pending';
  let pending: QrPaymentView | null = null;
  const application = {
    applicationNo: APPLICATION,
    kind: 'replacement',
    status: 'awaitingFee',
    feeFen: 2000,
  };
  const order: CardPersonalisation = {
    applicationNo: APPLICATION,
    cardNumber: CARD,
    issuerRegionCode: '410800',
    issueDate: '2026-11-27',
    expiryDate: '2036-11-27',
    holder: { idNumber: ID_NUMBER, name: '张伟', sex: 'male', birthDate: '1980-03-15' },
    keyVersion: 1,
  };
  const issuance = {
    get pendingQr() {
      return pending?.paymentId ?? null;
    },
    get pendingQrOrder() {
      return pending;
    },
    set pendingQrOrder(o: QrPaymentView | null) {
      pending = o;
    },
    payFeeFromAccount: async () => {
      calls.push('fee:account');
      at.feePaid();
      return { ...application, status: 'ready' };
    },
    startQrPayment: async () => {
      calls.push('qr:create');
      return qrOrderView('QR00000001', qr);
    },
    payment: async (id: string) => {
      if (qr === 'pending') {
        qr = 'paid'; // the resident pays on the phone
        at.feePaid();
      }
      return qrOrderView(id, qr);
    },
    closeQrPayment: async (id: string) => (calls.push(`qr:close:${id}`), qrOrderView(id, qr)),
    refundQrPayment: async (id: string) => (calls.push(`qr:refund:${id}`), qrOrderView(id, qr)),
    orderCard: async () => {
      calls.push('card:order');
      at.cardOrdered();
      return order;
    },
    personalisationKey: async () => {
      calls.push('card:key');
      throw new KioskError(ErrorCode.HOST_REJECTED, 'No key in this spec.');
    },
    reportIssuance: async (_app: string, report: { outcome: string; cardNumber: string }) => {
      calls.push(`card:${report.outcome}:${report.cardNumber}`);
      return {};
    },
  } as unknown as IssuanceHostService;
  const host = {
    resident: async () => ({ applications: [application], cards: [] }),
  } as unknown as HostService;
  return { issuance, host, calls, at, order };
}

/**
 * The card printer's port telling `fed` once its feed answered (the blank at the station), and
 * noting the reason each blank was put in the reject bin with (`rejected`). Every other member is
 * the port's own, called on the port itself (it keeps private fields a copy of it could not read).
 */
function fedWith(
  printer: CardPrinterPort,
  at: { readonly blankFed: () => void; readonly rejecting: () => void },
  rejected: CardRejectReason[],
  binUncounted = false,
): CardPrinterPort {
  const told: Partial<CardPrinterPort> = {
    feedToChipStation: async (signal) => {
      await printer.feedToChipStation(signal);
      at.blankFed();
    },
    ejectToRejectBin: async (reason, signal) => {
      rejected.push(reason);
      at.rejecting();
      await printer.ejectToRejectBin(reason, signal);
    },
  };
  if (binUncounted) {
    told.status = () => {
      const status = printer.status();
      const supplies = status.supplies.map((supply) => {
        if (supply.name !== 'rejectBin') return supply;
        const { count: _uncounted, ...level } = supply;
        return level;
      });
      return { ...status, supplies };
    };
  }
  return new Proxy(printer, {
    get(target, key) {
      if (Object.hasOwn(told, key)) return told[key as keyof CardPrinterPort];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** How the spec's terminal differs from the usual one. */
export interface RealTerminalOptions {
  /** a printer that does not count its reject bin (its count read refused: the bin's level only) */
  readonly binUncounted?: boolean;
  /** the kill harness's point for the journal (`journal.crashAt`, ADR 0007) */
  readonly crashAt?: string;
  /** the journal's sealing key kept in this file (a journal opened again after a restart reads it) */
  readonly keyFile?: string;
  /**
   * the blank fed and its face printed, no chip written (the back office hands out no chip key
   * here): the card made is presented, for the specs of what happens at the slot
   */
  readonly madeWithoutChip?: boolean;
  /** how long the new card waits at the slot (default 30 s) */
  readonly cardTakeMs?: number;
  /** each step's time (default 30 s, shorter than the driver's own bound of a command) */
  readonly stepMs?: number;
}

/** A real terminal whose chip station's encoder is plugged, and a replacement to run on it. */
export async function realTerminalIssuance(options: RealTerminalOptions = {}) {
  const pcscd = new ScriptedPcscd([CUSTOMER_READER, ENCODER]);
  const devices = await realTerminalCardPrinter(pcscd);
  await devices.printer.open();
  const { db, journal } = await openMemoryJournal(30, { crashAt: options.crashAt, keyFile: options.keyFile });
  const tx = await journal.openTransaction('s1', 'replaceCard');
  const office = backOffice();
  /** the reasons blanks were put in the reject bin with, in order */
  const rejectReasons: CardRejectReason[] = [];
  const at = { blankFed: () => office.at.blankFed(), rejecting: () => office.at.rejecting() };
  const printer = fedWith(devices.printer, at, rejectReasons, options.binUncounted);
  /** each session's scope, by its transaction (`replace` runs in one), and the session it serves */
  const scopes = new Map<string, SessionScope>();
  const sessions = new Map<string, { transactionId: string }>();
  const scopeOf = (transactionId: string): SessionScope => {
    const known = scopes.get(transactionId);
    if (known) return known;
    const session = { transactionId, locale: () => 'zh-CN' as const, send: () => undefined };
    const made = new SessionScope(journal, session);
    scopes.set(transactionId, made);
    sessions.set(transactionId, session);
    return made;
  };
  /**
   * The session that ran `from`'s journey moves on to a next journey's transaction `to` (as the
   * daemon's session does when the resident chooses another): its tools read `to` from then on.
   */
  const sessionMovesOn = (from: string, to: string): void => {
    const session = sessions.get(from);
    if (!session) throw new Error(`No session ran ${from}`);
    session.transactionId = to;
  };
  let scope = scopeOf(tx);
  const config = loadConfig({ profile: 'test', overrides: ['journal.path=:memory:'] });
  const provided = provideIssueCardJourney(
    {
      host: office.host,
      issuance: office.issuance,
      printer,
      cardMaking: devices,
      config,
      journal,
      paymentPollMs: 1,
      feeSettlement: { retryMs: 1 },
    },
    () => scope,
  );
  const machine = options.madeWithoutChip
    ? provided.provide({
        actors: {
          makeCard: fromPromise(async ({ signal }) => {
            await printer.feedToChipStation(signal);
            await printer.printFace(PLAIN_FACE, signal);
            return { cardNumber: CARD };
          }),
        },
      })
    : provided;

  /**
   * A replacement (the old card lost) paid by `method`, run to its end: its output. `transactionId`:
   * another session's transaction (the next resident's), journaled there instead of `tx`'s.
   */
  async function replace(method: FeeMethod, transactionId = tx) {
    scope = scopeOf(transactionId);
    const actor = createActor(machine, {
      input: {
        sessionId: transactionId === tx ? 's1' : `s-${transactionId}`,
        timeouts: { stepMs: options.stepMs ?? 30_000, warnMs: options.stepMs ?? 20_000 },
        now: () => Date.now(),
        kind: 'replacement',
        idNumber: ID_NUMBER,
        cardTakeMs: options.cardTakeMs ?? 30_000,
      },
    });
    actor.start();
    await waitFor(actor, (s) => s.matches('confirmFee') || s.status === 'done');
    actor.send({ type: 'PAY_WITH', method });
    return toPromise(actor);
  }

  const steps = async () =>
    (await journal.stepsOf(tx)).map((s) => ({
      step: `${s.step}:${s.phase}`,
      detail: s.detail ? (JSON.parse(s.detail) as Record<string, unknown>) : undefined,
    }));
  const count = (supply: string) => devices.printer.status().supplies.find((s) => s.name === supply)?.count;
  const blanks = () => count('cardHopper');
  const rejectBin = () => count('rejectBin');
  const close = async () => {
    await devices.close();
    await db.destroy();
  };
  return {
    pcscd,
    devices,
    /** the card printer's port the journey is given */
    printer,
    db,
    journal,
    tx,
    replace,
    sessionMovesOn,
    steps,
    blanks,
    rejectBin,
    rejectReasons,
    close,
    ...office,
  };
}

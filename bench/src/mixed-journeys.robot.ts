/**
 * The robot resident of the mixed-journey run: reads the kiosk's session views over socket.io and
 * answers each screen as a resident would, now and then wrongly (a wrong PIN, an amount over the
 * cap, a failed face match, the notes left in the slot). A card is made for them at the kiosk
 * (ID card, face, the fee by QR or from the account) and taken from the card printer's slot.
 */
import type { FeeMethod, Journey, SessionView, SessionViewWithDetails } from '@kiosk/domain';
import type { Prng } from '@kiosk/host-simulator';
import type { Screen } from './mixed-journeys.screen.js';

/** the socket.io side, where the robot's importers have found it */
export { Screen } from './mixed-journeys.screen.js';

export interface Resident {
  /** the resident's ID card on the ID reader emulator */
  readonly key: string;
  /** the demo card the resident holds (the card reader emulator's id): a new card has another */
  cardId: string;
  pin: string;
  /**
   * active; made (waits for its PIN to be activated); expired or lost (goes for a new card);
   * pinBlocked (goes to reset it)
   */
  state: string;
}

/** Steps where the robot has nothing to do but wait for the kiosk. */
const BUSY = new Set([
  'readingCard',
  'verifyingPin',
  'queryingBalance',
  'ejectingCard',
  'retractingCard',
  'readingIdCard',
  'matchingFace',
  'loadingRecords',
  'printingRecords',
  'loadingQuota',
  'authorisingWithdrawal',
  'dispensingCash',
  'retractingCash',
  'printingReceipt',
  'reversingWithdrawal',
  'savingPin',
  'reportingLoss',
  'handingInOldCard',
  'checkingApplication',
  'makingCard',
  'reportingIssuance',
]);

export interface JourneyRun {
  readonly journey: Journey;
  readonly outcome: string;
  readonly cashTakenFen: number;
  /** the demo card id of a new card the resident took from the card printer's slot */
  readonly newCardId?: string;
}

/** One journey, start to `ended`, answering whatever the kiosk shows. */
export async function runJourney(
  screen: Screen,
  rng: Prng,
  resident: Resident,
  journey: Journey,
): Promise<JourneyRun> {
  const wrongPin = rng.chance(0.05);
  const badFace = rng.chance(0.05);
  const leaveCash = rng.chance(0.05);
  const amountFen = rng.pick([10_000, 20_000, 30_000, 50_000, 60_000]);
  const newPin = rng.pick(['284613', '395172', '617394']);
  let cashTakenFen = 0;
  let refusal: string | undefined;
  let pinTyped = false;
  let idPlaced = false;
  let lastActed = '';
  let newCardId: string | undefined;
  let feeTries = 0;
  const payByQr = rng.chance(0.5);
  const cardsBefore = new Set((screen.demo?.cards ?? []).map((c) => c.cardId));

  const started = await screen.emit('session.start', { journey });
  if (!started.ok) {
    // why the kiosk does not offer it: a device or supply it needs (a stock out, a bin full), else
    // the kiosk's own reason
    const down =
      (screen.kiosk?.devices ?? [])
        .filter(
          (d) => d.device !== 'online' || d.supplies.some((x) => x.level === 'empty' || x.level === 'full'),
        )
        .map((d) => d.kind)
        .join(',') ||
      (screen.kiosk?.reason ?? '');
    return {
      journey,
      outcome: `start:${started.error?.code ?? 'refused'}${down ? ` (${down})` : ''}`,
      cashTakenFen,
    };
  }
  await screen.until(() => (screen.session?.journey === journey ? true : undefined), 'session');
  for (;;) {
    const view = await screen.until(() => {
      const v = screen.session;
      if (v === null) return { step: 'none' } as unknown as SessionView;
      const tag = `${v.sessionId}:${v.step}:${v.pin?.entered ?? ''}:${v.error?.code ?? ''}`;
      if (BUSY.has(v.step) || tag === lastActed) return undefined;
      lastActed = tag;
      return v;
    }, 'screen to act on');
    if (view.step === ('none' as SessionView['step']) || view.step === 'ended') {
      if (idPlaced) await screen.emit('demo.idCard', { action: 'remove' });
      const outcome = view.step === 'ended' ? (view.outcome ?? 'ended') : 'ended';
      return {
        journey,
        outcome: refusal ? `${outcome}:${refusal}` : outcome,
        cashTakenFen,
        ...(newCardId !== undefined && { newCardId }),
      };
    }
    if (view.step === 'takeIdCard') {
      // the session's end asks for the ID card it read: the resident lifts it
      await screen.emit('demo.idCard', { action: 'remove' });
      idPlaced = false;
      continue;
    }
    if (view.step === 'payFee' && view.error && feeTries === 1) {
      // the account could not pay (or the code lapsed): the resident tries the other way once
      feeTries += 1;
      await payFee(screen, view, !payByQr);
      continue;
    }
    if (view.error) {
      refusal ??= view.error.code;
      if (view.step === 'takeCard') await screen.emit('demo.card', { action: 'take' });
      else await screen.emit('session.command', { command: 'cancel' });
      continue;
    }
    switch (view.step) {
      case 'insertCard':
        await screen.emit('demo.card', { action: 'insert', cardId: resident.cardId });
        break;
      case 'replacementReason':
        await screen.emit('session.replacementReason', { reason: 'lost' });
        break;
      case 'payFee':
        feeTries += 1;
        await payFee(screen, view, payByQr);
        break;
      case 'takeNewCard':
        await screen.emit('demo.newCard', { action: 'take' });
        newCardId = await screen.until(
          () =>
            screen.demo?.cards.find((c) => !cardsBefore.has(c.cardId) && c.location === 'outside')?.cardId,
          "new card in the resident's hand",
        );
        break;
      case 'enterPin': {
        if (pinTyped && (view.pin?.entered ?? 0) > 0) break;
        pinTyped = true;
        const pin = wrongPin ? '000000' : resident.pin;
        for (const key of pin) await screen.emit('demo.pinpad', { key });
        await screen.emit('demo.pinpad', { key: 'enter' });
        break;
      }
      case 'enterNewPin':
      case 'confirmNewPin':
        if ((view.pin?.entered ?? 0) > 0) break;
        for (const key of newPin) await screen.emit('demo.pinpad', { key });
        await screen.emit('demo.pinpad', { key: 'enter' });
        break;
      case 'pinSaved':
        resident.pin = newPin;
        resident.state = 'active';
        await screen.emit('session.command', { command: 'finish' });
        break;
      case 'placeIdCard':
        if (badFace) await screen.emit('demo.face', { score: 30 });
        await screen.emit('demo.idCard', { action: 'place', idCardId: resident.key });
        idPlaced = true;
        break;
      case 'faceNotMatched':
        refusal ??= 'FACE_NOT_MATCHED';
        await screen.emit('demo.face', { score: 92 });
        await screen.emit('session.command', { command: 'cancel' });
        break;
      case 'chooseAmount':
        await screen.emit('session.amount', { amountFen });
        break;
      case 'takeCash': {
        if (leaveCash) break; // the presenter times out and retracts the notes
        await screen.until(() => (screen.demo?.cash?.atSlot ? true : undefined), 'cash at the slot');
        const atSlot = screen.demo?.cash?.amountFen ?? 0; // none if the take timeout drew them back first
        if ((await screen.emit('demo.cash', { action: 'take' })).ok) cashTakenFen += atSlot;
        break;
      }
      case 'showRecords':
        await screen.emit('session.command', { command: rng.chance(0.3) ? 'print' : 'finish' });
        break;
      case 'confirmLoss':
        await screen.emit('session.command', { command: 'confirm' });
        break;
      case 'takeCard':
        await screen.emit('demo.card', { action: 'take' });
        break;
      case 'chooseJourney':
        // the menu of more journeys (after a new card: its PIN activation): this resident is done
        await screen.emit('session.command', { command: 'finish' });
        break;
      default:
        // a result on screen (balance, records printed, cash withdrawn, loss reported) or the
        // menu of more journeys: this resident is done
        await screen.emit('session.command', { command: 'finish' });
    }
  }
}

/**
 * The fee screen: from the account, or by QR (the resident scans the code on screen and pays on
 * the phone: the simulated provider's order paid), by the ways the region takes.
 */
async function payFee(screen: Screen, view: SessionView, qr: boolean): Promise<void> {
  const details = (view as SessionViewWithDetails).details;
  const offered: readonly FeeMethod[] =
    details?.kind === 'issueCard' ? (details.feeMethods ?? ['qr', 'account']) : ['qr', 'account'];
  const method: FeeMethod = offered.includes(qr ? 'qr' : 'account') ? (qr ? 'qr' : 'account') : offered[0]!;
  await screen.emit('session.payFee', { method });
  if (method !== 'qr') return;
  await screen.until(() => (screen.demo?.payment?.pending ? true : undefined), 'the QR fee order');
  await screen.emit('demo.payment', { action: 'pay' });
}
